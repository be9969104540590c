package spineval

import (
	"testing"

	"github.com/spintrace/spintrace"
)

// BenchmarkTallyAdd measures scoring one traced derivative (not tracing).
//
//	go test ./internal/eval/spineval -run '^$' -bench TallyAdd
func BenchmarkTallyAdd(b *testing.B) {
	c := derivedCase()
	res := &spintrace.Result{
		Sources: []spintrace.Source{
			src("A", 1, pass(sp(0, 100), sp(0, 100)), sub(spintrace.SubstSynonym, sp(10, 15)), sub(spintrace.SubstWord, sp(20, 24))),
			src("B", 2, pass(sp(100, 200), sp(50, 150))),
		},
		Quotes:  []spintrace.QuoteFinding{{Flag: spintrace.QuoteSpeakerChanged, Article: sp(150, 170)}},
		Verdict: spintrace.Verdict{Class: spintrace.ClassStitched, Spun: true},
	}
	b.ReportAllocs()
	var t Tally
	for i := 0; i < b.N; i++ {
		t.Add(c, res, nil, 0)
	}
}

// BenchmarkDerivative measures making one derivative of a synthetic corpus.
func BenchmarkDerivative(b *testing.B) {
	arts := synthCorpus(60)
	p := newPlanner(1, arts[:50], arts[50:])
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p.derivative(i)
	}
}
