package analysis

import (
	"regexp"
	"slices"
	"strings"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/align"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// stitching lists the article's segments by source, the join artifacts and
// the sources whose passages were reordered.
func stitching(in Input, ci *textnorm.CharIndex) spintrace.Stitching {
	st := spintrace.Stitching{Segments: []spintrace.Segment{}, Joins: joins(in.Text.Src, ci), Reordered: []int{}}
	toks := in.Text.Tokens
	for i := 0; i < len(in.Owner); {
		o := in.Owner[i]
		j := i
		for j < len(in.Owner) && in.Owner[j] == o {
			j++
		}
		if o >= 0 {
			// a segment ends before a short unexplained gap only if the next
			// explained token belongs to another source
			seg := spintrace.Segment{
				Article: spintrace.Span{Start: ci.Char(int(toks[i].Start)), End: ci.Char(int(toks[j-1].End))},
				Source:  in.Sources[o].Rank,
			}
			if n := len(st.Segments); n > 0 && st.Segments[n-1].Source == seg.Source && gapWords(in.Owner, i) <= 3 {
				st.Segments[n-1].Article.End = seg.Article.End
			} else {
				st.Segments = append(st.Segments, seg)
			}
		}
		i = j
	}
	for _, s := range in.Sources {
		if reordered(s) {
			st.Reordered = append(st.Reordered, s.Rank)
		}
	}
	return st
}

// gapWords counts unexplained tokens right before token i.
func gapWords(owner []int, i int) int {
	n := 0
	for k := i - 1; k >= 0 && owner[k] < 0; k-- {
		n++
	}
	return n
}

// reordered reports whether a source's passages, in article order, go
// backwards in the source.
func reordered(s Source) bool {
	ps := slices.Clone(s.Passages)
	slices.SortFunc(ps, func(a, b align.Passage) int { return a.A.Start - b.A.Start })
	for k := 1; k < len(ps); k++ {
		if ps[k].B.Start < ps[k-1].B.Start {
			return true
		}
	}
	return false
}

var (
	// "two.assertive", "Moscow.The": a sentence end glued to the next word.
	gluedRe = regexp.MustCompile(`\b\p{L}\p{Ll}+[.!?]["”’]?["“]?\p{L}{2,}\b`)
	// "the the": a word doubled across a seam.
	doubledRe = regexp.MustCompile(`(?i)\b(\p{L}+)\s+(\p{L}+)\b`)
	// ". and then": a sentence starting in lower case, as after a cut.
	cutRe = regexp.MustCompile(`[.!?]\s+\p{Ll}\p{L}*`)
)

// legitDoubles are words English repeats on purpose.
var legitDoubles = map[string]bool{"that": true, "had": true, "is": true, "very": true, "bye": true, "no": true}

// joins finds artifacts of gluing in the text.
func joins(src string, ci *textnorm.CharIndex) []spintrace.Join {
	out := []spintrace.Join{}
	add := func(kind string, a, b int) {
		out = append(out, spintrace.Join{Kind: kind, Article: spintrace.Span{Start: ci.Char(a), End: ci.Char(b)}, Text: src[a:b]})
	}
	for _, m := range gluedRe.FindAllStringIndex(src, -1) {
		w := src[m[0]:m[1]]
		if isDomainLike(w) {
			continue
		}
		add(spintrace.JoinGlued, m[0], m[1])
	}
	for i := 0; i < len(src); {
		m := doubledRe.FindStringSubmatchIndex(src[i:])
		if m == nil {
			break
		}
		a, b := src[i+m[2]:i+m[3]], src[i+m[4]:i+m[5]]
		if strings.EqualFold(a, b) && !legitDoubles[strings.ToLower(a)] {
			add(spintrace.JoinDoubled, i+m[0], i+m[1])
		}
		// continue from the second word so "a b b" finds "b b"
		i += m[4]
	}
	for _, m := range cutRe.FindAllStringIndex(src, -1) {
		// "U.S. officials", "Mr. and", "3 p.m. on": abbreviations, not cuts
		before := src[:m[0]+1]
		if endsWithAbbrev(before) {
			continue
		}
		add(spintrace.JoinCut, m[0], m[1])
	}
	slices.SortFunc(out, func(a, b spintrace.Join) int { return a.Article.Start - b.Article.Start })
	return out
}

func isDomainLike(w string) bool {
	lw := strings.ToLower(w)
	for _, tld := range []string{".com", ".org", ".net", ".gov", ".edu", ".co", ".io", ".uk", ".html", ".php", ".js"} {
		if strings.Contains(lw, tld) {
			return true
		}
	}
	return false
}

// endsWithAbbrev reports whether s ends with an abbreviation's period
// ("U.S.", "p.m.", "Mr.", "No.") rather than a sentence end.
func endsWithAbbrev(s string) bool {
	s = strings.TrimSuffix(s, ".")
	k := strings.LastIndexAny(s, " \n\t(\"“")
	word := s[k+1:]
	if strings.Contains(word, ".") {
		return true // dotted abbreviation: U.S, p.m
	}
	switch strings.ToLower(word) {
	case "mr", "mrs", "ms", "dr", "st", "no", "gen", "sen", "rep", "gov", "lt", "col", "vs", "etc", "approx", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd":
		return true
	}
	return false
}
