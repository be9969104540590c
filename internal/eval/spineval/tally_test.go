package spineval

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spingen"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sp(a, b int) spintrace.Span { return spintrace.Span{Start: a, End: b} }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// derivedCase is a two-source stitched derivative of 71 words: source "A"
// gives article [0,100), source "B" article [100,200); the quote dropped at
// 60 leaves the sentence "Patel said it today." at [60,80).
func derivedCase() *Case {
	return &Case{
		Name: "d",
		Doc:  spintrace.Doc{Text: strings.Repeat("abcd ", 12) + "Patel said it today. " + strings.Repeat("efg ", 55)},
		Truth: spingen.Truth{
			Verdict: spingen.VerdictStitched,
			Spun:    true,
			Sources: []spingen.SourceTruth{
				{ID: "A", Passages: []spingen.Passage{{Article: sp(0, 100), Source: sp(0, 100)}}},
				{ID: "B", Passages: []spingen.Passage{{Article: sp(100, 200), Source: sp(50, 150)}}},
				{ID: "unused"},
			},
			Substitutions: []spingen.Substitution{
				{Source: 0, Kind: spingen.KindSynonym, Span: sp(10, 15)},
				{Source: 0, Kind: spingen.KindEntity, Span: sp(40, 50)},
				{Source: 1, Kind: spingen.KindSynonym, Span: sp(120, 125)},
			},
			QuoteSwaps:    []spingen.QuoteSwap{{Source: 1, Quote: sp(150, 170), Speaker: sp(172, 180)}},
			DroppedQuotes: []spingen.DroppedQuote{{Source: 0, At: 60}},
			Joins:         []spingen.Join{{Kind: spingen.JoinGlue, At: 100}},
		},
	}
}

func src(id string, rank int, passages []spintrace.Passage, subs ...spintrace.Substitution) spintrace.Source {
	return spintrace.Source{Rank: rank, Doc: spintrace.DocRef{ID: id}, Passages: passages, Substitutions: subs}
}

func pass(a, s spintrace.Span) []spintrace.Passage {
	return []spintrace.Passage{{Article: a, Source: s}}
}

func sub(kind string, a spintrace.Span) spintrace.Substitution {
	return spintrace.Substitution{Kind: kind, Article: a}
}

func TestTallySources(t *testing.T) {
	tests := []struct {
		name                 string
		sources              []spintrace.Source
		at1, at10, precision float64
	}{
		{"both found, true first", []spintrace.Source{src("A", 1, nil), src("B", 2, nil)}, 1, 1, 1},
		{"false source first", []spintrace.Source{src("X", 1, nil), src("B", 2, nil)}, 0, 0.5, 0.5},
		{"nothing reported", nil, 0, 0, 0},
		{"true source reported twice counts once", []spintrace.Source{src("A", 1, nil), src("A", 2, nil)}, 1, 0.5, 0.5},
		{"found through a copy", []spintrace.Source{{Rank: 1, Doc: spintrace.DocRef{ID: "A2"}, AlsoIn: []spintrace.DocRef{{ID: "A"}}}}, 1, 0.5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ta Tally
			ta.Add(derivedCase(), &spintrace.Result{Sources: tt.sources}, nil, time.Millisecond)
			r := ta.Report().Sources
			if !near(r.RecallAt1, tt.at1) || !near(r.RecallAt10, tt.at10) || !near(r.Precision, tt.precision) {
				t.Errorf("recall@1 %.3f recall@10 %.3f precision %.3f, want %.3f %.3f %.3f",
					r.RecallAt1, r.RecallAt10, r.Precision, tt.at1, tt.at10, tt.precision)
			}
			if r.TrueSources != 2 {
				t.Errorf("true sources = %d, want 2 (a source without passages is not one)", r.TrueSources)
			}
		})
	}
}

func TestTallySharedQuotes(t *testing.T) {
	text := `"We will win the cup," the coach said. Prose from the other one.`
	c := &Case{Doc: spintrace.Doc{Text: text}, Truth: spingen.Truth{Verdict: spingen.VerdictStitched, Sources: []spingen.SourceTruth{
		{ID: "Q", Passages: []spingen.Passage{{Article: sp(1, 20), Source: sp(0, 19)}}},  // inside the quotation
		{ID: "P", Passages: []spingen.Passage{{Article: sp(39, 64), Source: sp(0, 25)}}}, // prose
	}}}
	shared := []spintrace.SharedQuote{{Doc: spintrace.DocRef{ID: "Q"}}, {Doc: spintrace.DocRef{ID: "P"}}}
	var ta Tally
	ta.Add(c, &spintrace.Result{SharedQuotes: shared}, nil, 0)
	r := ta.Report().Sources
	if r.FoundAt10 != 1 || r.QuoteOnly != 1 || r.QuoteOnlyShared != 1 || r.DemotedToShared != 1 || r.Reported != 0 {
		t.Errorf("sources = %+v, want the quote-only source found as shared, the prose one demoted", r)
	}
}

