package align

import (
	"strings"
	"testing"
)

// BenchmarkAlign aligns a spun copy (20% of words replaced) of an
// eight-sentence article with its source, edit scripts included.
//
//	go test -run '^$' -bench Align -benchmem ./internal/align
func BenchmarkAlign(b *testing.B) {
	src := strings.Join(sourceSentences, " ")
	a, s := normalize(spin(src, 0.2, 7)), normalize(src)
	b.ReportAllocs()
	b.SetBytes(int64(len(a.Src)))
	for i := 0; i < b.N; i++ {
		Align(a, s, Default)
	}
}
