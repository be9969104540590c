package synonym

import (
	"testing"

	"github.com/kljensen/snowball/english"
)

// benchWords mix lemmas, inflections that need stemming, irregular forms and
// words in no class, as a tokenizer would pass them.
var benchWords = []string{
	"the", "president", "said", "talks", "purchased", "bigger", "attack",
	"negotiations", "quickly", "washington", "helped", "important", "and",
	"officials", "demonstrated", "crucial", "buying", "of", "nation", "started",
}

// go test -run '^$' -bench . -benchmem ./internal/synonym
func BenchmarkClass(b *testing.B) {
	for _, w := range benchWords {
		Class(w) // warm the cache, as a long-running tracer would
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		if _, ok := Class(benchWords[i%len(benchWords)]); ok {
			n++
		}
	}
	_ = n
}

func BenchmarkClassParallel(b *testing.B) {
	for _, w := range benchWords {
		Class(w)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			Class(benchWords[i%len(benchWords)])
			i++
		}
	})
}

func BenchmarkRelated(b *testing.B) {
	for _, w := range benchWords {
		Class(w)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Related(benchWords[i%len(benchWords)], benchWords[(i+7)%len(benchWords)])
	}
}

// BenchmarkClassUncached measures the path of a word met for the first
// time: Snowball stemming and a stem lookup, without the cache.
func BenchmarkClassUncached(b *testing.B) {
	t := get()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = t.stems[english.Stem(benchWords[i%len(benchWords)], false)]
	}
}

func BenchmarkDecode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(tableGz); err != nil {
			b.Fatal(err)
		}
	}
}
