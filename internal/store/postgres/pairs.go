package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/spintrace/spintrace"
)

// pairsQuery is the candidate join of the corpus analysis
// (docs/scale-out.md, "Corpus analysis on PostgreSQL and Citus"): every
// document after ref $1 with every other document sharing at least $2 of
// its fingerprints, leaving out fingerprints held by more than $3
// documents (NULL: no limit) and those only one document holds.
//
// Both sides of the join are postings with their document frequency, a
// window partitioned by hash: Citus computes it on each shard, and the join
// on hash is co-located, so every worker joins its own shards; only the
// GROUP BY a.ref, b.ref is repartitioned. On one PostgreSQL server it is a
// merge join of two index-ordered scans of the primary key (checked with
// EXPLAIN in TestPairsPlan).
const pairsQuery = `SELECT a.ref, b.ref, count(*) AS shared
	FROM (SELECT hash, ref, count(*) OVER (PARTITION BY hash) AS df FROM postings) AS a
	JOIN (SELECT hash, ref FROM postings) AS b ON b.hash = a.hash AND b.ref <> a.ref
	WHERE a.ref > $1 AND a.df > 1 AND ($3::bigint IS NULL OR a.df <= $3)
	GROUP BY a.ref, b.ref
	HAVING count(*) >= $2
	ORDER BY a.ref, shared DESC, b.ref`

// Pairs calls fn for every document stored after ref `after` that shares
// at least minShared fingerprints with another document, in ref order, with
// those documents ranked by the fingerprints shared (most first, then by
// ref). Fingerprints held by more than maxDF documents (maxDF <= 0: no
// limit) are left out. Documents without such a candidate are not passed.
// Dates and superseded versions are not looked at: the caller filters.
//
// It is one query whose rows are streamed: fn runs while the query holds
// one connection of the pool, so it may use the store as long as the pool
// has another. fn must not retain candidates; an error from fn stops the
// query and is returned.
func (db *DB) Pairs(ctx context.Context, after spintrace.Ref, minShared, maxDF int, fn func(article spintrace.Ref, candidates []spintrace.Ref) error) error {
	if err := db.check(); err != nil {
		return err
	}
	var lim *int64
	if maxDF > 0 {
		l := int64(maxDF)
		lim = &l
	}
	rows, err := db.pool.Query(ctx, pairsQuery, int64(after), int64(max(minShared, 1)), lim)
	if err != nil {
		return fmt.Errorf("postgres store: candidate pairs after ref %d: %w", after, err)
	}
	var (
		cur   int64 = -1
		cands []spintrace.Ref
		a, b  int64
		n     int64
	)
	var fnErr error
	flush := func() error {
		if cur < 0 || len(cands) == 0 {
			return nil
		}
		fnErr = fn(spintrace.Ref(cur), cands)
		cands = cands[:0]
		return fnErr
	}
	_, err = pgx.ForEachRow(rows, []any{&a, &b, &n}, func() error {
		if a != cur {
			if err := flush(); err != nil {
				return err
			}
			cur = a
		}
		cands = append(cands, spintrace.Ref(b))
		return nil
	})
	if err == nil {
		err = flush()
	}
	switch {
	case fnErr != nil:
		return fnErr
	case err != nil:
		return fmt.Errorf("postgres store: candidate pairs after ref %d: %w", after, err)
	}
	return nil
}
