package search

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/store/mem"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Three sources and a distractor, written for this test.
var (
	srcPort = []string{
		"The harbor authority in Port Calder announced on Monday that dock workers would return to the cargo terminals after a strike that lasted eleven days.",
		"Negotiators for the union and the shipping companies reached a tentative agreement late on Sunday night, according to a statement from the authority.",
		"The deal raises hourly wages by six percent over three years and limits mandatory overtime during the winter season.",
		"Union leader Marta Kowalski told reporters that her members would vote on the proposal before the end of the week.",
	}
	srcFlood = []string{
		"Heavy rain pushed the Varna River over its banks on Tuesday, flooding hundreds of homes in the lower districts of Eastfield.",
		"Emergency crews used boats to rescue residents who had been trapped on the upper floors of apartment buildings overnight.",
		"The mayor declared a state of emergency and opened three schools as temporary shelters for displaced families.",
		"Forecasters warned that more storms were expected over the weekend and that the river might not crest until Thursday.",
	}
	srcTrade = []string{
		"Russia and China signed a trade agreement in Moscow on Wednesday that cuts tariffs on farm machinery and fertilizer.",
		"Officials from both countries said the deal would double the volume of agricultural trade within five years.",
		"The United States criticized the agreement, arguing that it undermines existing sanctions against several Russian exporters.",
		"Analysts noted that the deal still needs approval from the legislatures of both nations before it takes effect.",
	}
	distractor = []string{
		"A new report on river pollution found that fertilizer runoff from farms has doubled over the past decade.",
		"Environmental groups urged the government to impose stricter limits on agricultural chemicals near waterways.",
		"The harbor museum opened an exhibition about the history of the cargo trade in the region.",
	}
)

