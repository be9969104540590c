package quote

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// gapWord: a token allowed between an attribution and the quotation it
// introduces: Lavrov said: "...", Lavrov said that "...", Peskov told
// reporters: "...".
func gapWord(t token) bool {
	if t.kind == tokPunct {
		return t.low != "." && t.low != "!" && t.low != "?"
	}
	return t.low == "that" || dets[t.low] || phraseWord(t) || objectWords[t.low]
}

// link attaches quotation token k of sentence si to its attribution.
func link(text string, toks []token, sents []sentence, cl [][]clause, si, k int, s span) Quote {
	q := Quote{Start: s.start, End: s.end, InnerStart: s.innerStart, InnerEnd: s.innerEnd}
	lo, hi := sents[si].lo, sents[si].hi
	prevQ, nextQ := lo-1, hi
	for j := k - 1; j >= lo; j-- {
		if toks[j].kind == tokQuote {
			prevQ = j
			break
		}
	}
	for j := k + 1; j < hi; j++ {
		if toks[j].kind == tokQuote {
			nextQ = j
			break
		}
	}
	q.Partial = partial(text, toks, lo, hi, k, s)
	cs := cl[si]
	// Clauses are ordered by verb; idx is the first one after the quotation.
	idx := sort.Search(len(cs), func(i int) bool { return cs[i].verb > k })
	pick := -1
	via := ""
	// 1. An attribution right after the quotation: "...," Lavrov said. A
	// clause that opens the next quotation ("..." A spokesman said: "...")
	// is not taken when this one ends its own sentence.
	last, _ := utf8.DecodeLastRuneInString(text[s.innerStart:s.innerEnd])
	closed := last == '.' || last == '!' || last == '?'
	for i := idx; i < len(cs) && cs[i].verb < nextQ && cs[i].verb-k <= 2*maxPhrase+8; i++ {
		if c := cs[i]; c.first > k && !c.beforeOnly && onlyPunct(toks, k+1, c.first) && !(closed && introduces(toks, c, hi)) {
			pick, via = i, "said-after"
			break
		}
	}
	// 2. An attribution right before it: Lavrov said: "...". A quotation
	// closed by a full stop is not attributed after it (`Letwin said: "...
	// fiddled." said Loynes` is two pieces joined), so there the one
	// before wins.
	fullStop := last == '.'
	for i := idx - 1; (pick < 0 || fullStop && via == "said-after") && i >= 0 && k-cs[i].verb <= 2*maxPhrase+8; i-- {
		if c := cs[i]; c.last < k && c.last > prevQ && allGap(toks, c.last+1, k) {
			pick, via = i, "said-before"
			break
		}
	}
	// 3. The colon form: Russia: 'Too Early Yet'.
	if pick < 0 && k-1 > lo && toks[k-1].isPunct(":") {
		if ps, pe, ok := leftPhrase(toks, lo, k-1); ok && ps == lo {
			pe = cutAtTo(toks, ps, pe) // Haley to Russia: '...'
			ns, ne := nameRange(toks, ps, pe)
			q.Speaker, q.SpeakerStart, q.SpeakerEnd = text[toks[ns].start:toks[ne-1].end], toks[ns].start, toks[ne-1].end
			q.Via = "colon"
			return q
		}
	}
	// 4. Any other attribution in the sentence, the nearest before first.
	if pick < 0 && idx > 0 {
		pick, via = idx-1, "said-before"
	}
	for i := idx; pick < 0 && i < len(cs) && i < idx+10; i++ {
		if !cs[i].beforeOnly && !introduces(toks, cs[i], hi) {
			pick, via = i, "said-after"
		}
	}
	if pick >= 0 {
		c := &cs[pick]
		if c.speaker == "" && !c.pronoun {
			return q
		}
		c.used = true
		q.Speaker, q.SpeakerStart, q.SpeakerEnd = c.speaker, c.spStart, c.spEnd
		q.Via = viaOf(*c, via)
		if c.speaker == "" {
			q.Speaker = ""
		}
		return q
	}
	// 5. An adjacent sentence: a bare "Lavrov said." right after a
	// quotation that ends its sentence, or a quotation standing alone after
	// an attributed sentence.
	next := func() *clause {
		if si+1 < len(sents) && sents[si+1].para == sents[si].para && len(cl[si+1]) > 0 {
			// Clauses are ordered by verb, so one that opens the sentence is first.
			if c := &cl[si+1][0]; c.dangling && c.first == sents[si+1].lo && c.speaker != "" {
				return c
			}
		}
		return nil
	}
	if c := next(); c != nil && k == hi-1 && !c.pronoun {
		// "Big progress!" Trump tweeted.
		c.used = true
		q.Speaker, q.SpeakerStart, q.SpeakerEnd, q.Via = c.speaker, c.spStart, c.spEnd, viaOf(*c, "said-after")
		return q
	}
	if si > 0 && sents[si-1].para >= sents[si].para-1 && !q.Partial {
		if p := cl[si-1]; len(p) > 0 && p[len(p)-1].speaker != "" && !p[len(p)-1].beforeOnly {
			c := &p[len(p)-1]
			if c.dangling {
				c.used = true // He said. "Budgets have to add up."
			}
			q.Speaker, q.SpeakerStart, q.SpeakerEnd, q.Via = c.speaker, c.spStart, c.spEnd, "adjacent"
			if c.pronoun {
				q.Via = "pronoun"
			}
			return q
		}
	}
	if c := next(); c != nil {
		c.used = true
		q.Speaker, q.SpeakerStart, q.SpeakerEnd, q.Via = c.speaker, c.spStart, c.spEnd, "adjacent"
	}
	return q
}

