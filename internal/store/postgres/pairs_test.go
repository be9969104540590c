package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/store/postgres"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
)

// pairsStore is a store whose documents 1-5 hold the given fingerprints.
func pairsStore(t *testing.T, fps [][]uint64) *postgres.DB {
	t.Helper()
	db := pgtest.Open(t)
	var entries []spintrace.Entry
	for i, fp := range fps {
		text := fmt.Sprintf("document %d", i+1)
		entries = append(entries, spintrace.Entry{Doc: spintrace.Doc{ID: spintrace.DocID(text), Origin: fmt.Sprintf("d%d", i+1), Text: text}, Fingerprints: fp})
	}
	if _, err := db.Put(context.Background(), entries); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestPairs(t *testing.T) {
	// hash 100 is in every document (too common with maxDF 4); 1<<63 is
	// stored as a negative bigint
	const common, big = 100, 1 << 63
	db := pairsStore(t, [][]uint64{
		{common, 1, 2, 3, big},
		{common, 1, 2, 3, 7},
		{common, 1, 2, big, 9},
		{common, 7, 8},
		{common, 8, 9},
	})
	ctx := context.Background()
	pairs := func(after spintrace.Ref, minShared, maxDF int) map[spintrace.Ref][]spintrace.Ref {
		t.Helper()
		got := map[spintrace.Ref][]spintrace.Ref{}
		var prev spintrace.Ref
		err := db.Pairs(ctx, after, minShared, maxDF, func(a spintrace.Ref, cands []spintrace.Ref) error {
			if a <= prev {
				t.Errorf("article %d after %d: not in ref order", a, prev)
			}
			prev = a
			got[a] = append([]spintrace.Ref(nil), cands...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, tc := range []struct {
		after            spintrace.Ref
		minShared, maxDF int
		want             map[spintrace.Ref][]spintrace.Ref
	}{
		// shared without hash 100: 1-2: 3, 1-3: 3, 2-3: 2, 2-4: 1, 3-5: 1, 4-5: 1
		{0, 2, 4, map[spintrace.Ref][]spintrace.Ref{1: {2, 3}, 2: {1, 3}, 3: {1, 2}}},
		{0, 1, 4, map[spintrace.Ref][]spintrace.Ref{1: {2, 3}, 2: {1, 3, 4}, 3: {1, 2, 5}, 4: {2, 5}, 5: {3, 4}}},
		// with hash 100: every pair shares one more
		{0, 3, 0, map[spintrace.Ref][]spintrace.Ref{1: {2, 3}, 2: {1, 3}, 3: {1, 2}}},
		{2, 2, 4, map[spintrace.Ref][]spintrace.Ref{3: {1, 2}}},
	} {
		got := pairs(tc.after, tc.minShared, tc.maxDF)
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("after %d, min %d, maxDF %d (-want +got):\n%s", tc.after, tc.minShared, tc.maxDF, d)
		}
	}
	// ranked by shared count, then by ref
	got := pairs(0, 1, 0)
	if d := cmp.Diff([]spintrace.Ref{1, 3, 4, 5}, got[2]); d != "" {
		t.Errorf("ranking of document 2 (-want +got):\n%s", d)
	}
	// an error from fn stops the stream and is returned as it is
	stop := fmt.Errorf("stop")
	if err := db.Pairs(ctx, 0, 1, 0, func(spintrace.Ref, []spintrace.Ref) error { return stop }); err != stop {
		t.Errorf("Pairs returned %v, want fn's error", err)
	}
}

// TestPairsPlan checks that PostgreSQL runs the candidate join as a merge
// or hash join over the postings, not as a nested loop probing the index
// per row, on a postings table of realistic shape: 200,000 rows for
// 2,000 documents, most hashes held by one document, some by many.
func TestPairsPlan(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large table")
	}
	url := pgtest.URL(t)
	schema := pgtest.Schema(t, url)
	ctx := context.Background()
	db, err := postgres.Open(ctx, url, postgres.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{
		`SET search_path = ` + pgx.Identifier{schema}.Sanitize(),
		// 100 fingerprints per document: hash = a document-specific value
		// for 90 of them, one of 2,000 shared values for 10
		`INSERT INTO postings (hash, ref)
		 SELECT CASE WHEN k < 90 THEN r * 1000 + k ELSE -(((r * 7 + k * 13) % 2000) + 1) END, r
		 FROM generate_series(1, 2000) AS r, generate_series(0, 99) AS k
		 ON CONFLICT DO NOTHING`,
		`ANALYZE postings`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	rows, _ := conn.Query(ctx, `EXPLAIN `+postgres.PairsQuery, int64(0), int64(2), int64(5000))
	plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan, "\n")
	if strings.Contains(text, "Nested Loop") || !strings.Contains(text, "Merge Join") && !strings.Contains(text, "Hash Join") {
		t.Errorf("the candidate join is not a merge or hash join:\n%s", text)
	}
	t.Logf("plan:\n%s", text)
}
