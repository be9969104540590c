package main

import (
	"encoding/json"
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spingen"
	"github.com/spintrace/spintrace/internal/sample"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/spintrace -run %s -update to create it)", err, t.Name())
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s differs (-want +got); if the change is intended, rerun with -update:\n%s", name, d)
	}
}

var timingRe = regexp.MustCompile(`(?s)"timing_ms": \{.*?\}`)

// TestGoldenTrace pins the JSON and text reports of a stitched, spun
// article traced against the sample corpus.
func TestGoldenTrace(t *testing.T) {
	dir, db := indexedSample(t)
	articles := sample.Articles()
	rng := rand.New(rand.NewSource(42))
	srcs := []spintrace.Doc{articles[3], articles[17], articles[30]}
	d := spingen.Derive(rng, srcs, spingen.Options{SubstRate: 0.3, Sources: 3, Shuffle: true, EntityRenames: true, QuoteSwaps: true, DropQuotes: true, JoinNoise: true})
	path := filepath.Join(dir, "query.txt")
	if err := os.WriteFile(path, []byte(d.Doc.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, "trace", "--db", db, "--json", "--no-learn", path)
	if code != 0 {
		t.Fatalf("trace: %s", stderr)
	}
	var res spintrace.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	clean := strings.ReplaceAll(out, dir, "$DIR")
	clean = timingRe.ReplaceAllString(clean, `"timing_ms": {}`)
	golden(t, "trace-stitched.json", clean)

	text, stderr, code := run(t, "trace", "--db", db, "--no-learn", "--color", "never", path)
	if code != 0 {
		t.Fatalf("trace: %s", stderr)
	}
	text = strings.ReplaceAll(text, dir, "$DIR")
	text = regexp.MustCompile(`aligned in [0-9.]+ ms`).ReplaceAllString(text, "aligned in N ms")
	golden(t, "trace-stitched.txt", text)
}
