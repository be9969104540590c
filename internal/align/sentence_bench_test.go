package align

import (
	"strings"
	"testing"
)

// BenchmarkAlignSentences aligns a spun copy of the test source embedded in
// unrelated text, with sentence seeding (PAN) and, for comparison, word
// seeding without edit scripts.
//
//	go test -run XXX -bench AlignSentences ./internal/align/
func BenchmarkAlignSentences(b *testing.B) {
	src := strings.Repeat(strings.Join(sourceSentences, " ")+" ", 4)
	art := strings.Join(otherSentences, " ") + " " + spin(src, 0.3, 3) + " " + strings.Join(otherSentences, " ")
	a, s := normalize(art), normalize(src)
	words := Default
	words.Edits = false
	for _, bc := range []struct {
		name string
		o    Options
	}{{"seeds=sentences", PAN}, {"seeds=words", words}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Align(a, s, bc.o)
			}
		})
	}
}
