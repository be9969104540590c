package spingen

import (
	"fmt"
	"math/rand"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/sample"
)

// checkTruth verifies that the truth describes the article exactly.
func checkTruth(t *testing.T, sources []spintrace.Doc, d Derived) {
	t.Helper()
	art := []rune(d.Doc.Text)
	srcR := make([][]rune, len(sources))
	for i, s := range sources {
		srcR[i] = []rune(s.Text)
	}
	tr := d.Truth
	if d.Doc.ID != spintrace.DocID(d.Doc.Text) {
		t.Errorf("doc ID is not DocID(Text)")
	}
	if len(tr.Sources) != len(sources) {
		t.Fatalf("truth has %d sources, want %d", len(tr.Sources), len(sources))
	}
	covered := make([]bool, len(art))
	mark := func(s spintrace.Span, what string) {
		if s.Start < 0 || s.End > len(art) || s.Start >= s.End {
			t.Fatalf("%s span %+v out of article (len %d)", what, s, len(art))
		}
		for i := s.Start; i < s.End; i++ {
			if covered[i] {
				t.Fatalf("%s span %+v overlaps another span at %d", what, s, i)
			}
			covered[i] = true
		}
	}
	for _, b := range tr.Boilerplate {
		mark(b, "boilerplate")
	}
	for _, j := range tr.Joins {
		if j.Kind == JoinDup {
			k := j.At
			for k < len(art) && !unicode.IsSpace(art[k]) {
				k++
			}
			mark(spintrace.Span{Start: j.At, End: k}, "dup word")
		}
		if j.Kind == JoinGlue && (j.At == 0 || j.At >= len(art) || unicode.IsSpace(art[j.At-1]) || unicode.IsSpace(art[j.At])) {
			t.Errorf("glue join at %d is not between two non-space characters", j.At)
		}
	}
	type edit struct {
		src      int
		ss, as   spintrace.Span
		from, to string
	}
	var edits []edit
	for _, s := range tr.Substitutions {
		if got := string(srcR[s.Source][s.SourceSpan.Start:s.SourceSpan.End]); got != s.From {
			t.Errorf("substitution %+v: source text is %q", s, got)
		}
		if got := string(art[s.Span.Start:s.Span.End]); got != s.To {
			t.Errorf("substitution %+v: article text is %q", s, got)
		}
		if s.From == s.To || (s.Kind != KindSynonym && s.Kind != KindEntity) {
			t.Errorf("substitution %+v: no change or bad kind", s)
		}
		edits = append(edits, edit{s.Source, s.SourceSpan, s.Span, s.From, s.To})
	}
	for _, q := range tr.QuoteSwaps {
		if got := string(srcR[q.Source][q.SourceSpeaker.Start:q.SourceSpeaker.End]); got != q.From {
			t.Errorf("quote swap %+v: source speaker text is %q", q, got)
		}
		if got := string(art[q.Speaker.Start:q.Speaker.End]); got != q.To {
			t.Errorf("quote swap %+v: article speaker text is %q", q, got)
		}
		aq, sq := string(art[q.Quote.Start:q.Quote.End]), string(srcR[q.Source][q.SourceQuote.Start:q.SourceQuote.End])
		if !isOpenQuote(aq) || !isOpenQuote(sq) || q.Quote.End > q.Speaker.Start {
			t.Errorf("quote swap %+v: quote %q / source %q", q, aq, sq)
		}
		edits = append(edits, edit{q.Source, q.SourceSpeaker, q.Speaker, q.From, q.To})
	}
	for _, q := range tr.DroppedQuotes {
		sq := string(srcR[q.Source][q.SourceQuote.Start:q.SourceQuote.End])
		if strings.Contains(d.Doc.Text, sq) {
			t.Errorf("dropped quote %q is still in the article", sq)
		}
		// The attribution stays: the speaker's surname (first names may be
		// dropped by entity renames) follows soon after the cut, unless the
		// speaker was swapped too.
		names := strings.Fields(q.Speaker)
		rest := []rune(d.Doc.Text)[q.At:]
		rest = rest[:min(len(rest), 80)]
		swapped := false
		for _, s := range tr.QuoteSwaps {
			swapped = swapped || (s.Speaker.Start >= q.At && s.Speaker.Start < q.At+80)
		}
		if !swapped && !strings.Contains(string(rest), names[len(names)-1]) {
			t.Errorf("dropped quote of %s: attribution not kept at %d: %q", q.Speaker, q.At, string(rest))
		}
	}
	used := 0
	for si, st := range tr.Sources {
		if st.ID != sources[si].ID {
			t.Errorf("source %d: ID %s, want %s", si, st.ID, sources[si].ID)
		}
		if len(st.Passages) > 0 {
			used++
		}
		for _, p := range st.Passages {
			mark(p.Article, "passage")
			// Rebuild the article text from the source and the edits inside.
			var sb strings.Builder
			pos := p.Source.Start
			var in []edit
			for _, e := range edits {
				if e.src == si && e.ss.Start >= p.Source.Start && e.ss.End <= p.Source.End {
					in = append(in, e)
				}
			}
			sort.Slice(in, func(i, j int) bool { return in[i].ss.Start < in[j].ss.Start })
			for _, e := range in {
				sb.WriteString(string(srcR[si][pos:e.ss.Start]))
				sb.WriteString(e.to)
				pos = e.ss.End
				if e.as.Start < p.Article.Start || e.as.End > p.Article.End {
					t.Errorf("edit %+v inside source passage %+v but outside article passage", e, p)
				}
			}
			sb.WriteString(string(srcR[si][pos:p.Source.End]))
			if got, want := string(art[p.Article.Start:p.Article.End]), sb.String(); got != want {
				t.Errorf("passage %+v of source %d:\narticle: %q\nrebuilt: %q", p, si, got, want)
			}
		}
	}
	for _, e := range edits {
		inside := false
		for _, p := range tr.Sources[e.src].Passages {
			inside = inside || (p.Article.Start <= e.as.Start && e.as.End <= p.Article.End)
		}
		if !inside {
			t.Errorf("edit %+v lies in no passage", e)
		}
	}
	for i, c := range art {
		if !covered[i] && !unicode.IsSpace(c) {
			t.Errorf("article character %d %q is explained by nothing: %q", i, c, string(art[max(0, i-20):min(len(art), i+20)]))
			break
		}
	}
	switch {
	case used > 1 && tr.Verdict != VerdictStitched,
		used <= 1 && tr.Spun && tr.Verdict != VerdictSpun,
		used <= 1 && !tr.Spun && tr.Verdict != VerdictSyndicated:
		t.Errorf("verdict %q with %d sources used, spun=%v", tr.Verdict, used, tr.Spun)
	}
	if tr.Spun != (len(tr.Substitutions) > 0) {
		t.Errorf("Spun=%v with %d substitutions", tr.Spun, len(tr.Substitutions))
	}
	if tr.TitleSource < 0 || tr.TitleSource >= len(sources) || d.Doc.Title != sources[tr.TitleSource].Title {
		t.Errorf("title %q does not come from source %d", d.Doc.Title, tr.TitleSource)
	}
	for _, s := range sources {
		if !s.Published.IsZero() && !d.Doc.Published.After(s.Published) {
			t.Errorf("derivative published %v, not after source %v", d.Doc.Published, s.Published)
		}
	}
}

