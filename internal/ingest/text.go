package ingest

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/spintrace/spintrace"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// decodeText returns b as a UTF-8 string: a UTF-8 byte order mark is
// dropped, and bytes that are not valid UTF-8 are read as windows-1252 (the
// usual encoding of legacy Western text, a superset of ISO-8859-1's
// printable range), which decodes every byte.
func decodeText(b []byte) string {
	if len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		b = b[3:]
	}
	if utf8.Valid(b) {
		return string(b)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil { // cannot happen for a single-byte table; keep going
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}

// Normalize returns text as documents store it: valid UTF-8 in NFC, "\r\n"
// and "\r" turned into "\n", NUL bytes dropped, leading and trailing space
// trimmed.
func Normalize(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	if strings.ContainsRune(text, '\r') {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if strings.IndexByte(text, 0) >= 0 {
		text = strings.ReplaceAll(text, "\x00", "")
	}
	return strings.TrimSpace(norm.NFC.String(text))
}

// docItem finishes d (normalized text, metadata trimmed, ID, Site from the
// URL host) and wraps it in an Item, or returns an "empty text" skip.
func docItem(d spintrace.Doc) Item {
	d.Text = Normalize(d.Text)
	if d.Text == "" {
		return Item{Skip: "empty text"}
	}
	d.ID = spintrace.DocID(d.Text)
	d.Title = oneLine(d.Title)
	d.Byline = oneLine(d.Byline)
	d.URL = strings.TrimSpace(d.URL)
	d.Site = strings.TrimSpace(d.Site)
	d.Lang = strings.TrimSpace(d.Lang)
	if d.Site == "" {
		d.Site = SiteOf(d.URL)
	}
	if d.Origin == "" {
		d.Origin = d.URL
	}
	return Item{Doc: d}
}

// oneLine normalizes a metadata value: valid NFC UTF-8, whitespace runs
// collapsed to one space.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// SiteOf returns the lower-case host of a URL without a "www." prefix or a
// port, or "" when rawURL has no host.
func SiteOf(rawURL string) string {
	if rawURL == "" {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	return strings.TrimPrefix(h, "www.")
}

// readAllLimit reads r to the end, or reports tooBig (having read only a
// little past limit) when it holds more than limit bytes.
func readAllLimit(r io.Reader, limit int64) (b []byte, tooBig bool, err error) {
	b, err = io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, false, readErr(err)
	}
	if int64(len(b)) > limit {
		return nil, true, nil
	}
	return b, false, nil
}

// tooBigSkip is the skip reason for a document over the size limit.
func tooBigSkip(limit int64) string {
	return fmt.Sprintf("document larger than %s", humanBytes(limit))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// whole reads the file whole, up to MaxDocBytes (a larger one is skipped
// with a reason), and runs extract on it on a worker.
func (s *source) whole(extract func(name string, b []byte) []Item) error {
	b, tooBig, err := readAllLimit(s.r, s.opts.MaxDocBytes)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	if tooBig {
		return s.e.emit(Item{Skip: tooBigSkip(s.opts.MaxDocBytes)})
	}
	name := s.name
	return s.e.do(func() []Item { return extract(name, b) })
}

// readText reads a plain text or Markdown file as one document.
func (s *source) readText(markdown bool) error {
	return s.whole(func(name string, b []byte) []Item {
		text := decodeText(b)
		d := spintrace.Doc{Origin: name}
		if markdown {
			d = parseMarkdown(text)
			d.Origin = name
		} else {
			d.Title, d.Text = splitHeadline(text)
		}
		return []Item{docItem(d)}
	})
}

// splitHeadline takes a headline off the top of a plain text article: a
// first line of at most 200 characters that does not end like a sentence,
// followed by a blank line and more text (the layout of most text dumps of
// news). Otherwise the title stays empty and the text whole.
func splitHeadline(text string) (title, body string) {
	t := strings.TrimLeft(strings.ReplaceAll(text, "\r\n", "\n"), " \t\n")
	first, rest, ok := strings.Cut(t, "\n")
	if !ok || !strings.HasPrefix(strings.TrimLeft(rest, " \t"), "\n") {
		return "", text
	}
	first = strings.TrimSpace(first)
	if first == "" || utf8.RuneCountInString(first) > 200 || strings.TrimSpace(rest) == "" {
		return "", text
	}
	end := strings.TrimRight(first, "\"”’') ")
	if strings.HasSuffix(end, ".") && !strings.HasSuffix(end, "..") || strings.Contains(first, ". ") {
		return "", text // a sentence, not a headline
	}
	return first, rest
}
