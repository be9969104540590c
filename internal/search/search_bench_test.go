package search

import (
	"context"
	"fmt"
	"testing"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
)

// BenchmarkTrace measures retrieval plus alignment of spun, stitched
// derivatives against an in-memory index of synthetic articles (no I/O);
// `spintrace bench` measures the same on the embedded store.
//
//	go test -run '^$' -bench Trace -benchmem ./internal/search
func BenchmarkTrace(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			docs := make([]spintrace.Doc, 0, n)
			synth.Corpus(1, n, func(i int, d spintrace.Doc) error { docs = append(docs, d); return nil })
			e := newIndexed(b, docs...)
			queries := make([]spintrace.Doc, 50)
			for i := range queries {
				queries[i] = synth.Derivative(int64(i), docs[(i*7919)%n])
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := e.Trace(context.Background(), queries[i%len(queries)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
