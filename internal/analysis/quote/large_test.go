package quote

import (
	"strings"
	"testing"
)

// TestLargeInputs feeds long single-sentence and single-line inputs of the
// shapes that would make a careless scan quadratic (thousands of quotations
// and speech verbs in one sentence, long capitalized runs, long adverbial
// runs). Linear work finishes in well under a second; a quadratic scan
// would not finish within the test timeout.
func TestLargeInputs(t *testing.T) {
	inputs := map[string]string{
		"quotes and verbs in one sentence": strings.Repeat(`"a b," Lavrov said, `, 20000),
		"capitalized run with verbs":       strings.Repeat("Lavrov Says Tillerson ", 30000),
		"adverbial run":                    "Trump said" + strings.Repeat(" in a note", 30000),
		"pronouns and institutions":        strings.Repeat(`the Kremlin said, he said, "x y," she said `, 10000),
		"apostrophes":                      strings.Repeat("'a' 'bb' Russia's '90s ", 30000),
		"open quotes over paragraphs":      strings.Repeat("\"one\n\n", 30000),
	}
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			qs := Find(text)
			checkQuotes(t, text, qs)
			Attributions(text)
		})
	}
}
