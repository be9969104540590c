package textnorm

import (
	"strings"
	"testing"
)

// benchText is about 4 KB of news-like prose (the test's tricky text
// repeated), with quotes, numbers and abbreviations.
var benchText = strings.Repeat(tricky+" ", 20)

// BenchmarkNormalize measures tokenizing and canonicalizing with a warm
// word cache, the steady state of indexing.
//
//	go test -run '^$' -bench Normalize -benchmem ./internal/textnorm
func BenchmarkNormalize(b *testing.B) {
	n := New(Default())
	n.Normalize(benchText)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for i := 0; i < b.N; i++ {
		n.Normalize(benchText)
	}
}
