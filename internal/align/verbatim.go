package align

import (
	"slices"

	"github.com/spintrace/spintrace/internal/textnorm"
)

// VerbatimOptions make sentence passages that hold a near-verbatim copy
// take the exact extent of the copy instead of whole sentences: reuse
// rarely starts and ends on the sentence boundaries of both texts, and a
// copied block pulls in the similar sentences around it. The zero value
// leaves passages as the sentence seeds found them.
type VerbatimOptions struct {
	// MinRun: an exact run is at least MinRun consecutive tokens (stop
	// words included) with the same folded surface form in both texts; 0
	// turns the step off.
	MinRun int
	// MaxPerKey: a run start whose first MinRun tokens occur more often
	// than this in the source is ignored (repetitive text).
	MaxPerKey int
	// Gap: runs chain into one stretch when the next starts within Gap
	// tokens after the previous ends, in both texts.
	Gap int
	// MinTokens: a stretch needs at least this many tokens in runs.
	MinTokens int
	// MinDensity: the share of a stretch's article tokens that its runs
	// cover; a looser stretch is reworded reuse and keeps its sentence
	// extent.
	MinDensity float64
	// MinShare: the share of the passage's tokens in exact runs that the
	// stretch holds; below it the passage is reworded reuse with verbatim
	// fragments and keeps its sentence extent.
	MinShare float64
	// Exclusive: when a pair holds a near-verbatim passage, the passages
	// without one whose exact runs cover less than MinOther of their
	// article tokens are dropped (loosely similar sentences around a
	// copy).
	Exclusive bool
	MinOther  float64
}

// run is a maximal exact run: article tokens [a, a+n) equal source tokens
// [b, b+n).
type run struct{ a, b, n int32 }

// exactRuns returns the maximal exact runs of at least o.MinRun tokens
// between a and b, sorted by article position.
func exactRuns(a, b *textnorm.Text, o VerbatimOptions) []run {
	k := o.MinRun
	na, nb := len(a.Tokens), len(b.Tokens)
	if k <= 0 || na < k || nb < k {
		return nil
	}
	gram := func(t *textnorm.Text, i int) uint64 {
		h := uint64(0)
		for _, tok := range t.Tokens[i : i+k] {
			h = (h ^ tok.Norm) * 0x100000001b3
		}
		return h
	}
	index := make(map[uint64][]int32, nb)
	for j := 0; j+k <= nb; j++ {
		g := gram(b, j)
		index[g] = append(index[g], int32(j))
	}
	same := func(i, j int) bool { return a.Tokens[i].Norm == b.Tokens[j].Norm }
	var runs []run
	for i := 0; i+k <= na; i++ {
		pos := index[gram(a, i)]
		if o.MaxPerKey > 0 && len(pos) > o.MaxPerKey {
			continue
		}
		for _, j32 := range pos {
			j := int(j32)
			if i > 0 && j > 0 && same(i-1, j-1) {
				continue // not the start of a maximal run
			}
			n := 0
			for i+n < na && j+n < nb && same(i+n, j+n) {
				n++
			}
			if n >= k {
				runs = append(runs, run{int32(i), int32(j), int32(n)})
			}
		}
	}
	return runs
}

// stretch is a chain of runs in the same order in both texts.
type stretch struct {
	a0, a1, b0, b1 int32
	tokens         int32 // article tokens covered by runs
}

