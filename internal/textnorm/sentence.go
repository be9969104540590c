package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleAbbrevs are words that, followed by a period, do not end a sentence.
var titleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true,
	"sen": true, "rep": true, "gov": true, "st": true, "lt": true, "col": true,
	"capt": true, "sgt": true, "jr": true, "sr": true, "no": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true,
	"sep": true, "oct": true, "nov": true, "dec": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "mt": true, "ft": true, "rev": true, "hon": true,
	"approx": true, "est": true, "dept": true, "univ": true,
}

// breakBetween decides whether a sentence ends in the gap between raw tokens
// a and b (gap = src[a.end:b.start]).
func breakBetween(src string, a, b rawToken) bool {
	gap := src[a.end:b.start]
	if gap == " " {
		return false // by far the most common gap
	}
	if strings.Contains(gap, "\n\n") || strings.Contains(gap, "\n\r\n") {
		return true
	}
	term := strings.IndexAny(gap, ".!?")
	if term < 0 {
		// a line break followed by a capital after a heading-like line
		return strings.Contains(gap, "\n") && endsLine(src, a)
	}
	after := gap[term+1:]
	next, _ := utf8.DecodeRuneInString(src[b.start:])
	if after == "" {
		// "two.assertive": glued sentences (a join artifact), not "3.5"
		return a.kind == 'w' && b.kind == 'w' && gap == "." &&
			a.end-a.start >= 2 && b.end-b.start >= 2 && gapIsJoin(src, a, b)
	}
	if gap[term] == '.' && titleAbbrevs[strings.ToLower(src[a.start:a.end])] && strings.TrimSpace(after) == "" {
		return false
	}
	if strings.ContainsAny(after, "\n") {
		return true
	}
	if !strings.ContainsFunc(after, unicode.IsSpace) {
		return false
	}
	// ". the" is rarely a sentence end; ". The", ". 2017", `. "We` are.
	return !unicode.IsLower(next)
}

// gapIsJoin reports whether "a.b" looks like two sentences glued together
// rather than a domain name or a decimal: the left word is lower-case
// letters and the right word starts a new word.
func gapIsJoin(src string, a, b rawToken) bool {
	left := src[a.start:a.end]
	right := src[b.start:b.end]
	if strings.ContainsAny(right, "0123456789") || strings.ContainsAny(left, "0123456789") {
		return false
	}
	switch strings.ToLower(right) {
	case "com", "org", "net", "gov", "edu", "co", "uk", "io", "html", "php":
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(left)
	return unicode.IsLetter(r)
}

// endsLine reports whether a line ends right after token a with no
// punctuation, as headlines and list items do.
func endsLine(src string, a rawToken) bool {
	rest := src[a.end:]
	nl := strings.IndexByte(rest, '\n')
	return nl >= 0 && strings.TrimSpace(rest[:nl]) == ""
}

// quoteState tracks whether tokens sit inside quotation marks. Straight
// double quotes toggle; curly quotes open and close; a paragraph break
// closes an unterminated quote only when the next paragraph does not reopen
// it (multi-paragraph quotes reopen with a quote mark).
type quoteState struct{ open bool }

func (q *quoteState) gap(gap string) {
	if gap == " " || gap == "" {
		return
	}
	if k := strings.LastIndex(gap, "\n\n"); k >= 0 {
		q.marks(gap[:k])
		q.open = false // a paragraph ends any quote; a continued quote reopens
		gap = gap[k:]
	}
	q.marks(gap)
}

func (q *quoteState) marks(s string) {
	for _, r := range s {
		switch r {
		case '"':
			q.open = !q.open
		case '\u201c', '\u00ab', '\u201e':
			q.open = true
		case '\u201d', '\u00bb':
			q.open = false
		}
	}
}