func all() Options {
	return Options{SubstRate: 0.3, Sources: 3, Shuffle: true, EntityRenames: true, QuoteSwaps: true,
		DropQuotes: true, JoinNoise: true, Boilerplate: true}
}

// pick returns n sample articles starting at i (wrapping).
func pick(docs []spintrace.Doc, i, n int) []spintrace.Doc {
	var out []spintrace.Doc
	for k := 0; k < n; k++ {
		out = append(out, docs[(i+k)%len(docs)])
	}
	return out
}

func TestDeriveTruth(t *testing.T) {
	docs := sample.Articles()
	opts := map[string]Options{
		"syndicated":   {Sources: 1},
		"spun":         {Sources: 1, SubstRate: 0.2},
		"spun max":     {Sources: 1, SubstRate: 0.5, EntityRenames: true},
		"shuffled":     {Sources: 1, Shuffle: true, JoinNoise: true},
		"stitched":     {Sources: 3, SubstRate: 0.1},
		"stitched 5":   {Sources: 5, Shuffle: true, JoinNoise: true, Boilerplate: true},
		"quotes":       {Sources: 2, QuoteSwaps: true, DropQuotes: true},
		"everything":   all(),
		"everything 5": func() Options { o := all(); o.Sources = 5; o.SubstRate = 0.5; return o }(),
	}
	for name, o := range opts {
		t.Run(name, func(t *testing.T) {
			for seed := int64(0); seed < 40; seed++ {
				rng := rand.New(rand.NewSource(seed))
				srcs := pick(docs, int(seed)*7, max(o.Sources, 1))
				d := Derive(rng, srcs, o)
				checkTruth(t, srcs, d)
				if t.Failed() {
					t.Fatalf("seed %d:\n%s", seed, d.Doc.Text)
				}
			}
		})
	}
}