func TestTallyRecallAt10Rank(t *testing.T) {
	var srcs []spintrace.Source
	for i := 0; i < 10; i++ {
		srcs = append(srcs, src(string(rune('a'+i)), i+1, nil))
	}
	srcs = append(srcs, src("A", 11, nil), src("B", 12, nil))
	var ta Tally
	ta.Add(derivedCase(), &spintrace.Result{Sources: srcs}, nil, 0)
	r := ta.Report().Sources
	if r.RecallAt10 != 0 || r.MissedByRank != 2 {
		t.Errorf("recall@10 %.3f, below 10: %d; want 0 and 2", r.RecallAt10, r.MissedByRank)
	}
}

func TestTallyOriginal(t *testing.T) {
	var ta Tally
	c := originalCase(0, Article{Doc: spintrace.Doc{Text: "some text"}})
	ta.Add(&c, &spintrace.Result{Sources: []spintrace.Source{src("X", 1, pass(sp(0, 4), sp(0, 4)))},
		Verdict: spintrace.Verdict{Class: spintrace.ClassSyndicated}}, nil, 0)
	r := ta.Report()
	if r.Sources.Precision != 0 || r.Sources.OnOriginals != 1 || r.Sources.Derivatives != 0 {
		t.Errorf("sources = %+v, want one false source on an original", r.Sources)
	}
	if r.Passages.Precision != 0 || r.Passages.Detections != 1 {
		t.Errorf("passages = %+v, want one false detection", r.Passages)
	}
	if r.Verdict.Accuracy != 0 || r.Verdict.Confusion[TruthOriginal][spintrace.ClassSyndicated] != 1 {
		t.Errorf("verdict = %+v, want original called syndicated", r.Verdict)
	}
}

func TestTallyPassages(t *testing.T) {
	tests := []struct {
		name      string
		sources   []spintrace.Source
		plagdet   float64
		precision float64
		recall    float64
	}{
		{"exact", []spintrace.Source{src("A", 1, pass(sp(0, 100), sp(0, 100))), src("B", 2, pass(sp(100, 200), sp(50, 150)))}, 1, 1, 1},
		{"one source missed", []spintrace.Source{src("A", 1, pass(sp(0, 100), sp(0, 100)))}, 2.0 / 3, 1, 0.5},
		{"passage given to the wrong source", []spintrace.Source{src("A", 1, pass(sp(0, 100), sp(0, 100))), src("X", 2, pass(sp(100, 200), sp(50, 150)))}, 0.5, 0.5, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ta Tally
			ta.Add(derivedCase(), &spintrace.Result{Sources: tt.sources}, nil, 0)
			p := ta.Report().Passages
			if !near(p.Plagdet, tt.plagdet) || !near(p.Precision, tt.precision) || !near(p.Recall, tt.recall) {
				t.Errorf("got %+v, want plagdet %.3f precision %.3f recall %.3f", p, tt.plagdet, tt.precision, tt.recall)
			}
		})
	}
}

func TestTallySubstitutions(t *testing.T) {
	a := src("A", 1, pass(sp(0, 100), sp(0, 100)),
		sub(spintrace.SubstSynonym, sp(10, 15)),    // true
		sub(spintrace.SubstWord, sp(20, 24)),       // false
		sub(spintrace.SubstInflection, sp(40, 45)), // ignored; truth entity there is "inflection only"
		sub(spintrace.SubstWord, sp(98, 101)),      // over the join seam: neutral
	)
	b := src("B", 2, pass(sp(100, 200), sp(50, 150)),
		sub(spintrace.SubstWord, sp(173, 178)),  // the swapped speaker: neutral
		sub(spintrace.SubstAlias, sp(210, 215)), // outside the true passages
	)
	x := src("X", 3, pass(sp(100, 200), sp(0, 100)), sub(spintrace.SubstWord, sp(120, 125)))
	var ta Tally
	ta.Add(derivedCase(), &spintrace.Result{Sources: []spintrace.Source{a, b, x}}, nil, 0)
	got := ta.Report().Substitutions
	want := Substitutions{
		PR: PR{Precision: 0.5, Recall: 1.0 / 3, F1: f1(0.5, 1.0/3), Truth: 3, Found: 1, Reported: 2, Correct: 1},
		ByTruthKind: map[string]*SubstRecall{
			spingen.KindSynonym: {Truth: 2, Found: 1, Recall: 0.5, Unreported: 1},
			spingen.KindEntity:  {Truth: 1, InflectionOnly: 1},
		},
		ByReportedKind: map[string]*SubstPrecision{
			spintrace.SubstSynonym: {Reported: 1, Correct: 1, Precision: 1},
			spintrace.SubstWord:    {Reported: 1},
		},
		Neutral: 2, Inflection: 1, OutsideTruth: 1, OnFalseSources: 1,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("substitutions (-want +got):\n%s", d)
	}
}

