package quote

import (
	"unicode"
	"unicode/utf8"
)

// span is a raw quotation found by mark pairing, before attribution.
type span struct {
	start, end           int // including marks
	innerStart, innerEnd int
}

// maxSingle bounds a single-quoted quotation: single quotes are only paired
// within one line and within this many bytes, so a stray apostrophe cannot
// swallow a paragraph.
const maxSingle = 300

func isOpenDouble(r rune) bool  { return r == '"' || r == '“' || r == '„' }
func isCloseDouble(r rune) bool { return r == '"' || r == '”' }
func isDouble(r rune) bool      { return r == '"' || r == '“' || r == '”' || r == '„' }

// runeBefore returns the rune that ends just before byte i, or 0.
func runeBefore(text string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

// runeAt returns the rune starting at byte i, or 0 past the end.
func runeAt(text string, i int) rune {
	if i >= len(text) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

// blankLineParagraphs reports whether paragraphs are separated by blank
// lines (then a single newline is a wrapped line, not a break).
func blankLineParagraphs(text string) bool {
	nl := -1
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			if nl >= 0 {
				return true
			}
			nl = i
		case ' ', '\t', '\r':
		default:
			nl = -1
		}
	}
	return false
}

// paraBreak reports whether a paragraph break starts at byte i (a newline)
// and returns the offset of the first non-space byte after it.
func paraBreak(text string, i int, blank bool) (bool, int) {
	if text[i] != '\n' {
		return false, i
	}
	j, lines := i, 0
	for j < len(text) {
		c := text[j]
		if c == '\n' {
			lines++
		} else if c != ' ' && c != '\t' && c != '\r' {
			break
		}
		j++
	}
	if blank && lines < 2 && j < len(text) {
		return false, j
	}
	return true, j
}

// trimRight returns the offset before trailing white space ending at i.
func trimRight(text string, lo, i int) int {
	for i > lo && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\r' || text[i-1] == '\n') {
		i--
	}
	return i
}

// doubleSpans pairs double quote marks. A quotation left open at a paragraph
// break continues when the next paragraph opens with a quote mark (the
// newspaper convention for multi-paragraph quotes); otherwise it ends,
// unclosed, at the end of its paragraph.
func doubleSpans(text string) []span {
	blank := blankLineParagraphs(text)
	var out []span
	open, openLen := -1, 0
	emit := func(end, innerEnd int) {
		if innerEnd > open+openLen {
			out = append(out, span{open, end, open + openLen, innerEnd})
		}
		open = -1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' && open >= 0 {
			if brk, j := paraBreak(text, i, blank); brk {
				if j < len(text) && isOpenDouble(runeAt(text, j)) {
					_, s := utf8.DecodeRuneInString(text[j:])
					i = j + s
					continue
				}
				e := trimRight(text, open, i)
				emit(e, e)
				i = j
				continue
			}
		}
		if !isDouble(r) {
			i += size
			continue
		}
		prev, next := runeBefore(text, i), runeAt(text, i+size)
		if open < 0 {
			// A straight or closing mark after a word and before a space is a
			// stray closer; skip it rather than open a bogus quotation.
			closerLike := (r == '"' || r == '”') && prev != 0 && !unicode.IsSpace(prev) &&
				!isOpenPunct(prev) && (next == 0 || unicode.IsSpace(next) || unicode.IsPunct(next))
			if !closerLike {
				open, openLen = i, size
			}
		} else if r == '“' || r == '„' {
			open, openLen = i, size // restart: the earlier mark was stray
		} else {
			emit(i+size, i)
		}
		i += size
	}
	if open >= 0 {
		e := trimRight(text, open, len(text))
		emit(e, e)
	}
	return out
}

func isOpenPunct(r rune) bool {
	return r == '(' || r == '[' || r == '{' || r == '—' || r == '–' || r == '-' || r == '/' || r == ':'
}

// singleSpans pairs single quote marks in text[lo:hi] (a stretch outside
// double quotations). An opener follows a space or line start and precedes
// a letter; a closer follows a letter or punctuation and precedes a space,
// punctuation or the end. Apostrophes inside words (don't, Russia's), before
// digits ('90s) and plural possessives before a lower-case word (players'
// union) are not marks.
func singleSpans(text string, lo, hi int, out []span) []span {
	open := -1
	for i := lo; i < hi; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			open = -1
		}
		if r != '\'' && r != '‘' && r != '’' {
			i += size
			continue
		}
		prev, next := runeBefore(text, i), runeAt(text, i+size)
		if i+size >= hi {
			next = 0
		}
		if open >= 0 && i-open > maxSingle {
			open = -1
		}
		switch {
		case r != '’' && (i == lo || prev == 0 || unicode.IsSpace(prev) || isOpenPunct(prev) || isDouble(prev)) && unicode.IsLetter(next):
			open = i
		case open >= 0 && r != '‘' && (unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '.' || prev == '!' || prev == '?' || prev == ',') &&
			!unicode.IsLetter(next) && !unicode.IsDigit(next) && !pluralPossessive(text, i+size, prev):
			inner := text[open+1 : i]
			if r0 := runeAt(text, open); r0 == '‘' {
				inner = text[open+len("‘") : i]
			}
			if letters(inner) >= 2 {
				is := open + utf8.RuneLen(runeAt(text, open))
				out = append(out, span{open, i + size, is, i})
			}
			open = -1
		}
		i += size
	}
	return out
}

// pluralPossessive: "s' " followed by a lower-case word reads as a
// possessive ("the players' union"), not a closing mark.
func pluralPossessive(text string, after int, prev rune) bool {
	if prev != 's' {
		return false
	}
	if runeAt(text, after) != ' ' {
		return false
	}
	return unicode.IsLower(runeAt(text, after+1))
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// spans returns every quotation in text, ordered by start. Single-quoted
// quotations are looked for only outside double quotations.
func spans(text string) []span {
	dbl := doubleSpans(text)
	var out []span
	lo := 0
	for _, d := range dbl {
		out = singleSpans(text, lo, d.start, out)
		out = append(out, d)
		lo = d.end
	}
	return singleSpans(text, lo, len(text), out)
}