// bestStretch chains runs (sorted by article position) that follow each
// other within gap tokens in both texts and returns the chain covering the
// most tokens (ok false when there are no runs).
func bestStretch(runs []run, gap int32) (s stretch, ok bool) {
	// best[k]: tokens of the best chain ending at run k; prev[k]: its
	// previous run.
	best := make([]int32, len(runs))
	prev := make([]int, len(runs))
	top := -1
	for k, r := range runs {
		best[k], prev[k] = r.n, -1
		for m := k - 1; m >= 0; m-- {
			q := runs[m]
			da, db := r.a-(q.a+q.n), r.b-(q.b+q.n)
			if da < 0 || db < 0 || da > gap || db > gap {
				continue
			}
			if v := best[m] + r.n; v > best[k] {
				best[k], prev[k] = v, m
			}
		}
		if top < 0 || best[k] > best[top] {
			top = k
		}
	}
	if top < 0 {
		return s, false
	}
	last := runs[top]
	s = stretch{a1: last.a + last.n, b1: last.b + last.n, tokens: best[top]}
	for k := top; k >= 0; k = prev[k] {
		s.a0, s.b0 = runs[k].a, runs[k].b
	}
	return s, true
}

// trimEdges cuts a stretch at a sentence boundary of both texts when what
// lies beyond it, within k tokens of either end, is only stop words: a run
// that goes on for a word past the end of a copied sentence (both texts
// happen to continue with "The") is a coincidence, not part of the copy.
func trimEdges(a, b *textnorm.Text, s stretch, k int32) stretch {
	// boundary reports whether article token i (source token j) starts a
	// sentence in both texts.
	boundary := func(i, j int32) bool {
		return a.Tokens[i].Sent != a.Tokens[i-1].Sent && b.Tokens[j].Sent != b.Tokens[j-1].Sent
	}
	stop := func(i int32) bool { return a.Tokens[i].Flags&textnorm.FlagStop != 0 }
	for d := int32(1); d < k && s.a0+d < s.a1 && stop(s.a0+d-1); d++ {
		if boundary(s.a0+d, s.b0+d) {
			s.a0, s.b0 = s.a0+d, s.b0+d
			break
		}
	}
	for d := int32(1); d < k && s.a1-d > s.a0 && stop(s.a1-d); d++ {
		if boundary(s.a1-d, s.b1-d) {
			s.a1, s.b1 = s.a1-d, s.b1-d
			break
		}
	}
	return s
}

// snapVerbatim replaces each passage that holds a near-verbatim stretch by
// that stretch (see VerbatimOptions). It returns the passages in article
// order and, for each, whether it was snapped.
func snapVerbatim(a, b *textnorm.Text, ps []Passage, o VerbatimOptions) ([]Passage, []bool) {
	type snap struct {
		p       Passage
		snapped bool
		exact   float64 // share of the article tokens in exact runs
	}
	runs := exactRuns(a, b, o)
	ss := make([]snap, 0, len(ps))
	found := false
	for _, p := range ps {
		var in []run
		total := 0
		for _, r := range runs {
			if int(r.a) < p.A.End && p.A.Start < int(r.a+r.n) && int(r.b) < p.B.End && p.B.Start < int(r.b+r.n) {
				in = append(in, r)
				total += min(p.A.End, int(r.a+r.n)) - max(p.A.Start, int(r.a))
			}
		}
		x := snap{p: p, exact: float64(total) / float64(p.A.Len())}
		if s, ok := bestStretch(in, int32(o.Gap)); ok && int(s.tokens) >= o.MinTokens &&
			float64(s.tokens) >= o.MinDensity*float64(s.a1-s.a0) && float64(s.tokens) >= o.MinShare*float64(total) {
			s = trimEdges(a, b, s, int32(o.MinRun))
			x.p.A = Range{int(s.a0), int(s.a1)}
			x.p.B = Range{int(s.b0), int(s.b1)}
			x.snapped, found = true, true
		}
		ss = append(ss, x)
	}
	if o.Exclusive && found {
		ss = slices.DeleteFunc(ss, func(x snap) bool { return !x.snapped && x.exact < o.MinOther })
	}
	slices.SortStableFunc(ss, func(x, y snap) int { return x.p.A.Start - y.p.A.Start })
	out, snapped := ps[:0], make([]bool, len(ss))
	for k, x := range ss {
		out = append(out, x.p)
		snapped[k] = x.snapped
	}
	return out, snapped
}
