package analysis

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/spintrace/spintrace"
)

// renames groups the substitutions of names (aliases, entity renames and
// replaced capitalized words) across all sources, most frequent first.
func renames(sources []spintrace.Source) []spintrace.Rename {
	counts := map[[2]string]int{}
	for _, s := range sources {
		for _, sub := range s.Substitutions {
			if sub.Kind == spintrace.SubstAlias || sub.Kind == spintrace.SubstEntity ||
				sub.Kind == spintrace.SubstWord && capitalized(sub.From) && capitalized(sub.To) {
				counts[[2]string{sub.From, sub.To}]++
			}
		}
	}
	out := []spintrace.Rename{}
	for k, n := range counts {
		out = append(out, spintrace.Rename{From: k[0], To: k[1], Count: n})
	}
	slices.SortFunc(out, func(a, b spintrace.Rename) int {
		return cmp.Or(b.Count-a.Count, cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	return out
}

func capitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
