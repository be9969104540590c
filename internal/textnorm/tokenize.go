// Package textnorm turns text into tokens with exact byte offsets back into
// the original, splits sentences, and canonicalizes each token so that
// spinning does not hide reuse: case folding, Unicode normalization,
// diacritic removal, stemming, stop words, number normalization, entity
// aliases ("U.S." = "USA" = "United States") and synonym classes.
//
// Everything here is pure (no I/O). A Normalizer is safe for concurrent use;
// a Text is immutable once returned.
package textnorm

import (
	"unicode"
	"unicode/utf8"
)

// Flag bits of a Token.
const (
	FlagStop   uint8 = 1 << iota // a stop word: kept for alignment, left out of fingerprints
	FlagNumber                   // digits or a number word
	FlagCap                      // starts with an upper-case letter
	FlagAlias                    // an alias phrase merged into one token ("Russian Federation")
	FlagQuote                    // inside quotation marks
)

// Token is one word of a text.
type Token struct {
	Start, End int32  // byte offsets into Text.Src, [Start, End)
	Canon      uint64 // canonical class: equal for spun variants of a word
	Norm       uint64 // folded surface form: equal for the same word in any case
	Sent       int32  // sentence index
	Flags      uint8
}

// Is reports whether all bits of f are set.
func (t Token) Is(f uint8) bool { return t.Flags&f == f }

// Sentence is a run of tokens [Start, End) and its byte range in the text.
type Sentence struct {
	Start, End         int32 // token indices
	ByteStart, ByteEnd int32
}

// Text is a tokenized, canonicalized text.
type Text struct {
	Src       string
	Tokens    []Token
	Sentences []Sentence
}

// Word returns the original text of token i.
func (t *Text) Word(i int) string { return t.Src[t.Tokens[i].Start:t.Tokens[i].End] }

// rawToken is a token before canonicalization.
type rawToken struct {
	start, end int
	kind       byte // 'w' word, 'n' number, 'a' dotted abbreviation (U.S.)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// scan splits src into raw tokens. Words are runs of letters, digits and
// combining marks; an apostrophe between letters stays inside a word
// ("don't", "Russia’s"); hyphens split words; "1,000.5" is one number;
// dotted abbreviations with one- or two-letter parts ("U.S.", "U.N.") are one
// token including their final period.
func scan(src string, out []rawToken) []rawToken {
	i := 0
	for i < len(src) {
		if c := src[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(src[i:]); !isWordRune(r) {
			i += size
			continue
		}
		start := i
		if t, ok := maybeAbbrev(src, i); ok {
			out = append(out, rawToken{start, t, 'a'})
			i = t
			continue
		}
		allDigits := true
		for i < len(src) {
			var r rune
			size := 1
			if c := src[i]; c < utf8.RuneSelf {
				if asciiWord[c] {
					if c > '9' { // a letter
						allDigits = false
					}
					i++
					continue
				}
				r = rune(c)
			} else {
				r, size = utf8.DecodeRuneInString(src[i:])
				if isWordRune(r) {
					if !unicode.IsDigit(r) {
						allDigits = false
					}
					i += size
					continue
				}
			}
			// apostrophe between letters, or separator inside a number
			if i+size < len(src) {
				next, _ := utf8.DecodeRuneInString(src[i+size:])
				if isApostrophe(r) && unicode.IsLetter(next) && !allDigits {
					i += size
					continue
				}
				if (r == ',' || r == '.') && allDigits && unicode.IsDigit(next) {
					i += size
					continue
				}
			}
			break
		}
		kind := byte('w')
		if allDigits {
			kind = 'n'
		}
		out = append(out, rawToken{start, i, kind})
	}
	return out
}

// asciiWord marks the ASCII bytes isWordRune accepts: letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// maybeAbbrev is scanAbbrev behind a cheap test: a period within the next
// three bytes.
func maybeAbbrev(src string, i int) (int, bool) {
	for j := i + 1; j < min(len(src), i+4); j++ {
		if src[j] == '.' {
			return scanAbbrev(src, i)
		}
	}
	return 0, false // src[i] is a word rune, never a period
}

// scanAbbrev recognizes X.Y. style abbreviations starting at i and returns
// the end offset (after the last period).
func scanAbbrev(src string, i int) (int, bool) {
	parts := 0
	j := i
	for {
		n := 0
		for j < len(src) && n < 3 {
			r, size := utf8.DecodeRuneInString(src[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
			n++
		}
		if n == 0 || n > 2 || j >= len(src) || src[j] != '.' {
			break
		}
		j++ // the period
		parts++
		if j >= len(src) {
			break
		}
		r, _ := utf8.DecodeRuneInString(src[j:])
		if !unicode.IsLetter(r) {
			break
		}
	}
	if parts < 2 {
		return 0, false
	}
	// back off a trailing part that is not followed by a period
	end := i
	k := i
	for p := 0; p < parts; p++ {
		for src[k] != '.' {
			k++
		}
		k++
		end = k
	}
	// the next rune must not continue a word (U.S.Army is fine, U.S.ambassador too)
	return end, true
}
