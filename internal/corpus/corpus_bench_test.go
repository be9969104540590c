package corpus

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkAnalyze measures a full analysis of the crafted corpus, copied
// n times over distinct sites (go test -bench Analyze ./internal/corpus).
func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{1, 5} {
		var docs = testCorpus()
		base := len(docs)
		for k := 1; k < n; k++ {
			for _, d := range docs[:base] {
				d.Text += fmt.Sprintf("\n\nCopy %d.", k)
				d.ID, d.Origin, d.Site = "", fmt.Sprintf("%s/%d", d.Origin, k), fmt.Sprintf("%d.%s", k, d.Site)
				docs = append(docs, doc(d.Origin, d.Site, d.Published, d.Text))
			}
		}
		st, tr := indexed(b, docs)
		b.Run(fmt.Sprintf("docs=%d", len(docs)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Analyze(context.Background(), st, tr, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