func TestDeriveDeterministic(t *testing.T) {
	docs := sample.Articles()
	srcs := pick(docs, 20, 4)
	o := all()
	o.Sources = 4
	a := Derive(rand.New(rand.NewSource(42)), srcs, o)
	b := Derive(rand.New(rand.NewSource(42)), srcs, o)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different derivative (-a +b):\n%s", diff)
	}
	o.Seed = 42
	if c := Derive(nil, srcs, o); c.Doc.Text != a.Doc.Text {
		t.Error("nil rng with Options.Seed differs from an explicit rng with that seed")
	}
	if c := Derive(rand.New(rand.NewSource(43)), srcs, o); c.Doc.Text == a.Doc.Text {
		t.Error("different seeds gave the same derivative")
	}
}

func TestDeriveSyndicated(t *testing.T) {
	src := sample.Articles()[3]
	d := Derive(rand.New(rand.NewSource(1)), []spintrace.Doc{src}, Options{Sources: 1})
	if d.Doc.Text != src.Text || d.Doc.ID != src.ID {
		t.Errorf("a syndicated copy differs from its source")
	}
	want := []SourceTruth{{ID: src.ID, Passages: []Passage{{
		Article: spintrace.Span{Start: 0, End: len([]rune(src.Text))},
		Source:  spintrace.Span{Start: 0, End: len([]rune(src.Text))},
	}}}}
	if diff := cmp.Diff(want, d.Truth.Sources); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
	if d.Truth.Verdict != VerdictSyndicated || d.Truth.Spun {
		t.Errorf("verdict %q spun=%v", d.Truth.Verdict, d.Truth.Spun)
	}
}

