package spingen

import (
	"strings"
	"unicode"
)

// word is one word of a text: letters with inner apostrophes or hyphens.
type word struct {
	start, end int // rune offsets
}

// words returns the words of r[from:to].
func words(r []rune, from, to int) []word {
	var out []word
	i := from
	for i < to {
		if !unicode.IsLetter(r[i]) {
			i++
			continue
		}
		j := i + 1
		for j < to {
			if unicode.IsLetter(r[j]) {
				j++
				continue
			}
			if (r[j] == '\'' || r[j] == '’' || r[j] == '-') && j+1 < to && unicode.IsLetter(r[j+1]) {
				j += 2
				continue
			}
			break
		}
		out = append(out, word{i, j})
		i = j
	}
	return out
}

// matchCase gives repl the capitalization of src: all capitals when src is
// all capitals (and longer than one letter), a capital first letter when src
// has one, repl unchanged otherwise.
func matchCase(src, repl string) string {
	sr := []rune(src)
	if len(sr) == 0 || !unicode.IsUpper(sr[0]) {
		return repl
	}
	if len(sr) > 1 && strings.ToUpper(src) == src {
		return strings.ToUpper(repl)
	}
	rr := []rune(repl)
	rr[0] = unicode.ToUpper(rr[0])
	return string(rr)
}

// boundaryAt reports whether r[s:e] is delimited by non-word characters.
func boundaryAt(r []rune, s, e int) bool {
	isW := func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }
	if s > 0 && isW(r[s-1]) {
		return false
	}
	if e < len(r) && isW(r[e]) {
		return false
	}
	return true
}

// isCapWord reports whether the word starts with a capital letter.
func isCapWord(r []rune, w word) bool { return unicode.IsUpper(r[w.start]) }
