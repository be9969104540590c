package quote

import (
	"sort"
	"strings"
	"unicode"
)

// Quote is one quotation and its attribution. Offsets are byte offsets into
// the text given to Find.
type Quote struct {
	// Start and End cover the quotation including its marks. A quotation
	// left unclosed at the end of its paragraph ends there.
	Start, End int
	// InnerStart and InnerEnd cover the quoted words without the outer
	// marks; for a quotation continued over paragraphs they include the
	// paragraph breaks and the reopening marks.
	InnerStart, InnerEnd int
	// Speaker is the attributed speaker narrowed to its name ("Sergei
	// Lavrov", "Lavrov", "the Kremlin", "a senior official"); a pronoun is
	// replaced by the speaker it refers to. "" when none was found.
	Speaker string
	// SpeakerStart and SpeakerEnd locate the speaker, or the pronoun, in the
	// text; 0, 0 when there is none. For a named speaker
	// text[SpeakerStart:SpeakerEnd] == Speaker.
	SpeakerStart, SpeakerEnd int
	// Via says how the speaker was found: "said-after" ("...," Lavrov said),
	// "said-before" (Lavrov said: "..."), "said-inverted" ("...," said
	// Lavrov), "according-to", "told" (Lavrov told reporters), "pronoun"
	// (he said, resolved to the previous named speaker), "colon" (Lavrov:
	// "..."), "adjacent" (no attribution in the quotation's sentence; taken
	// from the previous sentence, or from a bare "Lavrov said." right
	// after; "pronoun" when that attribution is a pronoun), or "" when
	// there is no speaker. An unresolved pronoun gives Via "pronoun", the
	// pronoun's offsets and Speaker "".
	Via string
	// Partial: the quotation is a fragment inside a sentence (called the
	// strike "an act of aggression"), not a quoted sentence.
	Partial bool
}

// Attribution is a speech verb with a named speaker and no quotation
// attached: reported speech ("Trump said that the talks failed.") or a
// quotation that was removed ("Trump said in a note on Twitter.").
type Attribution struct {
	Speaker string
	// Start and End cover the clause: from the speaker (or verb) to the end
	// of the sentence, without its final punctuation.
	Start, End int
	// SpeakerStart and SpeakerEnd locate the speaker or pronoun.
	SpeakerStart, SpeakerEnd int
	// Dangling: the verb is followed only by adverbials ("in a statement",
	// "on Twitter", "in a note") with no reported clause and no quotation,
	// which is what is left when a quotation is cut out.
	Dangling bool
}

// Find returns the quotations of text in order of position, each with its
// attributed speaker when one is found in its sentence or an adjacent one.
func Find(text string) []Quote {
	return analyze(text).quotes
}

// Attributions returns the speech-verb attributions of text that are not
// attached to a quotation, in order of position.
func Attributions(text string) []Attribution {
	return analyze(text).attrs
}

// analysis is everything found in one text.
type analysis struct {
	quotes []Quote
	attrs  []Attribution
}

