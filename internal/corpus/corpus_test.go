package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/store/mem"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Articles written for these tests.
const (
	harbour = `Dock workers at the northern harbour walked off the job on Monday after talks over night shift pay collapsed late on Sunday evening. The union said more than four hundred members joined the stoppage, leaving container ships anchored outside the breakwater and lorries queuing along the coast road for several miles. Port managers warned that perishable cargo, including fruit from southern growers, would spoil within days if cranes stayed idle. A spokesman for the operator described the walkout as reckless and urged workers to return while mediators prepared a fresh offer. Local shop owners reported empty shelves by the afternoon as deliveries failed to arrive.`

	orchard = `Apple growers in the valley expect the smallest harvest in a decade after a late frost destroyed blossom across hundreds of orchards in April. Farmers told the regional council that insurance payouts would cover barely a third of their losses, and several family farms said they might sell land to developers. The agriculture minister promised emergency grants but gave no figure, saying officials were still counting damaged trees. Cider makers have started importing fruit from abroad to keep presses running through the autumn, a move growers fear could become permanent. Seasonal pickers who usually arrive in September have been told to look elsewhere.`

	library = `The city library will close three branch reading rooms next spring to fill a budget gap of almost two million pounds, councillors decided on Thursday night. Campaigners packed the public gallery and held up handmade banners as the vote was taken, while the council leader insisted that mobile book vans would serve the affected districts. Volunteers offered to staff the buildings for free, an idea officials rejected on safety grounds. Opposition members called the plan short sighted and promised to reverse it if they win the May election. Children's reading clubs that meet in the branches will move to school halls.`

	bridge = `Engineers have found deep cracks in the steel supports of the old railway bridge over the estuary, forcing an immediate closure to heavy traffic. Inspectors discovered the damage during a routine survey and said corrosion had spread faster than models predicted because of unusually salty spring tides. Freight trains will be diverted through the inland junction, adding up to ninety minutes to each journey for at least six weeks. Commuter services will continue at reduced speed while temporary braces are fitted. The transport authority said replacement girders had been ordered from a foundry in the north but could take months to deliver.`

	// spun by hand from harbour: synonyms swapped
	harbourSpun = `Dock labourers at the northern harbour walked off the task on Monday after negotiations over night shift wages collapsed late on Sunday evening. The union stated more than four hundred members joined the stoppage, leaving container vessels anchored outside the breakwater and trucks queuing along the coast road for numerous miles. Port administrators cautioned that perishable freight, including fruit from southern growers, would rot within days if cranes stayed idle. A spokesman for the operator described the walkout as reckless and urged workers to return while mediators prepared a fresh proposal. Local shop owners reported empty shelves by the afternoon as deliveries failed to arrive.`

	footer = `Subscribe to the Valley Gazette morning briefing for the stories that matter in your town, delivered free to your inbox every weekday. Follow our reporters on social media, send us your tips in confidence, and read our complaints policy and editorial standards on the about page.`

	quoteA = `Residents of the eastern estate queued for hours outside the community centre on Wednesday to hear the housing minister explain the demolition plan. "We will not move a single family until a new home is ready for them, and every tenant will keep the same rent they pay today," the minister told the crowd. Many in the audience said they had heard similar promises before and wanted the pledge written into the contract. A tenants' association meeting is planned for next week.`

	quoteB = `The housing minister faced an angry reception in the east of the city, where a tower block is due to come down next year. "We will not move a single family until a new home is ready for them, and every tenant will keep the same rent they pay today," the minister told the crowd. Opposition councillors questioned how the scheme would be paid for and asked for the builder's costings to be published before any resident signs. The demolition is expected to start in the summer.`
)

var bodies = []string{
	`The valley rowing club celebrated its centenary with a regatta on the reservoir, where crews from twelve towns raced in boats built by members during the winter months.`,
	`A new bakery on the market square sold out of sourdough loaves within an hour of opening, and the owner plans to hire two apprentices before the summer fair begins.`,
	`Road resurfacing on the hill route will start next week, closing one lane for a fortnight while contractors replace drains damaged by the February floods near the school.`,
	`The town choir won second prize at the national festival after singing a programme of folk songs arranged by its conductor, a retired music teacher from the village.`,
	`Allotment holders have complained about water charges rising by a third, saying the increase will price pensioners out of growing their own vegetables on council land.`,
	`A stray heron has taken up residence in the ornamental pond of the town park, delighting walkers and worrying the keeper who looks after the prize goldfish there.`,
}

