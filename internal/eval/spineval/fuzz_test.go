package spineval

import (
	"testing"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spingen"
)

// FuzzTextScans checks that the harness's small text scanners (quotation
// spans, attribution check, sentence span, title split) never panic and
// keep their spans inside the text.
func FuzzTextScans(f *testing.F) {
	f.Add("Title\n\n\"We won,\" Ellen Okafor said. Next.", 8, 20)
	f.Add(`He said: "We won." “Curly,” said Mr Okafor`, -3, 400)
	f.Add("\"unclosed\nquote\" here.", 0, 1)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		r := []rune(text)
		for _, q := range spingen.QuoteSpans(r) {
			if q.Start < 0 || q.End > len(r) || q.Start >= q.End {
				t.Fatalf("quotation %v outside text of %d runes", q, len(r))
			}
		}
		explicitAttribution(r, spintrace.Span{Start: a, End: b})
		s := sentenceAt(r, a)
		if s.Start < 0 || s.End > len(r) || s.Start > s.End {
			t.Fatalf("sentenceAt(%d) = %v outside text of %d runes", a, s, len(r))
		}
		d := splitTitle(spintrace.Doc{Text: text})
		if d.Title != "" && d.Text == "" {
			t.Fatalf("title %q split off, no text left", d.Title)
		}
	})
}