func analyze(text string) analysis {
	sp := spans(text)
	toks := tokenize(text, sp)
	sents := sentences(text, toks)
	cl := make([][]clause, len(sents))
	for si := range sents {
		cl[si] = clauses(text, toks, sents, si)
		for i := range cl[si] {
			c := &cl[si][i]
			c.dangling = isDangling(toks, *c, sents[si].lo, sents[si].hi)
			if !c.pronoun {
				c.speaker = text[c.spStart:c.spEnd]
			}
		}
	}
	resolvePronouns(text, toks, sents, cl)

	// nextQuote[i] is the index of the first quotation token at or after i.
	nextQuote := make([]int, len(toks)+1)
	nextQuote[len(toks)] = len(toks)
	for i := len(toks) - 1; i >= 0; i-- {
		nextQuote[i] = nextQuote[i+1]
		if toks[i].kind == tokQuote {
			nextQuote[i] = i
		}
	}
	var a analysis
	for si, s := range sents {
		for k := s.lo; k < s.hi; k++ {
			if toks[k].kind != tokQuote {
				continue
			}
			a.quotes = append(a.quotes, link(text, toks, sents, cl, si, k, sp[toks[k].quote]))
		}
	}
	for si, s := range sents {
		for _, c := range cl[si] {
			if c.used || c.beforeOnly || c.participle || c.speaker == "" {
				continue
			}
			if weakVerbs[c.verbLow] && !(c.verbEnd < s.hi && (toks[c.verbEnd].low == "that" || toks[c.verbEnd].isPunct(":"))) {
				continue
			}
			e := min(s.hi, nextQuote[c.last+1])
			for e-1 > c.last && toks[e-1].kind == tokPunct && strings.Contains(".!?:;,-—", toks[e-1].low) {
				e--
			}
			end := toks[e-1].end
			start := min(toks[c.first].start, c.spStart, toks[c.verb].start)
			a.attrs = append(a.attrs, Attribution{
				Speaker: c.speaker, Start: start, End: max(end, start),
				SpeakerStart: c.spStart, SpeakerEnd: c.spEnd, Dangling: c.dangling,
			})
		}
	}
	return a
}

// resolvePronouns gives each pronoun clause the named speaker of an earlier
// clause in its sentence or, failing that, the latest named speaker (or
// named sentence subject) of the three sentences before it.
func resolvePronouns(text string, toks []token, sents []sentence, cl [][]clause) {
	for si := range sents {
		for i := range cl[si] {
			c := &cl[si][i]
			if !c.pronoun {
				continue
			}
			for j := i - 1; j >= 0 && j >= i-10 && c.speaker == ""; j-- {
				c.speaker = personal(cl[si][j].speaker)
			}
			for p := si - 1; p >= 0 && p >= si-3 && c.speaker == ""; p-- {
				for j := len(cl[p]) - 1; j >= 0 && j >= len(cl[p])-10 && c.speaker == ""; j-- {
					c.speaker = personal(cl[p][j].speaker)
				}
				if c.speaker == "" {
					c.speaker = subjectName(text, toks, sents[p])
				}
			}
		}
	}
}

// personal returns speaker when "he" or "she" can refer to it, "" for an
// institution (the Kremlin, Russian Federation, the ministry).
func personal(speaker string) string {
	i := strings.LastIndexByte(speaker, ' ')
	last := strings.ToLower(speaker[i+1:])
	if orgTails[bare(last)] || bodyWords[bare(last)] && !titleWords[bare(last)] {
		return ""
	}
	return speaker
}

// pluralVerbs follow a plural subject, which "he" or "she" cannot mean.
var pluralVerbs = set(`are were have say do`)

// subjectName is the name that opens a sentence (after a leading
// adverbial), or "" when the sentence does not open with a person's name.
func subjectName(text string, toks []token, s sentence) string {
	c := clause{verb: s.hi, verbEnd: s.hi}
	if !c.subject(toks, s.lo, s.hi) || c.pronoun {
		return ""
	}
	name := text[c.spStart:c.spEnd]
	first, _, _ := strings.Cut(name, " ")
	if r := []rune(name); len(r) == 0 || !unicode.IsUpper(r[0]) || dets[strings.ToLower(first)] {
		return ""
	}
	if !strings.Contains(name, " ") {
		// One capitalized word opening a sentence may be any noun
		// (Sanctions to stop ...): accept it when a verb-like word follows.
		i := sort.Search(s.hi-s.lo, func(i int) bool { return toks[s.lo+i].start >= c.spEnd }) + s.lo
		if i >= s.hi {
			return ""
		}
		n := toks[i]
		if n.kind != tokWord || !lowerInitial(n.text) || ppPreps[n.low] || dets[n.low] || phrasePreps[n.low] || pluralVerbs[n.low] {
			return ""
		}
	}
	return personal(name)
}