func day(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }

func doc(origin, site string, date time.Time, text string) spintrace.Doc {
	return spintrace.Doc{ID: spintrace.DocID(text), Origin: origin, Site: site, Published: date, Text: text, Copies: 1}
}

// half returns the first or second half of a text, cut at a sentence.
func half(text string, second bool) string {
	s := strings.SplitAfter(text, ". ")
	k := len(s) / 2
	if second {
		return strings.Join(s[k:], "")
	}
	return strings.Join(s[:k], "")
}

// testCorpus is the crafted corpus: a reprint chain, a spun copy, a
// stitched article, a site with a footer on every page, two outlets
// quoting the same speaker, and an unrelated original.
func testCorpus() []spintrace.Doc {
	docs := []spintrace.Doc{
		doc("a/harbour", "first-wire.example", day(1), harbour),
		doc("b/harbour", "reprint-daily.example", day(2), harbour+"\n\nThis story first appeared on our partner's site."),
		doc("c/harbour", "copycat-news.example", day(3), "Port chaos.\n\n"+harbour),
		doc("farm/harbour", "spinfarm.example", day(4), harbourSpun),
		doc("a/orchard", "first-wire.example", day(2), orchard),
		doc("e/library", "city-herald.example", day(1), library),
		doc("farm/stitch", "spinfarm.example", day(5), half(orchard, false)+half(library, true)),
		doc("e/bridge", "city-herald.example", day(6), bridge),
		doc("q/a", "east-post.example", day(7), quoteA),
		doc("q/b", "metro-times.example", day(7), quoteB),
	}
	for i, b := range bodies {
		docs = append(docs, doc("gazette/"+string(rune('a'+i)), "valley-gazette.example", day(8+i), b+"\n\n"+footer))
	}
	return docs
}

func indexed(t testing.TB, docs []spintrace.Doc) (*mem.Store, Tracer) {
	t.Helper()
	ctx := context.Background()
	st := mem.New()
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	if err := index.Check(ctx, st, cfg); err != nil {
		t.Fatal(err)
	}
	add(t, st, norm, docs)
	tr := func(ctx context.Context, st spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
		return search.New(st, norm, cfg, search.DefaultOptions()).Trace(ctx, d)
	}
	return st, tr
}

func add(t testing.TB, st *mem.Store, norm *textnorm.Normalizer, docs []spintrace.Doc) {
	t.Helper()
	var entries []spintrace.Entry
	for _, d := range docs {
		entries = append(entries, index.Prepare(norm, index.Default(), d))
	}
	if _, err := st.Put(context.Background(), entries); err != nil {
		t.Fatal(err)
	}
}

