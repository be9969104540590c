package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/spintrace/spintrace"
)

// stageDocs is the per-connection staging table documents are copied into
// before they are inserted, so that the insert can skip the ones stored
// meanwhile by another writer (COPY itself cannot).
const stageDocs = `CREATE TEMP TABLE IF NOT EXISTS spintrace_stage_docs (
	id text COLLATE "C", ref bigint, origin text, url text, site text,
	title text, byline text, published timestamptz, lang text, text text,
	text_size integer) ON COMMIT DELETE ROWS`

var stageColumns = []string{"id", "ref", "origin", "url", "site", "title", "byline", "published", "lang", "text", "text_size"}

// Put implements spintrace.Store. The batch is one transaction:
//
//  1. the ids of the batch that are stored already are looked up, and the
//     new ones get refs from documents_ref_seq, in batch order;
//  2. the new documents are copied (COPY) into a staging table and inserted
//     from it with ON CONFLICT (id) DO NOTHING: a document another writer
//     stored in the meantime is skipped, not stored twice;
//  3. the postings of the documents actually inserted are copied (COPY)
//     into postings; their refs are fresh, so no pair can exist already;
//  4. origins are recorded, and copies counted for the new origins of
//     documents stored before.
//
// Rows are inserted in key order so that concurrent writers take their locks
// in the same order; a deadlock or serialization failure reruns the batch.
func (db *DB) Put(ctx context.Context, entries []spintrace.Entry) (spintrace.PutStats, error) {
	var st spintrace.PutStats
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if err := db.check(); err != nil {
		return st, err
	}
	es := make([]spintrace.Entry, len(entries))
	for i, e := range entries {
		if e.Doc.ID == "" {
			e.Doc.ID = spintrace.DocID(e.Doc.Text)
		}
		if err := validDoc(e.Doc); err != nil {
			return st, err
		}
		es[i] = e
	}
	if len(es) == 0 {
		return st, nil
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		st, err = put(ctx, tx, es)
		return err
	})
	if err != nil {
		return spintrace.PutStats{}, fmt.Errorf("postgres store: put %d documents: %w", len(es), err)
	}
	return st, nil
}

// validDoc rejects what a PostgreSQL text column cannot hold.
func validDoc(d spintrace.Doc) error {
	for _, f := range []string{d.ID, d.Origin, d.URL, d.Site, d.Title, d.Byline, d.Lang, d.Text} {
		if !utf8.ValidString(f) || strings.IndexByte(f, 0) >= 0 {
			return fmt.Errorf("document %s: text is not valid UTF-8 or holds NUL bytes: %w", d.ID, spintrace.ErrBadInput)
		}
	}
	return nil
}

// put is one attempt at storing es in tx.
func put(ctx context.Context, tx pgx.Tx, es []spintrace.Entry) (spintrace.PutStats, error) {
	var st spintrace.PutStats
	// The first entry of every id, in batch order.
	first := map[string]int{}
	var ids []string
	for i, e := range es {
		if _, ok := first[e.Doc.ID]; !ok {
			first[e.Doc.ID] = i
			ids = append(ids, e.Doc.ID)
		}
	}
	stored := map[string]bool{}
	rows, _ := tx.Query(ctx, `SELECT id FROM documents WHERE id = ANY($1)`, ids)
	existing, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return st, fmt.Errorf("look up ids: %w", err)
	}
	for _, id := range existing {
		stored[id] = true
	}
	var fresh []int // indexes into es
	for _, id := range ids {
		if !stored[id] {
			fresh = append(fresh, first[id])
		}
	}
	added, err := insertDocs(ctx, tx, es, fresh)
	if err != nil {
		return st, err
	}

	// Classify every entry as the in-memory reference store does, in batch
	// order; duplicates of stored documents need to know whether their
	// origin is new, which the origins insert below tells.
	type verdict int
	const (
		isAdded verdict = iota
		isUnchanged
		isCandidate // a stored document from an origin not seen in this batch
	)
	verdicts := make([]verdict, len(es))
	claimed := map[string]bool{}
	seen := map[string]bool{} // origins recorded earlier in this batch
	upsert := map[string]string{}
	var candOrigins, candIDs []string
	for i, e := range es {
		d := e.Doc
		if _, ok := added[d.ID]; ok && !claimed[d.ID] {
			claimed[d.ID] = true
			verdicts[i] = isAdded
			if d.Origin != "" {
				upsert[d.Origin] = d.ID
				seen[d.Origin] = true
			}
			continue
		}
		if d.Origin != "" && !seen[d.Origin] {
			seen[d.Origin] = true
			verdicts[i] = isCandidate
			candOrigins = append(candOrigins, d.Origin)
			candIDs = append(candIDs, d.ID)
			continue
		}
		verdicts[i] = isUnchanged
	}
	newOrigin, err := insertOrigins(ctx, tx, candOrigins, candIDs)
	if err != nil {
		return st, err
	}
	if err := upsertOrigins(ctx, tx, upsert); err != nil {
		return st, err
	}
	copies := map[string]int{}
	for i, v := range verdicts {
		switch {
		case v == isAdded:
			st.Added++
		case v == isCandidate && newOrigin[es[i].Doc.Origin]:
			st.Duplicates++
			copies[es[i].Doc.ID]++
		default:
			st.Unchanged++
		}
	}
	if err := addCopies(ctx, tx, copies); err != nil {
		return st, err
	}
	return st, nil
}

