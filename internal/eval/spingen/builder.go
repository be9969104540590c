package spingen

import (
	"math/rand"
	"unicode"

	"github.com/spintrace/spintrace"
)

// piece maps a stretch of source text to the article text it became.
type piece struct {
	s0, s1, a0, a1 int
	copied         bool // verbatim: offsets map one to one
}

// builder assembles the article and keeps the truth in step with it.
type builder struct {
	srcs   []*src
	art    []rune
	truth  Truth
	pieces [][]piece
	open   bool
	curSrc int
	cur    Passage
}

func newBuilder(srcs []*src) *builder {
	return &builder{
		srcs:   srcs,
		truth:  Truth{Sources: make([]SourceTruth, len(srcs))},
		pieces: make([][]piece, len(srcs)),
	}
}

// take appends text standing for source range [s, e) of source si,
// extending the open passage when it continues it.
func (b *builder) take(si, s, e int, text []rune, copied bool) spintrace.Span {
	a := len(b.art)
	if !(b.open && b.curSrc == si && b.cur.Source.End == s && b.cur.Article.End == a) {
		b.flush()
		b.open, b.curSrc = true, si
		b.cur = Passage{Article: spintrace.Span{Start: a, End: a}, Source: spintrace.Span{Start: s, End: s}}
	}
	b.art = append(b.art, text...)
	b.cur.Source.End = e
	b.cur.Article.End = len(b.art)
	b.pieces[si] = append(b.pieces[si], piece{s, e, a, len(b.art), copied})
	return spintrace.Span{Start: a, End: len(b.art)}
}

func (b *builder) copy(si, s, e int) {
	if s < e {
		b.take(si, s, e, b.srcs[si].r[s:e], true)
	}
}

// insert appends text that comes from no source.
func (b *builder) insert(text string) {
	b.flush()
	b.art = append(b.art, []rune(text)...)
}

func (b *builder) boiler(text string) {
	start := len(b.art)
	b.insert(text)
	b.truth.Boilerplate = append(b.truth.Boilerplate, spintrace.Span{Start: start, End: len(b.art)})
}

// flush closes the open passage, trimming white space at its edges.
func (b *builder) flush() {
	if !b.open {
		return
	}
	b.open = false
	p := b.cur
	r := b.srcs[b.curSrc].r
	for p.Article.Len() > 0 && unicode.IsSpace(b.art[p.Article.End-1]) && unicode.IsSpace(r[p.Source.End-1]) {
		p.Article.End--
		p.Source.End--
	}
	for p.Article.Len() > 0 && unicode.IsSpace(b.art[p.Article.Start]) && unicode.IsSpace(r[p.Source.Start]) {
		p.Article.Start++
		p.Source.Start++
	}
	if p.Article.Len() > 0 {
		b.truth.Sources[b.curSrc].Passages = append(b.truth.Sources[b.curSrc].Passages, p)
	}
}

// mapPos returns the article offset of source offset pos of source si.
func (b *builder) mapPos(si, pos int) int {
	for _, p := range b.pieces[si] {
		switch {
		case p.copied && p.s0 <= pos && pos <= p.s1:
			return p.a0 + pos - p.s0
		case pos == p.s0:
			return p.a0
		case pos == p.s1:
			return p.a1
		}
	}
	return -1
}

// seam writes what goes between two runs: the source's own white space when
// cur continues prev, a separator otherwise, damaged as cur.join says.
func (b *builder) seam(rng *rand.Rand, prev, cur run) {
	sep := " "
	if rng.Intn(2) == 0 {
		sep = "\n\n"
	}
	switch cur.join {
	case JoinGlue:
		b.flush()
		b.truth.Joins = append(b.truth.Joins, Join{Kind: JoinGlue, At: len(b.art)})
	case JoinDup:
		b.insert(sep)
		r := b.srcs[cur.src].r
		at := len(b.art)
		if ws := words(r, cur.start, cur.end); len(ws) > 0 {
			b.insert(string(r[ws[0].start:ws[0].end]) + " ")
		}
		b.truth.Joins = append(b.truth.Joins, Join{Kind: JoinDup, At: at})
	case JoinCut:
		b.insert(sep)
		b.truth.Joins = append(b.truth.Joins, Join{Kind: JoinCut, At: len(b.art)})
	default:
		r := b.srcs[cur.src].r
		if prev.src == cur.src && prev.end <= cur.start && allSpace(r[prev.end:cur.start]) {
			b.copy(cur.src, prev.end, cur.start)
			return
		}
		b.insert(sep)
	}
}

func allSpace(r []rune) bool {
	for _, c := range r {
		if !unicode.IsSpace(c) {
			return false
		}
	}
	return true
}

// emitRun writes one run with the edits that fall inside it.
func (b *builder) emitRun(ru run) {
	si := ru.src
	s := b.srcs[si]
	pos := ru.start
	for _, e := range s.edits {
		if e.start < ru.start || e.end > ru.end {
			continue
		}
		b.copy(si, pos, e.start)
		switch e.kind {
		case editSubst:
			sp := b.take(si, e.start, e.end, []rune(e.text), false)
			b.truth.Substitutions = append(b.truth.Substitutions, Substitution{
				Source: si, Kind: e.subKind, From: string(s.r[e.start:e.end]), To: e.text,
				SourceSpan: spintrace.Span{Start: e.start, End: e.end}, Span: sp,
			})
		case editSpeaker:
			sp := b.take(si, e.start, e.end, []rune(e.text), false)
			b.truth.QuoteSwaps = append(b.truth.QuoteSwaps, QuoteSwap{
				Source:        si,
				Quote:         spintrace.Span{Start: b.mapPos(si, e.q.span.Start), End: b.mapPos(si, e.q.span.End)},
				SourceQuote:   e.q.span,
				From:          e.q.name,
				To:            e.text,
				Speaker:       sp,
				SourceSpeaker: e.q.speaker,
			})
		case editDrop:
			b.flush()
			b.truth.DroppedQuotes = append(b.truth.DroppedQuotes, DroppedQuote{
				Source: si, SourceQuote: e.q.span, Speaker: e.q.name, At: len(b.art),
			})
		}
		pos = e.end
	}
	b.copy(si, pos, ru.end)
}
