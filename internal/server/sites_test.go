package server

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spintrace/spintrace"
	corp "github.com/spintrace/spintrace/internal/corpus"
)

// stuckCorpusTracer never finishes a trace before release is closed.
func stuckCorpusTracer(release chan struct{}) corp.Tracer {
	return func(ctx context.Context, _ spintrace.Store, _ spintrace.Doc) (*spintrace.Result, error) {
		<-release
		return nil, errors.New("released")
	}
}

// spunEnergy is the energy story rewritten with synonyms: a spun copy.
func spunEnergy() string {
	r := strings.NewReplacer(
		"agreed", "consented", "extend", "prolong", "announced", "declared",
		"agreement", "accord", "running", "operating", "sharp", "steep",
		"warned", "cautioned", "deepens", "increases",
	)
	return r.Replace(strings.Join(srcEnergy, " "))
}

// farmCorpus holds a source on eastwire.example, its spun copy a day later
// on farm.example, and an unrelated story on a third site.
func farmCorpus() []spintrace.Doc {
	spun := testDoc("energy-copy", "farm.example", 3, nil)
	spun.Text = spunEnergy()
	return []spintrace.Doc{
		testDoc("energy", "eastwire.example", 2, srcEnergy),
		spun,
		testDoc("drought", "farm-journal.example", 5, srcOther),
	}
}

func TestSitesAPI(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true, docs: farmCorpus()})
	var got sitesResponse
	f.getJSON(t, "/api/v1/sites", &got)
	if got.Version != corp.Version {
		t.Errorf("version %d, want %d", got.Version, corp.Version)
	}
	scores := map[string]corp.SiteScore{}
	for _, s := range got.Sites {
		scores[s.Site] = s
	}
	farm, okFarm := scores["farm.example"]
	src, okSrc := scores["eastwire.example"]
	if !okFarm || !okSrc {
		t.Fatalf("sites %v lack farm.example or eastwire.example", slices.Collect(func(yield func(string) bool) {
			for k := range scores {
				if !yield(k) {
					return
				}
			}
		}))
	}
	if farm.Score <= src.Score {
		t.Errorf("farm.example scores %.3f, not above its source eastwire.example (%.3f)", farm.Score, src.Score)
	}
	if farm.Spun != 1 || len(farm.Substitutions) == 0 {
		t.Errorf("farm.example: %d spun, swaps %+v; want its copy spun with swaps", farm.Spun, farm.Substitutions)
	}
	if farm.Original != 0 || src.Original != 1 {
		t.Errorf("originals: farm %d (want 0), eastwire %d (want 1)", farm.Original, src.Original)
	}
	if len(farm.TakesFrom) == 0 || farm.TakesFrom[0].Site != "eastwire.example" {
		t.Errorf("farm.example takes from %+v, want eastwire.example first", farm.TakesFrom)
	}
	if got.Sites[0].Site != "farm.example" {
		t.Errorf("first site %q, want farm.example (highest score)", got.Sites[0].Site)
	}

	var one siteResponse
	f.getJSON(t, "/api/v1/sites/FARM.example", &one)
	if one.Site.Site != "farm.example" || one.Site.Score != farm.Score || len(one.Site.Evidence) == 0 {
		t.Errorf("GET /api/v1/sites/FARM.example = %+v, want farm.example's score with evidence", one.Site)
	}
	code, ctype, body := f.do(t, "GET", "/api/v1/sites/nowhere.example", "", nil)
	if code != http.StatusNotFound || errorCode(t, ctype, body) != CodeNotFound {
		t.Errorf("unknown site: status %d, body %s; want 404 not_found", code, body)
	}

	var cl clustersResponse
	f.getJSON(t, "/api/v1/clusters?min_size=2", &cl)
	if cl.Docs != 3 {
		t.Errorf("docs %d, want 3", cl.Docs)
	}
	srcID, copyID := spintrace.DocID(strings.Join(srcEnergy, " ")), spintrace.DocID(spunEnergy())
	found := false
	for _, c := range cl.Clusters {
		ids := []string{}
		for _, m := range c.Members {
			ids = append(ids, m.Doc.ID)
		}
		if slices.Contains(ids, srcID) && slices.Contains(ids, copyID) {
			found = true
			if c.Earliest == nil || c.Earliest.ID != srcID {
				t.Errorf("cluster earliest %+v, want the source %s", c.Earliest, srcID)
			}
		}
	}
	if !found {
		t.Errorf("no cluster holds both the source and its spun copy: %+v", cl.Clusters)
	}
	f.getJSON(t, "/api/v1/clusters?min_size=3", &cl)
	if len(cl.Clusters) != 0 {
		t.Errorf("min_size=3: %d clusters, want none", len(cl.Clusters))
	}
	for _, q := range []string{"1", "x", "-2"} {
		code, ctype, body := f.do(t, "GET", "/api/v1/clusters?min_size="+q, "", nil)
		if code != http.StatusBadRequest || errorCode(t, ctype, body) != CodeBadRequest {
			t.Errorf("min_size=%s: status %d, want 400 bad_request", q, code)
		}
	}
}

