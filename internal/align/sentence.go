package align

import (
	"math"
	"slices"

	"github.com/spintrace/spintrace/internal/textnorm"
)

// SentenceOptions switch Align to sentence-level seeding, for reuse that
// keeps few word pairs intact (heavy shuffling, cyclic translation,
// summaries). Every pair of sentences whose canonical content words are
// similar enough is a seed; seeds close together in both texts are
// clustered into passages (the scheme of Sanchez-Perez et al., PAN 2014,
// here over canonical tokens), each passage is validated by the similarity
// of its two sides as wholes, and passages overlapping in the article are
// resolved in favour of the stronger one. The zero value leaves sentence
// seeding off.
type SentenceOptions struct {
	On bool
	// MinUnit: a sentence with fewer distinct content tokens is joined to
	// the next one.
	MinUnit int
	// MaxUnit, when > 0, cuts sentences with more content tokens into
	// pieces of MaxUnit (lists and unpunctuated runs).
	MaxUnit int
	// MinCos and MinDice: a sentence pair is a seed when the cosine of
	// their content tokens (weighted by inverse sentence frequency over
	// both texts) and their Dice coefficient reach both.
	MinCos, MinDice float64
	// BestRatio, when > 0, keeps only seeds whose cosine is at least this
	// share of the best seed of both their article and their source
	// sentence, so that a sentence that loosely resembles a neighbour of
	// the reused text does not stretch the passage.
	BestRatio float64
	// Gap: the largest gap, in sentences, between seeds of one passage,
	// in both texts.
	Gap int
	// MinValid: the smallest cosine between a passage's two sides, each
	// taken as one bag of tokens; a passage below it is clustered again
	// with a smaller gap, and dropped at gap 1.
	MinValid float64
	// MinBytes: passages shorter than this on either side are dropped.
	MinBytes int
	// MinSeeds: passages built from fewer seeds are dropped.
	MinSeeds int
	// Summary rule (off when SummaryRatio or SummaryGap is 0): seeds that
	// lie within SummaryGap sentences of each other in the article, at
	// least SummaryMinSeeds of them, whose source sentences span at least
	// SummaryRatio times the article span and SummaryMinShare of the whole
	// source, mark an article region that condenses the source. Unless a
	// passage already found there has a cosine of SummaryMaxCos or more
	// (a close copy is not a summary), the region becomes one passage
	// against the seeds' source span, or the whole source when
	// SummaryWhole, replacing the passages it overlaps.
	SummaryRatio    float64
	SummaryGap      int
	SummaryMinSeeds int
	SummaryMinShare float64
	SummaryMaxCos   float64
	SummaryWhole    bool
	// SummaryMinBytes: the smallest article region, in bytes, taken for a
	// summary (a sentence or two that loosely resemble sentences all over
	// the source are not one).
	SummaryMinBytes int
	// SummaryCopyShare, when > 0: a passage already found in the region
	// that holds (in both texts) at least this share of the region's seeds
	// and whose source side is shorter than SummaryCopyRatio times its
	// article side also explains it (reworded reuse, with a few stray
	// seeds elsewhere in the source, is not a summary).
	SummaryCopyShare, SummaryCopyRatio float64
	// SummaryJoin, when > 0: passages kept by the filters (MinBytes, ...)
	// that follow each other within this many bytes in the article and
	// together meet SummaryMinBytes, SummaryRatio and SummaryMinShare
	// (short article passages whose source sides lie far apart) become one
	// summary passage, against the whole source when SummaryWhole.
	// Passages snapped to a verbatim copy are never joined.
	SummaryJoin int
	// Verbatim snaps near-verbatim passages to the exact extent of the
	// copy (see VerbatimOptions).
	Verbatim VerbatimOptions
}

// unit is a run of whole sentences [start, end) in tokens with its set of
// content token ids (sorted) and the norm of their weights.
type unit struct {
	start, end int32
	toks       []int32
	norm       float64
}

// sseed is a similar pair of units: article unit i, source unit j.
type sseed struct {
	i, j int32
	cos  float64
	hits int
}

