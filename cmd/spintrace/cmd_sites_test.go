package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spingen"
	"github.com/spintrace/spintrace/internal/sample"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
)

// farmCorpus writes the sample corpus plus a content farm that spins and
// stitches its articles and a wire service that reprints two verbatim
// (with a credit line: identical texts are one document), all
// dated after their sources, and indexes it.
func farmCorpus(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := sample.WriteDir(corpus); err != nil {
		t.Fatal(err)
	}
	writeFarm(t, corpus)
	db = filepath.Join(dir, "db")
	if _, stderr, code := run(t, "index", "--db", db, "-q", corpus); code != 0 {
		t.Fatalf("index failed (%d): %s", code, stderr)
	}
	return dir, db
}

// writeFarm writes farmCorpus's farm and wire articles into dir.
func writeFarm(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	arts := sample.Articles()
	rng := rand.New(rand.NewSource(7))
	write := func(name, site string, date time.Time, text string) {
		body := fmt.Sprintf("---\ntitle: %s\nsite: %s\nurl: https://%s/%s\ndate: %s\n---\n\n%s\n",
			name, site, site, name, date.Format(time.DateOnly), text)
		if err := os.WriteFile(filepath.Join(dir, name+".md"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	latest := func(ds ...spintrace.Doc) time.Time {
		var l time.Time
		for _, d := range ds {
			if d.Published.After(l) {
				l = d.Published
			}
		}
		return l.AddDate(0, 0, 1)
	}
	for i := 0; i < 4; i++ {
		srcs := []spintrace.Doc{arts[i*3], arts[i*3+10], arts[i*3+20]}
		o := spingen.Options{SubstRate: 0.3, Sources: 1 + 2*(i%2), EntityRenames: true, Shuffle: i%2 == 1}
		d := spingen.Derive(rng, srcs, o)
		write(fmt.Sprintf("farm-%d", i), "spin-farm.example", latest(srcs[:o.Sources]...), d.Doc.Text)
	}
	for i, a := range []spintrace.Doc{arts[5], arts[25]} {
		write(fmt.Sprintf("wire-%d", i), "wire-reprints.example", latest(a), a.Text+"\n\nThis story was first published by "+a.Site+".")
	}
}

// TestCorpusIncremental: cluster saves its analysis; after more documents
// are indexed, cluster and sites trace only those, and report what a full
// run reports. On PostgreSQL the candidates come from the join.
func TestCorpusIncremental(t *testing.T) {
	t.Run("store=pebble", func(t *testing.T) {
		corpusIncremental(t, filepath.Join(t.TempDir(), "db"))
	})
	t.Run("store=postgres", func(t *testing.T) {
		url := pgtest.URL(t)
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		corpusIncremental(t, url+sep+"search_path="+pgtest.Schema(t, url))
	})
}

func corpusIncremental(t *testing.T, db string) {
	dir := t.TempDir()
	outlets, farm := filepath.Join(dir, "outlets"), filepath.Join(dir, "farm")
	if err := sample.WriteDir(outlets); err != nil {
		t.Fatal(err)
	}
	writeFarm(t, farm)
	index := func(d string) {
		t.Helper()
		if _, stderr, code := run(t, "index", "--db", db, "-q", d); code != 0 {
			t.Fatalf("index %s failed (%d): %s", d, code, stderr)
		}
	}
	traced := func(args ...string) (string, string) {
		t.Helper()
		out, stderr, code := run(t, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
		var n, kept int
		for _, line := range strings.Split(stderr, "\n") {
			if _, err := fmt.Sscanf(line, "traced %d document(s), %d kept from the saved analysis", &n, &kept); err == nil {
				return out, fmt.Sprintf("traced %d, kept %d", n, kept)
			}
		}
		t.Fatalf("%v: no stats line in %q", args, stderr)
		return "", ""
	}
	index(outlets)
	outletDocs := len(sample.Articles())
	if _, got := traced("cluster"); got != fmt.Sprintf("traced %d, kept 0", outletDocs) {
		t.Errorf("first run: %s", got)
	}
	if _, got := traced("cluster"); got != fmt.Sprintf("traced 0, kept %d", outletDocs) {
		t.Errorf("run on an unchanged index: %s", got)
	}
	index(farm)
	incr, got := traced("cluster")
	if got != fmt.Sprintf("traced 6, kept %d", outletDocs) {
		t.Errorf("run after indexing 6 more: %s", got)
	}
	sites, _ := traced("sites")
	full, got := traced("cluster", "--full")
	if got != fmt.Sprintf("traced %d, kept 0", outletDocs+6) {
		t.Errorf("--full: %s", got)
	}
	if !strings.Contains(full, "spin-farm.example") {
		t.Fatalf("the farm is in no cluster: the case does not test joining clusters:\n%s", full)
	}
	if d := cmp.Diff(full, incr); d != "" {
		t.Errorf("cluster (-full +incremental):\n%s", d)
	}
	fullSites, _ := traced("sites", "--full")
	if d := cmp.Diff(fullSites, sites); d != "" {
		t.Errorf("sites (-full +incremental):\n%s", d)
	}
}

// TestGoldenCorpusReports pins the sites and cluster reports over the
// sample corpus, whose farm sites copy, spin and stitch from its outlets.
func TestGoldenCorpusReports(t *testing.T) {
	dir, db := farmCorpus(t)
	clean := func(s string) string { return strings.ReplaceAll(s, dir, "$DIR") }

	out, stderr, code := run(t, "sites", "--db", db, "-q")
	if code != 0 {
		t.Fatalf("sites: %s", stderr)
	}
	golden(t, "sites.txt", clean(out))

	out, stderr, code = run(t, "sites", "--db", db, "-q", "--json")
	if code != 0 {
		t.Fatalf("sites --json: %s", stderr)
	}
	var rep struct {
		Version int `json:"version"`
		Sites   []struct {
			Site  string  `json:"site"`
			Score float64 `json:"score"`
		} `json:"sites"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if rep.Version != 1 || len(rep.Sites) == 0 {
		t.Fatalf("sites JSON: version %d, %d sites", rep.Version, len(rep.Sites))
	}
	golden(t, "sites.json", clean(out))

	out, stderr, code = run(t, "sites", "--db", db, "-q", "--site", rep.Sites[0].Site)
	if code != 0 {
		t.Fatalf("sites --site: %s", stderr)
	}
	if !strings.Contains(out, "evidence:") {
		t.Errorf("sites --site shows no evidence:\n%s", out)
	}

	out, stderr, code = run(t, "cluster", "--db", db, "-q", "--min-size", "2")
	if code != 0 {
		t.Fatalf("cluster: %s", stderr)
	}
	golden(t, "cluster.txt", clean(out))
}

func TestCorpusCommandErrors(t *testing.T) {
	_, db := indexedSample(t)
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"sites", "--db", db, "-q", "--json", "--csv"}, exitUsage},
		{[]string{"sites", "--db", db, "-q", "--site", "nowhere.example"}, exitFailure},
		{[]string{"cluster", "--db", db, "-q", "--min-size", "1"}, exitUsage},
		{[]string{"cluster", "--db", db, "extra"}, exitUsage},
	} {
		if _, stderr, code := run(t, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, stderr)
		}
	}
}

func TestEvalSitesUsage(t *testing.T) {
	if _, stderr, code := run(t, "eval", "sites"); code != exitUsage {
		t.Errorf("eval sites without --corpus: exit %d, want %d (%s)", code, exitUsage, stderr)
	}
}
