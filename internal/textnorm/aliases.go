package textnorm

import "strings"

// aliasGroups lists names that spinners swap for one another. The first
// entry of each group is the canonical key. Multi-word entries are matched
// as phrases (longest first) and merged into one token, so that "Russia" and
// "Russian Federation" align one to one. Entries are folded (lower case, no
// diacritics); dotted abbreviations keep their dots.
var aliasGroups = [][]string{
	{"usa", "u.s.", "u.s.a.", "united states", "united states of america", "america", "the states"},
	{"russia", "russian federation"},
	{"uk", "u.k.", "united kingdom", "britain", "great britain"},
	{"un", "u.n.", "united nations"},
	{"eu", "e.u.", "european union"},
	{"china", "people's republic of china", "prc", "p.r.c."},
	{"uae", "u.a.e.", "united arab emirates", "emirates"},
	{"north korea", "dprk", "d.p.r.k.", "democratic people's republic of korea"},
	{"south korea", "republic of korea", "rok"},
	{"nato", "north atlantic treaty organization", "north atlantic alliance"},
	{"syria", "syrian arab republic"},
	{"iran", "islamic republic of iran", "islamic republic"},
	{"netherlands", "holland", "the netherlands"},
	{"w.h.o.", "world health organization"},
	{"imf", "international monetary fund"},
	{"opec", "organization of the petroleum exporting countries"},
	{"un security council", "u.n. security council", "security council", "unsc"},
	{"white house", "the white house"},
	{"kremlin", "the kremlin"},
	{"pentagon", "the pentagon", "defense department", "department of defense"},
	{"state department", "department of state"},
	{"fbi", "f.b.i.", "federal bureau of investigation"},
	{"cia", "c.i.a.", "central intelligence agency"},
	{"washington dc", "washington d.c.", "d.c."},
	{"percent", "per cent", "pct"},
	// Region names that contain an alias word but are not that country.
	{"south america"}, {"north america"}, {"latin america"}, {"central america"},
}

// capsAliases are abbreviations that fold to a stop word, so they are
// recognized by their capitals.
var capsAliases = map[string]string{"US": "usa", "WHO": "w.h.o."}

// aliasWord maps a single folded word to its canonical key; aliasPhrase
// maps a phrase's first word to the phrases (longest first) starting with it.
var (
	aliasWord   = map[string]string{}
	aliasPhrase = map[string][]phrase{}
)

type phrase struct {
	words []string
	key   string
}

func init() {
	for _, g := range aliasGroups {
		key := g[0]
		for _, name := range g {
			words := strings.Fields(name)
			if len(words) == 1 {
				aliasWord[name] = key
				continue
			}
			aliasPhrase[words[0]] = append(aliasPhrase[words[0]], phrase{words, key})
		}
	}
	for head, ps := range aliasPhrase {
		// longest first, so "united states of america" wins over "united states"
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		aliasPhrase[head] = ps
	}
}
