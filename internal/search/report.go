package search

import (
	"slices"
	"strings"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/align"
	"github.com/spintrace/spintrace/internal/analysis"
	"github.com/spintrace/spintrace/internal/analysis/quote"
	"github.com/spintrace/spintrace/internal/synonym"
	"github.com/spintrace/spintrace/internal/textnorm"
)

const (
	maxAlsoIn = 5
	// maxSwapWords: a replaced run longer than this is a rewrite, not a
	// spinner's word swap.
	maxSwapWords = 3
	// maxQuoteSentences: an overlap over more sentences than this is
	// copying even when the sentences quote someone.
	maxQuoteSentences = 2
	// maxAttributionWords: words outside the quotation marks that a shared
	// quotation may still share ("said Foreign Minister Anna Berg").
	maxAttributionWords = 6
)

// report chooses the sources greedily — each round the candidate that
// explains the most article words not yet explained — and converts their
// passages into the result.
func (e *Engine) report(d spintrace.Doc, art *textnorm.Text, cands []*candidate) *spintrace.Result {
	ci := textnorm.NewCharIndex(art.Src)
	res := &spintrace.Result{
		Version: spintrace.ResultVersion,
		Article: spintrace.ArticleInfo{ID: d.ID, Origin: d.Origin, Title: d.Title, Site: d.Site, Published: d.Published,
			Chars: ci.Char(len(art.Src)), Words: len(art.Tokens)},
		Sources:      []spintrace.Source{},
		Related:      []spintrace.Source{},
		Unexplained:  []spintrace.Excerpt{},
		SharedQuotes: []spintrace.SharedQuote{},
	}
	owner := make([]int, len(art.Tokens))
	for i := range owner {
		owner[i] = -1
	}
	var chosen []*candidate
	var rest []*candidate
	quotes := quote.Find(art.Src)
	quoted := quotedTokens(art, quotes)
	in := analysis.Input{Article: d, Text: art, Owner: owner, Quotes: quotes}
	for _, c := range cands {
		switch {
		case len(c.passages) == 0:
		case e.quoteOnly(art, quoted, c):
			if c.matched >= e.opts.MinSourceWords {
				res.SharedQuotes = append(res.SharedQuotes, sharedQuote(art, ci, c))
				in.Shared = append(in.Shared, analysis.Source{Doc: c.doc, Text: c.text, Passages: c.passages})
			}
		default:
			rest = append(rest, c)
		}
	}
	for len(rest) > 0 {
		bestIdx, bestNew := e.pick(rest, owner)
		if bestNew < e.opts.MinSourceWords {
			break
		}
		c := rest[bestIdx]
		for _, t := range c.covered {
			if owner[t] < 0 {
				owner[t] = len(chosen)
			}
		}
		chosen = append(chosen, c)
		rest = slices.Delete(rest, bestIdx, bestIdx+1)
	}
	owned := make([]int, len(chosen))
	explained := 0
	for _, o := range owner {
		if o >= 0 {
			owned[o]++
			explained++
		}
	}
	for k, c := range chosen {
		c.passages = slices.DeleteFunc(c.passages, func(p align.Passage) bool { return redundant(p, owner, k) })
		src := e.source(art, ci, c)
		src.Rank = k + 1
		src.Share = float64(owned[k]) / float64(len(art.Tokens))
		for _, r := range rest {
			if len(src.AlsoIn) < maxAlsoIn && alternate(r, owner, k, owned[k]) {
				src.AlsoIn = append(src.AlsoIn, r.doc.Ref())
			}
		}
		res.Sources = append(res.Sources, src)
		in.Sources = append(in.Sources, analysis.Source{Rank: k + 1, Doc: c.doc, Text: c.text, Passages: c.passages})
	}
	res.Coverage = float64(explained) / float64(len(art.Tokens))
	res.Unexplained = unexplained(art, ci, owner)
	analysis.Analyze(in, res)
	if res.Verdict.Class == spintrace.ClassOriginal && len(res.Sources) > 0 {
		// an original article has no sources, only related documents
		res.Related, res.Sources = res.Sources, []spintrace.Source{}
	}
	return res
}

