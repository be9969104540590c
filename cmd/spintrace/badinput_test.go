package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
	"github.com/spintrace/spintrace/internal/store/pebble"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func docCount(t *testing.T, db string) int64 {
	t.Helper()
	st, err := pebble.Open(context.Background(), db, pebble.Options{})
	if err != nil {
		t.Fatalf("store %s unusable: %v", db, err)
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Docs
}

func TestBadInputIndex(t *testing.T) {
	dir, db := indexedSample(t)
	before := docCount(t, db)
	bad := filepath.Join(dir, "bad")
	writeFile(t, filepath.Join(bad, "binary.txt"), []byte("\x00\x01\x02ELF\x00\x00garbage\x00"))
	writeFile(t, filepath.Join(bad, "empty.txt"), nil)
	writeFile(t, filepath.Join(bad, "latin1.txt"), []byte("Caf\xe9 owners in S\xe3o Paulo said prices rose."))
	writeFile(t, filepath.Join(bad, "good.txt"), []byte("A short but valid article about a new bridge opening in the harbor district."))
	cases := []struct {
		name  string
		args  []string
		code  int
		wants []string // substrings of stderr+stdout
	}{
		{"missing file", []string{"index", "--db", db, filepath.Join(dir, "nope.txt")}, exitFailure, []string{"nope.txt"}},
		{"bad files in a directory", []string{"index", "--db", db, "-q", bad}, exitFailure, []string{"binary.txt", "empty.txt"}},
		{"no arguments", []string{"index", "--db", db}, exitUsage, []string{"arg"}},
		{"unknown flag", []string{"index", "--frobnicate", bad}, exitUsage, []string{"frobnicate"}},
	}
	for _, c := range cases {
		out, stderr, code := run(t, c.args...)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d\n%s%s", c.name, code, c.code, out, stderr)
		}
		for _, w := range c.wants {
			if !strings.Contains(out+stderr, w) {
				t.Errorf("%s: output does not name %q:\n%s%s", c.name, w, out, stderr)
			}
		}
	}
	// the good and the re-encoded files were stored, nothing was lost
	if got := docCount(t, db); got != before+2 {
		t.Errorf("docs %d, want %d (+ good.txt and latin1.txt)", got, before+2)
	}
}

func TestBadInputTrace(t *testing.T) {
	dir, db := indexedSample(t)
	empty := filepath.Join(dir, "empty.txt")
	writeFile(t, empty, []byte("  \n\n "))
	binary := filepath.Join(dir, "bin.txt")
	writeFile(t, binary, []byte("\x00\x00\x00\x01\x02"))
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing", []string{"trace", "--db", db, filepath.Join(dir, "missing.txt")}, exitFailure, "missing.txt"},
		{"empty", []string{"trace", "--db", db, empty}, exitFailure, "empty.txt"},
		{"binary", []string{"trace", "--db", db, binary}, exitFailure, "bin.txt"},
		{"two files", []string{"trace", "--db", db, empty, binary}, exitUsage, "arg"},
		{"bad color", []string{"trace", "--db", db, "--color", "pink", empty}, exitUsage, "pink"},
	} {
		out, stderr, code := run(t, c.args...)
		if code != c.code || !strings.Contains(out+stderr, c.want) {
			t.Errorf("%s: exit %d (want %d), output %q should name %q", c.name, code, c.code, out+stderr, c.want)
		}
	}
}

func TestBadStore(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	writeFile(t, article, []byte("Some article text about the harbor strike and the new deal."))
	// a directory of other files is not a store and is left alone
	notStore := filepath.Join(dir, "photos")
	writeFile(t, filepath.Join(notStore, "cat.jpg"), []byte("jpeg bytes"))
	_, stderr, code := run(t, "index", "--db", notStore, article)
	if code != exitFailure || !strings.Contains(stderr, notStore) {
		t.Errorf("non-store dir: exit %d, %s", code, stderr)
	}
	if data, err := os.ReadFile(filepath.Join(notStore, "cat.jpg")); err != nil || string(data) != "jpeg bytes" {
		t.Errorf("non-store dir was touched: %v", err)
	}
	// a locked store
	db := filepath.Join(dir, "db")
	st, err := pebble.Open(context.Background(), db, pebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, "index", "--db", db, article)
	st.Close()
	if code != exitFailure || !strings.Contains(strings.ToLower(stderr), "lock") {
		t.Errorf("locked store: exit %d, %s", code, stderr)
	}
	// once unlocked it works
	if _, stderr, code := run(t, "index", "--db", db, "-q", article); code != 0 {
		t.Errorf("after unlock: %s", stderr)
	}
}

func TestReindexAddsNothing(t *testing.T) {
	dir, db := indexedSample(t)
	before := docCount(t, db)
	out, stderr, code := run(t, "index", "--db", db, "-q", filepath.Join(dir, "corpus"))
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(out, "0 added") || docCount(t, db) != before {
		t.Errorf("re-index changed the store: %s", out)
	}
}

// TestInterruptedIndexResumes cancels an index run part-way, checks the
// store is usable, and re-runs it to completion.
func TestInterruptedIndexResumes(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	const n = 1500
	err := synth.Corpus(7, n, func(i int, d spintrace.Doc) error {
		writeFile(t, filepath.Join(corpus, fmt.Sprintf("a%04d.txt", i)), []byte(d.Text))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "db")
	ctx, cancel := context.WithCancel(context.Background())
	indexItemHook = func(k int) {
		if k == n/2 {
			cancel()
		}
	}
	defer func() { indexItemHook = nil }()
	o := indexOptions{db: db, quiet: true}
	o.ingest.Format = "auto"
	err = runIndex(ctx, o, []string{corpus}, io.Discard, io.Discard)
	indexItemHook = nil
	if err == nil {
		t.Fatal("interrupted run reported success")
	}
	partial := docCount(t, db)
	if partial == 0 || partial >= n {
		t.Logf("interrupted run stored %d of %d documents", partial, n)
	}
	if err := runIndex(context.Background(), o, []string{corpus}, io.Discard, io.Discard); err != nil {
		t.Fatalf("resumed run: %v", err)
	}
	if got := docCount(t, db); got != n {
		t.Errorf("after resuming: %d docs, want %d", got, n)
	}
}