// TestDeriveOptions runs each option over many seeds and checks it left its
// mark, and that options left off leave none.
func TestDeriveOptions(t *testing.T) {
	docs := sample.Articles()
	const seeds = 30
	run := func(o Options, f func(srcs []spintrace.Doc, d Derived)) {
		for seed := int64(0); seed < seeds; seed++ {
			srcs := pick(docs, int(seed)*3, max(o.Sources, 1))
			f(srcs, Derive(rand.New(rand.NewSource(seed)), srcs, o))
		}
	}
	t.Run("SubstRate", func(t *testing.T) {
		for _, rate := range []float64{0, 0.1, 0.3, 0.5, 0.9} {
			subs, ws := 0, 0
			run(Options{Sources: 1, SubstRate: rate}, func(srcs []spintrace.Doc, d Derived) {
				subs += len(d.Truth.Substitutions)
				ws += len(strings.Fields(srcs[0].Text))
				for _, s := range d.Truth.Substitutions {
					if s.Kind != KindSynonym {
						t.Errorf("rate %v: %s substitution without EntityRenames", rate, s.Kind)
					}
				}
			})
			share := float64(subs) / float64(ws)
			// Eligible words are roughly a third of all words.
			lo, hi := min(rate, 0.5)*0.15, min(rate, 0.5)*0.6
			if share < lo || share > hi || (rate == 0) != (subs == 0) {
				t.Errorf("rate %v: %d substitutions over %d words (%.3f), want %.3f..%.3f", rate, subs, ws, share, lo, hi)
			}
		}
	})
	t.Run("Sources", func(t *testing.T) {
		for _, k := range []int{1, 2, 3, 5} {
			run(Options{Sources: k}, func(srcs []spintrace.Doc, d Derived) {
				used, last := 0, -1
				for si, st := range d.Truth.Sources {
					if len(st.Passages) > 0 {
						used++
					}
					for _, p := range st.Passages {
						if p.Article.Start < last {
							t.Errorf("sources=%d unshuffled: source %d passage at %d before an earlier source's", k, si, p.Article.Start)
						}
						last = max(last, p.Article.End)
					}
				}
				if used != k {
					t.Errorf("sources=%d: %d sources used", k, used)
				}
				if want := map[bool]string{true: VerdictSyndicated, false: VerdictStitched}[k == 1]; d.Truth.Verdict != want {
					t.Errorf("sources=%d: verdict %q, want %q", k, d.Truth.Verdict, want)
				}
			})
		}
		// More sources than given, and none asked for, are clamped.
		d := Derive(rand.New(rand.NewSource(1)), docs[:2], Options{Sources: 9})
		if len(d.Truth.Sources) != 2 {
			t.Errorf("Sources=9 with 2 docs: %d sources", len(d.Truth.Sources))
		}
		if d := Derive(rand.New(rand.NewSource(1)), docs[:2], Options{}); len(d.Truth.Sources) != 1 {
			t.Errorf("Sources=0: %d sources", len(d.Truth.Sources))
		}
	})
	t.Run("Shuffle", func(t *testing.T) {
		reordered := 0
		run(Options{Sources: 1, Shuffle: true}, func(srcs []spintrace.Doc, d Derived) {
			ps := d.Truth.Sources[0].Passages
			for i := 1; i < len(ps); i++ {
				if ps[i].Source.Start < ps[i-1].Source.Start {
					reordered++
					break
				}
			}
		})
		if reordered < seeds*3/4 {
			t.Errorf("Shuffle reordered %d of %d derivatives", reordered, seeds)
		}
	})
	t.Run("EntityRenames", func(t *testing.T) {
		var geneva spintrace.Doc
		for _, d := range docs {
			if strings.Contains(d.Origin, "russia-us-talks-geneva") {
				geneva = d
			}
		}
		d := Derive(rand.New(rand.NewSource(5)), []spintrace.Doc{geneva}, Options{Sources: 1, EntityRenames: true})
		got := map[string]string{}
		for _, s := range d.Truth.Substitutions {
			if s.Kind != KindEntity {
				t.Errorf("synonym substitution %+v with SubstRate 0", s)
			}
			if prev, ok := got[s.From]; ok && prev != s.To && s.From != "U.S." {
				t.Errorf("%q renamed both %q and %q", s.From, prev, s.To)
			}
			got[s.From] = s.To
		}
		for from, to := range map[string]string{"Russia": "Russian Federation", "Pavel Dorokhov": "Dorokhov", "Angela Whitcomb": "Whitcomb", "United Nations": "UN"} {
			if got[from] != to {
				t.Errorf("rename %q -> %q, want %q (all: %v)", from, got[from], to, got)
			}
		}
		if regexp.MustCompile(`\bRussia\b`).MatchString(d.Doc.Text) {
			t.Errorf("a whole-word \"Russia\" survived renaming")
		}
		if d.Truth.Verdict != VerdictSpun {
			t.Errorf("verdict %q, want %q", d.Truth.Verdict, VerdictSpun)
		}
	})
	counts := func(o Options, f func(d Derived) int) (total, with int) {
		run(o, func(srcs []spintrace.Doc, d Derived) {
			n := f(d)
			total += n
			if n > 0 {
				with++
			}
		})
		return
	}
	t.Run("QuoteSwaps", func(t *testing.T) {
		f := func(d Derived) int { return len(d.Truth.QuoteSwaps) }
		if _, with := counts(Options{Sources: 2, QuoteSwaps: true}, f); with < seeds*9/10 {
			t.Errorf("QuoteSwaps: %d of %d derivatives have a swap", with, seeds)
		}
		if n, _ := counts(Options{Sources: 2}, f); n != 0 {
			t.Errorf("%d swaps without QuoteSwaps", n)
		}
	})
	t.Run("DropQuotes", func(t *testing.T) {
		f := func(d Derived) int { return len(d.Truth.DroppedQuotes) }
		if _, with := counts(Options{Sources: 1, DropQuotes: true}, f); with < seeds*9/10 {
			t.Errorf("DropQuotes: %d of %d derivatives dropped a quote", with, seeds)
		}
		if n, _ := counts(Options{Sources: 1}, f); n != 0 {
			t.Errorf("%d drops without DropQuotes", n)
		}
	})
	t.Run("JoinNoise", func(t *testing.T) {
		kinds := map[string]int{}
		f := func(d Derived) int {
			for _, j := range d.Truth.Joins {
				kinds[j.Kind]++
			}
			return len(d.Truth.Joins)
		}
		if _, with := counts(Options{Sources: 3, JoinNoise: true}, f); with != seeds {
			t.Errorf("JoinNoise: %d of %d derivatives have a join artifact", with, seeds)
		}
		for _, k := range []string{JoinGlue, JoinDup, JoinCut} {
			if kinds[k] == 0 {
				t.Errorf("join kind %s never produced: %v", k, kinds)
			}
		}
		if n, _ := counts(Options{Sources: 3}, f); n != 0 {
			t.Errorf("%d joins without JoinNoise", n)
		}
		glue := regexp.MustCompile(`[.!?]["”’)]*["“‘(]?[\p{Lu}\d]`)
		run(Options{Sources: 3, JoinNoise: true}, func(_ []spintrace.Doc, d Derived) {
			for _, j := range d.Truth.Joins {
				if j.Kind == JoinGlue {
					r := []rune(d.Doc.Text)
					around := string(r[max(0, j.At-3):min(len(r), j.At+2)])
					if !glue.MatchString(around) {
						t.Errorf("glue join looks like %q", around)
					}
				}
			}
		})
	})
	t.Run("Boilerplate", func(t *testing.T) {
		f := func(d Derived) int { return len(d.Truth.Boilerplate) }
		if _, with := counts(Options{Sources: 2, Boilerplate: true}, f); with != seeds {
			t.Errorf("Boilerplate: %d of %d derivatives have boilerplate", with, seeds)
		}
		if n, _ := counts(Options{Sources: 2}, f); n != 0 {
			t.Errorf("%d boilerplate spans without Boilerplate", n)
		}
		d := Derive(rand.New(rand.NewSource(2)), docs[:1], Options{Sources: 1, Boilerplate: true})
		last := d.Truth.Boilerplate[len(d.Truth.Boilerplate)-1]
		if !strings.HasPrefix(string([]rune(d.Doc.Text)[last.Start:last.End]), "By ") {
			t.Errorf("footer boilerplate does not start with a byline")
		}
	})
}