// quoteOnly reports whether a candidate's overlap with the article is a
// quotation: it lies in at most two sentences and, but for a few words of
// attribution, inside quotation marks. Two outlets quoting one speaker
// share those words without one copying the other.
func (e *Engine) quoteOnly(art *textnorm.Text, quoted []bool, c *candidate) bool {
	sents := map[int32]bool{}
	for _, t := range dedupTokens(c) {
		sents[art.Tokens[t].Sent] = true
	}
	if len(sents) > maxQuoteSentences {
		return false
	}
	matched, outside := 0, 0
	for _, p := range c.passages {
		for _, op := range p.Ops {
			if op.A < 0 || op.Kind != align.OpMatch && op.Kind != align.OpCanon {
				continue
			}
			matched++
			if !quoted[op.A] {
				outside++
			}
		}
	}
	return outside <= max(maxAttributionWords, matched/4)
}

// quotedTokens marks the article tokens inside a quotation.
func quotedTokens(art *textnorm.Text, qs []quote.Quote) []bool {
	m := make([]bool, len(art.Tokens))
	k := 0
	for i, t := range art.Tokens {
		for k < len(qs) && qs[k].InnerEnd <= int(t.Start) {
			k++
		}
		m[i] = k < len(qs) && qs[k].InnerStart <= int(t.Start) && int(t.End) <= qs[k].InnerEnd
	}
	return m
}

func sharedQuote(art *textnorm.Text, ci *textnorm.CharIndex, c *candidate) spintrace.SharedQuote {
	q := spintrace.SharedQuote{Doc: c.doc.Ref(), Words: len(c.covered), Article: []spintrace.Span{}}
	for _, p := range c.passages {
		sp, _ := span(art, ci, p.A)
		q.Article = append(q.Article, sp)
	}
	return q
}

// minOwnPassage: a passage with fewer matched words that lies wholly in
// text another source explains ("the Calloway Terminal Operators
// Association" in three sources) is not reported for this source.
const minOwnPassage = 8

func redundant(p align.Passage, owner []int, k int) bool {
	if p.Matched >= minOwnPassage {
		return false
	}
	for t := p.A.Start; t < p.A.End; t++ {
		if owner[t] == k {
			return false
		}
	}
	return true
}

// pick returns the index in rest of the next source and the article words
// it explains that no chosen source does. Candidates within
// max(MinSourceWords, 2%) words of the best (at most a quarter of its new
// words), both in new words and in matched words, hold the same text: of
// those the one published first is taken. A later copy of a story
// otherwise wins by the few words it shares with the article and the
// original lacks (a farm's footer under both), and two copies published in
// the same hour end up citing each other instead of the original.
func (e *Engine) pick(rest []*candidate, owner []int) (int, int) {
	news := make([]int, len(rest))
	bestIdx := -1
	for i, c := range rest {
		for _, t := range dedupTokens(c) {
			if owner[t] < 0 {
				news[i]++
			}
		}
		if bestIdx < 0 || better(news[i], c, news[bestIdx], rest[bestIdx]) {
			bestIdx = i
		}
	}
	best := rest[bestIdx]
	tol := min(max(e.opts.MinSourceWords, news[bestIdx]/50), news[bestIdx]/4)
	pick := bestIdx
	for i, c := range rest {
		if i == bestIdx || news[i] < news[bestIdx]-tol || news[i] < e.opts.MinSourceWords || c.matched < best.matched-tol {
			continue
		}
		p := rest[pick]
		if !c.doc.Published.IsZero() && !p.doc.Published.IsZero() && c.doc.Published.Before(p.doc.Published) {
			pick = i
		}
	}
	return pick, news[pick]
}

// better orders candidates: more new words, then more matched words, then
// the earlier publication, then the lower ref.
func better(n int, c *candidate, bn int, b *candidate) bool {
	if n != bn {
		return n > bn
	}
	if c.matched != b.matched {
		return c.matched > b.matched
	}
	if !c.doc.Published.Equal(b.doc.Published) && !c.doc.Published.IsZero() && !b.doc.Published.IsZero() {
		return c.doc.Published.Before(b.doc.Published)
	}
	return c.ref < b.ref
}

func dedupTokens(c *candidate) []int32 {
	slices.Sort(c.covered)
	c.covered = slices.Compact(c.covered)
	return c.covered
}

// alternate reports whether r is another copy of source k's text: most of
// what r covers is owned by k, and r covers most of what k owns.
func alternate(r *candidate, owner []int, k, owned int) bool {
	if len(r.covered) == 0 {
		return false
	}
	n := 0
	for _, t := range dedupTokens(r) {
		if owner[t] == k {
			n++
		}
	}
	return 5*n >= 4*len(r.covered) && 2*n >= owned
}

