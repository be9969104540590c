package analysis

import (
	"slices"
	"strings"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/analysis/quote"
	"github.com/spintrace/spintrace/internal/synonym"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// minMergedTokens: a source must supply at least this many words of a
// quotation for the quotation to count as merged from several sources.
const minMergedTokens = 3

// quoteHit is what one source contributes to one article quotation: the
// source byte range aligned to the quotation's words.
type quoteHit struct {
	src        int
	start, end int // bytes in the source
	tokens     int
}

// quotes compares the quotations of the article with those of its sources:
// a speaker changed, an attribution dropped, a quotation merged from two
// sources, and attributions left without their quotation.
func quotes(in Input, ci *textnorm.CharIndex) []spintrace.QuoteFinding {
	out := []spintrace.QuoteFinding{}
	srcQuotes := make([][]quote.Quote, len(in.Sources))
	sharedQuotes := make([][]quote.Quote, len(in.Shared))
	for _, q := range in.Quotes {
		hits := quoteHits(in.Text, in.Sources, q)
		if len(hits) == 0 {
			if f, ok := sharedSpeakerChanged(in, q, sharedQuotes, ci); ok {
				out = append(out, f)
			}
			continue
		}
		f := spintrace.QuoteFinding{
			Article: spintrace.Span{Start: ci.Char(q.Start), End: ci.Char(q.End)},
			Text:    in.Text.Src[q.Start:q.End],
			Speaker: q.Speaker,
		}
		if len(hits) >= 2 && hits[1].tokens >= minMergedTokens && closed(in.Text.Src, q) {
			f.Flag = spintrace.QuoteMerged
			for _, h := range hits {
				f.Sources = append(f.Sources, in.Sources[h.src].Rank)
			}
			out = append(out, f)
			continue
		}
		h := hits[0]
		s := in.Sources[h.src]
		if srcQuotes[h.src] == nil {
			srcQuotes[h.src] = quote.Find(s.Text.Src)
		}
		sq, ok := overlapping(srcQuotes[h.src], h.start, h.end)
		if !ok || sq.Speaker == "" {
			continue
		}
		f.Source = s.Rank
		f.SourceSpeaker = sq.Speaker
		sci := textnorm.NewCharIndex(s.Text.Src)
		f.SourceSpan = &spintrace.Span{Start: sci.Char(sq.Start), End: sci.Char(sq.End)}
		// Only attributions made in the quotation's own sentence are
		// compared: a pronoun or a speaker taken from a neighbouring
		// sentence depends on what the stitching put around it.
		switch {
		case !explicit(sq):
			continue
		case q.Speaker == "" && q.Via == "" && !q.Partial && !speakerKept(s, sq):
			f.Flag = spintrace.QuoteAttributionDropped
		case explicit(q) && !sameSpeaker(q.Speaker, sq.Speaker) && !namedNearby(q.Speaker, s.Text, sq) && !namedNearby(sq.Speaker, in.Text, q):
			f.Flag = spintrace.QuoteSpeakerChanged
		default:
			continue
		}
		out = append(out, f)
	}
	for _, a := range quote.Attributions(in.Text.Src) {
		if !a.Dangling {
			continue
		}
		out = append(out, spintrace.QuoteFinding{
			Flag:    spintrace.QuoteDropped,
			Article: spintrace.Span{Start: ci.Char(a.Start), End: ci.Char(a.End)},
			Text:    in.Text.Src[a.Start:a.End],
			Speaker: a.Speaker,
		})
	}
	out = append(out, invertedLeftovers(in.Text.Src, ci)...)
	slices.SortFunc(out, func(a, b spintrace.QuoteFinding) int { return a.Article.Start - b.Article.Start })
	// one finding per place: the patterns above may see the same leftover
	return slices.CompactFunc(out, func(a, b spintrace.QuoteFinding) bool {
		return a.Flag == b.Flag && a.Article.Start < b.Article.End && b.Article.Start < a.Article.End
	})
}

// explicit reports whether a quotation's speaker is named in its own
// sentence.
func explicit(q quote.Quote) bool {
	switch q.Via {
	case "said-after", "said-before", "said-inverted", "according-to", "told", "colon":
		return q.Speaker != ""
	}
	return false
}

// sharedSpeakerChanged compares the speaker of article quotation q, which
// no source explains, with the speaker given by a document that shares
// only quoted speech with the article. Such a quotation was lifted from
// another story, so here the speaker the article implies counts too: a
// quotation standing alone right after "Lavrov said." reads as Lavrov's
// (the content-farm way of crediting an official's words to a minister).
func sharedSpeakerChanged(in Input, q quote.Quote, cache [][]quote.Quote, ci *textnorm.CharIndex) (spintrace.QuoteFinding, bool) {
	if q.Speaker == "" || !explicit(q) && q.Via != "adjacent" {
		return spintrace.QuoteFinding{}, false
	}
	hits := quoteHits(in.Text, in.Shared, q)
	if len(hits) == 0 || hits[0].tokens < minSharedQuoteTokens {
		return spintrace.QuoteFinding{}, false
	}
	h := hits[0]
	s := in.Shared[h.src]
	if cache[h.src] == nil {
		cache[h.src] = quote.Find(s.Text.Src)
	}
	sq, ok := overlapping(cache[h.src], h.start, h.end)
	if !ok || !explicit(sq) || sameSpeaker(q.Speaker, sq.Speaker) || namedNearby(q.Speaker, s.Text, sq) || namedNearby(sq.Speaker, in.Text, q) {
		return spintrace.QuoteFinding{}, false
	}
	sci := textnorm.NewCharIndex(s.Text.Src)
	ref := s.Doc.Ref()
	return spintrace.QuoteFinding{
		Flag:          spintrace.QuoteSpeakerChanged,
		Article:       spintrace.Span{Start: ci.Char(q.Start), End: ci.Char(q.End)},
		Text:          in.Text.Src[q.Start:q.End],
		Speaker:       q.Speaker,
		SourceSpeaker: sq.Speaker,
		SourceSpan:    &spintrace.Span{Start: sci.Char(sq.Start), End: sci.Char(sq.End)},
		SharedWith:    &ref,
	}, true
}

// minSharedQuoteTokens: a document must supply at least this many words of
// a quotation for its speaker to be compared.
const minSharedQuoteTokens = 6

// quoteHits maps the words inside quotation q of text to the documents of
// srcs aligned to them, the one supplying most words first.
func quoteHits(text *textnorm.Text, srcs []Source, q quote.Quote) []quoteHit {
	byIdx := map[int]*quoteHit{}
	toks := text.Tokens
	for si, s := range srcs {
		for _, p := range s.Passages {
			for _, op := range p.Ops {
				if op.A < 0 || op.B < 0 || op.Kind == 'x' {
					continue
				}
				t := toks[op.A]
				if int(t.Start) < q.InnerStart || int(t.End) > q.InnerEnd {
					continue
				}
				bt := s.Text.Tokens[op.B]
				h, ok := byIdx[si]
				if !ok {
					h = &quoteHit{src: si, start: int(bt.Start), end: int(bt.End)}
					byIdx[si] = h
				}
				h.start = min(h.start, int(bt.Start))
				h.end = max(h.end, int(bt.End))
				h.tokens++
			}
		}
	}
	hits := make([]quoteHit, 0, len(byIdx))
	for _, h := range byIdx {
		hits = append(hits, *h)
	}
	slices.SortFunc(hits, func(a, b quoteHit) int {
		if a.tokens != b.tokens {
			return b.tokens - a.tokens
		}
		return a.src - b.src
	})
	return hits
}

// overlapping returns the quotation of qs that overlaps [start, end) most.
func overlapping(qs []quote.Quote, start, end int) (quote.Quote, bool) {
	best, bestOv := quote.Quote{}, 0
	for _, q := range qs {
		ov := min(end, q.InnerEnd) - max(start, q.InnerStart)
		if ov > bestOv {
			best, bestOv = q, ov
		}
	}
	return best, bestOv > 0
}

// sameSpeaker reports whether two attributions name the same speaker,
// allowing for what spinning does to a speaker phrase: titles, first names
// and common words swapped for synonyms ("a Home Office spokesman" / "a Home
// Office representative", "John E. Kelly" / "E. Kelly", "Council of
// Britain" / "Council of UK"). The names decide: one phrase's names must all
// be in the other. Two speakers without a name ("a spokesman",
// "Officials") are not told apart.
func sameSpeaker(a, b string) bool {
	if quote.SameSpeaker(a, b) {
		return true
	}
	na, nb := names(speakerNorm.Normalize(a)), names(speakerNorm.Normalize(b))
	if len(na) == 0 || len(nb) == 0 {
		return len(na) == 0 && len(nb) == 0
	}
	return subset(na, nb) || subset(nb, na)
}

var speakerNorm = textnorm.New(textnorm.Default())

// names returns the canonical classes of the capitalized words of a speaker
// phrase, but for a first word that is a common noun ("Officials").
func names(t *textnorm.Text) map[uint64]bool {
	m := map[uint64]bool{}
	for i, tok := range t.Tokens {
		if !tok.Is(textnorm.FlagCap) || tok.Is(textnorm.FlagStop) {
			continue
		}
		if i == 0 {
			if _, common := synonym.Class(textnorm.Fold(t.Word(0))); common {
				continue
			}
		}
		m[tok.Canon] = true
	}
	return m
}

// namedNearby reports whether the names of speaker all occur in the
// sentences of t that hold quotation q. Then the other text's speaker is
// still named next to the quotation and the two attributions differ in
// which clause the finder took, not in who is credited: a spun verb
// ("described" -> "depicted") makes "Muse remarked" the nearest speech
// verb after "Chester Bennington depicted their prize as "quite an
// honour"".
func namedNearby(speaker string, t *textnorm.Text, q quote.Quote) bool {
	want := names(speakerNorm.Normalize(speaker))
	if len(want) == 0 {
		return false
	}
	have := map[uint64]bool{}
	for _, st := range t.Sentences {
		if int(st.ByteEnd) <= q.Start || int(st.ByteStart) >= q.End {
			continue
		}
		for _, tok := range t.Tokens[st.Start:st.End] {
			if (int(tok.Start) < q.InnerStart || int(tok.End) > q.InnerEnd) && tok.Is(textnorm.FlagCap) {
				have[tok.Canon] = true
			}
		}
	}
	return subset(want, have)
}

func subset(a, b map[uint64]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// speakerKept reports whether the source's speaker words are aligned to
// article words: the attribution is still there (in a form the quotation
// finder did not read as one, "Klinsmann appended:").
func speakerKept(s Source, sq quote.Quote) bool {
	for _, p := range s.Passages {
		for _, op := range p.Ops {
			if op.B < 0 || op.A < 0 || op.Kind != 'x' && op.Kind != '=' && op.Kind != '~' {
				continue
			}
			t := s.Text.Tokens[op.B]
			if int(t.Start) >= sq.SpeakerStart && int(t.End) <= sq.SpeakerEnd && (op.Kind == '=' || op.Kind == '~') {
				return true
			}
		}
	}
	return false
}

// closed reports whether a quotation ends with a closing mark: an
// unclosed one (a seam cut inside it) runs on into whatever follows and
// is not one quotation.
func closed(src string, q quote.Quote) bool {
	tail := src[q.InnerEnd:q.End]
	k := strings.IndexAny(tail, "\"”»")
	if k < 0 {
		return false
	}
	// a closing mark hugs the word before it; a mark after a space opens
	// the next quotation ('delayed "until'), paired wrongly
	at := q.InnerEnd + k
	return at > 0 && src[at-1] != ' ' && src[at-1] != '\n'
}
