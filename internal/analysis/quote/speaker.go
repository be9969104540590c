package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// bare strips a possessive ending: Russia's -> russia, players' -> players.
func bare(low string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(low, suf) && len(low) > len(suf) {
			return low[:len(low)-len(suf)]
		}
	}
	return low
}

func possessive(t token) bool { return t.kind == tokWord && len(t.b) != len(t.low) }

// nameish: a capitalized word that can be part of a name (Lavrov, U.S., al-Assad).
func nameish(t token) bool { return t.cap() && !capStop[t.b] }

// roleish: a lower-case title, role or modifier inside a speaker phrase.
func roleish(t token) bool {
	if t.kind != tokWord {
		return false
	}
	b := t.b
	return titleWords[b] || modWords[b] || bodyWords[b]
}

func phraseWord(t token) bool { return nameish(t) || roleish(t) }

// head reports whether the phrase toks[s:e] ends in a word that can head a
// speaker: a name or a title, role or institution.
func head(toks []token, s, e int) bool {
	if e <= s {
		return false
	}
	t := toks[e-1]
	if possessive(t) {
		return false // Trump's: the possessor of something else
	}
	b := t.b
	return nameish(t) || titleWords[b] || bodyWords[b]
}

// maxPhrase bounds a speaker phrase, in tokens, so that long runs of
// capitalized words cost linear time.
const maxPhrase = 12

// leftPhrase returns the speaker phrase ending at token k (exclusive),
// scanning no further left than lo, as token indices [s, e).
func leftPhrase(toks []token, lo, k int) (int, int, bool) {
	lo = max(lo, k-maxPhrase)
	j := k - 1
	for ; j >= lo; j-- {
		t := toks[j]
		switch {
		case phraseWord(t):
			continue
		case t.kind == tokWord && dets[t.low]:
			if j-2 >= lo && phrasePreps[toks[j-1].low] && phraseWord(toks[j-2]) {
				j-- // Ambassador to the United Nations: go on past "to the"
				continue
			}
			j--
		case t.kind == tokWord && phrasePreps[t.low] && j+1 < k && j-1 >= lo &&
			(nameish(toks[j+1]) || dets[toks[j+1].low]) && phraseWord(toks[j-1]):
			continue
		}
		break
	}
	s := j + 1
	for s < k && phrasePreps[toks[s].low] {
		s++
	}
	if !head(toks, s, k) {
		return 0, 0, false
	}
	return s, k, true
}

// rightPhrase returns the speaker phrase starting at token k, scanning no
// further right than hi.
func rightPhrase(toks []token, k, hi int) (int, int, bool) {
	hi = min(hi, k+maxPhrase)
	j := k
	if j < hi && toks[j].kind == tokWord && dets[toks[j].low] {
		j++
	}
	for ; j < hi; j++ {
		t := toks[j]
		if phraseWord(t) {
			continue
		}
		if t.kind == tokWord && (phrasePreps[t.low] || dets[t.low]) && j+1 < hi && j > k &&
			(nameish(toks[j+1]) || dets[toks[j+1].low]) && (phraseWord(toks[j-1]) || dets[t.low] && phrasePreps[toks[j-1].low]) {
			continue
		}
		break
	}
	e := j
	for e > k && toks[e-1].kind == tokWord && (phrasePreps[toks[e-1].low] || dets[toks[e-1].low]) {
		e--
	}
	if !head(toks, k, e) {
		return 0, 0, false
	}
	return k, e, true
}

// orgTails end the name of an organisation inside a title: Secretary of
// State Rex Tillerson, Ambassador to the United Nations Nikki Haley.
var orgTails = set(`state states nations defense defence treasury commerce energy justice
interior affairs kingdom union council department office house assembly parliament
congress senate pentagon kremlin ministry federation republic`)

// orgHeads name an institution before "of": Bank of England.
var orgHeads = set(`bank university department ministry institute school college board court
office council chamber league association union federation society church museum
commission committee agency bureau academy centre center foundation fund`)