func analyze(t *testing.T) *Analysis {
	t.Helper()
	st, tr := indexed(t, testCorpus())
	a, err := Analyze(context.Background(), st, tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// origins returns the member origins of the cluster holding origin.
func clusterOf(a *Analysis, origin string) []*Cluster {
	var out []*Cluster
	for i := range a.Clusters {
		for _, m := range a.Clusters[i].Members {
			if m.Doc.Origin == origin {
				out = append(out, &a.Clusters[i])
			}
		}
	}
	return out
}

func members(c *Cluster) []string {
	var out []string
	for _, m := range c.Members {
		out = append(out, m.Doc.Origin)
	}
	return out
}

func label(a *Analysis, origin string) string {
	for _, t := range a.Traces {
		if t.Doc.Origin == origin {
			return t.Verdict.Label
		}
	}
	return "(not traced)"
}

func TestClusters(t *testing.T) {
	a := analyze(t)
	if len(a.Traces) != len(testCorpus()) {
		t.Fatalf("%d traces, want %d", len(a.Traces), len(testCorpus()))
	}
	t.Run("reprint chain and spun copy", func(t *testing.T) {
		cs := clusterOf(a, "a/harbour")
		if len(cs) != 1 {
			t.Fatalf("a/harbour in %d clusters, want 1", len(cs))
		}
		c := cs[0]
		want := []string{"a/harbour", "b/harbour", "c/harbour", "farm/harbour"}
		if d := cmp.Diff(want, members(c)); d != "" {
			t.Errorf("members (-want +got):\n%s", d)
		}
		if c.Earliest == nil || c.Earliest.Origin != "a/harbour" {
			t.Errorf("earliest witness %+v, want a/harbour", c.Earliest)
		}
		if c.Dates != "all members dated" || c.Undated != 0 {
			t.Errorf("dates %q, undated %d", c.Dates, c.Undated)
		}
		if lag := c.Members[2].LagHours; lag == nil || *lag != 48 {
			t.Errorf("lag of the third member %v, want 48h", lag)
		}
	})
	t.Run("stitched article joins two clusters, not one", func(t *testing.T) {
		cs := clusterOf(a, "farm/stitch")
		if len(cs) != 2 {
			t.Fatalf("farm/stitch in %d clusters, want 2", len(cs))
		}
		got := [][]string{members(cs[0]), members(cs[1])}
		want := [][]string{{"e/library", "farm/stitch"}, {"a/orchard", "farm/stitch"}}
		if got[0][0] == "a/orchard" {
			want[0], want[1] = want[1], want[0]
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("clusters (-want +got):\n%s", d)
		}
	})
	t.Run("boilerplate and shared quotes kept out", func(t *testing.T) {
		for _, o := range []string{"gazette/a", "gazette/f", "q/a", "q/b", "e/bridge"} {
			if cs := clusterOf(a, o); len(cs) != 0 {
				t.Errorf("%s is in cluster %v", o, members(cs[0]))
			}
		}
	})
	t.Run("verdicts", func(t *testing.T) {
		want := map[string]string{
			"a/harbour":    spintrace.ClassOriginal,
			"b/harbour":    spintrace.ClassSyndicated,
			"c/harbour":    spintrace.ClassSyndicated,
			"farm/harbour": spintrace.ClassSpun,
			"farm/stitch":  spintrace.ClassStitched,
			"e/library":    spintrace.ClassOriginal,
			"q/a":          spintrace.ClassOriginal,
			"q/b":          spintrace.ClassOriginal,
			"gazette/e":    spintrace.ClassOriginal,
		}
		for o, w := range want {
			if got := label(a, o); got != w {
				t.Errorf("%s: %q, want %q", o, got, w)
			}
		}
	})
}

func TestSites(t *testing.T) {
	a := analyze(t)
	sites := Sites(a)
	by := map[string]SiteScore{}
	for _, s := range sites {
		by[s.Site] = s
		if s.Score < 0 || s.Score > 1 {
			t.Errorf("%s: score %v out of [0,1]", s.Site, s.Score)
		}
	}
	if sites[0].Site != "spinfarm.example" {
		t.Errorf("top site %s, want spinfarm.example", sites[0].Site)
	}
	for _, honest := range []string{"first-wire.example", "city-herald.example", "valley-gazette.example", "east-post.example", "metro-times.example"} {
		if s := by[honest]; s.Score != 0 {
			t.Errorf("%s: score %v, want 0 (%v)", honest, s.Score, s.Evidence)
		}
	}
	farm := by["spinfarm.example"]
	if farm.Spun != 1 || farm.Stitched != 1 || farm.CopiedShare != 1 {
		t.Errorf("farm counts %+v", farm)
	}
	var from []string
	for _, l := range farm.TakesFrom {
		from = append(from, l.Site)
	}
	if d := cmp.Diff([]string{"first-wire.example", "city-herald.example"}, from); d != "" {
		t.Errorf("farm takes from (-want +got):\n%s", d)
	}
	if len(farm.Substitutions) == 0 {
		t.Errorf("farm has no substitutions")
	}
	if rd := by["reprint-daily.example"]; rd.Score <= 0 || rd.Score >= farm.Score {
		t.Errorf("reprint site score %v, farm %v: want 0 < reprint < farm", rd.Score, farm.Score)
	}
}

func TestIncremental(t *testing.T) {
	docs := testCorpus()
	ctx := context.Background()
	st, tr := indexed(t, docs[:2])
	var calls atomic.Int32
	counting := func(ctx context.Context, s spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
		calls.Add(1)
		return tr(ctx, s, d)
	}
	first, err := Analyze(ctx, st, counting, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Clusters) != 1 || len(first.Clusters[0].Members) != 2 {
		t.Fatalf("first run: %d clusters", len(first.Clusters))
	}
	add(t, st, textnorm.New(index.Default().Canon), docs[2:4])
	calls.Store(0)
	next, err := Analyze(ctx, st, counting, Options{Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Clusters[0].Members) != 2 || len(first.Traces) != 2 {
		t.Errorf("the incremental run changed the previous analysis")
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("incremental run traced %d documents, want 2", n)
	}
	if len(next.Traces) != 4 || next.Last != 4 {
		t.Errorf("incremental run: %d traces, last %d", len(next.Traces), next.Last)
	}
	if len(next.Clusters) != 1 || len(next.Clusters[0].Members) != 4 || next.Clusters[0].Earliest.Origin != "a/harbour" {
		t.Errorf("incremental clusters: %+v", next.Clusters)
	}
}

// TestBoilerplateThreshold shows the footer filter at work: without it the
// gazette's pages form a cluster and look like copies of each other.
func TestBoilerplateThreshold(t *testing.T) {
	st, tr := indexed(t, testCorpus())
	for _, tc := range []struct {
		minDocs   int
		clustered bool
		label     string
	}{
		{minDocs: 5, clustered: false, label: spintrace.ClassOriginal},
		{minDocs: 100, clustered: true, label: spintrace.ClassSyndicated},
	} {
		a, err := Analyze(context.Background(), st, tr, Options{BoilerplateDocs: tc.minDocs, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(clusterOf(a, "gazette/c")) > 0; got != tc.clustered {
			t.Errorf("min %d: gazette/c clustered %v, want %v", tc.minDocs, got, tc.clustered)
		}
		if got := label(a, "gazette/c"); got != tc.label {
			t.Errorf("min %d: gazette/c %q, want %q", tc.minDocs, got, tc.label)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestSplit(t *testing.T) {
	sp := func(a, b int) spintrace.Span { return spintrace.Span{Start: a, End: b} }
	art := "one two three four five six seven eight nine ten eleven twelve"
	p := spintrace.Passage{Article: sp(0, len(art)), Source: sp(100, 130), ArticleText: art, SourceText: strings.Repeat("x", 30), Words: 12, Matched: 7}
	for _, tc := range []struct {
		name  string
		edits []spintrace.Edit
		want  []spintrace.Span // article spans
	}{
		{"no gap", []spintrace.Edit{{Op: "=", Article: sp(0, 23), Source: sp(100, 115)}, {Op: "=", Article: sp(24, len(art)), Source: sp(115, 130)}}, []spintrace.Span{sp(0, len(art))}},
		{"short insertion kept", []spintrace.Edit{{Op: "=", Article: sp(0, 8), Source: sp(100, 108)}, {Op: "+", Article: sp(8, 18), Source: sp(108, 108), ArticleText: "three four"}, {Op: "=", Article: sp(19, len(art)), Source: sp(108, 130)}}, []spintrace.Span{sp(0, len(art))}},
		{"long insertion cut", []spintrace.Edit{{Op: "=", Article: sp(0, 8), Source: sp(100, 108)}, {Op: "+", Article: sp(8, 33), Source: sp(108, 108), ArticleText: "three four five six seven"}, {Op: "=", Article: sp(34, len(art)), Source: sp(108, 130)}}, []spintrace.Span{sp(0, 8), sp(34, len(art))}},
	} {
		p.Edits = tc.edits
		var got []spintrace.Span
		for _, q := range split(p) {
			got = append(got, q.Article)
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
	}
}

// TestRepeatedReprintIsNotBoilerplate: a site that prints another site's
// article on many of its own pages is reprinting it; only text no other
// site has is boilerplate.
func TestRepeatedReprintIsNotBoilerplate(t *testing.T) {
	const note = "Our readers keep asking about the harbour dispute, so we are sharing this report again together with the latest comments from the people of the coast and the traders who depend on the port."
	docs := []spintrace.Doc{doc("a/harbour", "first-wire.example", day(1), harbour)}
	for i := 0; i < 6; i++ {
		docs = append(docs, doc(fmt.Sprintf("echo/%d", i), "echo.example", day(2+i), fmt.Sprintf("Update %d.\n\n", i)+harbour+"\n\n"+note))
	}
	st, tr := indexed(t, docs)
	a, err := Analyze(context.Background(), st, tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for _, tc := range a.Traces {
		for _, l := range tc.Sources {
			if l.Doc.Site == tc.Doc.Site {
				same++
			}
		}
	}
	if same < 4 {
		t.Fatalf("only %d same-site links: the case does not test the rule", same)
	}
	for i := 0; i < 6; i++ {
		o := fmt.Sprintf("echo/%d", i)
		if got := label(a, o); got != spintrace.ClassSyndicated {
			t.Errorf("%s: %q, want %q", o, got, spintrace.ClassSyndicated)
		}
	}
	if cs := clusterOf(a, "a/harbour"); len(cs) != 1 || len(cs[0].Members) != 7 {
		t.Errorf("a/harbour clusters: %d", len(cs))
	}
}

// TestSuperseded: a page indexed again with new text replaces its older
// version, which is neither traced, nor a member, nor counted for its site
// (also when an earlier analysis traced it).
func TestSuperseded(t *testing.T) {
	docs := testCorpus()
	st, tr := indexed(t, docs)
	ctx := context.Background()
	before, err := Analyze(ctx, st, tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := docs[0] // a/harbour
	updated := doc(old.Origin, old.Site, old.Published, harbour+"\n\nCorrection: the stoppage began on Monday morning, not on Sunday night.")
	add(t, st, textnorm.New(index.Default().Canon), []spintrace.Doc{updated})
	if ok, err := spintrace.Superseded(ctx, st, old); err != nil || !ok {
		t.Fatalf("Superseded(old version) = %v, %v", ok, err)
	}
	full, err := Analyze(ctx, st, tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	incr, err := Analyze(ctx, st, tr, Options{Previous: before})
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]*Analysis{"full": full, "incremental": incr} {
		if len(a.Traces) != len(docs) {
			t.Errorf("%s: %d traces, want %d", name, len(a.Traces), len(docs))
		}
		for _, tc := range a.Traces {
			if tc.Doc.ID == old.ID {
				t.Errorf("%s: the superseded version was traced", name)
			}
			for _, l := range tc.Sources {
				if l.Doc.ID == old.ID && name == "full" {
					t.Errorf("%s: %s takes from the superseded version", name, tc.Doc.Origin)
				}
			}
		}
		cs := clusterOf(a, old.Origin)
		if len(cs) != 1 {
			t.Fatalf("%s: %s in %d clusters, want 1", name, old.Origin, len(cs))
		}
		for _, m := range cs[0].Members {
			if m.Doc.ID == old.ID {
				t.Errorf("%s: the superseded version is a cluster member", name)
			}
		}
		if cs[0].Earliest == nil || cs[0].Earliest.ID != updated.ID {
			t.Errorf("%s: earliest witness %+v, want the updated page", name, cs[0].Earliest)
		}
		for _, s := range Sites(a) {
			if s.Site == old.Site && s.Articles != 2 {
				t.Errorf("%s: %s has %d articles, want 2 (the old version left out)", name, s.Site, s.Articles)
			}
		}
	}
}

// TestSaveLoad: a saved analysis comes back for the same signature and
// serves as Previous; another signature, version or bad bytes do not.
func TestSaveLoad(t *testing.T) {
	docs := testCorpus()
	st, tr := indexed(t, docs[:6])
	ctx := context.Background()
	if a, err := Load(ctx, st, "sig"); a != nil || err != nil {
		t.Fatalf("Load of a store without analysis: %v, %v", a, err)
	}
	first, err := Analyze(ctx, st, tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(ctx, st, first, "sig"); err != nil {
		t.Fatal(err)
	}
	if a, err := Load(ctx, st, "other sig"); a != nil || err != nil {
		t.Errorf("Load with another signature: %v, %v", a, err)
	}
	got, err := Load(ctx, st, "sig")
	if err != nil || got == nil {
		t.Fatalf("Load: %v, %v", got, err)
	}
	if d := cmp.Diff(first.Traces, got.Traces); d != "" {
		t.Errorf("traces after Save and Load (-saved +loaded):\n%s", d)
	}
	add(t, st, textnorm.New(index.Default().Canon), docs[6:])
	next, err := Analyze(ctx, st, tr, Options{Previous: got})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Analyze(ctx, st, tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if next.Traced != len(docs)-6 {
		t.Errorf("traced %d, want %d", next.Traced, len(docs)-6)
	}
	if d := cmp.Diff(full.Clusters, next.Clusters); d != "" {
		t.Errorf("clusters (-full +from the loaded analysis):\n%s", d)
	}
	for _, bad := range []string{"zstd:abc", "gzip+base64:!!!", "gzip+base64:" + base64.StdEncoding.EncodeToString([]byte("not gzip"))} {
		if err := st.SetMeta(ctx, MetaAnalysis, bad); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(ctx, st, "sig"); !errors.Is(err, spintrace.ErrCorrupt) {
			t.Errorf("Load of %q: %v, want ErrCorrupt", bad, err)
		}
	}
	// a saved analysis of another version is recomputed, not misread
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	fmt.Fprintf(zw, `{"version": %d, "signature": "sig", "analysis": {"traces": "a new layout"}}`, Version+1)
	zw.Close()
	if err := st.SetMeta(ctx, MetaAnalysis, savedPrefix+base64.StdEncoding.EncodeToString(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if a, err := Load(ctx, st, "sig"); a != nil || err != nil {
		t.Errorf("Load of version %d: %v, %v", Version+1, a, err)
	}
}

// TestReclassifyRestores: a trace whose links are no longer boilerplate
// (an incremental run found the passage on another site) gets back the
// verdict its trace gave.
func TestReclassifyRestores(t *testing.T) {
	syndicated := spintrace.Verdict{Class: spintrace.ClassSyndicated, Label: spintrace.ClassSyndicated, Confidence: 0.9}
	tr := Trace{Words: 100, AsTraced: syndicated, Sources: []Link{{Share: 0.9, Boilerplate: true}}}
	reclassify(&tr)
	if tr.Verdict.Class != spintrace.ClassOriginal {
		t.Fatalf("with its only source boilerplate: %q, want original", tr.Verdict.Class)
	}
	tr.Sources[0].Boilerplate = false
	reclassify(&tr)
	if d := cmp.Diff(syndicated, tr.Verdict); d != "" {
		t.Errorf("without boilerplate (-as traced +got):\n%s", d)
	}
}

// Names written the way spinning tools write them mark a site even when
// its articles' sources are not indexed (they look original).
func TestSitesMarkedNames(t *testing.T) {
	tr := func(id, site string, marked int) Trace {
		return Trace{Doc: spintrace.DocRef{ID: id, Site: site}, Words: 300, Sources: []Link{},
			Verdict: spintrace.Verdict{Class: spintrace.ClassOriginal, MarkedNames: marked}}
	}
	a := &Analysis{Traces: []Trace{tr("1", "farm.example", 4), tr("2", "farm.example", 2), tr("3", "farm.example", 1),
		tr("4", "news.example", 1), tr("5", "news.example", 0)}}
	scores := map[string]SiteScore{}
	for _, s := range Sites(a) {
		scores[s.Site] = s
	}
	farm, news := scores["farm.example"], scores["news.example"]
	if farm.Marked != 2 || farm.MarkedShare != 0.667 || farm.Score <= 0 {
		t.Errorf("farm.example: marked %d (share %v), score %v; want 2 of 3 marked and a score above 0", farm.Marked, farm.MarkedShare, farm.Score)
	}
	if news.Marked != 0 || news.Score != 0 {
		t.Errorf("news.example: marked %d, score %v; want 0 (one USA is not a mark)", news.Marked, news.Score)
	}
	if !slices.ContainsFunc(farm.Evidence, func(e string) bool { return strings.Contains(e, "spinning tools") }) {
		t.Errorf("farm.example evidence %q does not name the marked articles", farm.Evidence)
	}
}

// Two outlets publishing versions of one wire story the same day take from
// each other: that says nothing about either site. A day later, the same
// version is a copy again.
func TestSitesParallelVersions(t *testing.T) {
	wire := half(orchard, false)
	for _, tc := range []struct {
		name       string
		dayB       int
		wantCopies bool
	}{{"same day", 3, false}, {"a day later", 4, true}} {
		t.Run(tc.name, func(t *testing.T) {
			docs := []spintrace.Doc{
				doc("a/wire", "outlet-a.example", day(3), wire+"\n\n"+bodies[0]),
				doc("b/wire", "outlet-b.example", day(tc.dayB), wire+"\n\n"+bodies[1]),
			}
			st, tr := indexed(t, docs)
			a, err := Analyze(context.Background(), st, tr, Options{})
			if err != nil {
				t.Fatal(err)
			}
			by := map[string]SiteScore{}
			for _, s := range Sites(a) {
				by[s.Site] = s
			}
			b := by["outlet-b.example"]
			if tc.wantCopies {
				if b.Score == 0 || b.Parallel != 0 {
					t.Errorf("outlet-b published a day later: score %v, parallel %d; want a copy (%v)", b.Score, b.Parallel, b.Evidence)
				}
				return
			}
			for _, s := range []SiteScore{by["outlet-a.example"], b} {
				if s.Score != 0 || s.Parallel != 1 {
					t.Errorf("%s: score %v, parallel %d; want 0 and 1 (%v)", s.Site, s.Score, s.Parallel, s.Evidence)
				}
			}
		})
	}
}

// An outlet's article sharing a passage with an undated page that writes
// names the way spinning tools do did not take it from that page; the page
// taking from a dated outlet article is still a copy.
func TestParallelLinksMarked(t *testing.T) {
	link := func(id string, date time.Time) Link {
		return Link{Doc: spintrace.DocRef{ID: id, Published: date}, Share: 0.5, Passages: []Pair{{Words: 100}}}
	}
	tr := func(id string, date time.Time, marked int, srcs ...Link) Trace {
		return Trace{Doc: spintrace.DocRef{ID: id, Site: id + ".example", Published: date}, Words: 300, Sources: srcs,
			Verdict: spintrace.Verdict{Class: spintrace.ClassStitched, MarkedNames: marked}}
	}
	var undated time.Time
	traces := []Trace{
		tr("outlet", day(5), 0, link("farm", undated)),
		tr("farm", undated, 3, link("wire", day(1))),
		tr("wire", day(1), 0),
		tr("late", day(9), 0, link("marked-early", day(2))),
		tr("marked-early", day(2), 4),
		tr("spun-same-day", day(3), 2, link("plain-same-day", day(3))),
		tr("plain-same-day", day(3), 0),
	}
	got := parallelLinks(traces)
	want := map[string]map[string]bool{"outlet": {"farm": true}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("parallel links (-want +got):\n%s", d)
	}
}

// An article stitched from a same-day version of its story (which took
// from it in turn) and an older article is counted by what the older one
// explains: a syndicated copy of it, not a stitched compilation.
func TestSitesClassWithoutParallel(t *testing.T) {
	link := func(id string, date time.Time, share float64) Link {
		return Link{Doc: spintrace.DocRef{ID: id, Site: id + ".example", Published: date}, Share: share, Passages: []Pair{{Words: int(share * 300)}}}
	}
	tr := func(id string, date time.Time, class string, srcs ...Link) Trace {
		return Trace{Doc: spintrace.DocRef{ID: id, Site: id + ".example", Published: date}, Words: 300, Sources: srcs,
			Verdict: spintrace.Verdict{Class: class, Label: class}}
	}
	a := &Analysis{Traces: []Trace{
		tr("x", day(3), spintrace.ClassStitched, link("y", day(3), 0.5), link("z", day(1), 0.3)),
		tr("y", day(3), spintrace.ClassSyndicated, link("x", day(3), 0.5)),
		tr("z", day(1), spintrace.ClassOriginal),
	}}
	by := map[string]SiteScore{}
	for _, s := range Sites(a) {
		by[s.Site] = s
	}
	x, y := by["x.example"], by["y.example"]
	if x.Syndicated != 1 || x.Stitched != 0 || x.Parallel != 0 || len(x.TakesFrom) != 1 || x.TakesFrom[0].Site != "z.example" {
		t.Errorf("x.example: %d syndicated, %d stitched, %d parallel, takes from %v; want 1 syndicated copy of z.example", x.Syndicated, x.Stitched, x.Parallel, x.TakesFrom)
	}
	if y.Parallel != 1 || y.Score != 0 {
		t.Errorf("y.example: parallel %d, score %v; want 1 and 0", y.Parallel, y.Score)
	}
}
