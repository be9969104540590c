package quote

import (
	"unicode"
	"unicode/utf8"
)

// clause is one speech verb with its speaker, found in one sentence.
type clause struct {
	sent             int
	verb, verbEnd    int // token range of the verb ("according to" is two)
	first, last      int // token range of the attribution (speaker and verb)
	kind             string
	pronoun          bool
	beforeOnly       bool // called/described: attaches only to a following quotation
	participle       bool // saying/adding: speaker is the sentence subject
	speaker          string
	spStart, spEnd   int // bytes of the speaker (or pronoun) in the text
	used             bool
	subjectFallback  bool
	startB, endB     int // bytes of the clause for Attribution
	dangling         bool
	verbLow          string
	quoteBeforeVerb  bool
	speakerFromRight bool
}

const (
	kindSaid      = "said"
	kindInverted  = "inverted"
	kindAccording = "according-to"
)

// passive auxiliaries before a verb make it passive: he was told.
var passives = set(`was were been being be is are`)

// objectWords are the listeners of "told": told reporters.
var objectWords = set(`reporters journalists lawmakers senators students supporters
listeners viewers parliament congress delegates crowd audience press media him her them us me`)

// tellVerbs take a listener before their content.
var tellVerbs = set(`told tells tell informed informs asked asks ask telling`)

// nounVerbs are speech verbs that are more often nouns in a title-case
// headline: United States Says ...
var nounVerbs = set(`states claims notes remarks comments posts answers promises`)

// headline reports whether the sentence toks[lo:hi] is a title-case
// headline: no final stop, and most longer words capitalized. Speech verbs
// are capitalized there too (Tillerson Says ...).
func headline(toks []token, lo, hi int) bool {
	if hi <= lo {
		return false
	}
	if t := toks[hi-1]; t.isPunct(".") || t.isPunct("!") || t.isPunct("?") {
		return false
	}
	long, caps := 0, 0
	for _, t := range toks[lo:hi] {
		if t.kind == tokWord && len(t.text) >= 4 {
			long++
			if !lowerInitial(t.text) {
				caps++
			}
		}
	}
	return long >= 2 && caps*10 >= long*6
}

// verbFollows reports whether what follows token k-1 reads as the content
// of a speech verb rather than the rest of a noun phrase: that, a colon or
// comma, a quotation, or a clause opening with a determiner or pronoun.
func verbFollows(toks []token, k, hi int) bool {
	if k >= hi {
		return false
	}
	t := toks[k]
	return t.kind == tokQuote || t.isPunct(":") || t.isPunct(",") || t.low == "that" || dets[t.low] || reportWords[t.low]
}

// phraseEnds reports whether an inverted speaker phrase ending at token e
// ends its clause (", says Tillerson." or ", says Tillerson after ..."),
// rather than being the subject of reported speech (", says US-Russia
// relations ...").
func phraseEnds(toks []token, e, hi int) bool {
	if e >= hi {
		return true
	}
	t := toks[e]
	return t.kind == tokPunct || ppPreps[t.low] || timeWords[t.low]
}

func hasPossessive(toks []token, s, e int) bool {
	for _, t := range toks[s:e] {
		if possessive(t) {
			return true
		}
	}
	return false
}