// cutAtTo ends a colon speaker before "to" when no title precedes it:
// "Haley to Russia" -> "Haley", but "Ambassador to the United Nations
// Nikki Haley" stays whole.
func cutAtTo(toks []token, s, e int) int {
	for i := s + 1; i < e; i++ {
		if titleWords[toks[i].b] {
			return e
		}
		if toks[i].low == "to" {
			return i
		}
	}
	return e
}

// introduces reports whether clause c is followed by a colon or a
// quotation, so that it introduces what comes next.
func introduces(toks []token, c clause, hi int) bool {
	n := c.last + 1
	if n < hi && toks[n].isPunct(",") {
		n++
	}
	return n < hi && (toks[n].isPunct(":") || toks[n].kind == tokQuote)
}

func viaOf(c clause, positional string) string {
	switch {
	case c.pronoun:
		return "pronoun"
	case c.kind == kindAccording:
		return "according-to"
	case tellVerbs[c.verbLow] && c.verbLow != "asked" && c.verbLow != "asks" && c.verbLow != "ask":
		return "told"
	case c.kind == kindInverted:
		return "said-inverted"
	}
	return positional
}

func onlyPunct(toks []token, i, j int) bool {
	for ; i < j; i++ {
		if toks[i].kind != tokPunct || toks[i].low == "." {
			return false
		}
	}
	return true
}

func allGap(toks []token, i, j int) bool {
	if j-i > 4 {
		return false
	}
	for ; i < j; i++ {
		if !gapWord(toks[i]) {
			return false
		}
	}
	return true
}

// partial reports whether quotation k is a fragment inside a sentence: it
// starts in lower case, or follows a word that is not a speech verb, or is
// followed by a lower-case word that does not begin an attribution and has
// no closing punctuation of its own.
func partial(text string, toks []token, lo, hi, k int, s span) bool {
	inner := text[s.innerStart:s.innerEnd]
	for _, r := range inner {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return true
			}
			break
		}
		if unicode.IsDigit(r) {
			break
		}
	}
	if k-1 >= lo {
		p := toks[k-1]
		if p.kind == tokWord && !speechVerbs[p.low] && !participles[p.low] && p.low != "that" {
			return true
		}
	}
	last, _ := utf8.DecodeLastRuneInString(inner)
	if last == '.' || last == ',' || last == '!' || last == '?' || last == '…' {
		return false
	}
	if k+1 < hi {
		n := toks[k+1]
		if n.kind == tokWord && lowerInitial(n.text) && !pronouns[n.low] && !speechVerbs[n.low] &&
			n.low != "they" && n.low != "it" && n.low != "according" {
			return true
		}
	}
	return false
}