func unexplained(art *textnorm.Text, ci *textnorm.CharIndex, owner []int) []spintrace.Excerpt {
	out := []spintrace.Excerpt{}
	for i := 0; i < len(owner); {
		if owner[i] >= 0 {
			i++
			continue
		}
		j := i
		for j < len(owner) && owner[j] < 0 {
			j++
		}
		b0, b1 := int(art.Tokens[i].Start), int(art.Tokens[j-1].End)
		out = append(out, spintrace.Excerpt{Span: spintrace.Span{Start: ci.Char(b0), End: ci.Char(b1)}, Text: art.Src[b0:b1]})
		i = j
	}
	return out
}

// source converts an aligned candidate into a reported source.
func (e *Engine) source(art *textnorm.Text, ci *textnorm.CharIndex, c *candidate) spintrace.Source {
	sci := textnorm.NewCharIndex(c.text.Src)
	s := spintrace.Source{Doc: c.doc.Ref(), Words: len(c.covered), Substitutions: []spintrace.Substitution{}}
	exact, aligned := 0, 0
	for _, p := range c.passages {
		sp := e.passage(art, c.text, ci, sci, p, &s.Substitutions)
		s.Passages = append(s.Passages, sp)
		for _, op := range p.Ops {
			switch op.Kind {
			case align.OpMatch:
				exact++
				aligned++
			case align.OpCanon, align.OpSub:
				aligned++
			}
		}
	}
	if aligned > 0 {
		s.Similarity = float64(exact) / float64(aligned)
	}
	return s
}

// spans turns token ranges into character spans.
func span(t *textnorm.Text, ci *textnorm.CharIndex, r align.Range) (spintrace.Span, string) {
	if r.Len() <= 0 {
		return spintrace.Span{}, ""
	}
	b0, b1 := int(t.Tokens[r.Start].Start), int(t.Tokens[r.End-1].End)
	return spintrace.Span{Start: ci.Char(b0), End: ci.Char(b1)}, t.Src[b0:b1]
}

func (e *Engine) passage(art, src *textnorm.Text, ci, sci *textnorm.CharIndex, p align.Passage, subs *[]spintrace.Substitution) spintrace.Passage {
	out := spintrace.Passage{Words: p.A.Len(), Matched: p.Matched, Edits: []spintrace.Edit{}}
	out.Article, out.ArticleText = span(art, ci, p.A)
	out.Source, out.SourceText = span(src, sci, p.B)
	for _, run := range runs(p.Ops) {
		ed := spintrace.Edit{Op: string(run.kind)}
		ed.Article, ed.ArticleText = sideSpan(art, ci, run.a, run.aPos)
		ed.Source, ed.SourceText = sideSpan(src, sci, run.b, run.bPos)
		if run.kind == align.OpMatch {
			ed.ArticleText, ed.SourceText = "", ""
		}
		out.Edits = append(out.Edits, ed)
	}
	*subs = append(*subs, e.substitutions(art, src, ci, sci, p.Ops)...)
	return out
}

// run is a maximal stretch of ops of one kind; a and b are the token
// ranges it covers (empty on a side it has no tokens, positioned at aPos /
// bPos, the next token index on that side).
type run struct {
	kind       byte
	a, b       align.Range
	aPos, bPos int
}

func runs(ops []align.Op) []run {
	var out []run
	nextA, nextB := -1, -1
	for _, op := range ops {
		if op.A >= 0 && nextA < 0 {
			nextA = int(op.A)
		}
		if op.B >= 0 && nextB < 0 {
			nextB = int(op.B)
		}
	}
	for _, op := range ops {
		if n := len(out); n == 0 || out[n-1].kind != op.Kind || op.Kind == align.OpCanon {
			out = append(out, run{kind: op.Kind, a: align.Range{Start: nextA, End: nextA}, b: align.Range{Start: nextB, End: nextB}, aPos: nextA, bPos: nextB})
		}
		r := &out[len(out)-1]
		if op.A >= 0 {
			r.a.End = int(op.A) + 1
			nextA = int(op.A) + 1
		}
		if op.B >= 0 {
			r.b.End = int(op.B) + 1
			nextB = int(op.B) + 1
		}
	}
	return out
}