func TestTallySubstitutionNoPassage(t *testing.T) {
	var ta Tally
	ta.Add(derivedCase(), &spintrace.Result{Sources: []spintrace.Source{src("A", 1, pass(sp(0, 30), sp(0, 30)))}}, nil, 0)
	k := ta.Report().Substitutions.ByTruthKind
	if k[spingen.KindEntity].NoPassage != 1 || k[spingen.KindSynonym].NoPassage != 1 || k[spingen.KindSynonym].Unreported != 1 {
		t.Errorf("miss reasons: entity %+v synonym %+v", k[spingen.KindEntity], k[spingen.KindSynonym])
	}
}

func TestTallyQuotes(t *testing.T) {
	tests := []struct {
		name              string
		findings          []spintrace.QuoteFinding
		precision, recall float64
	}{
		{"none", nil, 0, 0},
		{"swap and drop found", []spintrace.QuoteFinding{
			{Flag: spintrace.QuoteSpeakerChanged, Article: sp(150, 181)},
			{Flag: spintrace.QuoteDropped, Article: sp(60, 80)},
		}, 1, 1},
		{"swap found through the speaker only", []spintrace.QuoteFinding{{Flag: spintrace.QuoteSpeakerChanged, Article: sp(174, 176)}}, 1, 0.5},
		{"wrong flag", []spintrace.QuoteFinding{{Flag: spintrace.QuoteDropped, Article: sp(150, 170)}}, 0, 0},
		{"false alarm", []spintrace.QuoteFinding{
			{Flag: spintrace.QuoteSpeakerChanged, Article: sp(150, 170)},
			{Flag: spintrace.QuoteSpeakerChanged, Article: sp(10, 20)},
			{Flag: spintrace.QuoteMerged, Article: sp(150, 170)},
		}, 1.0 / 3, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ta Tally
			ta.Add(derivedCase(), &spintrace.Result{Quotes: tt.findings}, nil, 0)
			q := ta.Report().Quotes
			if !near(q.Precision, tt.precision) || !near(q.Recall, tt.recall) || q.Truth != 2 {
				t.Errorf("got precision %.3f recall %.3f truth %d, want %.3f %.3f 2", q.Precision, q.Recall, q.Truth, tt.precision, tt.recall)
			}
		})
	}
}

func TestTallyQuotePropagated(t *testing.T) {
	c := derivedCase()
	c.Truth.QuoteSwaps[0].From, c.Truth.QuoteSwaps[0].To = "Justin Green", "Stamp"
	var ta Tally
	ta.Add(c, &spintrace.Result{Quotes: []spintrace.QuoteFinding{
		{Flag: spintrace.QuoteSpeakerChanged, Article: sp(0, 20), Speaker: "Stamp", SourceSpeaker: "Green"}, // carried on
		{Flag: spintrace.QuoteSpeakerChanged, Article: sp(0, 20), Speaker: "Stamp", SourceSpeaker: "Okafor"},
	}}, nil, 0)
	q := ta.Report().Quotes
	if q.Correct != 1 || q.Propagated != 1 || q.Found != 0 {
		t.Errorf("got correct %d propagated %d found %d, want 1 1 0", q.Correct, q.Propagated, q.Found)
	}
}

func TestExplicitAttribution(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{`"We won," Ellen Okafor said. Next.`, true},
		{`Before. "We won," said Mr Okafor.`, true},
		{`Okafor said: "We won."`, true},
		{`Before. "We won," he added.`, false},
		{`He said: "We won."`, false},
		{`Speaking later, he said: "We won."`, false},
		{`"We won." Then came the rain.`, false},
		{`"We won," the coach told Reuters.`, true},
		{`"We won," he told BBC Sport.`, false},
	}
	for _, tt := range tests {
		r := []rune(tt.text)
		open := strings.IndexRune(tt.text, '"')
		q := sp(len([]rune(tt.text[:open])), 0)
		q.End = q.Start + 1 + strings.IndexRune(string(r[q.Start+1:]), '"') + 1
		if got := explicitAttribution(r, q); got != tt.want {
			t.Errorf("explicitAttribution(%q, quote %q) = %t, want %t", tt.text, string(r[q.Start:q.End]), got, tt.want)
		}
	}
}