// TestSitesRecomputedAfterAdd: the cached analysis is dropped when
// documents are added.
func TestSitesRecomputedAfterAdd(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true, docs: farmCorpus()})
	var before sitesResponse
	f.getJSON(t, "/api/v1/sites", &before)
	if len(before.Sites) != 3 {
		t.Fatalf("%d sites before the addition, want 3", len(before.Sites))
	}
	var added addResponse
	f.postJSON(t, "/api/v1/documents", docInput{Text: strings.Join(srcRail, " "), URL: "https://valley-courier.example/rail", Published: "2026-04-06"}, &added)
	if added.Added != 1 {
		t.Fatalf("added %d, want 1", added.Added)
	}
	var after sitesResponse
	f.getJSON(t, "/api/v1/sites", &after)
	if !slices.ContainsFunc(after.Sites, func(s corp.SiteScore) bool { return s.Site == "valley-courier.example" }) {
		t.Errorf("sites after the addition %+v lack valley-courier.example", after.Sites)
	}
	code, _, _ := f.do(t, "GET", "/api/v1/sites/valley-courier.example", "", nil)
	if code != http.StatusOK {
		t.Errorf("GET the added site: status %d, want 200", code)
	}
}

// TestSitesIncrementalAfterAdd: after an addition, the next analysis
// starts from the cached one and traces only the added document.
func TestSitesIncrementalAfterAdd(t *testing.T) {
	f, ct := countingFixture(t)
	var before, after clustersResponse
	f.getJSON(t, "/api/v1/clusters", &before)
	var added addResponse
	f.postJSON(t, "/api/v1/documents", docInput{Text: strings.Join(srcRail, " "), URL: "https://valley-courier.example/rail", Published: "2026-04-06"}, &added)
	if added.Added != 1 {
		t.Fatalf("added %d, want 1", added.Added)
	}
	f.getJSON(t, "/api/v1/clusters", &after)
	ct.mu.Lock()
	defer ct.mu.Unlock()
	if want := len(farmCorpus()) + 1; ct.n != want {
		t.Errorf("%d traces over two analyses, want %d (the added document only, the second time)", ct.n, want)
	}
	if after.Docs != before.Docs+1 {
		t.Errorf("%d documents after the addition, want %d", after.Docs, before.Docs+1)
	}
}

// countingFixture serves the farm corpus with a corpus tracer that counts
// its traces.
func countingFixture(t *testing.T) (*fixture, *countingTracer) {
	ct := &countingTracer{}
	var f *fixture
	f = newFixture(t, fixtureOptions{mem: true, docs: farmCorpus(), config: func(c *Config) {
		c.CorpusTracer = func(ctx context.Context, st spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
			return ct.tracer(f.srv.defaultCorpusTracer())(ctx, st, d)
		}
	}})
	return f, ct
}

// countingTracer counts traces and wraps the default engine.
type countingTracer struct {
	mu sync.Mutex
	n  int
}

func (c *countingTracer) tracer(inner corp.Tracer) corp.Tracer {
	return func(ctx context.Context, st spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
		time.Sleep(5 * time.Millisecond) // widen the window for concurrent requests
		return inner(ctx, st, d)
	}
}

// TestSitesComputedOnce: concurrent requests share one computation and
// later ones are served from the cache.
func TestSitesComputedOnce(t *testing.T) {
	f, ct := countingFixture(t)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var got sitesResponse
			f.getJSON(t, "/api/v1/sites", &got)
		}()
	}
	wg.Wait()
	var cl clustersResponse
	f.getJSON(t, "/api/v1/clusters", &cl)
	ct.mu.Lock()
	defer ct.mu.Unlock()
	if ct.n != len(farmCorpus()) {
		t.Errorf("%d traces for 5 requests, want %d (one analysis)", ct.n, len(farmCorpus()))
	}
}

// TestSitesTimeout: a slow analysis answers 503 timeout on time and still
// fills the cache for a later request.
func TestSitesTimeout(t *testing.T) {
	release := make(chan struct{})
	var f *fixture
	f = newFixture(t, fixtureOptions{mem: true, docs: farmCorpus(), config: func(c *Config) {
		c.Timeout = 100 * time.Millisecond
		c.CorpusTracer = func(ctx context.Context, st spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
			<-release
			return f.srv.defaultCorpusTracer()(ctx, st, d)
		}
	}})
	start := time.Now()
	code, ctype, body := f.do(t, "GET", "/api/v1/sites", "", nil)
	if code != http.StatusServiceUnavailable || errorCode(t, ctype, body) != CodeTimeout {
		t.Fatalf("status %d, body %s; want 503 timeout", code, body)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("answered after %s with a timeout of 100ms", d)
	}
	close(release)
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, _, body = f.do(t, "GET", "/api/v1/sites", "", nil)
		if code == http.StatusOK || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code != http.StatusOK {
		t.Fatalf("after release: status %d, body %s; want 200", code, body)
	}
}
