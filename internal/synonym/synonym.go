// Package synonym maps English words to synonym classes so that spun text
// (automatic synonym substitution: "big" -> "large", "buy" -> "purchase",
// "said" -> "stated") canonicalizes to the same token.
//
// The classes come from WordNet 3.0 (see LICENSE-WordNet). Words are keyed by
// their Snowball English stem, so any inflection of a member hits its class;
// irregular forms listed by WordNet ("said", "bigger") are looked up directly.
// Two relations are offered:
//
//   - Class is strict and transitive: each stem belongs to at most one small
//     class, built by joining words only through senses that are among the
//     most frequent for both (see gen/classes.go for the exact rules and the
//     parameters, which were chosen by measuring the pair lists in the tests).
//   - Related is loose: two words are related when they share any WordNet
//     synset in any sense, or a satellite adjective and its head, or a class.
//
// The table synonym.tbl.gz is generated from the Debian wordnet-base package
// and committed; regenerate it with
//
//	go generate ./internal/synonym
//
// Concurrency: Class and Related are safe for concurrent use. The table is
// decoded once, on first use; lookups take no lock and do not allocate except
// the first time a word that is not a WordNet lemma is seen (it is stemmed and
// the answer cached, up to a bound).
package synonym

//go:generate go run ./gen -wordnet /usr/share/wordnet -out synonym.tbl.gz -licence LICENSE-WordNet

// Class returns the synonym-class representative for word, a lower-case,
// diacritic-free word in any inflection ("purchased", "bigger"). ok is false
// when the word belongs to no class. The representative is a stable string,
// the same for every member of the class: the Snowball stem of the class's
// most frequent member, so it never collides with the stem of a word outside
// the class.
func Class(word string) (rep string, ok bool) {
	t := get()
	e := t.lookup(word)
	if e < 0 {
		return "", false
	}
	c := t.entries[e].class
	if c < 0 {
		return "", false
	}
	return t.reps[c], true
}

// Related reports whether two words (same form as Class) share any WordNet
// synset in any sense: looser than Class, used to call a word substitution a
// synonym substitution. Words in the same class, or with the same stem, are
// related; a word WordNet does not know is related to nothing.
func Related(a, b string) bool {
	t := get()
	ea, eb := t.lookup(a), t.lookup(b)
	if ea < 0 || eb < 0 {
		return false
	}
	if ea == eb {
		return true
	}
	x, y := &t.entries[ea], &t.entries[eb]
	if x.class >= 0 && x.class == y.class {
		return true
	}
	return intersects(t.related[x.relStart:x.relEnd], t.related[y.relStart:y.relEnd])
}

// intersects reports whether two ascending lists share an element.
func intersects(a, b []uint32) bool {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] == b[0]:
			return true
		case a[0] < b[0]:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return false
}
