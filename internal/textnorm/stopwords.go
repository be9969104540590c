package textnorm

// stopWords are function words left out of fingerprints. They still take
// part in alignment, where they are cheap to match and cheap to lose.
var stopWords = setOf(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during
each few for from further had has have having he her here hers herself him himself his how i if
in into is it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up upon very was we were
what when where which while who whom why will with would you your yours yourself yourselves
yet via per whether whose within without among amid across along around toward towards onto
cannot can't won't don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't it's
i'm i've i'd i'll you're you've we're we've they're they've he's she's that's there's what's
let's shall may might must ought`)

func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	start := -1
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' || words[i] == '\n' {
			if start >= 0 {
				m[words[start:i]] = true
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return m
}

// IsStopWord reports whether the folded word is a stop word.
func IsStopWord(folded string) bool { return stopWords[folded] }
