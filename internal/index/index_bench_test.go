package index

import (
	"testing"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// BenchmarkPrepare measures canonicalization plus fingerprinting, the CPU
// part of indexing, on synthetic articles.
//
//	go test -run '^$' -bench Prepare -benchmem ./internal/index
func BenchmarkPrepare(b *testing.B) {
	docs := make([]spintrace.Doc, 200)
	var size int64
	for i := range docs {
		docs[i] = synth.Article(1, i)
		size += int64(len(docs[i].Text))
	}
	n := textnorm.New(Default().Canon)
	cfg := Default()
	b.ReportAllocs()
	b.SetBytes(size / int64(len(docs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Prepare(n, cfg, docs[i%len(docs)])
	}
}
