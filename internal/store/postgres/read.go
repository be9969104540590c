package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/spintrace/spintrace"
)

// docColumns are the columns scanDoc reads, in order.
const docColumns = `ref, id, origin, url, site, title, byline, published, lang, text, copies`

// scanDoc reads one row of docColumns.
func scanDoc(row pgx.CollectableRow) (spintrace.Ref, spintrace.Doc, error) {
	var d spintrace.Doc
	var ref int64
	var pub *time.Time
	err := row.Scan(&ref, &d.ID, &d.Origin, &d.URL, &d.Site, &d.Title, &d.Byline, &pub, &d.Lang, &d.Text, &d.Copies)
	if err != nil {
		return 0, d, fmt.Errorf("read document row: %w", err)
	}
	if pub != nil {
		d.Published = pub.UTC()
	}
	return spintrace.Ref(ref), d, nil
}

// Get implements spintrace.Store.
func (db *DB) Get(ctx context.Context, id string) (spintrace.Doc, error) {
	if err := db.check(); err != nil {
		return spintrace.Doc{}, err
	}
	rows, _ := db.pool.Query(ctx, `SELECT `+docColumns+` FROM documents WHERE id = $1`, id)
	d, err := pgx.CollectExactlyOneRow(rows, func(row pgx.CollectableRow) (spintrace.Doc, error) {
		_, d, err := scanDoc(row)
		return d, err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return d, fmt.Errorf("document %s: %w", id, spintrace.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("postgres store: get %s: %w", id, err)
	}
	return d, nil
}

// Resolve implements spintrace.Store: one query for all refs.
func (db *DB) Resolve(ctx context.Context, refs []spintrace.Ref) ([]spintrace.Doc, error) {
	if err := db.check(); err != nil {
		return nil, err
	}
	if len(refs) == 0 {
		return []spintrace.Doc{}, nil
	}
	keys := make([]int64, len(refs))
	for i, r := range refs {
		keys[i] = int64(r)
	}
	byRef := make(map[spintrace.Ref]spintrace.Doc, len(refs))
	rows, _ := db.pool.Query(ctx, `SELECT `+docColumns+` FROM documents WHERE ref = ANY($1)`, keys)
	_, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (struct{}, error) {
		r, d, err := scanDoc(row)
		byRef[r] = d
		return struct{}{}, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres store: resolve %d refs: %w", len(refs), err)
	}
	out := make([]spintrace.Doc, len(refs))
	for i, r := range refs {
		d, ok := byRef[r]
		if !ok {
			return nil, fmt.Errorf("ref %d: %w", r, spintrace.ErrNotFound)
		}
		out[i] = d
	}
	return out, nil
}

// HasOrigin implements spintrace.Store.
func (db *DB) HasOrigin(ctx context.Context, origin string) (string, bool, error) {
	if err := db.check(); err != nil {
		return "", false, err
	}
	var id string
	err := db.pool.QueryRow(ctx, `SELECT id FROM origins WHERE origin = $1`, origin).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("postgres store: look up origin %q: %w", origin, err)
	}
	return id, true, nil
}

// postingsChunk bounds the hashes of one postings query, so that the rows
// of one query stay in memory comfortably.
const postingsChunk = 4096

// postingsLateral reads at most $2 refs (NULL: all) of every hash in $1,
// one index range scan per hash (the LATERAL subquery), ordered by hash,
// ref.
const postingsLateral = `SELECT h.hash, p.ref
	FROM unnest($1::bigint[]) AS h(hash)
	CROSS JOIN LATERAL (
		SELECT ref FROM postings WHERE postings.hash = h.hash ORDER BY ref LIMIT $2
	) AS p
	ORDER BY h.hash, p.ref`

// postingsWindow is postingsLateral in the form Citus pushes down to the
// shards: the window is partitioned by the distribution column.
const postingsWindow = `SELECT hash, ref FROM (
		SELECT hash, ref, row_number() OVER (PARTITION BY hash ORDER BY ref) AS n
		FROM postings WHERE hash = ANY($1::bigint[])
	) AS s
	WHERE $2::bigint IS NULL OR n <= $2
	ORDER BY hash, ref`

// Postings implements spintrace.Store. Each chunk of hashes is one query;
// its rows are read completely before fn is called, so fn may use the
// store.
func (db *DB) Postings(ctx context.Context, hashes []uint64, limit int, fn func(uint64, []spintrace.Ref) error) error {
	if err := db.check(); err != nil {
		return err
	}
	var lim *int64
	if limit > 0 {
		l := int64(limit) + 1
		lim = &l
	}
	uniq := slices.Clone(hashes)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	for start := 0; start < len(uniq); start += postingsChunk {
		chunk := uniq[start:min(start+postingsChunk, len(uniq))]
		keys := make([]int64, len(chunk))
		for i, h := range chunk {
			keys[i] = int64(h)
		}
		type group struct {
			hash       uint64
			start, end int // refs in all
		}
		var groups []group
		var all []spintrace.Ref
		rows, _ := db.pool.Query(ctx, db.postings, keys, lim)
		var h, r int64
		_, err := pgx.ForEachRow(rows, []any{&h, &r}, func() error {
			if n := len(groups); n == 0 || groups[n-1].hash != uint64(h) {
				groups = append(groups, group{hash: uint64(h), start: len(all)})
			}
			all = append(all, spintrace.Ref(r))
			groups[len(groups)-1].end = len(all)
			return nil
		})
		if err != nil {
			return fmt.Errorf("postgres store: read postings of %d hashes: %w", len(chunk), err)
		}
		for _, g := range groups {
			if err := fn(g.hash, all[g.start:g.end:g.end]); err != nil {
				return err
			}
		}
	}
	return nil
}

// scanPage is how many documents one Scan query reads.
const scanPage = 512

// Scan implements spintrace.Store. It reads pages of documents by ref and
// calls fn between queries, so no connection is held while fn runs. Refs
// are taken before a batch commits, so while other writers are storing, a
// batch with lower refs may become visible after a Scan went past them:
// resuming a Scan from a ref during ingest can miss such documents.
func (db *DB) Scan(ctx context.Context, after spintrace.Ref, fn func(spintrace.Ref, spintrace.Doc) error) error {
	type refDoc struct {
		ref spintrace.Ref
		doc spintrace.Doc
	}
	for {
		if err := db.check(); err != nil {
			return err
		}
		rows, _ := db.pool.Query(ctx, `SELECT `+docColumns+` FROM documents WHERE ref > $1 ORDER BY ref LIMIT $2`, int64(after), scanPage)
		page, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (refDoc, error) {
			r, d, err := scanDoc(row)
			return refDoc{r, d}, err
		})
		if err != nil {
			return fmt.Errorf("postgres store: scan after ref %d: %w", after, err)
		}
		for _, rd := range page {
			if err := fn(rd.ref, rd.doc); err != nil {
				return err
			}
			after = rd.ref
		}
		if len(page) < scanPage {
			return nil
		}
	}
}

// Stats implements spintrace.Store. DiskBytes is the size of the schema's
// tables with their indexes and TOAST data.
func (db *DB) Stats(ctx context.Context) (spintrace.Stats, error) {
	var st spintrace.Stats
	if err := db.check(); err != nil {
		return st, err
	}
	err := db.pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(text_size), 0)::bigint,
		(SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
		 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		 WHERE n.nspname = current_schema() AND c.relkind = 'r')
		FROM documents`).Scan(&st.Docs, &st.TextBytes, &st.DiskBytes)
	if err != nil {
		return st, fmt.Errorf("postgres store: stats: %w", err)
	}
	return st, nil
}