// alignSentences is Align with sentence-level seeding.
func alignSentences(a, b *textnorm.Text, o Options) []Passage {
	so := o.Sentence
	ua, ub, w := weighted(a, b, so.MinUnit, so.MaxUnit)
	if len(ua) == 0 || len(ub) == 0 {
		return nil
	}
	seeds := sentSeeds(ua, ub, w, so)
	if so.BestRatio > 0 {
		seeds = bestSeeds(seeds, len(ua), len(ub), so.BestRatio)
	}
	if len(seeds) == 0 {
		return nil
	}
	sim := func(g []sseed) float64 { return sideCos(ua, ub, g, w) }
	groups := clusterUnits(seeds, so.Gap, so.MinValid, sim)
	ps, sims := unitPassages(ua, ub, groups, sim)
	if so.SummaryGap > 0 && so.SummaryRatio > 0 {
		ps = summaries(a, b, ua, ub, seeds, ps, sims, so)
	}
	exact := make([]bool, len(ps))
	if so.Verbatim.MinRun > 0 {
		ps, exact = snapVerbatim(a, b, ps, so.Verbatim)
	}
	out, outExact := ps[:0], exact[:0]
	for k, p := range ps {
		if p.Seeds >= so.MinSeeds && int(a.Tokens[p.A.End-1].End-a.Tokens[p.A.Start].Start) >= so.MinBytes &&
			int(b.Tokens[p.B.End-1].End-b.Tokens[p.B.Start].Start) >= so.MinBytes {
			out = append(out, p)
			outExact = append(outExact, exact[k])
		}
	}
	if so.SummaryJoin > 0 && so.SummaryRatio > 0 {
		out = joinSummaries(a, b, out, outExact, so)
	}
	return out
}

// weighted splits both texts into units and weighs each content token by
// its inverse frequency over the units of both texts.
func weighted(a, b *textnorm.Text, minUnit, maxUnit int) (ua, ub []unit, w []float64) {
	vocab := make(map[uint64]int32)
	ua = units(a, minUnit, maxUnit, vocab)
	ub = units(b, minUnit, maxUnit, vocab)
	// Inverse sentence frequency over the units of both texts.
	sf := make([]int32, len(vocab))
	for _, u := range ua {
		for _, t := range u.toks {
			sf[t]++
		}
	}
	for _, u := range ub {
		for _, t := range u.toks {
			sf[t]++
		}
	}
	n := float64(len(ua) + len(ub))
	w = make([]float64, len(vocab))
	for t, f := range sf {
		w[t] = math.Log(n / float64(f))
	}
	for _, us := range [][]unit{ua, ub} {
		for k := range us {
			s := 0.0
			for _, t := range us[k].toks {
				s += w[t] * w[t]
			}
			us[k].norm = math.Sqrt(s)
		}
	}
	return ua, ub, w
}

// sentSeeds returns the pairs of similar units.
func sentSeeds(ua, ub []unit, w []float64, so SentenceOptions) []sseed {
	// Postings of the source units.
	post := make([][]int32, len(w))
	for j, u := range ub {
		for _, t := range u.toks {
			post[t] = append(post[t], int32(j))
		}
	}
	dot := make([]float64, len(ub))
	hits := make([]int, len(ub))
	var touched []int32
	var seeds []sseed
	for i, u := range ua {
		for _, t := range u.toks {
			for _, j := range post[t] {
				if hits[j] == 0 {
					touched = append(touched, j)
				}
				hits[j]++
				dot[j] += w[t] * w[t]
			}
		}
		for _, j := range touched {
			v := ub[j]
			cos := 0.0
			if u.norm > 0 && v.norm > 0 {
				cos = dot[j] / (u.norm * v.norm)
			}
			dice := 2 * float64(hits[j]) / float64(len(u.toks)+len(v.toks))
			if cos >= so.MinCos && dice >= so.MinDice {
				seeds = append(seeds, sseed{int32(i), j, cos, hits[j]})
			}
			dot[j], hits[j] = 0, 0
		}
		touched = touched[:0]
	}
	return seeds
}

