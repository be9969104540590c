package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealcaseSeed runs on the content-farm article of SPEC.md section 2,
// read in place from ../shared (relative to the repository root).
func TestRealcaseSeed(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "shared", "data", "realcase-2017-04", "query", "seed.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("canonical example not available (%v); it lives in ../shared beside the repository", err)
	}
	text := string(b)
	qs := Find(text)
	checkQuotes(t, text, qs)
	want := map[string]string{ // start of the quoted words -> speaker
		"Too Early Yet":                    "Russia",
		"low point":                        "Rex Tillerson",
		"fairly constructive":              "Dmitry Peskov",
		"It should be remembered":          "Lavrov",
		"grave consequences":               "Lavrov",
		"Russian Federation now has a lot": "Nikki Haley",
	}
	for prefix, speaker := range want {
		found := false
		for _, q := range qs {
			if strings.HasPrefix(text[q.InnerStart:q.InnerEnd], prefix) {
				found = true
				if q.Speaker != speaker {
					t.Errorf("quote %q: speaker %q, want %q", prefix, q.Speaker, speaker)
				}
			}
		}
		if !found {
			t.Errorf("quote %q not found", prefix)
		}
	}
	var dangling []string
	for _, a := range Attributions(text) {
		if a.Dangling {
			dangling = append(dangling, text[a.Start:a.End])
		}
	}
	if len(dangling) != 1 || dangling[0] != "Trump said in a note on Twitter" {
		t.Errorf("dangling attributions %q, want only \"Trump said in a note on Twitter\"", dangling)
	}
}
