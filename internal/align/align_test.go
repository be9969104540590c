package align

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/spintrace/spintrace/internal/textnorm"
)

// The source: eight sentences written for these tests.
var sourceSentences = []string{
	"The harbor authority in Port Calder announced on Monday that dock workers would return to the cargo terminals after a strike that lasted eleven days.",
	"Negotiators for the union and the shipping companies reached a tentative agreement late on Sunday night, according to a statement from the authority.",
	"The deal raises hourly wages by six percent over three years and limits mandatory overtime during the winter season.",
	"Union leader Marta Kowalski told reporters that her members would vote on the proposal before the end of the week.",
	"Several container ships had been anchored offshore while the terminals stood idle, delaying deliveries of grain and machinery.",
	"Local businesses complained that the dispute had cost them customers and forced some factories to cut production.",
	"The regional governor welcomed the agreement and urged both sides to rebuild trust through regular consultations.",
	"Officials expect the backlog of ships to clear within two weeks if the vote succeeds.",
}

var filler = []string{
	"Meanwhile, a separate report on coastal erosion was published by the environment ministry.",
	"Critics of the plan argued that the harbor needs new cranes more than new contracts.",
}

func normalize(s string) *textnorm.Text { return textnorm.New(textnorm.Default()).Normalize(s) }

// spin replaces about rate of the content words of s with unrelated
// invented words, deterministically.
func spin(s string, rate float64, seed int64) string {
	rng := rand.New(rand.NewSource(seed))
	ws := strings.Fields(s)
	for i, w := range ws {
		if len(w) > 3 && rng.Float64() < rate {
			ws[i] = "zq" + strings.Repeat("x", i%4) + "word"
		}
	}
	return strings.Join(ws, " ")
}

// sentenceOf returns the index of the source sentence that contains token
// range r of the source text, or -1 when it spans several.
func sentenceOf(src *textnorm.Text, r Range) int {
	first, last := src.Tokens[r.Start].Sent, src.Tokens[r.End-1].Sent
	if first != last {
		return -1
	}
	return int(first)
}

func TestAlignVerbatim(t *testing.T) {
	text := strings.Join(sourceSentences, " ")
	a, b := normalize(text), normalize(text)
	ps := Align(a, b, Default)
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want 1: %+v", len(ps), ps)
	}
	p := ps[0]
	if p.A != (Range{0, len(a.Tokens)}) || p.B != (Range{0, len(b.Tokens)}) {
		t.Errorf("passage %+v, want the whole texts (%d tokens)", p, len(a.Tokens))
	}
	for _, op := range p.Ops {
		if op.Kind != OpMatch {
			t.Fatalf("verbatim copy has op %c", op.Kind)
		}
	}
}

func TestAlignSubstitutions(t *testing.T) {
	src := strings.Join(sourceSentences, " ")
	for _, rate := range []float64{0.2, 0.4} {
		art := spin(src, rate, 7)
		a, b := normalize(art), normalize(src)
		ps := Align(a, b, Default)
		if len(ps) == 0 {
			t.Fatalf("rate %.1f: no passage", rate)
		}
		covered := 0
		for _, p := range ps {
			covered += p.A.Len()
			if p.A.Start < 0 || p.B.End > len(b.Tokens) {
				t.Fatalf("bad ranges %+v", p)
			}
		}
		if float64(covered) < 0.9*float64(len(a.Tokens)) {
			t.Errorf("rate %.1f: passages cover %d of %d article tokens, want >= 90%%", rate, covered, len(a.Tokens))
		}
		subs := 0
		for _, p := range ps {
			for _, op := range p.Ops {
				if op.Kind == OpSub {
					subs++
					if !strings.HasPrefix(a.Word(int(op.A)), "zq") {
						t.Errorf("rate %.1f: substitution of unchanged word %q -> %q", rate, b.Word(int(op.B)), a.Word(int(op.A)))
					}
				}
			}
		}
		if subs == 0 {
			t.Errorf("rate %.1f: no substitution ops", rate)
		}
	}
}

func TestAlignSynonymsAreCanonicalMatches(t *testing.T) {
	src := "The company will buy a big factory near the river to help local farmers."
	art := "The firm will purchase a large factory near the river to assist local farmers."
	a, b := normalize(art), normalize(src)
	ps := Align(a, b, Options{MaxGap: 10, MinSeeds: 1, MinMatched: 3, MergeGap: 8, Ordered: true, Edits: true, MaxPerKey: 8})
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want 1", len(ps))
	}
	canon := map[string]string{}
	for _, op := range ps[0].Ops {
		if op.Kind == OpCanon {
			canon[b.Word(int(op.B))] = a.Word(int(op.A))
		}
	}
	for from, to := range map[string]string{"buy": "purchase", "big": "large"} {
		if canon[from] != to {
			t.Errorf("want canonical match %s -> %s, got %v", from, to, canon)
		}
	}
}

func TestAlignShuffledSentences(t *testing.T) {
	order := []int{5, 0, 3, 7, 1}
	var parts []string
	for _, k := range order {
		parts = append(parts, sourceSentences[k])
	}
	a, b := normalize(strings.Join(parts, " ")), normalize(strings.Join(sourceSentences, " "))
	ps := Align(a, b, Default)
	if len(ps) != len(order) {
		t.Fatalf("got %d passages, want %d (one per moved sentence)", len(ps), len(order))
	}
	for k, p := range ps {
		if got := sentenceOf(b, p.B); got != order[k] {
			t.Errorf("passage %d maps to source sentence %d, want %d", k, got, order[k])
		}
		if got := int(a.Tokens[p.A.Start].Sent); got != k {
			t.Errorf("passage %d starts in article sentence %d", k, got)
		}
	}
}

func TestAlignInsertions(t *testing.T) {
	art := strings.Join(sourceSentences[:3], " ") + " " + strings.Join(filler, " ") + " " + strings.Join(sourceSentences[3:6], " ")
	a, b := normalize(art), normalize(strings.Join(sourceSentences, " "))
	ps := Align(a, b, Default)
	if len(ps) != 2 {
		t.Fatalf("got %d passages, want 2 around the inserted text: %+v", len(ps), ps)
	}
	ins := strings.Index(art, filler[0])
	insEnd := strings.Index(art, sourceSentences[3])
	for _, p := range ps {
		s, e := int(a.Tokens[p.A.Start].Start), int(a.Tokens[p.A.End-1].End)
		if s < insEnd && e > ins {
			t.Errorf("passage [%d,%d) covers the inserted text [%d,%d)", s, e, ins, insEnd)
		}
	}
}

func TestAlignUnrelated(t *testing.T) {
	a := normalize(strings.Join(filler, " ") + " The weather in the mountains stayed cold and dry for most of the month, forecasters said.")
	b := normalize(strings.Join(sourceSentences, " "))
	if ps := Align(a, b, Default); len(ps) != 0 {
		t.Errorf("unrelated texts gave passages: %+v", ps)
	}
}

func TestAlignNoEditsSameRanges(t *testing.T) {
	text := strings.Join(sourceSentences, " ")
	a, b := normalize(text), normalize(text)
	o := Default
	o.Edits = false
	ps := Align(a, b, o)
	if len(ps) != 1 || ps[0].Ops != nil {
		t.Fatalf("got %+v, want one passage without ops", ps)
	}
}
