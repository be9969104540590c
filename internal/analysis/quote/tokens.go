package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tokWord  tokKind = iota
	tokPunct         // one punctuation rune
	tokQuote         // a whole quotation, standing in for its words
)

// token is a word, a punctuation mark or a quotation, with byte offsets.
type token struct {
	start, end int
	kind       tokKind
	quote      int    // index into the spans for tokQuote
	low        string // lower-cased text for words, the rune for punctuation
	b          string // low without a possessive ending (Russia's -> russia)
	text       string
	capital    bool // starts with an upper-case letter, or a hyphenated part does
}

// cap reports whether a word token starts with an upper-case letter (or a
// hyphenated part does: al-Assad).
func (t token) cap() bool { return t.capital }

func capitalized(text string) bool {
	start := true
	for _, r := range text {
		if start && unicode.IsUpper(r) {
			return true
		}
		start = r == '-'
	}
	return false
}

func (t token) isPunct(s string) bool { return t.kind == tokPunct && t.low == s }

// abbrevs are words whose following period belongs to the word.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "lt": true, "col": true, "sgt": true, "st": true, "jr": true, "sr": true,
	"prof": true, "capt": true, "maj": true, "adm": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "vs": true, "no": true, "jan": true, "feb": true, "aug": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "mt": true, "ft": true, "rev": true,
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// tokenize splits text into tokens; each quotation in sp becomes one token.
func tokenize(text string, sp []span) []token {
	toks := make([]token, 0, len(text)/5)
	q := 0
	for i := 0; i < len(text); {
		if q < len(sp) && i >= sp[q].start {
			toks = append(toks, token{start: sp[q].start, end: sp[q].end, kind: tokQuote, quote: q})
			if sp[q].end > i {
				i = sp[q].end
			}
			q++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		limit := len(text)
		if q < len(sp) {
			limit = sp[q].start
		}
		if !isWordRune(r) {
			toks = append(toks, token{start: i, end: i + size, kind: tokPunct, low: text[i : i+size], b: text[i : i+size], text: text[i : i+size]})
			i += size
			continue
		}
		j := wordEnd(text, i, limit)
		w := text[i:j]
		low := strings.ToLower(w)
		toks = append(toks, token{start: i, end: j, kind: tokWord, low: low, b: bare(low), text: w, capital: capitalized(w)})
		i = j
	}
	return toks
}

// wordEnd returns the end of the word starting at i: word runes joined by
// apostrophes, hyphens and periods, plus the period of an abbreviation
// (U.S., Mr., J.).
func wordEnd(text string, i, limit int) int {
	j := i
	for j < limit {
		r, size := utf8.DecodeRuneInString(text[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if (r == '\'' || r == '’' || r == '-' || r == '.' || r == '&') && j+size < limit && isWordRune(runeAt(text, j+size)) {
			if r == '.' && glued(text[i:j], text[j+size:limit]) {
				break
			}
			j += size
			continue
		}
		break
	}
	if j < limit && text[j] == '.' {
		w := text[i:j]
		if strings.Contains(w, ".") || abbrevs[strings.ToLower(w)] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(runeAt(w, 0))) {
			j++
		}
	}
	return j
}

// glued reports whether a period between word and the text after it is
// the end of a sentence glued to the next one when two pieces were joined
// ("said Johnson.Britain's Kathy Butler"): a word of two or more letters
// with a lower-case letter and no period of its own, not an abbreviation,
// then a capitalized word in lower case after its initial. Initials and
// acronyms (U.S., J.R.R.) and domains (bbc.co.uk) stay one word.
func glued(word, rest string) bool {
	if strings.ContainsRune(word, '.') || abbrevs[strings.ToLower(word)] || utf8.RuneCountInString(word) < 2 {
		return false
	}
	lower := false
	for _, r := range word {
		if unicode.IsLower(r) {
			lower = true
			break
		}
	}
	if !lower {
		return false
	}
	r1, n := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r1) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(rest[n:])
	return unicode.IsLower(r2)
}

// endsSentence reports whether a quotation's words end with sentence-final
// punctuation inside its closing mark ("... erroneous.").
func endsSentence(q string) bool {
	q = strings.TrimRightFunc(q, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '\'' || r == '”' || r == '’' || r == '»' || r == '“'
	})
	last, _ := utf8.DecodeLastRuneInString(q)
	return last == '.' || last == '!' || last == '?' || last == '…'
}

// sentence is a run of tokens [lo, hi) and its paragraph number.
type sentence struct{ lo, hi, para int }

// sentences splits tokens at sentence-final punctuation followed by a
// capitalized word, a digit or a quotation, and at paragraph breaks. A
// quotation never splits: it is one token.
func sentences(text string, toks []token) []sentence {
	blank := blankLineParagraphs(text)
	var out []sentence
	lo, para := 0, 0
	for i := 0; i < len(toks); i++ {
		if i+1 == len(toks) {
			break
		}
		brk := false
		gap := text[toks[i].end:toks[i+1].start]
		if nl := strings.IndexByte(gap, '\n'); nl >= 0 {
			if b, _ := paraBreak(text, toks[i].end+nl, blank); b {
				out = append(out, sentence{lo, i + 1, para})
				lo = i + 1
				para++
				continue
			}
		}
		t, n := toks[i], toks[i+1]
		if t.kind == tokPunct && (t.low == "." || t.low == "!" || t.low == "?" || t.low == "…") {
			switch {
			case len(gap) > 0:
				brk = n.kind == tokQuote || (n.kind == tokWord && (n.cap() || unicode.IsDigit(runeAt(n.text, 0))))
			case i > lo && toks[i-1].kind == tokWord:
				// a glued join ("Johnson.Britain's", `together."We`):
				// tokenize split the word
				brk = n.kind == tokQuote || n.kind == tokWord && n.cap() && glued(toks[i-1].text, n.text)
			}
		}
		// A quotation that ends its own sentence ("... is erroneous.")
		// followed by a capitalized word, spaced or glued by a join: the
		// next sentence begins there (Segas said the appeal was
		// "expected").
		if t.kind == tokQuote && n.kind == tokWord && n.cap() && endsSentence(text[t.start:t.end]) {
			brk = true
		}
		if brk {
			out = append(out, sentence{lo, i + 1, para})
			lo = i + 1
		}
	}
	if lo < len(toks) {
		out = append(out, sentence{lo, len(toks), para})
	}
	return out
}
