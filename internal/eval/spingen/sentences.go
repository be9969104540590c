package spingen

import (
	"strings"
	"unicode"

	"github.com/spintrace/spintrace"
)

// abbreviations end with a period that does not end a sentence.
// abbreviations end with a period that does not end a sentence. Matching
// is case-sensitive: "No. 5" is an abbreviation, "the answer was no." is not.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Gov": true,
	"Sen": true, "Rep": true, "Gen": true, "Lt": true, "Col": true, "Sgt": true,
	"Capt": true, "Prof": true, "Jr": true, "Sr": true, "Inc": true, "Corp": true,
	"Co": true, "Ltd": true, "No": true, "vs": true, "Mt": true, "Ft": true,
	"Jan": true, "Feb": true, "Aug": true, "Sept": true, "Oct": true, "Nov": true,
	"Dec": true, "approx": true, "Dept": true, "Univ": true,
}

// Sentences splits text into sentences and returns their spans in rune
// offsets, trimmed of surrounding white space. A sentence ends at '.', '!' or
// '?' (with any closing quotes or brackets) followed by white space and a
// capital letter, digit or opening quote, or at a line break. Periods of
// abbreviations ("Mr.", "Dr.") and initialisms ("U.S.", "J.") do not end a
// sentence, nor does punctuation inside an open quotation.
func Sentences(text string) []spintrace.Span {
	return sentences([]rune(text))
}

func sentences(r []rune) []spintrace.Span {
	var out []spintrace.Span
	n := len(r)
	start := -1
	inQuote := false
	emit := func(end int) {
		if start < 0 {
			return
		}
		for end > start && unicode.IsSpace(r[end-1]) {
			end--
		}
		if end > start {
			out = append(out, spintrace.Span{Start: start, End: end})
		}
		start = -1
	}
	for i := 0; i < n; i++ {
		c := r[i]
		if c == '\n' {
			emit(i)
			inQuote = false
			continue
		}
		if start < 0 {
			if unicode.IsSpace(c) {
				continue
			}
			start = i
		}
		switch c {
		case '"':
			inQuote = !inQuote
			continue
		case '“':
			inQuote = true
			continue
		case '”':
			inQuote = false
			continue
		case '.', '!', '?':
		default:
			continue
		}
		// Terminal punctuation: take closers, tracking the quote state.
		j := i + 1
		q := inQuote
		for j < n && isCloser(r[j]) {
			switch r[j] {
			case '"':
				q = !q
			case '”':
				q = false
			}
			j++
		}
		if q || !endsHere(r, j) {
			continue
		}
		if c == '.' && j == i+1 && isAbbrev(r, i) {
			continue
		}
		inQuote = false
		emit(j)
		i = j - 1
	}
	emit(n)
	return out
}

func isCloser(c rune) bool {
	switch c {
	case '"', '”', '’', '\'', ')', ']':
		return true
	}
	return false
}

func isOpener(c rune) bool {
	switch c {
	case '"', '“', '‘', '\'', '(', '[':
		return true
	}
	return false
}

// endsHere reports whether a sentence may end before r[j]: end of text, or
// white space followed by a sentence start (or a line break).
func endsHere(r []rune, j int) bool {
	if j >= len(r) {
		return true
	}
	if !unicode.IsSpace(r[j]) {
		return false
	}
	for j < len(r) && unicode.IsSpace(r[j]) {
		if r[j] == '\n' {
			return true
		}
		j++
	}
	if j >= len(r) {
		return true
	}
	c := r[j]
	return unicode.IsUpper(c) || unicode.IsDigit(c) || isOpener(c)
}

// isAbbrev reports whether the period at r[i] belongs to an abbreviation or
// an initialism.
func isAbbrev(r []rune, i int) bool {
	k := i
	for k > 0 && i-k < 16 && (unicode.IsLetter(r[k-1]) || r[k-1] == '.') {
		k--
	}
	w := string(r[k:i])
	if w == "" {
		return false
	}
	if abbreviations[w] {
		return true
	}
	// Initialisms: single capital letters separated by periods ("U.S", "J").
	parts := strings.Split(w, ".")
	for _, p := range parts {
		pr := []rune(p)
		if len(pr) != 1 || !unicode.IsUpper(pr[0]) {
			return false
		}
	}
	return true
}
