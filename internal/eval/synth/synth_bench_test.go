package synth

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/spintrace/spintrace"
)

// BenchmarkCorpus measures generation speed. MB/s is text per wall-clock
// second; MB/cpu-s is text per CPU-second of the generating thread, which
// stays meaningful on a loaded machine (Linux only).
//
//	go test -run '^$' -bench Corpus -benchtime 2s ./internal/eval/synth
func BenchmarkCorpus(b *testing.B) {
	getVocab()
	for _, n := range []int{1000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.ReportAllocs()
			var bytes, total int64
			cpu0, ok := threadCPU()
			for i := 0; i < b.N; i++ {
				bytes = 0
				_ = Corpus(int64(i), n, func(_ int, d spintrace.Doc) error {
					bytes += int64(len(d.Text))
					return nil
				})
				total += bytes
			}
			cpu1, _ := threadCPU()
			b.SetBytes(bytes)
			if ok && cpu1 > cpu0 {
				b.ReportMetric(float64(total)/1e6/(cpu1-cpu0).Seconds(), "MB/cpu-s")
			}
		})
	}
}

// BenchmarkDerivative measures making one trace query.
func BenchmarkDerivative(b *testing.B) {
	src := Article(1, 1)
	b.ReportAllocs()
	b.SetBytes(int64(len(src.Text)))
	for i := 0; i < b.N; i++ {
		Derivative(int64(i), src)
	}
}