func TestSentenceAt(t *testing.T) {
	r := []rune(`He left. Patel said in a statement. Then "more".`)
	if got, want := sentenceAt(r, 9), sp(9, 35); got != want {
		t.Errorf("sentenceAt = %v, want %v", got, want)
	}
	if got, want := sentenceAt(r, len(r)), sp(len(r), len(r)); got != want {
		t.Errorf("sentenceAt(end) = %v, want %v", got, want)
	}
}

func TestTallyVerdict(t *testing.T) {
	var ta Tally
	stitched := derivedCase()
	ta.Add(stitched, &spintrace.Result{Verdict: spintrace.Verdict{Class: spintrace.ClassStitched, Spun: true}}, nil, 0)
	spun := derivedCase()
	spun.Truth.Verdict = spingen.VerdictSpun
	ta.Add(spun, &spintrace.Result{Verdict: spintrace.Verdict{Class: spintrace.ClassStitched}}, nil, 0)
	verbatim := derivedCase()
	verbatim.Truth.Verdict, verbatim.Truth.Spun, verbatim.Truth.Substitutions = spingen.VerdictSyndicated, false, nil
	ta.Add(verbatim, nil, os.ErrNotExist, 0) // a failed trace
	v := ta.Report().Verdict
	want := map[string]map[string]int{
		spintrace.ClassStitched:   {spintrace.ClassStitched: 1},
		spintrace.ClassSpun:       {spintrace.ClassStitched: 1},
		spintrace.ClassSyndicated: {"(failed)": 1},
	}
	if d := cmp.Diff(want, v.Confusion); d != "" {
		t.Errorf("confusion (-want +got):\n%s", d)
	}
	if !near(v.Accuracy, 1.0/3) {
		t.Errorf("accuracy = %.3f, want 1/3", v.Accuracy)
	}
	if v.Spun.TP != 1 || v.Spun.FN != 1 || v.Spun.TN != 1 || v.Spun.FP != 0 {
		t.Errorf("spun = %+v, want tp 1 fn 1 tn 1", v.Spun)
	}
	// 3 substitutions over 71 article words: 4%.
	for _, b := range v.Spun.ByRate {
		want := map[string]int{"0": 1, "3-10%": 2}[b.Label]
		if b.Cases != want {
			t.Errorf("rate bucket %s: %d cases, want %d", b.Label, b.Cases, want)
		}
	}
}

func TestTallyMixin(t *testing.T) {
	c := derivedCase()
	c.Unexplained = []spintrace.Span{sp(200, 300)}
	var ta Tally
	ta.Add(c, &spintrace.Result{Sources: []spintrace.Source{src("A", 1, pass(sp(0, 250), sp(0, 250)))}}, nil, 0)
	if m := ta.Report().Mixin; m.Claimed != 0.5 || m.Cases != 1 {
		t.Errorf("mixin = %+v, want half claimed", m)
	}
}

func TestWriteTableGolden(t *testing.T) {
	var ta Tally
	ta.Add(derivedCase(), &spintrace.Result{
		Sources: []spintrace.Source{
			src("A", 1, pass(sp(0, 100), sp(0, 100)), sub(spintrace.SubstSynonym, sp(10, 15))),
			src("X", 2, pass(sp(100, 200), sp(50, 150))),
		},
		Quotes:  []spintrace.QuoteFinding{{Flag: spintrace.QuoteSpeakerChanged, Article: sp(150, 170)}},
		Verdict: spintrace.Verdict{Class: spintrace.ClassSpun, Spun: true},
	}, nil, 20*time.Millisecond)
	c := originalCase(0, Article{Doc: spintrace.Doc{Text: "x"}})
	ta.Add(&c, &spintrace.Result{Verdict: spintrace.Verdict{Class: spintrace.ClassOriginal}}, nil, 10*time.Millisecond)
	r := ta.Report()
	r.Setup.Corpus, r.Setup.Read.Docs, r.Setup.Indexed, r.Setup.HeldOut, r.Setup.Seed = "testdata", 3, 2, 1, 1
	r.Throughput.Workers, r.Throughput.Seconds, r.Throughput.PerSecond = 1, 0.03, 66.7
	var b bytes.Buffer
	if err := WriteTable(&b, &r); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "table.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := cmp.Diff(string(want), b.String()); d != "" {
		t.Errorf("table (-want +got):\n%s", d)
	}
}