// nameRange narrows the speaker phrase toks[s:e] to the name it carries:
// titles, roles and possessors before a name are dropped ("Foreign Minister
// Sergei Lavrov" -> "Sergei Lavrov", "Iran's Mohammad Javad Zarif" ->
// "Mohammad Javad Zarif"). A phrase without a name after its last title
// ("a senior U.S. official", "the Kremlin") is kept whole.
func nameRange(toks []token, s, e int) (int, int) {
	cut := -1
	for i := s; i < e; i++ {
		b := toks[i].b
		if titleWords[b] || (possessive(toks[i]) && nameish(toks[i])) {
			cut = i
		}
	}
	if cut < 0 {
		// John Brady of ABN AMRO -> John Brady; Bank of England stays.
		for i := s + 1; i < e-1; i++ {
			if toks[i].low != "of" {
				continue
			}
			if orgHeads[toks[i-1].b] || orgTails[toks[i-1].b] {
				break
			}
			for j := s; j < i; j++ {
				if !nameish(toks[j]) {
					return s, e
				}
			}
			return s, i
		}
		return s, e
	}
	n := cut + 1
	if n < e && phrasePreps[toks[n].low] {
		// An organisation follows the title; the name comes after it.
		org := -1
		for i := n; i < e; i++ {
			if orgTails[toks[i].b] {
				org = i
			}
		}
		switch {
		case org >= 0 && org+1 < e:
			n = org + 1
		case e-n >= 4:
			n = e - 2
		default:
			n = e - 1
		}
	}
	if n >= e {
		return s, e
	}
	for i := n; i < e; i++ {
		if !nameish(toks[i]) || bodyWords[toks[i].b] || possessive(toks[i]) {
			return s, e
		}
	}
	return n, e
}

// titleCase upper-cases the first letter of each word of an all lower-case
// string, so that SameSpeaker can find names in case-folded input.
func titleCase(s string) string {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return s
		}
	}
	b := []byte(s)
	var out strings.Builder
	start := true
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if start && unicode.IsLetter(r) {
			out.WriteRune(unicode.ToUpper(r))
		} else {
			out.WriteRune(r)
		}
		start = unicode.IsSpace(r) || r == '-'
		i += size
	}
	return out.String()
}

// nameKey is the comparison key of a speaker string: the lower-cased name
// words without titles, determiners, periods or possessive endings.
func nameKey(speaker string) []string {
	speaker = titleCase(speaker)
	if i := strings.IndexByte(speaker, ','); i > 0 {
		speaker = speaker[:i] // Peskov, Putin's spokesman
	}
	toks := tokenize(speaker, nil)
	words := toks[:0]
	for _, t := range toks {
		if t.kind == tokWord {
			words = append(words, t)
		}
	}
	s, e := nameRange(words, 0, len(words))
	var key []string
	for _, t := range words[s:e] {
		w := strings.ReplaceAll(t.b, ".", "")
		if dets[w] || w == "" {
			continue
		}
		key = append(key, w)
	}
	return key
}

// SameSpeaker reports whether two speaker strings denote the same person or
// body: "Lavrov", "Sergei Lavrov" and "Russian Foreign Minister Sergei
// Lavrov" match each other; "Lavrov" and "Tillerson" do not. Titles,
// determiners, possessive endings, periods and case are ignored. Two full
// names match when their last words agree and their first words start with
// the same letter (Dmitry / Dmitri); a one-word name matches any name that
// contains it. An empty speaker matches nothing.
func SameSpeaker(a, b string) bool {
	ka, kb := nameKey(a), nameKey(b)
	if len(ka) == 0 || len(kb) == 0 {
		return false
	}
	if len(ka) > len(kb) {
		ka, kb = kb, ka
	}
	if len(ka) == 1 {
		for _, w := range kb {
			if w == ka[0] {
				return true
			}
		}
		return false
	}
	if ka[len(ka)-1] != kb[len(kb)-1] {
		return false
	}
	ra, _ := utf8.DecodeRuneInString(ka[0])
	rb, _ := utf8.DecodeRuneInString(kb[0])
	return ra == rb
}