// summaries applies the summary rule (see SentenceOptions) to passages ps
// and their side cosines sims.
func summaries(a, b *textnorm.Text, ua, ub []unit, seeds []sseed, ps []Passage, sims []float64, so SentenceOptions) []Passage {
	for _, g := range splitBy(slices.Clone(seeds), int32(so.SummaryGap), func(s sseed) int32 { return s.i }) {
		if len(g) < so.SummaryMinSeeds {
			continue
		}
		i0, i1, j0, j1 := span(g)
		la := int(a.Tokens[ua[i1].end-1].End - a.Tokens[ua[i0].start].Start)
		lb := int(b.Tokens[ub[j1].end-1].End - b.Tokens[ub[j0].start].Start)
		if la < so.SummaryMinBytes || float64(lb) < so.SummaryRatio*float64(la) || float64(lb) < so.SummaryMinShare*float64(len(b.Src)) {
			continue
		}
		p := Passage{A: Range{int(ua[i0].start), int(ua[i1].end)}, B: Range{int(ub[j0].start), int(ub[j1].end)}, Seeds: len(g)}
		explained := false
		for k, q := range ps {
			if q.A.End > p.A.Start && p.A.End > q.A.Start && (sims[k] >= so.SummaryMaxCos || copied(a, b, q, g, ua, ub, so)) {
				explained = true
			}
		}
		if explained {
			continue
		}
		for _, s := range g {
			p.Matched += s.hits
		}
		if so.SummaryWhole {
			p.B = Range{0, len(b.Tokens)}
		}
		var kept []Passage
		var ks []float64
		for k, q := range ps {
			if q.A.End <= p.A.Start || p.A.End <= q.A.Start {
				kept = append(kept, q)
				ks = append(ks, sims[k])
			}
		}
		ps, sims = append(kept, p), append(ks, 1)
	}
	slices.SortFunc(ps, func(x, y Passage) int { return x.A.Start - y.A.Start })
	return ps
}

// joinSummaries merges runs of passages (in article order) that together
// look like a summary (see SummaryJoin).
func joinSummaries(a, b *textnorm.Text, ps []Passage, exact []bool, so SentenceOptions) []Passage {
	bytesA := func(r Range) int { return int(a.Tokens[r.End-1].End - a.Tokens[r.Start].Start) }
	bytesB := func(r Range) int { return int(b.Tokens[r.End-1].End - b.Tokens[r.Start].Start) }
	out := ps[:0]
	for k := 0; k < len(ps); {
		p := ps[k]
		m := k + 1
		lo, hi := p.B.Start, p.B.End
		for m < len(ps) && !exact[k] && !exact[m] && int(a.Tokens[ps[m].A.Start].Start-a.Tokens[ps[m-1].A.End-1].End) <= so.SummaryJoin {
			lo, hi = min(lo, ps[m].B.Start), max(hi, ps[m].B.End)
			m++
		}
		if m > k+1 {
			q := Passage{A: Range{p.A.Start, ps[m-1].A.End}, B: Range{lo, hi}}
			la, lb := bytesA(q.A), bytesB(q.B)
			if la >= so.SummaryMinBytes && float64(lb) >= so.SummaryRatio*float64(la) && float64(lb) >= so.SummaryMinShare*float64(len(b.Src)) {
				for _, x := range ps[k:m] {
					q.Seeds += x.Seeds
					q.Matched += x.Matched
				}
				if so.SummaryWhole {
					q.B = Range{0, len(b.Tokens)}
				}
				out = append(out, q)
				k = m
				continue
			}
		}
		out = append(out, p)
		k++
	}
	return out
}

// copied reports whether passage q explains the seeds g of a summary
// region as reworded reuse (see SummaryCopyShare).
func copied(a, b *textnorm.Text, q Passage, g []sseed, ua, ub []unit, so SentenceOptions) bool {
	if so.SummaryCopyShare <= 0 || float64(inside(q, g, ua, ub)) < so.SummaryCopyShare*float64(len(g)) {
		return false
	}
	qa := a.Tokens[q.A.End-1].End - a.Tokens[q.A.Start].Start
	qb := b.Tokens[q.B.End-1].End - b.Tokens[q.B.Start].Start
	return float64(qb) < so.SummaryCopyRatio*float64(qa)
}

