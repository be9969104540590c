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
	invertedRe    = regexp.MustCompile(sentenceStart + `((?:` + speechVerbs + `)\s+([^.!?\n"“”]{0,160}?)\s*)(?:[.!?]|,\s*["“]|,\s+adding\b)`)
	bareRe        = regexp.MustCompile(sentenceStart + `(([^.!?\n"“”]{1,80}?)\s+(?:` + speechVerbs + `)(?:\s+(?:in|on|at|of)\s+[^.!?\n"“”,]{1,40})?)(?:\.(?:\s|$|["“])|,\s+adding\b)`)
	toldRe        = regexp.MustCompile(sentenceStart + `(([^.!?\n"“”,;]{1,80}?)\s+(?:told|informed)\s+[^.!?\n"“”:]{1,60})\.(?:\s|$|["“])`)
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
	for _, m := range invertedRe.FindAllStringSubmatchIndex(src, -1) {
		after := src[m[4]:m[5]]
		if first, _, _ := strings.Cut(after, " "); prepositions[first] {
			continue // "said of the Open": not an attribution
		}
		// `"...," said Lavrov` is whole; `"... met." said Lavrov` is not:
		// a quotation that ends its sentence is not introduced by a
		// following "said X"
		if name := nameIn(after, true); name != "" && !quoteBefore(src, m[2], false) {
			add(m[2], m[3], name)
		}
	}
	for _, m := range bareRe.FindAllStringSubmatchIndex(src, -1) {
		lead := src[m[4]:m[5]]
		name := nameIn(lead, false)
		// reported speech ("Growth was 3%, the IBGE said.") has a clause
		// before the speaker; a leftover is the speaker alone
		if !speakerLead(src, m[2], lead, name) || strings.ContainsAny(lead, ",;") || quoteBefore(src, m[2], true) ||
			strings.Contains(src[m[5]:m[3]], "commented on") {
			continue // "Neither Rover nor SAIC commented on the reports."
		}
		add(m[2], m[3], name)
	}
	for _, m := range toldRe.FindAllStringSubmatchIndex(src, -1) {
		lead := src[m[4]:m[5]]
		name := nameIn(lead, false)
		if !speakerLead(src, m[2], lead, name) || reportedRe.MatchString(src[m[5]:m[3]]) || quoteBefore(src, m[2], true) {
			continue // "told reporters that ...", "told residents to leave"
		}
		add(m[2], m[3], name)
	}
	return out
}

// speakerLead reports whether lead, the words before a speech verb at the
// start of a sentence, is a speaker phrase ending in its name ("festival
// director Geoffrey Gilmore" said): at most 8 words, no reported clause
// ("Tony Blair has dismissed reports he" told), and a sentence start that is
// not the period of an abbreviation ("Mr. Brown said").
func speakerLead(src string, at int, lead, name string) bool {
	if name == "" || len(strings.Fields(lead)) > 8 || reportedRe.MatchString(lead) {
		return false
	}
	if !strings.HasSuffix(strings.TrimSuffix(lead, "'s"), name) {
		return false
	}
	before := strings.TrimRight(src[:at], " \t")
	if strings.HasSuffix(before, ".") {
		w := before[strings.LastIndexAny(before[:len(before)-1], " \n\t")+1 : len(before)-1]
		if abbrev[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// abbrev are words whose period does not end a sentence.
var abbrev = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true, "rep": true, "gov": true, "st": true, "lt": true, "col": true, "capt": true, "rev": true}

// quoteBefore reports whether the attribution at `at` follows a quotation
// on the same line that it completes: `"We will win," said Lavrov` (and,
// with fullStop, `"We will win." Lavrov said.`). A quotation in another
// paragraph, or one closed inside a sentence that then ended (`called it
// "a disgrace".`), is not completed by it.
func quoteBefore(src string, at int, fullStop bool) bool {
	b := strings.TrimRight(src[:at], " \t")
	mark := strings.HasSuffix(b, "\"") || strings.HasSuffix(b, "”")
	if !mark {
		return false
	}
	b = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(b, "\""), "”"), " ")
	switch {
	case strings.HasSuffix(b, ","), strings.HasSuffix(b, "!"), strings.HasSuffix(b, "?"):
		return true
	case strings.HasSuffix(b, "."), strings.HasSuffix(b, "…"):
		return fullStop
	}
	return false
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
	if w, rest, _ := strings.Cut(n, " "); textnorm.IsStopWord(textnorm.Fold(strings.TrimSuffix(w, "'s"))) {
		if w != "The" || rest == "" {
			return "" // "He", "It", "They's": a pronoun, not a name
		}
		n = rest // "The Libertine's executive producer"
	}
	for _, t := range []string{"Mr ", "Mrs ", "Ms ", "Dr "} {
		n = strings.TrimPrefix(n, t)
	}
	return n
}
