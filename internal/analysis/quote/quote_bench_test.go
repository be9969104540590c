package quote

import (
	"strings"
	"testing"
)

// benchArticle is a 5 KB article built from sentences written for the
// tests, covering every attribution form.
func benchArticle() string {
	paras := []string{
		`Russia: 'Too Early Yet' to Know Whether Ties with US Will Improve`,
		`On Wednesday, Secretary of State Rex Tillerson emerged from a two-hour meeting saying relations had hit a "low point".`,
		`"We will respond," Foreign Minister Sergei Lavrov said on Thursday. "We came to talk. We did not come to fight," he added.`,
		`Dmitry Peskov, a Kremlin spokesman, told reporters: "Nothing was agreed." According to a senior U.S. official, the convoy was hit twice.`,
		`"It is too early," said Kremlin spokesman Dmitry Peskov. Trump said in a note on Twitter. Lavrov called the strike "an act of aggression".`,
		"Lavrov said: \"The first point is simple.\n\n\"The second point is harder, and Russia's position hasn't changed since the '90s.\"",
		`"Russia now has a lot to prove," U.S. Ambassador to the United Nations Nikki Haley said. The markets fell on Monday as traders weighed the risks.`,
	}
	var b strings.Builder
	for b.Len() < 5000 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	return b.String()[:5000]
}

// BenchmarkFind measures Find plus Attributions on a 5 KB article.
//
//	go test -run '^$' -bench . -benchmem ./internal/analysis/quote
func BenchmarkFind(b *testing.B) {
	text := benchArticle()
	b.Run("size=5KB", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Find(text)
		}
	})
	b.Run("size=5KB/attributions", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Attributions(text)
		}
	})
}

func BenchmarkSameSpeaker(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		SameSpeaker("Russian Foreign Minister Sergei Lavrov", "Lavrov")
	}
}
