package spineval

import (
	"fmt"
	"math/rand"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spingen"
)

// TruthOriginal is the truth verdict of a held-out article: nothing in the
// index is its source.
const TruthOriginal = spintrace.ClassOriginal

// Params are the generator settings one derivative was made with.
type Params struct {
	Sources       int     `json:"sources"`
	SubstRate     float64 `json:"subst_rate"`
	Shuffle       bool    `json:"shuffle,omitempty"`
	EntityRenames bool    `json:"entity_renames,omitempty"`
	QuoteSwaps    bool    `json:"quote_swaps,omitempty"`
	DropQuotes    bool    `json:"drop_quotes,omitempty"`
	JoinNoise     bool    `json:"join_noise,omitempty"`
	Boilerplate   bool    `json:"boilerplate,omitempty"`
	// Mixin: a sentence run of a held-out article was stitched in as text
	// no indexed document explains.
	Mixin bool `json:"mixin,omitempty"`
}

// Case is one traced article with the truth about it.
type Case struct {
	Name string        `json:"name"`
	Doc  spintrace.Doc `json:"doc"`
	// Original is true for a held-out article traced as is.
	Original bool          `json:"original,omitempty"`
	Params   Params        `json:"params"`
	Truth    spingen.Truth `json:"truth"`
	// Unexplained are the article spans that come from no indexed document
	// (the mixed-in held-out run); boilerplate is in Truth.Boilerplate.
	Unexplained []spintrace.Span `json:"unexplained,omitempty"`
}

// TruthClass is the verdict class the case should get.
func (c *Case) TruthClass() string {
	if c.Original {
		return TruthOriginal
	}
	return c.Truth.Verdict
}

// originalCase wraps a held-out article.
func originalCase(i int, a Article) Case {
	return Case{
		Name:     fmt.Sprintf("original-%04d", i),
		Doc:      a.Doc,
		Original: true,
		Truth:    spingen.Truth{Verdict: TruthOriginal, Sources: []spingen.SourceTruth{}},
	}
}

// planner draws derivative settings and sources.
type planner struct {
	seed    int64
	indexed []Article
	heldOut []Article
	byCat   map[string][]int // indexes into indexed
}

func newPlanner(seed int64, indexed, heldOut []Article) *planner {
	p := &planner{seed: seed, indexed: indexed, heldOut: heldOut, byCat: map[string][]int{}}
	for i, a := range indexed {
		p.byCat[a.Category] = append(p.byCat[a.Category], i)
	}
	return p
}

// caseSeed mixes the run seed and the derivative number, so derivative i
// does not depend on how many are made or on scheduling.
func caseSeed(seed int64, i int) int64 {
	x := uint64(seed)*0x9e3779b97f4a7c15 + uint64(i)*0xbf58476d1ce4e5b9 + 1
	x ^= x >> 31
	x *= 0x94d049bb133111eb
	x ^= x >> 29
	return int64(x)
}

// params draws the generator settings across the whole range the
// evaluation covers: 45% single-source copies (verbatim or spun), 55%
// stitched from 2-5 sources; substitution rate 0 (30%) or uniform in
// (0, 0.5]; each kind of damage on or off independently.
func drawParams(r *rand.Rand, canMix bool) Params {
	var p Params
	if r.Float64() < 0.45 {
		p.Sources = 1
	} else {
		p.Sources = 2 + r.Intn(4)
	}
	if r.Float64() >= 0.3 {
		p.SubstRate = 0.5 * (1 - r.Float64()) // (0, 0.5]
	}
	p.Shuffle = r.Float64() < 0.5
	p.EntityRenames = r.Float64() < 0.4
	p.QuoteSwaps = r.Float64() < 0.35
	p.DropQuotes = r.Float64() < 0.25
	p.JoinNoise = r.Float64() < 0.5
	p.Boilerplate = r.Float64() < 0.4
	p.Mixin = canMix && p.Sources >= 2 && r.Float64() < 0.15
	return p
}

