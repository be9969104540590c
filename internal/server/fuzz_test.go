package server

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeDocs: any body gives documents or an error, never a panic;
// every accepted document has text, valid UTF-8, and its content id.
func FuzzDecodeDocs(f *testing.F) {
	for _, seed := range []string{
		`{"text": "one", "title": "t", "url": "https://www.a.example/x", "published": "2026-01-02"}`,
		`[{"text": "a"}, {"text": "b", "published": "2026-01-02T03:04:05Z"}]`,
		"{\"text\":\"a\"}\n{\"text\":\"b\"}\n",
		`{"text": 1}`, `[`, ``, `null`, `[null]`, `{"text": "\u0000\r\n"}`, `{"published": "soon", "text": "x"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		inputs, err := decodeDocs(body)
		if err != nil {
			return
		}
		for _, in := range inputs {
			d, err := in.doc()
			if err != nil {
				continue
			}
			if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) || d.ID == "" {
				t.Fatalf("accepted document %+v", d)
			}
		}
	})
}

// FuzzParseDate: parseDate never panics and gives UTC or an error.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"", "2026-01-02", "2026-01-02T03:04:05+02:00", "yesterday", "2026-13-40"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDate(s)
		if err == nil && !d.IsZero() && d.Location().String() != "UTC" {
			t.Fatalf("parseDate(%q) = %v, not UTC", s, d)
		}
	})
}
