package spingen

import (
	"strings"

	"github.com/spintrace/spintrace"
)

// quote is a quotation found in a source, with its attributed speaker when
// the attribution follows the quote in the same sentence.
type quote struct {
	span    spintrace.Span // the quotation, marks included
	speaker spintrace.Span // the speaker's name, titles left out; zero when none
	name    string
	// lead is true for `"...," Name said` (the quote leads its sentence's
	// attribution), false for `"...," said Name`.
	lead bool
}

var attributionVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "wrote": true, "added": true,
	"warned": true, "replied": true,
}

// titles are words that precede a name without being part of it.
var titles = map[string]bool{
	"Mayor": true, "Minister": true, "President": true, "Governor": true,
	"Senator": true, "Dr": true, "Mr": true, "Mrs": true, "Ms": true,
	"Professor": true, "Ambassador": true, "Chief": true, "Secretary": true,
	"Commissioner": true, "Director": true, "Premier": true, "Vice": true,
	"Representative": true, "Judge": true, "General": true, "Councilman": true,
	"Councilwoman": true, "Spokesman": true, "Spokeswoman": true,
}

// QuoteSpans returns the quotations of r in order, marks included. A
// quotation opens with '"' or '“' and closes with the next '"' or '”' in
// the same paragraph.
func QuoteSpans(r []rune) []spintrace.Span {
	var out []spintrace.Span
	open := -1
	for i, c := range r {
		switch {
		case c == '\n':
			open = -1
		case open < 0 && (c == '"' || c == '“'):
			open = i
		case open >= 0 && (c == '"' || c == '”'):
			out = append(out, spintrace.Span{Start: open, End: i + 1})
			open = -1
		}
	}
	return out
}

// findQuotes returns the quotations of r in order, with their speakers.
func findQuotes(r []rune) []quote {
	spans := QuoteSpans(r)
	out := make([]quote, 0, len(spans))
	for _, sp := range spans {
		q := quote{span: sp}
		attribute(r, &q)
		out = append(out, q)
	}
	return out
}

// attribute fills in the speaker of q when the text right after it reads
// `Name said` or `said [lower-case words] Name`.
func attribute(r []rune, q *quote) {
	e := q.span.End
	if e < 3 || !strings.ContainsRune(",?!", r[e-2]) {
		return
	}
	// Words up to the end of the sentence or the first comma.
	stop := e
	for stop < len(r) && !strings.ContainsRune(",.;:\n\"“”", r[stop]) {
		stop++
	}
	// A period that belongs to "Dr." or "Mr." does not stop the clause.
	for stop < len(r) && r[stop] == '.' && isAbbrev(r, stop) {
		stop++
		for stop < len(r) && !strings.ContainsRune(",.;:\n\"“”", r[stop]) {
			stop++
		}
	}
	ws := words(r, e, stop)
	if len(ws) == 0 || len(ws) > 10 {
		return
	}
	text := func(w word) string { return string(r[w.start:w.end]) }
	if attributionVerbs[text(ws[0])] {
		// `"...," said board chair Evelyn Strand`: the first run of two or
		// more capitalized words in the next six, else the first run.
		var first []word
		for k := 1; k < len(ws) && k <= 6; {
			if !isCapWord(r, ws[k]) {
				k++
				continue
			}
			j := k
			for j < len(ws) && isCapWord(r, ws[j]) {
				j++
			}
			if j-k >= 2 {
				setSpeaker(r, q, ws[k:j], false)
				if q.name != "" {
					return
				}
			}
			if first == nil {
				first = ws[k:j]
			}
			k = j
		}
		setSpeaker(r, q, first, false)
		return
	}
	// `"...," Mayor Ellen Okafor said`
	for v := 1; v < len(ws); v++ {
		if attributionVerbs[text(ws[v])] {
			j := v
			for j > 0 && isCapWord(r, ws[j-1]) {
				j--
			}
			setSpeaker(r, q, ws[j:v], true)
			return
		}
	}
}

// setSpeaker takes the name at the end of a run of capitalized words: its
// last two words, or the last one when the other is a title.
func setSpeaker(r []rune, q *quote, run []word, lead bool) {
	if len(run) == 0 {
		return
	}
	if len(run) > 2 {
		run = run[len(run)-2:]
	}
	if len(run) == 2 && titles[string(r[run[0].start:run[0].end])] {
		run = run[1:]
	}
	if titles[string(r[run[0].start:run[0].end])] {
		return
	}
	q.speaker = spintrace.Span{Start: run[0].start, End: run[len(run)-1].end}
	q.name = string(r[q.speaker.Start:q.speaker.End])
	q.lead = lead
}
