package analysis

import (
	"regexp"
	"strings"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// speechVerbs are the verbs of attribution, including the synonyms spinning
// tools put in for "said".
const speechVerbs = `said|says|added|adds|stated|states|noted|notes|told|remarked|remarks|wrote|writes|explained|warned|insisted|commented|observed|declared|mentioned|asserted|continued|informed|argued|acknowledged|admitted|appended|uttered`

// Leftovers of a cut quotation. invertedRe: a sentence that starts with an
// inverted attribution ("said Ian Gunner, a trader.", "wrote S&P credit
// expert Helena Hessel."), what is left when `"...," said Ian Gunner` loses
// its quotation. bareRe: a sentence that is only an attribution ("Mr
// Westwood said.", "festival director Geoffrey Gilmore said.", "the
// 27-year-old Austrian stated in a statement."). toldRe: "Solskjaer told
// Aftenposten Daily." with nothing reported.
var (
	sentenceStart = `(?:^|[.!?]["”]?\s*|\n\s*)`
	invertedRe    = regexp.MustCompile(sentenceStart + `((?:` + speechVerbs + `)\s+([^.!?\n"“”]{0,80}?)\s*)(?:[.!?]|,\s*["“])`)
	bareRe        = regexp.MustCompile(sentenceStart + `(([^.!?\n"“”]{1,80}?)\s+(?:` + speechVerbs + `)(?:\s+(?:in|on|at)\s+[^.!?\n"“”,]{1,40})?)[.!?](?:\s|$)`)
	toldRe        = regexp.MustCompile(sentenceStart + `((\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)*)\s+(?:told|informed)\s+[^.!?\n"“”:]{1,60})[.!?](?:\s|$)`)
	nameRe        = regexp.MustCompile(`\p{Lu}[\p{L}&'-]+(?:\s+\p{Lu}[\p{L}&'-]+)*`)
	reportedRe    = regexp.MustCompile(`\b(?:that|to|about|whether|how|why|if)\b`)
)

var prepositions = map[string]bool{"of": true, "in": true, "on": true, "at": true, "by": true, "with": true, "that": true, "to": true, "about": true, "for": true}

// invertedLeftovers finds attributions whose quotation was cut out.
func invertedLeftovers(src string, ci *textnorm.CharIndex) []spintrace.QuoteFinding {
	var out []spintrace.QuoteFinding
	add := func(start, end int, speaker string) {
		out = append(out, spintrace.QuoteFinding{
			Flag:    spintrace.QuoteDropped,
			Article: spintrace.Span{Start: ci.Char(start), End: ci.Char(end)},
			Text:    src[start:end],
			Speaker: speaker,
		})
	}
	// `"We will win." Lavrov said.`: the quotation is there
	quoteBefore := func(at int) bool {
		before := strings.TrimRight(src[:at], " \t\n.!?")
		return strings.HasSuffix(before, "\"") || strings.HasSuffix(before, "”")
	}
	for _, m := range invertedRe.FindAllStringSubmatchIndex(src, -1) {
		after := src[m[4]:m[5]]
		if first, _, _ := strings.Cut(after, " "); prepositions[first] {
			continue // "said of the Open": not an attribution
		}
		if name := nameIn(after, true); name != "" && !quoteBefore(m[2]) {
			add(m[2], m[3], name)
		}
	}
	for _, m := range bareRe.FindAllStringSubmatchIndex(src, -1) {
		lead := src[m[4]:m[5]]
		name := nameIn(lead, false)
		// reported speech ("Growth was 3%, the IBGE said.") has a clause
		// before the speaker; a leftover is the speaker alone
		if name == "" || quoteBefore(m[2]) || len(strings.Fields(lead)) > 6 || strings.ContainsAny(lead, ",;") || reportedRe.MatchString(lead) {
			continue
		}
		add(m[2], m[3], name)
	}
	for _, m := range toldRe.FindAllStringSubmatchIndex(src, -1) {
		if reportedRe.MatchString(src[m[5]:m[3]]) || quoteBefore(m[2]) {
			continue // "told reporters that ...", "told residents to leave"
		}
		add(m[2], m[3], src[m[4]:m[5]])
	}
	return out
}

// nameIn returns the first (or last) run of capitalized words of s, the
// speaker next to the verb: "Jason Kenney" in "analyst Jason Kenney at
// ING" after "said", "Helena Hessel" in "S&P credit expert Helena Hessel"
// before it; "" when s has none.
func nameIn(s string, first bool) string {
	names := nameRe.FindAllString(s, -1)
	if len(names) == 0 {
		return ""
	}
	n := names[len(names)-1]
	if first {
		n = names[0]
	}
	if w, _, _ := strings.Cut(n, " "); textnorm.IsStopWord(textnorm.Fold(strings.TrimSuffix(w, "'s"))) {
		return "" // "He", "It", "They's": a pronoun, not a name
	}
	for _, t := range []string{"Mr ", "Mrs ", "Ms ", "Dr "} {
		n = strings.TrimPrefix(n, t)
	}
	return n
}
