package fingerprint

import (
	"slices"
	"strings"
	"testing"

	"github.com/spintrace/spintrace/internal/textnorm"
)

func TestWinnowGuarantee(t *testing.T) {
	// every window of w consecutive hashes contributes its minimum
	h := []uint64{77, 74, 42, 17, 98, 50, 17, 98, 8, 88, 67, 39, 77, 74, 42, 17, 98}
	got := Winnow(h, 4)
	for i := 0; i+4 <= len(h); i++ {
		if !slices.Contains(got, slices.Min(h[i:i+4])) {
			t.Errorf("window %d min %d not selected: %v", i, slices.Min(h[i:i+4]), got)
		}
	}
	if len(got) >= len(h) {
		t.Errorf("winnowing kept %d of %d", len(got), len(h))
	}
}

func TestSharedRunFindsFingerprint(t *testing.T) {
	n := textnorm.New(textnorm.Default())
	shared := "harbor authority announced dock workers would return cargo terminals after strike"
	a := n.Normalize("Completely different opening words here. " + shared + " and then another ending entirely.")
	b := n.Normalize("Some other text about weather and sport. " + shared + ", officials added later.")
	stored := Document(b, Default)
	hit := false
	for _, h := range Query(a, Default) {
		if _, ok := slices.BinarySearch(stored, h); ok {
			hit = true
		}
	}
	if !hit {
		t.Error("a shared run of content words gave no shared fingerprint")
	}
	// spinning by synonyms and aliases keeps k-grams intact
	c := n.Normalize(strings.NewReplacer("announced", "declared", "big", "large").Replace(shared))
	if len(Query(c, Default)) == 0 {
		t.Error("no k-grams")
	}
}

func BenchmarkDocument(b *testing.B) {
	n := textnorm.New(textnorm.Default())
	t := n.Normalize(strings.Repeat("The harbor authority announced on Monday that dock workers would return to the cargo terminals after a strike. ", 40))
	b.ReportAllocs()
	b.SetBytes(int64(len(t.Src)))
	for i := 0; i < b.N; i++ {
		Document(t, Default)
	}
}