// inside counts the seeds of g that lie in passage p in both texts.
func inside(p Passage, g []sseed, ua, ub []unit) int {
	n := 0
	for _, s := range g {
		u, v := ua[s.i], ub[s.j]
		if int(u.start) >= p.A.Start && int(u.end) <= p.A.End && int(v.start) >= p.B.Start && int(v.end) <= p.B.End {
			n++
		}
	}
	return n
}

// pieces returns the sentences of t, those with more than maxUnit content
// tokens cut into runs of maxUnit content tokens (maxUnit <= 0: no cut).
func pieces(t *textnorm.Text, maxUnit int) []textnorm.Sentence {
	if maxUnit <= 0 {
		return t.Sentences
	}
	out := make([]textnorm.Sentence, 0, len(t.Sentences))
	for _, s := range t.Sentences {
		start, n := s.Start, 0
		for k := s.Start; k < s.End; k++ {
			if t.Tokens[k].Flags&textnorm.FlagStop != 0 {
				continue
			}
			n++
			if n == maxUnit && k+1 < s.End {
				out = append(out, textnorm.Sentence{Start: start, End: k + 1})
				start, n = k+1, 0
			}
		}
		out = append(out, textnorm.Sentence{Start: start, End: s.End})
	}
	return out
}

// units splits t into sentence units, joining short sentences to the next,
// and maps content tokens to ids in vocab.
func units(t *textnorm.Text, minUnit, maxUnit int, vocab map[uint64]int32) []unit {
	var us []unit
	var cur unit
	open := false
	for _, s := range pieces(t, maxUnit) {
		if !open {
			cur = unit{start: s.Start}
			open = true
		}
		cur.end = s.End
		for k := s.Start; k < s.End; k++ {
			tok := t.Tokens[k]
			if tok.Flags&textnorm.FlagStop != 0 {
				continue
			}
			id, ok := vocab[tok.Canon]
			if !ok {
				id = int32(len(vocab))
				vocab[tok.Canon] = id
			}
			cur.toks = append(cur.toks, id)
		}
		slices.Sort(cur.toks)
		cur.toks = slices.Compact(cur.toks)
		if len(cur.toks) >= minUnit {
			us = append(us, cur)
			open = false
		}
	}
	if open && len(cur.toks) > 0 {
		if len(cur.toks) < minUnit && len(us) > 0 {
			last := &us[len(us)-1]
			last.end = cur.end
			last.toks = append(last.toks, cur.toks...)
			slices.Sort(last.toks)
			last.toks = slices.Compact(last.toks)
		} else {
			us = append(us, cur)
		}
	}
	return us
}

