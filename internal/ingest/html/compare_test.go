package html

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	xhtml "golang.org/x/net/html"
)

// TestCompareExtractors measures go-trafilatura (what Extract uses) against
// go-readability on the pages in testdata: the share of the article's
// paragraphs found (recall), the share of output words that are not article
// text (noise), and the time per page. It documents why Extract uses
// trafilatura; run it with
//
//	INGEST_COMPARE=1 go test -run TestCompareExtractors -v ./internal/ingest/html/
func TestCompareExtractors(t *testing.T) {
	if os.Getenv("INGEST_COMPARE") == "" {
		t.Skip("set INGEST_COMPARE=1 to compare the extractors")
	}
	pages := map[string]string{
		"article.html":           "article.txt",
		"latin1-declared.html":   "latin1.txt",
		"cp1252-undeclared.html": "latin1.txt",
	}
	extractors := map[string]func(page []byte) string{
		"trafilatura": func(page []byte) string {
			a, _ := Extract(page, "", "https://example.org/story")
			return a.Text
		},
		"readability": func(page []byte) string {
			doc, err := xhtml.Parse(bytes.NewReader(Decode(page, "")))
			if err != nil {
				return ""
			}
			u, _ := url.Parse("https://example.org/story")
			p := readability.NewParser()
			art, err := p.ParseDocument(doc, u)
			if err != nil || art.Node == nil {
				return ""
			}
			var b strings.Builder
			_ = art.RenderText(&b)
			return b.String()
		},
	}
	for name, extract := range extractors {
		for page, golden := range pages {
			raw, err := os.ReadFile(filepath.Join("testdata", page))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", golden))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			const rounds = 20
			var got string
			for i := 0; i < rounds; i++ {
				got = extract(raw)
			}
			perPage := time.Since(start) / rounds
			recall, noise := score(string(want), got)
			t.Logf("%-12s %-24s recall %.2f noise %.2f  %v/page", name, page, recall, noise, perPage)
		}
	}
}

// score returns the share of want's lines found in got, and the share of
// got's words that are not in want.
func score(want, got string) (recall, noise float64) {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	gotN := norm(got)
	lines := strings.Split(strings.TrimSpace(want), "\n")
	found := 0
	for _, l := range lines {
		if strings.Contains(gotN, norm(l)) {
			found++
		}
	}
	wantWords := map[string]bool{}
	for _, w := range strings.Fields(want) {
		wantWords[w] = true
	}
	words := strings.Fields(got)
	extra := 0
	for _, w := range words {
		if !wantWords[w] {
			extra++
		}
	}
	if len(words) > 0 {
		noise = float64(extra) / float64(len(words))
	}
	return float64(found) / float64(len(lines)), noise
}
