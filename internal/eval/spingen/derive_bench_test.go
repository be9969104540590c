package spingen

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/spintrace/spintrace/internal/sample"
)

// BenchmarkDerive measures one derivative of the sample articles.
//
//	go test -run '^$' -bench Derive ./internal/eval/spingen
func BenchmarkDerive(b *testing.B) {
	docs := sample.Articles()
	for _, k := range []int{1, 3, 5} {
		b.Run(fmt.Sprintf("sources=%d", k), func(b *testing.B) {
			o := all()
			o.Sources = k
			rng := rand.New(rand.NewSource(1))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Derive(rng, pick(docs, i, k), o)
			}
		})
	}
}

// BenchmarkSentences measures the sentence splitter.
func BenchmarkSentences(b *testing.B) {
	text := sample.Articles()[0].Text
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Sentences(text)
	}
}
