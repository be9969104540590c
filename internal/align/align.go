// Package align aligns an article with one candidate source word by word:
// seed (shared pairs of canonical content tokens), cluster the seeds into
// passages (seeds close together in both texts), merge nearby passages, and,
// when edit scripts are wanted, extend each passage with a Smith-Waterman
// local alignment over all its tokens, which yields the edit operations
// (match, canonical match, substitution, insertion, deletion).
//
// Reordered sentences become separate passages, so the alignment tolerates
// shuffling. With Options.Sentence on, seeds are similar sentence pairs
// instead of word pairs (sentence.go): that mode finds heavier rewording
// (cyclic translation, summaries) and is what the PAN benchmark runs; trace
// uses word seeding (Default). Pure functions, no I/O; safe for concurrent
// use.
package align

import (
	"slices"

	"github.com/spintrace/spintrace/internal/textnorm"
)

// Options tune the alignment. Counts are in content tokens (stop words
// skipped) unless said otherwise.
type Options struct {
	MaxGap     int  // largest gap between two seeds of one passage, in both texts
	MinSeeds   int  // fewest seeds that make a passage
	MinMatched int  // fewest matched content tokens a passage needs to be kept
	MergeGap   int  // merge passages this close in both texts
	Ordered    bool // merge only passages in the same order in both texts
	Edits      bool // compute word-level edit scripts (local alignment)
	MaxPerKey  int  // a seed key found more often than this in the source is ignored
	// Sentence, when On, seeds on similar sentences instead of word pairs
	// (see SentenceOptions); the fields above then do not apply, and
	// passages carry no edit script.
	Sentence SentenceOptions
}

// Default options for tracing news articles.
var Default = Options{MaxGap: 10, MinSeeds: 2, MinMatched: 4, MergeGap: 8, Ordered: true, Edits: true, MaxPerKey: 8}

// Range is a half-open range of token indices.
type Range struct{ Start, End int }

// Len is the number of tokens in r.
func (r Range) Len() int { return r.End - r.Start }

// Op kinds.
const (
	OpMatch = '=' // same word
	OpCanon = '~' // different surface, same canonical class (alias, synonym, inflection)
	OpSub   = 'x' // substituted word, unrelated canonically
	OpIns   = '+' // article word with no source counterpart
	OpDel   = '-' // source word dropped from the article
)

// Op is one word-level edit. A and B are token indices in the article and
// the source; -1 when the op has no token on that side.
type Op struct {
	Kind byte
	A, B int32
}

// Passage is one aligned region: article tokens A against source tokens B.
type Passage struct {
	A, B    Range
	Seeds   int  // seeds that built it
	Matched int  // matched content tokens (= and ~)
	Ops     []Op // edit script, when Options.Edits
}

// seed is a pair of positions in the content sequences (article i, source
// j) starting a shared pair of tokens; span is how far the pair reaches.
type seed struct {
	i, j int32
	span int32
}

// Align returns the passages shared by article a and source b, in article
// order.
func Align(a, b *textnorm.Text, o Options) []Passage {
	if o.Sentence.On {
		return alignSentences(a, b, o)
	}
	return alignWords(a, b, o)
}

// alignWords is Align with word-pair seeding.
func alignWords(a, b *textnorm.Text, o Options) []Passage {
	ca, ia := content(a)
	cb, ib := content(b)
	seeds := findSeeds(ca, cb, o.MaxPerKey)
	if len(seeds) == 0 {
		return nil
	}
	groups := cluster(seeds, int32(o.MaxGap))
	var boxes []box
	for _, g := range groups {
		if len(g) < o.MinSeeds {
			continue
		}
		boxes = append(boxes, boxOf(g))
	}
	boxes = merge(boxes, o)
	out := make([]Passage, 0, len(boxes))
	for _, bx := range boxes {
		p := Passage{
			A:     Range{int(ia[bx.i0]), int(ia[bx.i1-1]) + 1},
			B:     Range{int(ib[bx.j0]), int(ib[bx.j1-1]) + 1},
			Seeds: bx.seeds,
		}
		if o.Edits {
			if !extend(a, b, &p) {
				continue
			}
		} else {
			p.Matched = bx.covered
		}
		if p.Matched >= o.MinMatched {
			out = append(out, p)
		}
	}
	return dropShadowed(out)
}

func content(t *textnorm.Text) ([]uint64, []int32) {
	c := make([]uint64, 0, len(t.Tokens))
	idx := make([]int32, 0, len(t.Tokens))
	for i, tok := range t.Tokens {
		if tok.Flags&textnorm.FlagStop == 0 {
			c = append(c, tok.Canon)
			idx = append(idx, int32(i))
		}
	}
	return c, idx
}

func pairKey(x, y uint64, skip bool) uint64 {
	h := x*0x9e3779b97f4a7c15 ^ y
	if skip {
		h ^= 0x5bd1e9955bd1e995
	}
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>29
}

// findSeeds pairs every adjacent and skip-one pair of content tokens of the
// article with the same pair in the source.
func findSeeds(ca, cb []uint64, maxPerKey int) []seed {
	if len(ca) < 2 || len(cb) < 2 {
		return nil
	}
	type posting struct {
		pos []int32
	}
	index := make(map[uint64][]int32, 2*len(cb))
	for j := 0; j+1 < len(cb); j++ {
		index[pairKey(cb[j], cb[j+1], false)] = append(index[pairKey(cb[j], cb[j+1], false)], int32(j))
		if j+2 < len(cb) {
			k := pairKey(cb[j], cb[j+2], true)
			index[k] = append(index[k], int32(j))
		}
	}
	var seeds []seed
	for i := 0; i+1 < len(ca); i++ {
		for s := int32(1); s <= 2; s++ {
			if i+int(s) >= len(ca) {
				break
			}
			pos := index[pairKey(ca[i], ca[i+int(s)], s == 2)]
			if len(pos) > maxPerKey {
				continue
			}
			for _, j := range pos {
				seeds = append(seeds, seed{int32(i), j, s})
			}
		}
	}
	slices.SortFunc(seeds, func(x, y seed) int {
		if x.i != y.i {
			return int(x.i - y.i)
		}
		if x.j != y.j {
			return int(x.j - y.j)
		}
		return int(x.span - y.span)
	})
	return slices.CompactFunc(seeds, func(x, y seed) bool { return x.i == y.i && x.j == y.j })
}

