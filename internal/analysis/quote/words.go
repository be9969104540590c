package quote

import "strings"

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// speechVerbs are finite speech verbs, including the synonyms a spinner
// substitutes for "said".
var speechVerbs = set(`said says say told tells added adds stated states noted notes
asked asks warned warns insisted insists claimed claims declared declares explained
explains wrote writes tweeted tweets remarked remarks asserted asserts mentioned
mentions emphasized emphasised emphasizes emphasises stressed stresses announced
announces argued argues replied replies responded responds commented comments
continued continues observed observes acknowledged acknowledges admitted admits
conceded concedes confirmed confirms contended contends cautioned cautions recalled
recalls suggested suggests urged urges vowed vows reiterated reiterates informed
informs quipped joked complained complains charged countered counters maintained
maintains predicted predicts concluded concludes affirmed affirms disclosed
revealed reveals alleged alleges posted answered answers retorted testified testifies
demanded demands boasted boasts promised promises lamented laments underlined underlines
underscored underscores indicated indicates opined opines echoed echoes interjected
wondered agreed agrees objected objects protested protests recounted recounts
say tell ask add warn insist claim declare explain write tweet argue reply note stress
explained clarified clarifies elaborated elaborates whispered shouted yelled
appended appends uttered utters expressed expresses voiced voices proclaimed proclaims
pronounced relayed relays conveyed conveys specified specifies`)

// beforeOnlyVerbs introduce a partial quotation but are too ambiguous to
// count as attributions on their own: called the strike "an act of
// aggression".
var beforeOnlyVerbs = set(`called calls described describes dubbed dubs termed terms branded brands labeled labelled`)

// participles attribute to the subject of the sentence: Tillerson emerged
// from the meeting saying ...
var participles = set(`saying adding noting warning insisting claiming declaring explaining
stating telling asking stressing arguing writing tweeting emphasizing emphasising
asserting remarking mentioning`)

// titleWords are titles and roles: stripped from a speaker to get the name,
// and accepted inside a speaker phrase when lower-case.
var titleWords = set(`minister secretary spokesman spokeswoman spokesperson spokespeople
ambassador president vice chancellor premier envoy diplomat official officials senator sen.
representative rep. governor gov. mayor general gen. director chief chairman chairwoman
chair leader head adviser advisor aide aides lawyer attorney prosecutor prosecutors judge
commander analyst analysts professor prof. dr. mr. mrs. ms. dr mr mrs ms prime king queen prince princess
pope sheikh ayatollah colonel col. lt. captain capt. sergeant officer ceo executive founder
editor correspondent reporter negotiator deputy undersecretary under-secretary lawmaker
lawmakers senators congressman congresswoman speaker justice inspector expert experts
economist economists strategist researcher scientist source sources witness witnesses
resident residents activist activists candidate nominee member members counsel
representative representatives staff`)

// modWords may modify a role inside a speaker phrase: a senior U.S. official.
var modWords = set(`senior top former deputy foreign defense defence press state federal
local regional military government administration intelligence western unnamed
anonymous other two three several chief national security interior economy finance
trade health justice white house army police campaign party opposition rebel union
company firm ministry department agency office council committee commission court
statement report embassy military's government's ministry's spokesman's news agency`)

// bodyWords are lower-case heads of institutional speakers (the ministry).
var bodyWords = set(`ministry department agency office council committee commission court
statement report embassy government administration military army police campaign
company firm spokesman spokeswoman official officials source sources`)

// capStop are capitalized words that cannot be part of a speaker phrase.
var capStop = set(`but and or so yet still however meanwhile then also when while as after before
if although though because since earlier later now on in at it this that these those
there here we i you they he she his her its their our my your what who which why how
where the a an monday tuesday wednesday thursday friday saturday sunday january
february march april june july august september october november december today
yesterday tomorrow thus instead nevertheless moreover furthermore indeed
asked speaking not according unlike despite following amid during with without for from
by under over among just even only all both each many most some no`)

// weekdays and time words make up time adverbials: on Thursday, last week.
var timeWords = set(`monday tuesday wednesday thursday friday saturday sunday morning
afternoon evening night week month year weekend today yesterday tonight earlier later
recently previously`)

// leftSkip are auxiliaries and adverbs between a speaker and its verb.
var leftSkip = set(`has have had also then later earlier previously reportedly recently
again separately once subsequently further yesterday today tonight would will
had already publicly privately repeatedly quickly flatly firmly bluntly simply
just only angrily openly directly officially himself herself
does did do not never`)

// timePreps introduce a time adverbial before a weekday: on Thursday.
var timePreps = set(`on last this late early earlier later next`)

// pronouns resolve to the previous named speaker.
var pronouns = set(`he she`)

// preps are accepted inside a speaker phrase between capitalized words:
// Secretary of State, Ambassador to the United Nations.
var phrasePreps = set(`of to for`)

// dets open a speaker phrase.
var dets = set(`the a an`)

// ppPreps introduce the adverbials left after a speech verb whose quotation
// was removed: in a statement, on Twitter, in a note.
var ppPreps = set(`in on at via during through with from by after before over
under late early earlier later yesterday today tonight also again this last`)

// reportWords start or mark reported speech after a verb.
var reportWords = set(`that whether if how what why when where who which he she they it we i
you there`)

// baseVerbs are base forms that are often nouns (a claim, the note); they
// count as speech verbs only after a modal or "to": will add, is to note.
var baseVerbs = set(`add warn insist claim declare explain write tweet argue reply note stress`)

// modals introduce a base-form verb.
var modals = set(`will would could can may might should must to did does do`)

// weakVerbs attribute a quotation next to them ("...," he continued) but are
// too often plain verbs (the war continued, the sides agreed) to stand as
// attributions on their own: without a quotation they count only when a
// reported clause follows ("that", a colon), and they are never dangling.
var weakVerbs = set(`continued continues agreed agrees concluded concludes responded responds
protested protests objected objects wondered whispered shouted yelled lamented laments
boasted boasts demanded demands promised promises charged countered counters maintained
maintains recalled recalls observed observes predicted predicts posted echoed echoes
indicated indicates confirmed confirms revealed reveals announced announces urged urges
vowed vows admitted admits acknowledged acknowledges suggested suggests informed informs
asked asks ask answered answers replied replies testified testifies recounted recounts
called calls described describes`)
