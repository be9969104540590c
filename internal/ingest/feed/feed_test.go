package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func open(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestParse(t *testing.T) {
	tests := []struct {
		file      string
		wantFeed  Feed
		wantItems []Item
	}{
		{
			file:     "news.rss",
			wantFeed: Feed{Title: "Valley Times", Link: "https://valleytimes.example/", Lang: "en-us"},
			wantItems: []Item{
				{
					Title: "Bridge reopens after & repairs", URL: "https://valleytimes.example/bridge", Byline: "Sam Okafor",
					Published: time.Date(2024, 3, 5, 9, 15, 0, 0, time.UTC),
					Text:      "The old bridge reopened on Tuesday after six months of repairs.\nTraffic is expected to ease & buses return next week.",
				},
				{
					Title: "Market day moves", URL: "https://valleytimes.example/market",
					Published: time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC),
					Text:      "The weekly market will move to the square from April.",
				},
				{Title: "Photo gallery", URL: "https://valleytimes.example/photos"},
			},
		},
		{
			file:     "news.atom",
			wantFeed: Feed{Title: "Le Quotidien", Link: "https://quotidien.example/", Lang: "fr"},
			wantItems: []Item{
				{
					Title: "Grève des trains", URL: "https://quotidien.example/greve", Byline: "Claire Dubois",
					Published: time.Date(2024, 3, 7, 7, 0, 0, 0, time.UTC),
					Text:      "Les trains régionaux ne circuleront pas jeudi.\nLes syndicats demandent une hausse des salaires.",
				},
				{
					Title: "Météo", URL: "https://quotidien.example/meteo",
					Published: time.Date(2024, 3, 7, 10, 0, 0, 0, time.UTC),
					Text:      "Pluie attendue tout le week-end.",
				},
			},
		},
		{file: "empty.rss", wantFeed: Feed{Title: "Nothing yet", Link: "https://empty.example/"}, wantItems: []Item{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, items, err := Parse(open(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantFeed, f); diff != "" {
				t.Errorf("feed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantItems, items, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseCharsets(t *testing.T) {
	const item = "<rss version=\"2.0\"><channel><title>T</title><item><description>Caf\xe9 \x93x\x94</description></item></channel></rss>"
	for _, decl := range []string{
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
		"<?xml version=\"1.0\" encoding=\"windows-1252\"?>",
		"<?xml version=\"1.0\"?>",
		"",
	} {
		_, items, err := Parse(strings.NewReader(decl + item))
		if err != nil || len(items) != 1 || items[0].Text != "Café “x”" {
			t.Errorf("declaration %q: items %+v, err %v; want text %q", decl, items, err, "Café “x”")
		}
	}
}

func TestParseNotAFeed(t *testing.T) {
	for _, in := range []string{"", "hello", "<html><body>x</body></html>", "<rss><channel><item><title>x"} {
		if _, _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("Parse(%q): no error", in)
		}
	}
}

func TestStrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text", "plain text"},
		{"a &amp; b", "a & b"},
		{"<p>one</p><p>two <i>x</i></p>", "one\ntwo x"},
		{"<style>p{}</style>kept<script>no()</script>", "kept"},
		{"<p>unclosed", "unclosed"},
	}
	for _, tt := range tests {
		if got := Strip(tt.in); got != tt.want {
			t.Errorf("Strip(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFeed(f *testing.F) {
	for _, name := range []string{"news.rss", "news.atom", "empty.rss"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"content_html":"<p>x</p>"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, items, err := Parse(strings.NewReader(string(data)))
		if err != nil && len(items) > 0 {
			t.Fatalf("items with an error")
		}
	})
}