// sideCos is the weighted cosine between the article units and the source
// units spanned by seeds g, each side taken as one bag of tokens.
func sideCos(ua, ub []unit, g []sseed, w []float64) float64 {
	i0, i1, j0, j1 := span(g)
	ca := make(map[int32]int)
	for k := i0; k <= i1; k++ {
		for _, t := range ua[k].toks {
			ca[t]++
		}
	}
	cb := make(map[int32]int)
	for k := j0; k <= j1; k++ {
		for _, t := range ub[k].toks {
			cb[t]++
		}
	}
	var d, na, nb float64
	for t, x := range ca {
		wx := float64(x) * w[t]
		na += wx * wx
		if y, ok := cb[t]; ok {
			d += wx * float64(y) * w[t]
		}
	}
	for t, y := range cb {
		wy := float64(y) * w[t]
		nb += wy * wy
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return d / math.Sqrt(na*nb)
}

func span(g []sseed) (i0, i1, j0, j1 int32) {
	i0, i1, j0, j1 = g[0].i, g[0].i, g[0].j, g[0].j
	for _, s := range g[1:] {
		i0, i1 = min(i0, s.i), max(i1, s.i)
		j0, j1 = min(j0, s.j), max(j1, s.j)
	}
	return
}

// clusterUnits splits seeds into groups whose seeds follow each other
// within gap units in the article and, inside that, in the source; a group
// whose two sides are less similar than minValid is split again with a
// smaller gap (down to 1), and dropped if it still fails.
func clusterUnits(seeds []sseed, gap int, minValid float64, sim func([]sseed) float64) [][]sseed {
	var out [][]sseed
	for _, g := range splitBoth(slices.Clone(seeds), int32(gap)) {
		if minValid <= 0 || sim(g) >= minValid {
			out = append(out, g)
		} else if gap > 1 {
			out = append(out, clusterUnits(g, gap-1, minValid, sim)...)
		}
	}
	return out
}

// splitBoth splits seeds at gaps larger than gap in the article order, then
// each part in the source order, recursively until stable.
func splitBoth(seeds []sseed, gap int32) [][]sseed {
	var out [][]sseed
	for _, ga := range splitBy(seeds, gap, func(s sseed) int32 { return s.i }) {
		gb := splitBy(ga, gap, func(s sseed) int32 { return s.j })
		if len(gb) == 1 {
			out = append(out, gb[0])
			continue
		}
		for _, g := range gb {
			out = append(out, splitBoth(g, gap)...)
		}
	}
	return out
}

func splitBy(seeds []sseed, gap int32, key func(sseed) int32) [][]sseed {
	slices.SortFunc(seeds, func(x, y sseed) int {
		if d := key(x) - key(y); d != 0 {
			return int(d)
		}
		return int(x.i-y.i) + int(x.j-y.j)
	})
	var out [][]sseed
	start := 0
	for k := 1; k <= len(seeds); k++ {
		if k == len(seeds) || key(seeds[k])-key(seeds[k-1]) > gap {
			out = append(out, seeds[start:k])
			start = k
		}
	}
	return out
}

// unitPassages turns groups into passages, resolving passages that overlap
// in the article: the more similar one wins.
func unitPassages(ua, ub []unit, groups [][]sseed, sim func([]sseed) float64) ([]Passage, []float64) {
	type cand struct {
		p      Passage
		i0     int32
		i1     int32
		rank   float64
		cosine float64
	}
	cs := make([]cand, 0, len(groups))
	for _, g := range groups {
		i0, i1, j0, j1 := span(g)
		m := 0
		for _, s := range g {
			m += s.hits
		}
		cs = append(cs, cand{Passage{
			A:     Range{int(ua[i0].start), int(ua[i1].end)},
			B:     Range{int(ub[j0].start), int(ub[j1].end)},
			Seeds: len(g), Matched: m,
		}, i0, i1, 0, sim(g)})
		cs[len(cs)-1].rank = cs[len(cs)-1].cosine * float64(len(g))
	}
	slices.SortStableFunc(cs, func(x, y cand) int {
		switch {
		case x.rank > y.rank:
			return -1
		case x.rank < y.rank:
			return 1
		}
		return 0
	})
	var kept []cand
	for _, c := range cs {
		ok := true
		for _, k := range kept {
			if c.i0 <= k.i1 && k.i0 <= c.i1 {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, c)
		}
	}
	slices.SortFunc(kept, func(x, y cand) int { return x.p.A.Start - y.p.A.Start })
	out := make([]Passage, len(kept))
	sims := make([]float64, len(kept))
	for k, c := range kept {
		out[k], sims[k] = c.p, c.cosine
	}
	return out, sims
}

// bestSeeds keeps the seeds within ratio of the best seed of their article
// unit and of their source unit.
func bestSeeds(seeds []sseed, na, nb int, ratio float64) []sseed {
	ba, bb := make([]float64, na), make([]float64, nb)
	for _, s := range seeds {
		ba[s.i] = max(ba[s.i], s.cos)
		bb[s.j] = max(bb[s.j], s.cos)
	}
	out := seeds[:0]
	for _, s := range seeds {
		if s.cos >= ratio*ba[s.i] && s.cos >= ratio*bb[s.j] {
			out = append(out, s)
		}
	}
	return out
}