// derivative makes derivative i.
func (p *planner) derivative(i int) Case {
	r := rand.New(rand.NewSource(caseSeed(p.seed, i)))
	pr := drawParams(r, len(p.heldOut) > 0)
	srcs := p.chooseSources(r, pr.Sources)
	pr.Sources = len(srcs)
	docs := make([]spintrace.Doc, 0, len(srcs)+1)
	for _, a := range srcs {
		docs = append(docs, a.Doc)
	}
	if pr.Mixin {
		docs = append(docs, p.heldOut[r.Intn(len(p.heldOut))].Doc)
	}
	d := spingen.Derive(r, docs, spingen.Options{
		SubstRate: pr.SubstRate, Sources: len(docs), Shuffle: pr.Shuffle,
		EntityRenames: pr.EntityRenames, QuoteSwaps: pr.QuoteSwaps, DropQuotes: pr.DropQuotes,
		JoinNoise: pr.JoinNoise, Boilerplate: pr.Boilerplate,
	})
	c := Case{Name: fmt.Sprintf("derivative-%04d", i), Doc: d.Doc, Params: pr, Truth: d.Truth}
	if pr.Mixin {
		c.Unexplained = dropSource(&c.Truth, len(srcs))
		if c.Truth.TitleSource >= len(srcs) {
			c.Truth.TitleSource = 0
			c.Doc.Title = docs[0].Title
		}
	}
	c.Doc.Origin = "spineval:" + c.Name
	c.Doc.Site = "derived.example"
	return c
}

// chooseSources picks k distinct indexed articles: a random first one, the
// others from its category when it has enough members.
func (p *planner) chooseSources(r *rand.Rand, k int) []Article {
	k = min(k, len(p.indexed))
	first := r.Intn(len(p.indexed))
	pool := p.byCat[p.indexed[first].Category]
	if len(pool) < k {
		pool = nil
		for i := range p.indexed {
			pool = append(pool, i)
		}
	}
	out := []Article{p.indexed[first]}
	used := map[int]bool{first: true}
	for _, j := range r.Perm(len(pool)) {
		if len(out) == k {
			break
		}
		if idx := pool[j]; !used[idx] {
			used[idx] = true
			out = append(out, p.indexed[idx])
		}
	}
	return out
}

// dropSource removes source k (a held-out article stitched in) from the
// truth: its passages become unexplained text, its substitutions and quote
// changes are not the tracer's to find, and the verdict is recomputed from
// the remaining sources. It returns the article spans of the removed
// passages.
func dropSource(t *spingen.Truth, k int) []spintrace.Span {
	if k >= len(t.Sources) {
		return nil
	}
	var spans []spintrace.Span
	for _, ps := range t.Sources[k].Passages {
		spans = append(spans, ps.Article)
	}
	t.Sources = t.Sources[:k]
	var subs []spingen.Substitution
	for _, s := range t.Substitutions {
		if s.Source != k {
			subs = append(subs, s)
		}
	}
	t.Substitutions = subs
	var swaps []spingen.QuoteSwap
	for _, s := range t.QuoteSwaps {
		if s.Source != k {
			swaps = append(swaps, s)
		}
	}
	t.QuoteSwaps = swaps
	var drops []spingen.DroppedQuote
	for _, d := range t.DroppedQuotes {
		if d.Source != k {
			drops = append(drops, d)
		}
	}
	t.DroppedQuotes = drops
	used := 0
	for _, s := range t.Sources {
		if len(s.Passages) > 0 {
			used++
		}
	}
	t.Spun = len(t.Substitutions) > 0
	switch {
	case used > 1:
		t.Verdict = spingen.VerdictStitched
	case t.Spun:
		t.Verdict = spingen.VerdictSpun
	default:
		t.Verdict = spingen.VerdictSyndicated
	}
	return spans
}