// cluster groups seeds (sorted by i) into connected components: two seeds
// connect when both their article and their source positions are within
// gap of each other.
func cluster(seeds []seed, gap int32) [][]seed {
	parent := make([]int32, len(seeds))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(x int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	lo := 0
	for k := range seeds {
		for seeds[lo].i < seeds[k].i-gap {
			lo++
		}
		for m := k - 1; m >= lo; m-- {
			dj := seeds[k].j - seeds[m].j
			if dj < 0 {
				dj = -dj
			}
			if dj <= gap {
				ra, rb := find(int32(k)), find(int32(m))
				if ra != rb {
					parent[ra] = rb
				}
			}
		}
	}
	byRoot := make(map[int32]int)
	var groups [][]seed
	for k := range seeds {
		r := find(int32(k))
		g, ok := byRoot[r]
		if !ok {
			g = len(groups)
			byRoot[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], seeds[k])
	}
	return groups
}

// box is a passage candidate in content-token coordinates, [i0,i1) x [j0,j1).
type box struct {
	i0, i1, j0, j1 int32
	seeds          int
	covered        int // article content tokens covered by seeds
}

func boxOf(g []seed) box {
	b := box{i0: g[0].i, i1: g[0].i + g[0].span + 1, j0: g[0].j, j1: g[0].j + g[0].span + 1, seeds: len(g)}
	covered := map[int32]bool{}
	for _, s := range g {
		b.i0 = min(b.i0, s.i)
		b.i1 = max(b.i1, s.i+s.span+1)
		b.j0 = min(b.j0, s.j)
		b.j1 = max(b.j1, s.j+s.span+1)
		covered[s.i] = true
		covered[s.i+s.span] = true
	}
	b.covered = len(covered)
	return b
}

func gapBetween(aStart, aEnd, bStart, bEnd int32) int32 {
	// distance between two intervals, negative when they overlap
	if bStart >= aEnd {
		return bStart - aEnd
	}
	if aStart >= bEnd {
		return aStart - bEnd
	}
	return -1
}

// merge joins boxes that lie within MergeGap of each other in both texts
// (and, when Ordered, in the same order), until nothing changes.
func merge(bs []box, o Options) []box {
	gap := int32(o.MergeGap)
	for changed := true; changed; {
		changed = false
		slices.SortFunc(bs, func(x, y box) int { return int(x.i0 - y.i0) })
		out := bs[:0]
		for _, b := range bs {
			if n := len(out); n > 0 {
				p := &out[n-1]
				gi := gapBetween(p.i0, p.i1, b.i0, b.i1)
				gj := gapBetween(p.j0, p.j1, b.j0, b.j1)
				ordered := !o.Ordered || b.j0 >= p.j0 && b.j1 >= p.j1 && b.j0 >= p.j1-gap
				if gi <= gap && gj <= gap && ordered {
					p.i0, p.i1 = min(p.i0, b.i0), max(p.i1, b.i1)
					p.j0, p.j1 = min(p.j0, b.j0), max(p.j1, b.j1)
					p.seeds += b.seeds
					p.covered += b.covered
					changed = true
					continue
				}
			}
			out = append(out, b)
		}
		bs = out
	}
	return bs
}

// dropShadowed removes passages whose article range lies mostly inside a
// passage with more matches (the same article text matched twice in a
// source that repeats itself).
func dropShadowed(ps []Passage) []Passage {
	slices.SortStableFunc(ps, func(x, y Passage) int { return y.Matched - x.Matched })
	var kept []Passage
	for _, p := range ps {
		shadowed := false
		for _, k := range kept {
			ov := min(p.A.End, k.A.End) - max(p.A.Start, k.A.Start)
			if ov > 0 && 2*ov > p.A.Len() {
				shadowed = true
				break
			}
		}
		if !shadowed {
			kept = append(kept, p)
		}
	}
	slices.SortFunc(kept, func(x, y Passage) int { return x.A.Start - y.A.Start })
	return kept
}

// PAN options for the PAN text-alignment benchmark: sentence-level seeding
// with the summary rules and the verbatim step, tuned on the PAN 2013
// training corpus only (see docs/evaluation.md).
var PAN = Options{Sentence: SentenceOptions{
	On: true, MinUnit: 3, MaxUnit: 25, MinCos: 0.28, MinDice: 0.3, BestRatio: 0.8, Gap: 6, MinValid: 0.38, MinBytes: 150,
	SummaryRatio: 3, SummaryGap: 2, SummaryMinSeeds: 3, SummaryMinShare: 0.4, SummaryMaxCos: 0.7, SummaryWhole: true, SummaryJoin: 300, SummaryMinBytes: 300, SummaryCopyShare: 0.75, SummaryCopyRatio: 1.5,
	Verbatim: VerbatimOptions{MinRun: 6, MaxPerKey: 8, Gap: 3, MinTokens: 40, MinDensity: 0.95, MinShare: 0.7, Exclusive: true, MinOther: 0.5},
}}
