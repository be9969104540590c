package analysis

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// markedNameRe matches name forms that newsrooms rarely use in running text
// but synonym-substitution tools put in for the usual ones: the formal name
// of a country ("Russian Federation" for "Russia"), or "USA" for "U.S." in
// a sentence.
var markedNameRe = regexp.MustCompile(`\b(Russian Federation|United States of America|People's Republic of China|Islamic Republic of Iran|Syrian Arab Republic|Democratic People's Republic of Korea|Republic of Korea|Kingdom of Saudi Arabia|Federal Republic of Germany|French Republic|Republic of Turkey|USA)\b`)

type marks struct {
	total  int
	counts map[string]int
}

func (m marks) String() string {
	names := make([]string, 0, len(m.counts))
	for n := range m.counts {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return m.counts[b] - m.counts[a] })
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%q x%d", n, m.counts[n])
	}
	return strings.Join(parts, ", ")
}

// markedNames counts marked name forms in running text; a line in capitals
// (a headline or a sign-off) does not count.
func markedNames(text string) marks {
	m := marks{counts: map[string]int{}}
	for _, line := range strings.Split(text, "\n") {
		if strings.ToUpper(line) == line {
			continue
		}
		for _, name := range markedNameRe.FindAllString(line, -1) {
			m.counts[name]++
			m.total++
		}
	}
	return m
}
