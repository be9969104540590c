package pan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// realCorpus opens ../shared/data/<name> (relative to the repository root)
// or skips the test when it is absent.
func realCorpus(t testing.TB, name string) *Corpus {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", name)
	if _, err := os.Stat(filepath.Join(dir, "pairs")); err != nil {
		t.Skipf("PAN corpus %s not available (%v); it lives in ../shared/data beside the repository", name, err)
	}
	c, err := OpenCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRealCorpus proves the reader and the measures on the real PAN 2013
// corpora: counts match SOURCE.md, offsets are characters, the truth scored
// as detections is perfect and detecting nothing finds nothing.
func TestRealCorpus(t *testing.T) {
	for _, tc := range []struct {
		name      string
		caseCount map[string]int
	}{
		{"pan13-ta-train", map[string]int{
			"01-no-plagiarism": 0, "02-no-obfuscation": 1252, "03-random-obfuscation": 1267,
			"04-translation-obfuscation": 1250, "05-summary-obfuscation": 238,
		}},
		{"pan13-ta-test2", map[string]int{
			"01-no-plagiarism": 0, "02-no-obfuscation": 1206, "03-random-obfuscation": 1292,
			"04-translation-obfuscation": 1308, "05-summary-obfuscation": 236,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := realCorpus(t, tc.name)
			if len(c.Entries) != 5185 {
				t.Errorf("%d pairs, want 5185", len(c.Entries))
			}
			got := make(map[string]int)
			for _, f := range c.Folders {
				got[f] = 0
			}
			for _, e := range c.Entries {
				got[e.Folder] += len(e.Truth)
			}
			if diff := cmp.Diff(tc.caseCount, got); diff != "" {
				t.Errorf("cases per folder (-SOURCE.md +read):\n%s", diff)
			}
			checkOffsets(t, c)

			truth := oracle(t, c, Entry.Cases)
			r, err := Run(context.Background(), c, truth, RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range append(r.Folders, r.Overall) {
				if s.Precision != 1 || s.Recall != 1 || s.Granularity != 1 || s.Plagdet != 1 {
					t.Errorf("truth as detections, %s: %+v, want all 1", s.Folder, s)
				}
			}
			var b strings.Builder
			r.WriteTable(&b)
			t.Logf("truth as detections:\n%s", b.String())

			r, err = Run(context.Background(), c, func(src, susp string) []Case { return nil }, RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Overall.Recall != 0 || r.Overall.Plagdet != 0 {
				t.Errorf("no detections: overall %+v, want recall 0, plagdet 0", r.Overall)
			}
		})
	}
}

// checkOffsets checks every truth span lies within its documents counted in
// characters, and that verbatim (no-obfuscation) cases read the same text on
// both sides up to whitespace. Byte offsets would fail this on the documents
// with non-ASCII text before the passage, so it also counts those.
func checkOffsets(t *testing.T, c *Corpus) {
	t.Helper()
	verbatim, shifted := 0, 0
	for _, e := range c.Entries {
		if len(e.Truth) == 0 {
			continue
		}
		susp, err := c.SuspText(e.Susp)
		if err != nil {
			t.Fatal(err)
		}
		src, err := c.SrcText(e.Src)
		if err != nil {
			t.Fatal(err)
		}
		sr, rr := []rune(susp), []rune(src)
		for _, k := range e.Cases() {
			if k.SuspOffset+k.SuspLength > len(sr) || k.SrcOffset+k.SrcLength > len(rr) {
				t.Errorf("%s/%s: case %+v out of range (%d, %d characters)", e.Folder, e.XMLName(), k, len(sr), len(rr))
				continue
			}
			if !strings.HasPrefix(e.Folder, "02-") {
				continue
			}
			a := strings.Join(strings.Fields(string(sr[k.SuspOffset:k.SuspOffset+k.SuspLength])), " ")
			b := strings.Join(strings.Fields(string(rr[k.SrcOffset:k.SrcOffset+k.SrcLength])), " ")
			if a != b {
				t.Errorf("%s/%s: verbatim case %+v differs:\n%q\n%q", e.Folder, e.XMLName(), k, a, b)
			}
			verbatim++
			if utf8.RuneCountInString(susp[:min(k.SuspOffset, len(susp))]) != k.SuspOffset {
				shifted++
			}
		}
	}
	t.Logf("%d verbatim cases match by character offsets; in %d of them byte and character offsets differ", verbatim, shifted)
	if verbatim == 0 {
		t.Error("no verbatim case checked")
	}
}
