package sample

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spintrace/spintrace"
)

// ErrMalformed is wrapped by every Parse error.
var ErrMalformed = errors.New("sample: malformed article")

// fields lists the front matter keys Parse accepts; all but byline are
// required.
var fields = map[string]bool{"title": true, "site": true, "url": true, "date": true, "byline": false}

// Parse reads one article: a front matter block between two "---" lines of
// "key: value" pairs (keys title, site, url, date, byline; each at most once;
// date as YYYY-MM-DD or RFC 3339), then a non-empty Markdown body of plain
// paragraphs. The returned Doc has Text set to the body with paragraphs
// separated by one blank line and line breaks inside a paragraph kept, ID set
// to spintrace.DocID(Text) and Lang "en"; Origin is left for the caller.
// Errors wrap ErrMalformed and name the line.
func Parse(data []byte) (spintrace.Doc, error) {
	var d spintrace.Doc
	if !utf8.Valid(data) {
		return d, fmt.Errorf("%w: not valid UTF-8", ErrMalformed)
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(s, "\n")
	if len(lines) == 0 || lines[0] != "---" {
		return d, fmt.Errorf("%w: line 1: want \"---\" opening the front matter", ErrMalformed)
	}
	seen := map[string]string{}
	end := -1
	for i := 1; i < len(lines); i++ {
		ln := lines[i]
		if ln == "" && i == len(lines)-1 {
			break // the text ended inside the front matter
		}
		if ln == "---" {
			end = i
			break
		}
		key, val, ok := strings.Cut(ln, ":")
		if !ok {
			return d, fmt.Errorf("%w: line %d: want \"key: value\", got %q", ErrMalformed, i+1, ln)
		}
		key = strings.TrimSpace(key)
		val = strings.TrimSpace(val)
		if _, known := fields[key]; !known {
			return d, fmt.Errorf("%w: line %d: unknown key %q", ErrMalformed, i+1, key)
		}
		if _, dup := seen[key]; dup {
			return d, fmt.Errorf("%w: line %d: duplicate key %q", ErrMalformed, i+1, key)
		}
		if val == "" {
			return d, fmt.Errorf("%w: line %d: empty value for %q", ErrMalformed, i+1, key)
		}
		seen[key] = val
	}
	if end < 0 {
		return d, fmt.Errorf("%w: front matter is not closed by \"---\"", ErrMalformed)
	}
	for k, required := range fields {
		if _, ok := seen[k]; required && !ok {
			return d, fmt.Errorf("%w: front matter lacks %q", ErrMalformed, k)
		}
	}
	t, err := parseDate(seen["date"])
	if err != nil {
		return d, fmt.Errorf("%w: date %q: %v", ErrMalformed, seen["date"], err)
	}
	body := normalizeBody(lines[end+1:])
	if body == "" {
		return d, fmt.Errorf("%w: empty body", ErrMalformed)
	}
	d = spintrace.Doc{
		ID:        spintrace.DocID(body),
		URL:       seen["url"],
		Site:      seen["site"],
		Title:     seen["title"],
		Byline:    seen["byline"],
		Published: t,
		Lang:      "en",
		Text:      body,
	}
	return d, nil
}

func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, errors.New("want YYYY-MM-DD or RFC 3339")
	}
	return t.UTC(), nil
}

// normalizeBody trims trailing spaces from lines, drops leading and trailing
// blank lines and collapses runs of blank lines into one.
func normalizeBody(lines []string) string {
	var b bytes.Buffer
	blank := false
	for _, ln := range lines {
		ln = strings.TrimRight(ln, " \t")
		if ln == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(ln)
	}
	return b.String()
}
