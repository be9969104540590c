package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/store/postgres"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
	"github.com/spintrace/spintrace/internal/store/storetest"
)

// TestConformance runs the store suite, each subtest in a schema of its own,
// with both postings queries (the single-server one and the Citus one).
func TestConformance(t *testing.T) {
	for _, window := range []bool{false, true} {
		t.Run(fmt.Sprintf("window=%t", window), func(t *testing.T) {
			t.Parallel()
			conformance(t, postgres.Options{WindowPostings: window})
		})
	}
}

func conformance(t *testing.T, o postgres.Options) {
	url := pgtest.URL(t)
	schemas := map[spintrace.Store]string{}
	var mu sync.Mutex
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T) spintrace.Store {
			o.Schema = pgtest.Schema(t, url)
			db, err := postgres.Open(t.Context(), url, o)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			mu.Lock()
			schemas[db] = o.Schema
			mu.Unlock()
			return db
		},
		Reopen: func(t *testing.T, s spintrace.Store) spintrace.Store {
			mu.Lock()
			schema := schemas[s]
			mu.Unlock()
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			o.Schema = schema
			db, err := postgres.Open(t.Context(), url, o)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			return db
		},
	})
}

// TestMigrationsIdempotent opens one schema several times, also at once:
// the migrations run once and the data survives.
func TestMigrationsIdempotent(t *testing.T) {
	url := pgtest.URL(t)
	schema := pgtest.Schema(t, url)
	ctx := t.Context()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	dbs := make([]*postgres.DB, 4)
	for i := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = postgres.Open(ctx, url, postgres.Options{Schema: schema})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("concurrent Open %d: %v", i, err)
		}
		defer dbs[i].Close()
	}
	d := spintrace.Doc{ID: spintrace.DocID("kept"), Text: "kept", Origin: "/kept"}
	if _, err := dbs[0].Put(ctx, []spintrace.Entry{{Doc: d, Fingerprints: []uint64{1}}}); err != nil {
		t.Fatal(err)
	}
	again, err := postgres.Open(ctx, url, postgres.Options{Schema: schema})
	if err != nil {
		t.Fatalf("Open of a migrated schema: %v", err)
	}
	defer again.Close()
	if _, err := again.Get(ctx, d.ID); err != nil {
		t.Errorf("Get after reopen: %v", err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, _ := conn.Query(ctx, `SELECT version FROM `+pgx.Identifier{schema, "schema_version"}.Sanitize()+` ORDER BY version`)
	versions, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	for v := 1; v <= postgres.SchemaVersion(); v++ {
		want = append(want, v)
	}
	if diff := cmp.Diff(want, versions); diff != "" {
		t.Errorf("schema_version rows (-want +got):\n%s", diff)
	}

	// A schema written by a newer build is refused.
	if _, err := conn.Exec(ctx, `INSERT INTO `+pgx.Identifier{schema, "schema_version"}.Sanitize()+` (version, name) VALUES ($1, 'future')`, postgres.SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	if db, err := postgres.Open(ctx, url, postgres.Options{Schema: schema}); !errors.Is(err, spintrace.ErrIncompatible) {
		if err == nil {
			db.Close()
		}
		t.Errorf("Open of a newer schema = %v, want ErrIncompatible", err)
	}
}

// TestSearchPathSchema selects the schema through the URL.
func TestSearchPathSchema(t *testing.T) {
	url := pgtest.URL(t)
	schema := pgtest.Schema(t, url)
	db, err := postgres.Open(t.Context(), url+"&search_path="+schema, postgres.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	if db.Schema() != schema {
		t.Errorf("Schema() = %q, want %q", db.Schema(), schema)
	}
	if err := db.SetMeta(t.Context(), "k", "v"); err != nil {
		t.Fatal(err)
	}
	other, err := postgres.Open(t.Context(), url, postgres.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if v, ok, err := other.Meta(t.Context(), "k"); err != nil || !ok || v != "v" {
		t.Errorf("Meta through Options.Schema = %q, %v, %v", v, ok, err)
	}
}

// TestConcurrentWriters stores the same documents from two DB handles (two
// workers) at once, many times over: each document is stored once, with
// its postings once, and every Put reports each entry exactly once.
func TestConcurrentWriters(t *testing.T) {
	url := pgtest.URL(t)
	schema := pgtest.Schema(t, url)
	ctx := t.Context()
	var dbs [2]*postgres.DB
	for i := range dbs {
		db, err := postgres.Open(ctx, url, postgres.Options{Schema: schema})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	const docs, batch = 120, 8
	var entries []spintrace.Entry
	for i := range docs {
		text := fmt.Sprintf("document number %d of the shared batch", i)
		entries = append(entries, spintrace.Entry{
			Doc:          spintrace.Doc{ID: spintrace.DocID(text), Origin: fmt.Sprint("/shared/", i), Text: text},
			Fingerprints: []uint64{uint64(i), 1 << 40},
		})
	}
	var wg sync.WaitGroup
	stats := make([][]spintrace.PutStats, 4)
	errs := make([]error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := dbs[w%2]
			for start := 0; start < docs; start += batch {
				// writers go through the batches in different orders
				s := start
				if w%2 == 1 {
					s = docs - batch - start
				}
				st, err := db.Put(ctx, entries[s:s+batch])
				if err != nil {
					errs[w] = err
					return
				}
				stats[w] = append(stats[w], st)
			}
		}()
	}
	wg.Wait()
	var total spintrace.PutStats
	for w := range 4 {
		if errs[w] != nil {
			t.Fatalf("writer %d: %v", w, errs[w])
		}
		for _, st := range stats[w] {
			total.Added += st.Added
			total.Duplicates += st.Duplicates
			total.Unchanged += st.Unchanged
		}
	}
	if want := (spintrace.PutStats{Added: docs, Unchanged: 3 * docs}); total != want {
		t.Errorf("summed PutStats %+v, want %+v", total, want)
	}
	st, err := dbs[0].Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != docs {
		t.Errorf("Stats.Docs = %d, want %d", st.Docs, docs)
	}
	var shared []spintrace.Ref
	err = dbs[1].Postings(ctx, []uint64{1 << 40}, 0, func(_ uint64, refs []spintrace.Ref) error {
		shared = append(shared, refs...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(shared) != docs {
		t.Errorf("shared hash has %d postings, want %d", len(shared), docs)
	}
	for _, e := range entries {
		d, err := dbs[1].Get(ctx, e.Doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Copies != 1 {
			t.Errorf("%s: Copies = %d, want 1", d.ID, d.Copies)
		}
	}
}

// TestBadInput: PostgreSQL text cannot hold NUL bytes or invalid UTF-8;
// Put says so with ErrBadInput and stores nothing.
func TestBadInput(t *testing.T) {
	db := pgtest.Open(t)
	ctx := context.Background()
	good := spintrace.Doc{ID: spintrace.DocID("fine"), Text: "fine"}
	for _, text := range []string{"nul\x00byte", "bad \xff utf-8"} {
		bad := spintrace.Doc{ID: spintrace.DocID(text), Text: text}
		_, err := db.Put(ctx, []spintrace.Entry{{Doc: good}, {Doc: bad}})
		if !errors.Is(err, spintrace.ErrBadInput) {
			t.Errorf("Put(%q) = %v, want ErrBadInput", text, err)
		}
	}
	if _, err := db.Get(ctx, good.ID); !errors.Is(err, spintrace.ErrNotFound) {
		t.Errorf("Get after failed Put = %v, want ErrNotFound", err)
	}
}