func TestDerivePanicsOnNoSources(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Derive(rand.New(rand.NewSource(1)), nil, Options{})
}

// FuzzDerive checks the truth invariants on arbitrary source texts.
func FuzzDerive(f *testing.F) {
	f.Add(int64(1), `"Go now," Mayor Ellen Okafor said. Russia met the U.S. team. "Stay," said Raj Patel.`, "People said it was big. Help came.\n\nThe country will buy more.")
	f.Add(int64(2), "", "x")
	f.Add(int64(3), "“A.” B. “C,” Li said.", "Xi Jinping said. Said said said.")
	f.Fuzz(func(t *testing.T, seed int64, a, b string) {
		if !utf8Valid(a) || !utf8Valid(b) || strings.TrimSpace(a+b) == "" {
			return
		}
		srcs := []spintrace.Doc{{ID: spintrace.DocID(a), Text: a, Title: "A"}, {ID: spintrace.DocID(b), Text: b, Title: "B"}}
		o := all()
		o.Sources = 2
		o.Shuffle = seed%2 == 0
		d := Derive(rand.New(rand.NewSource(seed)), srcs, o)
		checkTruth(t, srcs, d)
	})
}

func isOpenQuote(s string) bool { return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“") }

func utf8Valid(s string) bool {
	return strings.ToValidUTF8(s, "\uFFFD") == s && !strings.ContainsRune(s, '\uFFFD')
}

func ExampleDerive() {
	srcs := []spintrace.Doc{{Title: "Talks", Text: `"We are ready," said Angela Whitcomb. Russia said it was too early to judge.`}}
	d := Derive(rand.New(rand.NewSource(7)), srcs, Options{Sources: 1, EntityRenames: true})
	fmt.Println(d.Doc.Text)
	fmt.Println(d.Truth.Verdict)
	// Output:
	// "We are ready," said Whitcomb. Russian Federation said it was too early to judge.
	// spun copy
}
