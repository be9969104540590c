package synonym

import (
	"fmt"
	"testing"
)

// spunPairs are substitutions a spinner makes, in the inflections news text
// uses. At least spunMinClass of them must share a Class and spunMinRelated
// must be Related.
var spunPairs = [][2]string{
	{"big", "large"}, {"buy", "purchase"}, {"said", "stated"}, {"help", "assist"},
	{"show", "demonstrate"}, {"important", "crucial"}, {"attack", "assault"},
	{"talks", "negotiations"}, {"claim", "assert"}, {"country", "nation"},
	{"begin", "start"}, {"quick", "fast"}, {"end", "finish"}, {"bought", "purchased"},
	{"bigger", "larger"}, {"helped", "aided"}, {"started", "commenced"},
	{"huge", "enormous"}, {"little", "small"}, {"rich", "wealthy"},
	{"smart", "intelligent"}, {"happy", "glad"}, {"try", "attempt"},
	{"use", "utilize"}, {"need", "require"}, {"think", "believe"},
	{"answer", "reply"}, {"choose", "select"}, {"hide", "conceal"},
	{"hurt", "injure"}, {"damage", "harm"}, {"change", "alter"},
	{"build", "construct"}, {"destroy", "demolish"}, {"allow", "permit"},
	{"stop", "halt"}, {"problem", "issue"}, {"result", "outcome"},
	{"chance", "opportunity"}, {"area", "region"}, {"error", "mistake"},
	{"goal", "aim"}, {"children", "kids"}, {"doctor", "physician"},
	{"lawyer", "attorney"}, {"firm", "company"}, {"price", "cost"},
	{"illness", "sickness"}, {"film", "movie"}, {"car", "automobile"},
	{"student", "pupil"}, {"hard", "difficult"}, {"often", "frequently"},
	{"almost", "nearly"}, {"maybe", "perhaps"}, {"quickly", "rapidly"},
	{"announced", "declared"}, {"reveal", "disclose"}, {"suggested", "proposed"},
	{"killed", "slain"}, {"job", "occupation"}, {"photo", "picture"},
	{"speed", "velocity"}, {"fight", "battle"}, {"wrong", "incorrect"},
}

// distinctPairs must never share a Class: antonyms, co-hyponyms, numbers
// and names that a loose synonym table would wrongly merge. "president" and
// "chairman" are deliberately not here: WordNet puts them in one synset and
// spinners swap them.
var distinctPairs = [][2]string{
	{"said", "take"}, {"russia", "china"}, {"attack", "defend"}, {"up", "down"},
	{"big", "small"}, {"police", "military"}, {"one", "two"}, {"three", "four"},
	{"hundred", "thousand"}, {"buy", "sell"}, {"win", "lose"}, {"rise", "fall"},
	{"increase", "decrease"}, {"open", "close"}, {"begin", "end"},
	{"start", "finish"}, {"man", "woman"}, {"father", "mother"},
	{"north", "south"}, {"left", "right"}, {"day", "night"}, {"before", "after"},
	{"good", "bad"}, {"hot", "cold"}, {"high", "low"}, {"early", "late"},
	{"love", "hate"}, {"ask", "answer"},
	{"president", "minister"}, {"war", "peace"}, {"black", "white"},
	{"old", "young"}, {"accept", "reject"}, {"happy", "sad"}, {"true", "false"},
	{"rich", "poor"}, {"monday", "tuesday"}, {"january", "february"},
	{"doctor", "nurse"}, {"court", "prison"}, {"teacher", "student"},
	{"city", "country"}, {"show", "today"}, {"buy", "steal"}, {"end", "depot"},
}

// sameClass reports whether a and b have the same class representative.
func sameClass(a, b string) bool {
	ra, oka := Class(a)
	rb, okb := Class(b)
	return oka && okb && ra == rb
}

func describe(w string) string {
	rep, ok := Class(w)
	if !ok {
		return w + "(-)"
	}
	return fmt.Sprintf("%s(%s)", w, rep)
}

// The bars sit just under the measured rates (69% and 95% when the table
// was generated): a rule change that loses pairs fails the tests. Most Class
// misses are pairs WordNet puts in one synset but where one word's dominant
// sense pulls it into another class ("attack" joins "onslaught", "assault"
// joins "assail"); Class is transitive, so each stem can sit in one class.
const (
	spunMinClass   = 0.65
	spunMinRelated = 0.95
)

func TestSpunPairsShareClass(t *testing.T) {
	hits := 0
	for _, p := range spunPairs {
		if sameClass(p[0], p[1]) {
			hits++
		} else {
			t.Logf("no shared class: %s %s", describe(p[0]), describe(p[1]))
		}
	}
	rate := float64(hits) / float64(len(spunPairs))
	t.Logf("Class hit rate %d/%d = %.1f%%", hits, len(spunPairs), 100*rate)
	if rate < spunMinClass {
		t.Errorf("Class hit rate %.1f%%, want >= %.0f%%", 100*rate, 100*spunMinClass)
	}
}

func TestSpunPairsRelated(t *testing.T) {
	hits := 0
	for _, p := range spunPairs {
		if Related(p[0], p[1]) && Related(p[1], p[0]) {
			hits++
		} else {
			t.Logf("not related: %s %s", p[0], p[1])
		}
	}
	rate := float64(hits) / float64(len(spunPairs))
	t.Logf("Related hit rate %d/%d = %.1f%%", hits, len(spunPairs), 100*rate)
	if rate < spunMinRelated {
		t.Errorf("Related hit rate %.1f%%, want >= %.0f%%", 100*rate, 100*spunMinRelated)
	}
}

func TestDistinctPairs(t *testing.T) {
	for _, p := range distinctPairs {
		if sameClass(p[0], p[1]) {
			t.Errorf("share a class: %s %s", describe(p[0]), describe(p[1]))
		}
	}
}