// insertDocs stores the documents es[i] for i in fresh, with new refs in
// that order, and their postings. It returns the ids actually inserted and
// their refs; the others were stored meanwhile by another writer.
func insertDocs(ctx context.Context, tx pgx.Tx, es []spintrace.Entry, fresh []int) (map[string]int64, error) {
	added := map[string]int64{}
	if len(fresh) == 0 {
		return added, nil
	}
	rows, _ := tx.Query(ctx, `SELECT nextval('documents_ref_seq') FROM generate_series(1, $1)`, len(fresh))
	refs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("allocate refs: %w", err)
	}
	slices.Sort(refs)
	if _, err := tx.Exec(ctx, stageDocs); err != nil {
		return nil, fmt.Errorf("create staging table: %w", err)
	}
	src := make([][]any, len(fresh))
	for k, i := range fresh {
		d := es[i].Doc
		var pub *time.Time
		if !d.Published.IsZero() {
			p := d.Published.UTC()
			pub = &p
		}
		src[k] = []any{d.ID, refs[k], d.Origin, d.URL, d.Site, d.Title, d.Byline, pub, d.Lang, d.Text, len(d.Text)}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"spintrace_stage_docs"}, stageColumns, pgx.CopyFromRows(src)); err != nil {
		return nil, fmt.Errorf("copy documents: %w", err)
	}
	rows, _ = tx.Query(ctx, `INSERT INTO documents (id, ref, origin, url, site, title, byline, published, lang, text, text_size)
		SELECT id, ref, origin, url, site, title, byline, published, lang, text, text_size
		FROM spintrace_stage_docs ORDER BY id
		ON CONFLICT (id) DO NOTHING RETURNING id, ref`)
	var id string
	var ref int64
	if _, err := pgx.ForEachRow(rows, []any{&id, &ref}, func() error { added[id] = ref; return nil }); err != nil {
		return nil, fmt.Errorf("insert documents: %w", err)
	}
	var post [][]any
	for _, i := range fresh {
		d := es[i].Doc
		ref, ok := added[d.ID]
		if !ok {
			continue
		}
		fps := slices.Clone(es[i].Fingerprints)
		slices.Sort(fps)
		for j, h := range fps {
			if j == 0 || h != fps[j-1] {
				post = append(post, []any{int64(h), ref})
			}
		}
	}
	if len(post) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"postings"}, []string{"hash", "ref"}, pgx.CopyFromRows(post)); err != nil {
			return nil, fmt.Errorf("copy %d postings: %w", len(post), err)
		}
	}
	return added, nil
}

// insertOrigins records origin -> id where the origin is new and returns the
// origins it recorded.
func insertOrigins(ctx context.Context, tx pgx.Tx, origins, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(origins) == 0 {
		return out, nil
	}
	rows, _ := tx.Query(ctx, `INSERT INTO origins (origin, id)
		SELECT o, i FROM unnest($1::text[], $2::text[]) AS u(o, i) ORDER BY o COLLATE "C"
		ON CONFLICT (origin) DO NOTHING RETURNING origin`, origins, ids)
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("insert origins: %w", err)
	}
	for _, o := range got {
		out[o] = true
	}
	return out, nil
}

// upsertOrigins points each origin at the document newly stored from it.
func upsertOrigins(ctx context.Context, tx pgx.Tx, m map[string]string) error {
	if len(m) == 0 {
		return nil
	}
	origins := make([]string, 0, len(m))
	for o := range m {
		origins = append(origins, o)
	}
	slices.Sort(origins)
	ids := make([]string, len(origins))
	for i, o := range origins {
		ids[i] = m[o]
	}
	if _, err := tx.Exec(ctx, `INSERT INTO origins (origin, id)
		SELECT o, i FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(o, i, n) ORDER BY n
		ON CONFLICT (origin) DO UPDATE SET id = excluded.id`, origins, ids); err != nil {
		return fmt.Errorf("record origins: %w", err)
	}
	return nil
}

// addCopies counts the new origins of stored documents. The updates are
// single-row statements (routed to one shard on Citus), in id order.
func addCopies(ctx context.Context, tx pgx.Tx, copies map[string]int) error {
	if len(copies) == 0 {
		return nil
	}
	ids := make([]string, 0, len(copies))
	for id := range copies {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue(`UPDATE documents SET copies = copies + $2 WHERE id = $1`, id, copies[id])
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("count copies: %w", err)
	}
	return nil
}
