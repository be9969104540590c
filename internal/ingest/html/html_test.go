package html

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// boilerplate is text around the articles in testdata that must not be
// extracted: navigation, ads, cookie banners, comments, related stories,
// share tools and footers.
var boilerplate = []string{
	"Subscribe today", "Advertisement", "cookies", "Related stories", "Town braces",
	"floodwatcher77", "predicted years ago", "Most read", "Copyright", "Share this article",
	"Log in", "ski holiday", "Read also", "Parking charges", "reactions", "Three hundred euros is a scandal",
	"Legal notice", "I agree",
}

func TestExtract(t *testing.T) {
	tests := []struct {
		page, golden, pageURL string
		want                  Article // Text checked against golden
	}{
		{
			page: "article.html", golden: "article.txt", pageURL: "https://www.riversidecourier.example/x?utm=1",
			want: Article{
				Title: "Flood defences fail as river bursts banks", Byline: "Priya Natarajan",
				URL:  "https://www.riversidecourier.example/news/2024/02/flood-defences-fail",
				Site: "The Riverside Courier", Lang: "en-GB",
				Published: time.Date(2024, 2, 11, 7, 30, 0, 0, time.UTC),
			},
		},
		{
			page: "latin1-declared.html", golden: "latin1.txt", pageURL: "http://journal.example/terraces",
			want: Article{
				Title: "Café terraces: parliament approves new rules", Byline: "Julien Lefèvre",
				URL: "http://journal.example/terraces", Site: "Le Petit Journal Régional", Lang: "en",
				Published: time.Date(2023, 11, 16, 0, 0, 0, 0, time.UTC),
			},
		},
		{
			page: "cp1252-undeclared.html", golden: "latin1.txt",
			want: Article{
				Title: "Café terraces: parliament approves new rules", Byline: "Julien Lefèvre",
				Site: "Le Petit Journal Régional", Lang: "en",
				Published: time.Date(2023, 11, 16, 0, 0, 0, 0, time.UTC),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			got, err := Extract(readTestdata(t, tt.page), "", tt.pageURL)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			for _, para := range strings.Split(strings.TrimSpace(string(readTestdata(t, tt.golden))), "\n") {
				if !strings.Contains(got.Text, para) {
					t.Errorf("article paragraph missing: %q", para)
				}
			}
			for _, b := range boilerplate {
				if strings.Contains(got.Text, b) {
					t.Errorf("boilerplate %q extracted", b)
				}
			}
			got.Text = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExtractNoText(t *testing.T) {
	for _, page := range []string{
		string(readTestdata(t, "nobody.html")),
		"",
		"<html><head><title>T</title></head><body>   </body></html>",
	} {
		if _, err := Extract([]byte(page), "", ""); !errors.Is(err, ErrNoText) {
			t.Errorf("Extract(%.40q) error = %v, want ErrNoText", page, err)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, page, contentType, want string
	}{
		{"utf8 undeclared", "<p>café</p>", "", "<p>café</p>"},
		{"latin1 header", "<p>caf\xe9</p>", "text/html; charset=ISO-8859-1", "<p>café</p>"},
		{"cp1252 meta", "<meta charset=windows-1252><p>\x93q\x94</p>", "", "<meta charset=windows-1252><p>“q”</p>"},
		{"cp1252 undeclared", "<p>caf\xe9 \x96 x</p>", "", "<p>café – x</p>"},
		{"utf8 mislabelled latin1", "<meta charset=iso-8859-1><p>café</p>", "", "<meta charset=iso-8859-1><p>café</p>"},
		{"declared utf8 but cp1252", "<meta charset=utf-8><p>caf\xe9</p>", "", "<meta charset=utf-8><p>café</p>"},
	}
	for _, tt := range tests {
		if got := string(Decode([]byte(tt.page), tt.contentType)); got != tt.want {
			t.Errorf("%s: Decode = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	for _, name := range []string{"article.html", "nobody.html", "cp1252-undeclared.html"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte("<html><body><p>short</p><p>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := Extract(page, "", "http://fuzz.example/")
		if err != nil {
			return
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Errorf("no error but empty text")
		}
	})
}