// sideSpan is span() that places an empty range at the start of token pos.
func sideSpan(t *textnorm.Text, ci *textnorm.CharIndex, r align.Range, pos int) (spintrace.Span, string) {
	if r.Len() > 0 {
		return span(t, ci, r)
	}
	b := len(t.Src)
	if pos >= 0 && pos < len(t.Tokens) {
		b = int(t.Tokens[pos].Start)
	}
	c := ci.Char(b)
	return spintrace.Span{Start: c, End: c}, ""
}

// substitutions lists the word changes of one passage: every canonical
// match whose surface differs, and every stretch of replaced words (runs of
// substitutions, insertions and deletions that have words on both sides).
func (e *Engine) substitutions(art, src *textnorm.Text, ci, sci *textnorm.CharIndex, ops []align.Op) []spintrace.Substitution {
	var out []spintrace.Substitution
	add := func(a, b align.Range, kind string) {
		s := spintrace.Substitution{Kind: kind}
		s.Article, s.To = span(art, ci, a)
		s.Source, s.From = span(src, sci, b)
		out = append(out, s)
	}
	for k := 0; k < len(ops); {
		op := ops[k]
		switch op.Kind {
		case align.OpMatch:
			k++
		case align.OpCanon:
			a, b := align.Range{Start: int(op.A), End: int(op.A) + 1}, align.Range{Start: int(op.B), End: int(op.B) + 1}
			add(a, b, e.kind(art, src, int(op.A), int(op.B)))
			k++
		default:
			a, b := align.Range{Start: -1, End: -1}, align.Range{Start: -1, End: -1}
			for ; k < len(ops) && ops[k].Kind != align.OpMatch && ops[k].Kind != align.OpCanon; k++ {
				grow(&a, ops[k].A)
				grow(&b, ops[k].B)
			}
			switch {
			case a.Len() > 0 && b.Len() > 0:
				kind := spintrace.SubstWord
				switch {
				case a.Len() == 1 && b.Len() == 1 && synonym.Related(textnorm.Fold(art.Word(a.Start)), textnorm.Fold(src.Word(b.Start))):
					kind = spintrace.SubstSynonym
				case max(a.Len(), b.Len()) > maxSwapWords:
					kind = spintrace.SubstRewrite
				}
				add(a, b, kind)
			case k < len(ops) && ops[k].Kind == align.OpMatch && nameRun(art, ops[k].A, a) && nameRun(src, ops[k].B, b):
				// a name lengthened or shortened before a kept name:
				// "Xi Jinping" -> "Jinping", "Putin" -> "Vladimir Putin"
				next := ops[k]
				ea, eb := a, b
				if ea.Len() == 0 {
					ea.Start = int(next.A)
				}
				if eb.Len() == 0 {
					eb.Start = int(next.B)
				}
				ea.End, eb.End = int(next.A)+1, int(next.B)+1
				add(ea, eb, spintrace.SubstEntity)
			}
		}
	}
	return out
}

// nameRun reports whether the tokens of r (possibly empty) and the token
// right after them are capitalized words, as in a person's name.
func nameRun(t *textnorm.Text, next int32, r align.Range) bool {
	if !t.Tokens[next].Is(textnorm.FlagCap) || t.Tokens[next].Is(textnorm.FlagStop) {
		return false
	}
	if r.Len() > 0 && r.End != int(next) {
		return false
	}
	for i := max(r.Start, 0); i < r.End; i++ {
		if !t.Tokens[i].Is(textnorm.FlagCap) || t.Tokens[i].Is(textnorm.FlagStop) {
			return false
		}
	}
	return true
}

func grow(r *align.Range, tok int32) {
	if tok < 0 {
		return
	}
	if r.Start < 0 {
		r.Start, r.End = int(tok), int(tok)+1
		return
	}
	r.End = int(tok) + 1
}

// kind classifies a canonical match between article token a and source
// token b by the canonicalization stage that equated them (or the learned
// lexicon, when their own canonical forms differ).
func (e *Engine) kind(art, src *textnorm.Text, a, b int) string {
	if art.Tokens[a].Is(textnorm.FlagAlias) || src.Tokens[b].Is(textnorm.FlagAlias) {
		return spintrace.SubstAlias
	}
	ca := e.norm.Canonical(art.Word(a))
	switch {
	case strings.HasPrefix(ca, "@"):
		return spintrace.SubstAlias
	case textnorm.Stem(art.Word(a)) == textnorm.Stem(src.Word(b)):
		return spintrace.SubstInflection
	}
	return spintrace.SubstSynonym
}