func newIndexed(t testing.TB, docs ...spintrace.Doc) *Engine {
	t.Helper()
	ctx := context.Background()
	st := mem.New()
	cfg := index.Default()
	if err := index.Check(ctx, st, cfg); err != nil {
		t.Fatal(err)
	}
	n := textnorm.New(cfg.Canon)
	b := &index.Builder{Store: st, Norm: n, Config: cfg}
	for _, d := range docs {
		if err := b.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Close(ctx); err != nil {
		t.Fatal(err)
	}
	return New(st, n, cfg, DefaultOptions())
}

func doc(origin string, day int, sentences ...string) spintrace.Doc {
	return spintrace.Doc{Origin: origin, Title: origin, Site: origin + ".example",
		Published: time.Date(2026, 3, day, 0, 0, 0, 0, time.UTC), Text: strings.Join(sentences, " ")}
}

func TestTraceStitchedSpun(t *testing.T) {
	e := newIndexed(t, doc("port", 1, srcPort...), doc("flood", 2, srcFlood...), doc("trade", 3, srcTrade...), doc("other", 4, distractor...))
	// Stitched from three sources with substitutions and an alias rename.
	parts := []string{
		strings.Replace(srcTrade[0], "Russia", "Russian Federation", 1),
		strings.Replace(srcTrade[2], "The United States criticized", "USA slammed", 1),
		strings.Replace(srcPort[0], "announced", "stated", 1),
		srcPort[2],
		strings.Replace(srcFlood[1], "rescue", "save", 1),
		srcFlood[2],
	}
	art := strings.Join(parts, " ")
	res, err := e.Trace(context.Background(), spintrace.Doc{Text: art, Title: "stitched"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 3 {
		for _, s := range res.Sources {
			t.Logf("source %s share %.2f", s.Doc.Origin, s.Share)
		}
		t.Fatalf("got %d sources, want 3", len(res.Sources))
	}
	got := map[string]spintrace.Source{}
	for _, s := range res.Sources {
		got[s.Doc.Origin] = s
	}
	for _, name := range []string{"port", "flood", "trade"} {
		s, ok := got[name]
		if !ok {
			t.Errorf("source %s missing", name)
			continue
		}
		if s.Doc.Published.IsZero() || s.Doc.Site == "" || s.Doc.ID == "" {
			t.Errorf("source %s lacks metadata: %+v", name, s.Doc)
		}
	}
	if res.Coverage < 0.9 {
		t.Errorf("coverage %.2f, want >= 0.9", res.Coverage)
	}
	// passages start and end within one sentence of the truth
	wantSpans := map[string][2]int{
		"trade": {0, strings.Index(art, parts[2])},
		"port":  {strings.Index(art, parts[2]), strings.Index(art, parts[4])},
		"flood": {strings.Index(art, parts[4]), len(art)},
	}
	for name, w := range wantSpans {
		s := got[name]
		if len(s.Passages) == 0 {
			continue
		}
		start, end := s.Passages[0].Article.Start, s.Passages[len(s.Passages)-1].Article.End
		if abs(start-w[0]) > 160 || abs(end-w[1]) > 160 {
			t.Errorf("%s passages span [%d,%d), want about [%d,%d)", name, start, end, w[0], w[1])
		}
	}
	subs := map[string]string{}
	for _, s := range res.Sources {
		for _, sub := range s.Substitutions {
			subs[sub.From] = sub.To
		}
	}
	for from, to := range map[string]string{"Russia": "Russian Federation", "announced": "stated", "rescue": "save"} {
		if subs[from] != to {
			t.Errorf("substitution %s -> %s missing; got %v", from, to, subs)
		}
	}
}

func TestTraceOriginal(t *testing.T) {
	e := newIndexed(t, doc("port", 1, srcPort...), doc("flood", 2, srcFlood...))
	res, err := e.Trace(context.Background(), spintrace.Doc{Text: strings.Join(distractor, " ")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 0 || res.Coverage != 0 {
		t.Errorf("original article got sources %+v", res.Sources)
	}
	if len(res.Unexplained) != 1 {
		t.Errorf("want the whole article unexplained, got %+v", res.Unexplained)
	}
}

func TestTraceSelfExcluded(t *testing.T) {
	d := doc("port", 1, srcPort...)
	e := newIndexed(t, d)
	res, err := e.Trace(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 0 {
		t.Errorf("an indexed article is its own source: %+v", res.Sources[0].Doc)
	}
}

func TestTraceEmpty(t *testing.T) {
	e := newIndexed(t)
	if _, err := e.Trace(context.Background(), spintrace.Doc{Text: " ... "}); err == nil {
		t.Error("tracing a text without words should fail")
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestReingestedURLUpdates: a page indexed again from the same URL with
// edited text replaces its older version in traces.
func TestReingestedURLUpdates(t *testing.T) {
	v1 := doc("port", 1, srcPort...)
	v1.Origin = "https://harbor.example/strike"
	v2 := v1
	v2.Text = strings.Replace(v1.Text, "eleven days", "twelve days", 1)
	e := newIndexed(t, v1, v2)
	res, err := e.Trace(context.Background(), spintrace.Doc{Text: v2.Text, Origin: "copy.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 1 || res.Sources[0].Doc.ID != spintrace.DocID(v2.Text) {
		t.Fatalf("want the new version as the only source, got %+v", res.Sources)
	}
	if len(res.Sources[0].AlsoIn) != 0 {
		t.Errorf("the old version is still listed: %+v", res.Sources[0].AlsoIn)
	}
}

// TestTraceCandidates: tracing against the candidates retrieval would
// rank gives Trace's result; the article itself is skipped, only the first
// Candidates others are aligned, and a superseded version is left out.
func TestTraceCandidates(t *testing.T) {
	ctx := context.Background()
	old := doc("port", 1, srcPort...)
	e := newIndexed(t, old, doc("flood", 2, srcFlood...), doc("trade", 3, srcTrade...), doc("other", 4, distractor...))
	art := spintrace.Doc{Text: strings.Join([]string{srcTrade[0], srcTrade[2], srcPort[0], srcPort[2], srcFlood[1], srcFlood[2]}, " "), Title: "stitched"}
	ranked := func() []spintrace.Ref {
		t.Helper()
		cands, err := e.retrieve(ctx, e.norm.Normalize(art.Text), art)
		if err != nil {
			t.Fatal(err)
		}
		var refs []spintrace.Ref
		for _, c := range cands {
			refs = append(refs, c.ref)
		}
		return refs
	}
	same := func(what string, got, want *spintrace.Result) {
		t.Helper()
		got.Timing, want.Timing = spintrace.Timing{}, spintrace.Timing{}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s (-Trace +TraceCandidates):\n%s", what, d)
		}
	}
	want, err := e.Trace(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	refs := ranked()
	if len(refs) != 3 || len(want.Sources) != 3 {
		t.Fatalf("%d candidates, %d sources: the case does not test stitching", len(refs), len(want.Sources))
	}
	got, err := e.TraceCandidates(ctx, art, refs)
	if err != nil {
		t.Fatal(err)
	}
	same("all candidates", got, want)

	// only the first Candidates refs other than the article are aligned
	e.opts.Candidates = 2
	got, err = e.TraceCandidates(ctx, art, refs)
	if err != nil {
		t.Fatal(err)
	}
	if got.Candidates != 2 || len(got.Sources) != 2 {
		t.Errorf("Candidates=2: %d aligned, %d sources", got.Candidates, len(got.Sources))
	}
	e.opts.Candidates = DefaultOptions().Candidates

	// a stored article passed among its own candidates is skipped
	self := doc("stitched", 5, art.Text)
	b := &index.Builder{Store: e.store, Norm: e.norm, Config: e.config}
	if err := b.Add(ctx, self); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Close(ctx); err != nil {
		t.Fatal(err)
	}
	self.ID = spintrace.DocID(self.Text)
	want, err = e.Trace(ctx, self)
	if err != nil {
		t.Fatal(err)
	}
	got, err = e.TraceCandidates(ctx, self, ranked())
	if err != nil {
		t.Fatal(err)
	}
	same("stored article", got, want)

	// the port page indexed again with new text: the old version is gone
	b = &index.Builder{Store: e.store, Norm: e.norm, Config: e.config}
	if err := b.Add(ctx, doc("port", 6, srcPort[3], srcPort[1])); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Close(ctx); err != nil {
		t.Fatal(err)
	}
	got, err = e.TraceCandidates(ctx, art, refs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got.Sources {
		if s.Doc.ID == spintrace.DocID(old.Text) {
			t.Errorf("the superseded version of %s is a source", old.Origin)
		}
	}
	if len(got.Sources) != 2 {
		t.Errorf("%d sources after the port page changed, want 2", len(got.Sources))
	}
}

// A trace whose context ends stops and says why (a server request that
// timed out must not keep aligning).
func TestTraceCancelled(t *testing.T) {
	e := newIndexed(t, doc("geneva", 1, quoted...))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := e.Trace(ctx, spintrace.Doc{Text: strings.Join(quoted, " ")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Trace with a cancelled context: error %v, want context.Canceled", err)
	}
	cands := []*candidate{{doc: doc("a", 1, quoted...)}, {doc: doc("b", 1, quoted...)}}
	if err := e.alignAll(ctx, e.norm.Normalize(strings.Join(quoted, " ")), cands); !errors.Is(err, context.Canceled) {
		t.Errorf("alignAll with a cancelled context: error %v", err)
	}
}

// A story reprinted forty times must not crowd out the other story an
// article was stitched from: the candidates keep room for it.
func TestDiverseCandidates(t *testing.T) {
	holds := map[spintrace.Ref][]int32{}
	var cands []*candidate
	for r := spintrace.Ref(1); r <= 40; r++ { // copies of story X: hashes 0-49
		for i := int32(0); i < 50; i++ {
			holds[r] = append(holds[r], i)
		}
		cands = append(cands, &candidate{ref: r, shared: 50})
	}
	for i := int32(50); i < 60; i++ { // story Y: hashes 50-59
		holds[99] = append(holds[99], i)
	}
	cands = append(cands, &candidate{ref: 99, shared: 10})
	got := diverse(cands, holds, dfs(60), 31)
	if len(got) != 31 {
		t.Fatalf("kept %d candidates, want 31", len(got))
	}
	if !slices.ContainsFunc(got, func(c *candidate) bool { return c.ref == 99 }) {
		t.Errorf("story Y crowded out by 40 copies of X")
	}
	if got[0].ref != 1 || got[14].ref != 15 {
		t.Errorf("the first half is not in rank order: %d, %d", got[0].ref, got[14].ref)
	}
	// fewer candidates than slots: all kept, in order
	if got := diverse(cands[:5], holds, dfs(60), 31); len(got) != 5 || got[4].ref != 5 {
		t.Errorf("short list changed: %d candidates", len(got))
	}
	// Twenty documents share five everyday phrases each with the article
	// (hashes 60-159, each in 500 documents); story Z's rewritten sentence
	// kept three k-grams (160-162), each in 3 documents. Z shares fewer of
	// the article's k-grams but rarer ones: it is kept.
	df := dfs(163)
	for r := spintrace.Ref(100); r < 120; r++ {
		for i := int32(0); i < 5; i++ {
			h := 60 + 5*int32(r-100) + i
			holds[r] = append(holds[r], h)
			df[h] = 500
		}
		cands = append(cands, &candidate{ref: r, shared: 5})
	}
	for h := int32(160); h < 163; h++ {
		holds[98] = append(holds[98], h)
		df[h] = 3
	}
	cands = append(cands, &candidate{ref: 98, shared: 3})
	got = diverse(cands, holds, df, 17)
	if !slices.ContainsFunc(got, func(c *candidate) bool { return c.ref == 98 }) {
		t.Errorf("story Z crowded out by documents sharing only everyday phrases")
	}
}

// dfs returns n document frequencies of 1.
func dfs(n int) []int32 {
	df := make([]int32, n)
	for i := range df {
		df[i] = 1
	}
	return df
}

// A farm's copy of a story carries the farm's footer; another copy on the
// same farm shares that footer too, so the earlier copy explains a few more
// of its words than the original. The original, published first, is still
// the source: copies that explain about as much are one text.
func TestEarliestOfNearEqualCopies(t *testing.T) {
	footer := "Shared by farm newsroom staff."
	first := doc("farm", 5, append(slices.Clone(srcPort), footer)...)
	first.Site, first.Origin = "farm.example", "https://farm.example/1"
	e := newIndexed(t, doc("port", 1, srcPort...), first)
	art := strings.Join(append(slices.Clone(srcPort), footer), " ")
	art = strings.Replace(art, "announced", "stated", 1)
	res, err := e.Trace(context.Background(), spintrace.Doc{Text: art, Title: "second copy", Published: time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) == 0 || res.Sources[0].Doc.Origin != "port" {
		var got []string
		for _, s := range res.Sources {
			got = append(got, s.Doc.Origin)
		}
		t.Fatalf("sources %v, want the original (port) first", got)
	}
}

// pick prefers the earlier of two candidates only when both explain about
// the same words, and never one too small to be a source.
func TestPickNearTie(t *testing.T) {
	e := &Engine{opts: DefaultOptions()}
	cand := func(day, from, to, matched int) *candidate {
		c := &candidate{matched: matched, doc: spintrace.Doc{Published: time.Date(2026, 3, day, 0, 0, 0, 0, time.UTC)}}
		for i := from; i < to; i++ {
			c.covered = append(c.covered, int32(i))
		}
		return c
	}
	owner := make([]int, 400)
	for i := range owner {
		owner[i] = -1
	}
	for _, tc := range []struct {
		name  string
		rest  []*candidate
		want  int
		words int
	}{
		{"later copy with a footer, original first", []*candidate{cand(5, 0, 305, 300), cand(1, 0, 300, 296)}, 1, 300},
		{"earlier but explains far less", []*candidate{cand(5, 0, 300, 290), cand(1, 0, 200, 190)}, 0, 300},
		{"earlier but matches far less", []*candidate{cand(5, 0, 300, 290), cand(1, 0, 300, 150)}, 0, 300},
		{"earlier but too small to be a source", []*candidate{cand(5, 0, 10, 10), cand(1, 0, 3, 3)}, 0, 10},
	} {
		i, n := e.pick(tc.rest, owner)
		if i != tc.want || n != tc.words {
			t.Errorf("%s: picked %d (%d words), want %d (%d words)", tc.name, i, n, tc.want, tc.words)
		}
	}
}
