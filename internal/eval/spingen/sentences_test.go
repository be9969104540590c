package spingen

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "One two. Three four! Five six? Seven", []string{"One two.", "Three four!", "Five six?", "Seven"}},
		{"title abbreviations", "Mr. Ferreira met Dr. Rao. They spoke.", []string{"Mr. Ferreira met Dr. Rao.", "They spoke."}},
		{"initialisms", "The U.S. Trade Representative met U.N. staff. Talks ended.", []string{"The U.S. Trade Representative met U.N. staff.", "Talks ended."}},
		{"middle initial", "John F. Keller spoke. Then left.", []string{"John F. Keller spoke.", "Then left."}},
		{"lower case next", "It rose 4 p.m. on Monday. Next.", []string{"It rose 4 p.m. on Monday.", "Next."}},
		{"quote with two sentences", `"We knew. We did not know," Okafor said. Then rain.`, []string{`"We knew. We did not know," Okafor said.`, "Then rain."}},
		{"curly quote", "“It works. It is cheap,” Li said. “Go.” Done.", []string{"“It works. It is cheap,” Li said.", "“Go.”", "Done."}},
		{"quote ends sentence", `He said "we stay." Next one.`, []string{`He said "we stay."`, "Next one."}},
		{"question in quote", `"Really?" she asked. Yes.`, []string{`"Really?" she asked.`, "Yes."}},
		{"opening quote starts", `He left. "Bye," she said.`, []string{"He left.", `"Bye," she said.`}},
		{"digits start", "It ended. 2026 was hard.", []string{"It ended.", "2026 was hard."}},
		{"paragraphs", "Headline without stop\n\nBody one. Body two.\nLine", []string{"Headline without stop", "Body one.", "Body two.", "Line"}},
		{"unbalanced quote reset at line", "\"Open quote. Never closed\nNext line. Here.", []string{"\"Open quote. Never closed", "Next line.", "Here."}},
		{"glued", "It ended in two.Assertive moves. Yes.", []string{"It ended in two.Assertive moves.", "Yes."}},
		{"blank", "  \n\n ", nil},
		{"lower-case no", "The answer was no. Then No. 5 won.", []string{"The answer was no.", "Then No. 5 won."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := []rune(tc.in)
			var got []string
			for _, s := range Sentences(tc.in) {
				got = append(got, string(r[s.Start:s.End]))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Ferreira met Dr. Rao. They spoke.")
	f.Add("“It works. It is cheap,” Li said. “Go.” Done.")
	f.Add("\"a.\" \"B\n\n.C")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		r := []rune(s)
		prev := 0
		for _, sp := range Sentences(s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(r) {
				t.Fatalf("bad span %+v after %d in %q", sp, prev, s)
			}
			if unicode.IsSpace(r[sp.Start]) || unicode.IsSpace(r[sp.End-1]) {
				t.Fatalf("span %+v not trimmed in %q", sp, s)
			}
			prev = sp.End
		}
	})
}
