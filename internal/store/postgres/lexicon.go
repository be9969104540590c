package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/spintrace/spintrace"
)

// AddLexicon implements spintrace.Store. The pair key and the counts are
// written in one transaction; a pair key recorded already (by this or any
// other writer) adds nothing.
func (db *DB) AddLexicon(ctx context.Context, pairKey string, entries []spintrace.LexEntry) error {
	if err := db.check(); err != nil {
		return err
	}
	// Sum repeated entries: one upsert cannot touch a row twice.
	sums := map[[3]string]int64{}
	for _, e := range entries {
		sums[[3]string{e.Site, e.From, e.To}] += int64(max(e.Count, 1))
	}
	keys := make([][3]string, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [3]string) int {
		return strings.Compare(a[0]+"\x00"+a[1]+"\x00"+a[2], b[0]+"\x00"+b[1]+"\x00"+b[2])
	})
	var sites, froms, tos []string
	var counts []int64
	for _, k := range keys {
		sites, froms, tos = append(sites, k[0]), append(froms, k[1]), append(tos, k[2])
		counts = append(counts, sums[k])
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO lexicon_pairs (pair_key) VALUES ($1) ON CONFLICT DO NOTHING`, pairKey)
		if err != nil {
			return fmt.Errorf("record pair: %w", err)
		}
		if tag.RowsAffected() == 0 || len(keys) == 0 {
			return nil
		}
		_, err = tx.Exec(ctx, `INSERT INTO lexicon (site, from_word, to_word, count)
			SELECT s, f, t, c FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS u(s, f, t, c, n)
			ORDER BY n
			ON CONFLICT (site, from_word, to_word) DO UPDATE SET count = lexicon.count + excluded.count`,
			sites, froms, tos, counts)
		if err != nil {
			return fmt.Errorf("add %d entries: %w", len(keys), err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres store: add lexicon %q: %w", pairKey, err)
	}
	return nil
}

// Lexicon implements spintrace.Store. The entries are read before fn is
// first called.
func (db *DB) Lexicon(ctx context.Context, site string, fn func(spintrace.LexEntry) error) error {
	if err := db.check(); err != nil {
		return err
	}
	rows, _ := db.pool.Query(ctx, `SELECT from_word, to_word, site, count FROM lexicon
		WHERE $1 = '' OR site = $1
		ORDER BY from_word, to_word, site`, site)
	all, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (spintrace.LexEntry, error) {
		var e spintrace.LexEntry
		var n int64
		err := row.Scan(&e.From, &e.To, &e.Site, &n)
		e.Count = int(n)
		return e, err
	})
	if err != nil {
		return fmt.Errorf("postgres store: read lexicon: %w", err)
	}
	for _, e := range all {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// Meta implements spintrace.Store.
func (db *DB) Meta(ctx context.Context, key string) (string, bool, error) {
	if err := db.check(); err != nil {
		return "", false, err
	}
	var v string
	err := db.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("postgres store: read meta %q: %w", key, err)
	}
	return v, true, nil
}

// SetMeta implements spintrace.Store.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	if err := db.check(); err != nil {
		return err
	}
	_, err := db.pool.Exec(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("postgres store: set meta %q: %w", key, err)
	}
	return nil
}
