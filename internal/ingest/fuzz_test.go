package ingest

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzWalk runs Walk over data given on stdin in one format and checks the
// invariants every item must keep.
func fuzzWalk(t *testing.T, format string, data []byte) {
	opts := Options{Format: format, Workers: 2, MaxDocBytes: 1 << 16, Stdin: bytes.NewReader(data)}
	var total int64
	err := Walk(context.Background(), []string{"-"}, opts, func(it Item) error {
		total += it.Bytes
		switch {
		case it.Err != nil:
			if !strings.HasPrefix(it.Err.Error(), "-") {
				t.Errorf("error does not name the input: %v", it.Err)
			}
		case it.Skip != "":
		default:
			d := it.Doc
			if d.Text == "" || !utf8.ValidString(d.Text) || d.Text != Normalize(d.Text) {
				t.Errorf("bad text %q", d.Text)
			}
			if !utf8.ValidString(d.Title) || !utf8.ValidString(d.Byline) {
				t.Errorf("invalid UTF-8 in metadata: %+v", d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	if total != int64(len(data)) {
		t.Errorf("sum of Bytes = %d, input %d", total, len(data))
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte("{\"text\":\"a\",\"title\":\"t\",\"date\":\"2020-01-02\"}\n\n{\"text\":[\"x\",\"y\"]}\n"))
	f.Add([]byte("{\"text\":\"unterminated\n[1]\nnull\n{\"meta\":{\"text\":1}}"))
	f.Add([]byte("\xef\xbb\xbf{\"text\":\"caf\xe9\"}\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzWalk(t, FormatJSONL, data) })
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("title,text\n\"a, b\",\"multi\nline\"\nshort\n"))
	f.Add([]byte("text\n\"unterminated\n"))
	f.Add([]byte("x,y\n1,2\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzWalk(t, FormatCSV, data) })
}

func FuzzMarkdown(f *testing.F) {
	f.Add([]byte("---\ntitle: T\ndate: 2017-04\n---\n# H\n\n**b** [l](u) `c`\n"))
	f.Add([]byte("Title\n=====\n\n> quote\n- item\n```\ncode\n"))
	f.Add([]byte("---\nno end"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzWalk(t, FormatMarkdown, data)
		d := parseMarkdown(string(data))
		if !utf8.ValidString(string(data)) {
			return
		}
		if !utf8.ValidString(d.Text) {
			t.Errorf("stripMarkdown made invalid UTF-8 from valid input")
		}
	})
}

// FuzzWalk feeds arbitrary bytes through format detection (any format,
// gzip included).
func FuzzWalk(f *testing.F) {
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"))
	f.Add([]byte("<rss><channel><item><description>x</description></item></channel></rss>"))
	f.Add([]byte("<html><body><p>page</p></body></html>"))
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"))
	f.Add([]byte("plain text"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzWalk(t, FormatAuto, data) })
}