func lowerInitial(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// clauses finds the speech-verb clauses of sentence si.
func clauses(text string, toks []token, sents []sentence, si int) []clause {
	lo, hi := sents[si].lo, sents[si].hi
	title := headline(toks, lo, hi)
	var out []clause
	for k := lo; k < hi; k++ {
		t := toks[k]
		if t.kind != tokWord {
			continue
		}
		if !lowerInitial(t.text) && t.low != "according" && (!title || !speechVerbs[t.low] || nounVerbs[t.low]) {
			continue
		}
		c := clause{sent: si, verb: k, verbEnd: k + 1, verbLow: t.low, kind: kindSaid}
		switch {
		case t.low == "according" && k+1 < hi && toks[k+1].low == "to":
			c.verbEnd, c.kind = k+2, kindAccording
			s, e, ok := rightPhrase(toks, k+2, hi)
			if !ok {
				continue
			}
			c.setSpeaker(toks, s, e)
			c.first, c.last = k, e-1
			out = append(out, c)
			continue
		case (t.low == "pointed" || t.low == "points") && k+1 < hi && toks[k+1].low == "out":
			c.verbEnd = k + 2
		case baseVerbs[t.low] && !(k-1 >= lo && modals[toks[k-1].low]):
			continue // a claim, the note
		case nounVerbs[t.low] && !verbFollows(toks, k+1, hi):
			continue // member states, Conservative promises on tax
		case speechVerbs[t.low]:
		case beforeOnlyVerbs[t.low]:
			c.beforeOnly = true
		case participles[t.low]:
			c.participle = true
		default:
			continue
		}
		if c.find(toks, lo, hi, out) {
			out = append(out, c)
		}
	}
	return out
}

// setSpeaker records the name inside the phrase toks[s:e].
func (c *clause) setSpeaker(toks []token, s, e int) {
	ns, ne := nameRange(toks, s, e)
	c.spStart, c.spEnd = toks[ns].start, toks[ne-1].end
}

// find locates the speaker of the verb at c.verb: after the verb when the
// verb directly follows a quotation ("...," said Lavrov), before it
// otherwise (Lavrov said; Peskov, Putin's spokesman, said), or the subject
// of the sentence for participles and coordinated verbs.
func (c *clause) find(toks []token, lo, hi int, earlier []clause) bool {
	k := c.verb
	p := k - 1
	for p >= lo && toks[p].isPunct(",") {
		p--
	}
	afterQuote := p >= lo && toks[p].kind == tokQuote
	afterComma := p >= lo && p < k-1 && !c.participle && !tellVerbs[c.verbLow] // "..., says Tillerson"
	if (afterQuote || afterComma) && !c.beforeOnly {
		c.quoteBeforeVerb = afterQuote
		if s, e, ok := rightPhrase(toks, c.verbEnd, hi); ok && (afterQuote || phraseEnds(toks, e, hi)) {
			c.kind = kindInverted
			if ds, de, ok := describedName(toks, e, hi); ok && afterQuote {
				s, e = ds, de // said DZ bank economist Bernd Weidensteiner
			}
			c.setSpeaker(toks, s, e)
			c.first, c.last = k, e-1
			c.speakerFromRight = true
			return true
		}
		if afterQuote {
			// said 20-year-old politics student Nick Vaughan
			if s, e, ok := describedName(toks, c.verbEnd, hi); ok {
				c.kind = kindInverted
				c.spStart, c.spEnd = toks[s].start, toks[e-1].end
				c.first, c.last = k, e-1
				c.speakerFromRight = true
				return true
			}
		}
	}
	if c.participle {
		return c.subject(toks, lo, hi)
	}
	j := k - 1
	for j >= lo && k-j <= 8 {
		t := toks[j]
		switch {
		case t.kind == tokWord && leftSkip[t.low]:
			j--
			continue
		case t.low == "to" && j-1 >= lo && (passives[toks[j-1].low] || intendWords[toks[j-1].low]):
			// Kennedy is to tell; Lavrov is expected to say
			j--
			for j >= lo && intendWords[toks[j].low] {
				j--
			}
			for j >= lo && passives[toks[j].low] {
				j--
			}
			continue
		case t.kind == tokWord && timeWords[t.low] && !lowerInitial(t.text) || timeWords[t.low] && j-1 >= lo && timePreps[toks[j-1].low]:
			j--
			for j >= lo && timePreps[toks[j].low] {
				j--
			}
			continue
		}
		break
	}
	if j < lo {
		return false
	}
	t := toks[j]
	switch {
	case t.kind == tokWord && passives[t.low]:
		return false
	case possessive(t) && j == k-1:
		return false // Trump's claims: a noun, not a verb
	case t.kind == tokWord && pronouns[t.low]:
		c.pronoun = true
		c.spStart, c.spEnd = t.start, t.end
		c.first, c.last = j, k
		return true
	case t.isPunct(","):
		if s, e, ok := appositive(toks, lo, j); ok {
			c.setSpeaker(toks, s, e)
			c.first, c.last = s, k
			return true
		}
	}
	if s, e, ok := leftPhrase(toks, lo, j+1); ok && !(nounVerbs[c.verbLow] && hasPossessive(toks, s, e)) {
		c.setSpeaker(toks, s, e)
		c.first, c.last = s, k
		return true
	}
	if j-1 >= lo && t.kind == tokWord && lowerInitial(t.text) && dets[toks[j-1].low] && !reportWords[t.low] && !ppPreps[t.low] && followsQuote(toks, lo, j-1) {
		// the cardinal will ask: a determiner and a common noun
		c.spStart, c.spEnd = toks[j-1].start, t.end
		c.first, c.last = j-1, k
		return true
	}
	if t.isPunct(",") || t.low == "and" || t.low == "but" {
		// A coordinated verb shares the speaker of the clause before it:
		// Rudd called the leaks "irritating" and said they should stop.
		if n := len(earlier); n > 0 && k-earlier[n-1].verb <= 20 {
			e := earlier[n-1]
			c.spStart, c.spEnd, c.pronoun = e.spStart, e.spEnd, e.pronoun
			c.first, c.last = k, c.verbEnd-1
			c.subjectFallback = true
			return true
		}
		return c.subject(toks, lo, hi)
	}
	return false
}

// followsQuote reports whether token i comes right after a quotation,
// punctuation aside.
func followsQuote(toks []token, lo, i int) bool {
	for i--; i >= lo && toks[i].kind == tokPunct; i-- {
	}
	return i >= lo && toks[i].kind == tokQuote
}

// intendWords sit between a form of "be" and "to" before a verb.
var intendWords = set(`expected going due set likely scheduled about`)

// describedName finds a name after a few lower-case descriptors: "20-year-old
// politics student Nick Vaughan", "campaigner Barry Lim".
func describedName(toks []token, k, hi int) (int, int, bool) {
	i := k
	for ; i < hi && i-k < 5; i++ {
		t := toks[i]
		if t.kind != tokWord || !lowerInitial(t.text) && !unicode.IsDigit(runeAt(t.text, 0)) || ppPreps[t.low] || reportWords[t.low] {
			break
		}
	}
	e := i
	for e < hi && e-i < 4 && nameish(toks[e]) {
		e++
	}
	if e == i || i == k {
		return 0, 0, false
	}
	return i, e, true
}

// appositive handles "Peskov, Putin's spokesman, said" and "Lavrov, who
// met Tillerson, said": comma is the token index of the comma before the
// verb.
func appositive(toks []token, lo, comma int) (int, int, bool) {
	c2 := comma - 1
	for c2 >= lo && !toks[c2].isPunct(",") && toks[c2].kind != tokQuote && comma-c2 <= 12 {
		c2--
	}
	if c2 < lo || !toks[c2].isPunct(",") || c2+1 >= comma {
		return 0, 0, false
	}
	seg := toks[c2+1 : comma]
	role := seg[0].low == "who" || seg[0].low == "which" || seg[0].low == "of" || seg[0].low == "from"
	if !role {
		role = true
		hasHead := false
		for _, t := range seg {
			b := t.b
			if titleWords[b] || bodyWords[b] {
				hasHead = true
			}
			if !(phraseWord(t) || dets[t.low] || phrasePreps[t.low] || possessive(t)) {
				role = false
			}
		}
		role = role && hasHead
	}
	if !role {
		return 0, 0, false
	}
	return leftPhrase(toks, lo, c2)
}

// subject takes the speaker from the start of the sentence, after a leading
// adverbial ("On Wednesday, Secretary of State Rex Tillerson emerged ...
// saying").
func (c *clause) subject(toks []token, lo, hi int) bool {
	i := lo
	if i < c.verb && toks[i].kind == tokWord && capStop[toks[i].low] {
		if toks[i].low == "but" || toks[i].low == "and" || toks[i].low == "so" || toks[i].low == "yet" {
			i++
		} else {
			for j := i; j < c.verb && j < lo+15; j++ {
				if toks[j].isPunct(",") {
					i = j + 1
					break
				}
			}
		}
	}
	if i >= c.verb {
		return false
	}
	if t := toks[i]; t.kind == tokWord && pronouns[t.low] {
		c.pronoun = true
		c.spStart, c.spEnd = t.start, t.end
		c.first, c.last = c.verb, c.verbEnd-1
		c.subjectFallback = true
		return true
	}
	s, e, ok := rightPhrase(toks, i, c.verb)
	if !ok {
		return false
	}
	c.setSpeaker(toks, s, e)
	c.first, c.last = c.verb, c.verbEnd-1
	c.subjectFallback = true
	return true
}

// isDangling reports whether the clause reads as an attribution whose
// quotation was removed: no reported content before it, and after the verb
// (and the listener of "told") only adverbials such as "in a note on
// Twitter" or "on Thursday", with no reported clause and no quotation.
func isDangling(toks []token, c clause, lo, hi int) bool {
	if c.kind == kindAccording || c.kind == kindInverted || weakVerbs[c.verbLow] || c.participle {
		return false
	}
	// Reported content before the attribution: "The talks failed, Lavrov
	// said on Thursday.", "..., Russian charge d'affaires Petr Iliichev
	// said", "The issue will be debated next Monday he insisted".
	comma, words := false, 0
	for k := max(lo, c.first-40); k < c.first; k++ {
		if toks[k].kind == tokWord {
			words++
		}
		if c.first-k <= 12 && (toks[k].isPunct(",") || toks[k].isPunct("—") || toks[k].isPunct("–")) {
			comma = true
		}
	}
	if comma && words >= 2 || words >= 5 {
		return false
	}
	if t := toks[hi-1]; !(t.isPunct(".") || t.isPunct("!") || t.isPunct(":") || t.isPunct("?")) {
		return false // a headline: FAO warns on impact of subsidies
	}
	i := c.verbEnd
	if (c.verbLow == "commented" || c.verbLow == "comments") && i < hi && toks[i].low == "on" {
		return false // commented on the reports: the content is named
	}
	if tellVerbs[c.verbLow] && i < hi {
		if _, e, ok := rightPhrase(toks, i, hi); ok {
			i = e
		} else if objectWords[toks[i].low] {
			i++
		}
	}
	end := hi
	for end > i && toks[end-1].kind == tokPunct && (toks[end-1].low == "." || toks[end-1].low == "!" || toks[end-1].low == ":" || toks[end-1].low == "?") {
		end--
	}
	if end-i > 30 {
		return false // too long to be adverbials only
	}
	for pos := i; pos < end; {
		t := toks[pos]
		switch {
		case t.isPunct(","):
			pos++
		case t.kind == tokWord && (ppPreps[t.low] || timeWords[t.low]):
			pos = nounPhraseEnd(toks, pos+1, end)
		default:
			return false
		}
	}
	return true
}

// nounPhraseEnd skips a short noun phrase after a preposition: "a note",
// "his Twitter account".
func nounPhraseEnd(toks []token, i, end int) int {
	if i < end && (dets[toks[i].low] || toks[i].low == "his" || toks[i].low == "her" || toks[i].low == "its" || toks[i].low == "their") {
		i++
	}
	for n := 0; i < end && n < 4; n++ {
		t := toks[i]
		if t.kind != tokWord || dets[t.low] || reportWords[t.low] || ppPreps[t.low] {
			break
		}
		i++
	}
	return i
}
