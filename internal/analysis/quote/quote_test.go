package quote

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// got is the part of a Quote a table test checks: the quoted text as
// written, and the attribution.
type got struct {
	Quote   string
	Speaker string
	Via     string
	Partial bool
}

func summarize(text string, qs []Quote) []got {
	var out []got
	for _, q := range qs {
		out = append(out, got{text[q.Start:q.End], q.Speaker, q.Via, q.Partial})
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []got
	}{
		{"said-after straight", `"We will respond," Lavrov said.`,
			[]got{{`"We will respond,"`, "Lavrov", "said-after", false}}},
		{"said-after curly with title", `“We will respond,” Foreign Minister Sergei Lavrov said on Thursday.`,
			[]got{{`“We will respond,”`, "Sergei Lavrov", "said-after", false}}},
		{"said-after nationality and title", `"It was a low point," Russian Foreign Minister Sergei Lavrov said.`,
			[]got{{`"It was a low point,"`, "Sergei Lavrov", "said-after", false}}},
		{"said-before colon", `Lavrov said: "The strike was illegal."`,
			[]got{{`"The strike was illegal."`, "Lavrov", "said-before", false}}},
		{"said-before that partial", `Peskov said that the talks had been "fairly constructive".`,
			[]got{{`"fairly constructive"`, "Peskov", "said-before", true}}},
		{"said-inverted title", `"We are ready," said Kremlin spokesman Dmitry Peskov.`,
			[]got{{`"We are ready,"`, "Dmitry Peskov", "said-inverted", false}}},
		{"said-inverted body", `"Talks failed," said the Foreign Ministry.`,
			[]got{{`"Talks failed,"`, "the Foreign Ministry", "said-inverted", false}}},
		{"according-to after", `"The convoy was hit twice," according to a senior U.S. official.`,
			[]got{{`"The convoy was hit twice,"`, "a senior U.S. official", "according-to", false}}},
		{"according-to before", `According to the White House, "The call was productive."`,
			[]got{{`"The call was productive."`, "the White House", "according-to", false}}},
		{"told after", `"Nothing was agreed," Peskov told reporters.`,
			[]got{{`"Nothing was agreed,"`, "Peskov", "told", false}}},
		{"told before", `Peskov told reporters: "Nothing was agreed."`,
			[]got{{`"Nothing was agreed."`, "Peskov", "told", false}}},
		{"pronoun after subject", `Lavrov met Tillerson on Wednesday. "We disagree on Syria," he said.`,
			[]got{{`"We disagree on Syria,"`, "Lavrov", "pronoun", false}}},
		{"pronoun after attribution", `Lavrov said the talks were hard. "We will continue," he added.`,
			[]got{{`"We will continue,"`, "Lavrov", "pronoun", false}}},
		{"pronoun she", `Haley spoke at the Security Council. "Russia has a lot to prove," she said.`,
			[]got{{`"Russia has a lot to prove,"`, "Haley", "pronoun", false}}},
		{"appositive possessive", `"The tone was constructive," Peskov, Putin's spokesman, said.`,
			[]got{{`"The tone was constructive,"`, "Peskov", "said-after", false}}},
		{"appositive role before", `Dmitry Peskov, a Kremlin spokesman, told reporters: "We regret it."`,
			[]got{{`"We regret it."`, "Dmitry Peskov", "told", false}}},
		{"the Kremlin", `"The meeting is over," the Kremlin said in a statement.`,
			[]got{{`"The meeting is over,"`, "the Kremlin", "said-after", false}}},
		{"a senior official", `"We have no plans to leave," a senior official said.`,
			[]got{{`"We have no plans to leave,"`, "a senior official", "said-after", false}}},
		{"the minister", `"We will go," the minister said.`,
			[]got{{`"We will go,"`, "the minister", "said-after", false}}},
		{"spun asserted", `"We will not shield anyone," Lavrov asserted.`,
			[]got{{`"We will not shield anyone,"`, "Lavrov", "said-after", false}}},
		{"spun remarked", `"It is too early," Peskov remarked.`,
			[]got{{`"It is too early,"`, "Peskov", "said-after", false}}},
		{"spun pointed out", `"The vote is final," Haley pointed out.`,
			[]got{{`"The vote is final,"`, "Haley", "said-after", false}}},
		{"spun mentioned before", `Tillerson mentioned: "Trust is low."`,
			[]got{{`"Trust is low."`, "Tillerson", "said-before", false}}},
		{"warned with time", `"There will be consequences," Putin warned on Friday.`,
			[]got{{`"There will be consequences,"`, "Putin", "said-after", false}}},
		{"tweeted", `"Big progress!" Trump tweeted.`,
			[]got{{`"Big progress!"`, "Trump", "said-after", false}}},
		{"closed quote then reported speech", `An IAAF statement said: "The decision is erroneous." Segas said the appeal was expected.`,
			[]got{{`"The decision is erroneous."`, "An IAAF statement", "said-before", false}}},
		{"standalone quote then reported speech", `She spoke. "It is the only body with authority." Officials said the agency could be scrapped, Alan Johnson has cautioned.`,
			[]got{{`"It is the only body with authority."`, "", "", false}}},
		{"bare attribution after previous attributed sentence", `Kashyap said the release should go ahead. "How can you go against the movie?" Mr Kashyap's lawyer Mihir Desai said.`,
			[]got{{`"How can you go against the movie?"`, "Mihir Desai", "said-after", false}}},
		{"glued join", `"I have made the right decision," said Johnson.Britain's Kathy Butler lost to Benita Johnson.`,
			[]got{{`"I have made the right decision,"`, "Johnson", "said-inverted", false}}},
		{"glued after a closed quotation", `Dr Gibbons told Radio Wales: "We do need to learn from that."Mr Morgan said he had told Ms Hutt on Monday.`,
			[]got{{`"We do need to learn from that."`, "Gibbons", "told", false}}},
		{"full stop quotation and a joined inverted attribution", `Mr Letwin said: "There will be suspicions." said Jonathan Loynes, an economist.`,
			[]got{{`"There will be suspicions."`, "Letwin", "said-before", false}}},
		{"partial called", `Lavrov called the strike "an act of aggression".`,
			[]got{{`"an act of aggression"`, "Lavrov", "said-before", true}}},
		{"partial unattributed", `Relations have reached a "low point" this year.`,
			[]got{{`"low point"`, "", "", true}}},
		{"headline single quotes colon", `Russia: 'Too Early Yet' to Know Whether Ties with US Will Improve`,
			[]got{{`'Too Early Yet'`, "Russia", "colon", true}}},
		{"colon without verb", `Peskov: "No comment."`,
			[]got{{`"No comment."`, "Peskov", "colon", false}}},
		{"apostrophes are not quotes", `Russia's envoy said he didn't know about the '90s deal or the players' union.`, nil},
		{"curly apostrophes are not quotes", `Russia’s envoy didn’t comment on the ’90s or on rock ’n’ roll.`, nil},
		{"multi-sentence quote", `"We came to talk. We did not come to fight," Lavrov said.`,
			[]got{{`"We came to talk. We did not come to fight,"`, "Lavrov", "said-after", false}}},
		{"interrupted quote", `"We will win," Lavrov said, "and they know it."`,
			[]got{{`"We will win,"`, "Lavrov", "said-after", false}, {`"and they know it."`, "Lavrov", "said-before", true}}},
		{"adjacent previous sentence", `Strikes would bring "grave consequences", Lavrov said. "We cannot accept this."`,
			[]got{{`"grave consequences"`, "Lavrov", "said-after", true}, {`"We cannot accept this."`, "Lavrov", "adjacent", false}}},
		{"no attribution anywhere", "\"Nobody expected this.\"\n\nThe markets fell on Monday.",
			[]got{{`"Nobody expected this."`, "", "", false}}},
		{"titles with organisation", `"Russia now has a lot to prove," U.S. Ambassador to the United Nations Nikki Haley said.`,
			[]got{{`"Russia now has a lot to prove,"`, "Nikki Haley", "said-after", false}}},
		{"secretary of state", `Secretary of State Rex Tillerson said: "Relations are at a low point."`,
			[]got{{`"Relations are at a low point."`, "Rex Tillerson", "said-before", false}}},
		{"possessive name", `"Unilateral actions are unacceptable," Iran's Mohammad Javad Zarif said.`,
			[]got{{`"Unilateral actions are unacceptable,"`, "Mohammad Javad Zarif", "said-after", false}}},
		{"time adverbial between speaker and verb", `Dmitry Peskov on Thursday said that the tone had been "fairly constructive".`,
			[]got{{`"fairly constructive"`, "Dmitry Peskov", "said-before", true}}},
		{"participle subject", `On Wednesday, Secretary of State Rex Tillerson emerged from the meeting saying relations had hit a "low point".`,
			[]got{{`"low point"`, "Rex Tillerson", "said-before", true}}},
		{"passive is no speaker", `"Leave now," he was told.`,
			[]got{{`"Leave now,"`, "", "", false}}},
		{"nested single quotes stay inside", `"It is 'too early' to tell," Peskov said.`,
			[]got{{`"It is 'too early' to tell,"`, "Peskov", "said-after", false}}},
		{"insisted and claimed", `"We did nothing," Assad insisted. "They lie," the Syrian army claimed.`,
			[]got{{`"We did nothing,"`, "Assad", "said-after", false}, {`"They lie,"`, "the Syrian army", "said-after", false}}},
		{"declared explained wrote", `"The war is over," Smith declared. "It ended," Jones explained. "Then peace," Brown wrote in a column.`,
			[]got{{`"The war is over,"`, "Smith", "said-after", false}, {`"It ended,"`, "Jones", "said-after", false}, {`"Then peace,"`, "Brown", "said-after", false}}},
		{"answered", `"No president could," Comey answered.`,
			[]got{{`"No president could,"`, "Comey", "said-after", false}}},
		{"title-case headline verb", `Tillerson Says Relations at 'Low Point'`,
			[]got{{`'Low Point'`, "Tillerson", "said-before", true}}},
		{"title-case headline, States is not a verb", `United States Says Chemical Attack Was 'War Crime'`,
			[]got{{`'War Crime'`, "United States", "said-before", true}}},
		{"lower-case headline verb after quote", `'No collusion' with Russia, Trump says, as probe moves ahead`,
			[]got{{`'No collusion'`, "Trump", "said-after", true}}},
		{"honorific", `"We will see," Mr. Peskov said.`,
			[]got{{`"We will see,"`, "Peskov", "said-after", false}}},
		{"press secretary", `"The call went well," White House press secretary Sean Spicer said.`,
			[]got{{`"The call went well,"`, "Sean Spicer", "said-after", false}}},
		{"role with possessive", `Russia's top diplomat said Moscow will not "shield anyone" responsible.`,
			[]got{{`"shield anyone"`, "Russia's top diplomat", "said-before", true}}},
		{"pronoun skips an institution", `Lavrov spoke after the Kremlin said talks had stalled. "We will wait," he said.`,
			[]got{{`"We will wait,"`, "Lavrov", "pronoun", false}}},
		{"inverted after comma", `Relations are at a 'low point' now, says Tillerson after the meeting.`,
			[]got{{`'low point'`, "Tillerson", "said-inverted", true}}},
		{"comma then reported speech is not inverted", `Trump forgets Cold War, says US-Russia relations at 'all time low'`,
			[]got{{`'all time low'`, "Trump", "said-before", true}}},
		{"participle with long title", `U.S. Ambassador to the United Nations Nikki Haley spoke on Thursday, stating that Moscow's behavior "demands condemnation."`,
			[]got{{`"demands condemnation."`, "Nikki Haley", "said-before", true}}},
		{"coordinated verb shares the speaker", `Publication of photos came after Home Secretary Amber Rudd called the leaks "irritating" and said they should stop.`,
			[]got{{`"irritating"`, "Amber Rudd", "said-before", true}}},
		{"song title is not given to the previous speaker", `Rudd said the leaks should stop. A crowd sang the song "Don't Look Back in Anger".`,
			[]got{{`"Don't Look Back in Anger"`, "", "", true}}},
		{"clause introducing the next quote", `"It went all inside the car." A BBC spokesman said: "He took his seat."`,
			[]got{{`"It went all inside the car."`, "", "", false}, {`"He took his seat."`, "A BBC spokesman", "said-before", false}}},
		{"British honorific without period", `"I was covered," Mr Kilroy-Silk said.`,
			[]got{{`"I was covered,"`, "Kilroy-Silk", "said-after", false}}},
		{"stray period after the verb", `Mr Kennedy spoke in London. He said. "Budgets have to add up."`,
			[]got{{`"Budgets have to add up."`, "Kennedy", "pronoun", false}}},
		{"future with modal", `"How is it that peace has not arrived?" the cardinal will ask.`,
			[]got{{`"How is it that peace has not arrived?"`, "the cardinal", "said-after", false}}},
		{"is to tell", `Mr Kennedy is to tell the audience: "Many people were angry."`,
			[]got{{`"Many people were angry."`, "Kennedy", "told", false}}},
		{"affiliation appositive", `"It is no wonder," Mike Hobday, of the League Against Cruel Sports, said.`,
			[]got{{`"It is no wonder,"`, "Mike Hobday", "said-after", false}}},
		{"inverted with descriptors", `"It has been fantastic," said 20-year-old politics student Nick Vaughan.`,
			[]got{{`"It has been fantastic,"`, "Nick Vaughan", "said-inverted", false}}},
		{"inverted with company then role", `"We're surprised," said DZ bank economist Bernd Weidensteiner.`,
			[]got{{`"We're surprised,"`, "Bernd Weidensteiner", "said-inverted", false}}},
		{"name of firm", `"The market feels defensive," said John Brady of ABN AMRO.`,
			[]got{{`"The market feels defensive,"`, "John Brady", "said-inverted", false}}},
		{"institution of place", `"Rates stay," the Bank of England said.`,
			[]got{{`"Rates stay,"`, "the Bank of England", "said-after", false}}},
		{"speaker changes between quotes", `"Yes," Lavrov said. "No," Tillerson said.`,
			[]got{{`"Yes,"`, "Lavrov", "said-after", false}, {`"No,"`, "Tillerson", "said-after", false}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := Find(tc.text)
			if diff := cmp.Diff(tc.want, summarize(tc.text, qs)); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
			checkQuotes(t, tc.text, qs)
		})
	}
}

// checkQuotes verifies the offset invariants of every quotation.
func checkQuotes(t *testing.T, text string, qs []Quote) {
	t.Helper()
	prev := 0
	for i, q := range qs {
		if !(prev <= q.Start && q.Start <= q.InnerStart && q.InnerStart <= q.InnerEnd && q.InnerEnd <= q.End && q.End <= len(text)) {
			t.Fatalf("quote %d has bad offsets %+v (text length %d, previous end %d)", i, q, len(text), prev)
		}
		prev = q.End
		if q.SpeakerStart < 0 || q.SpeakerEnd < q.SpeakerStart || q.SpeakerEnd > len(text) {
			t.Fatalf("quote %d has bad speaker offsets %+v", i, q)
		}
		if q.Speaker != "" && q.Via != "pronoun" && text[q.SpeakerStart:q.SpeakerEnd] != q.Speaker {
			t.Errorf("quote %d: speaker %q but text at its offsets is %q", i, q.Speaker, text[q.SpeakerStart:q.SpeakerEnd])
		}
	}
}

func TestFindParagraphs(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		wantInner []string // inner text with the paragraph structure as written
		speaker   []string
	}{
		{
			name:      "blank-line paragraphs, reopened quote",
			text:      "Lavrov said: \"The first point is simple.\n\n\"The second point is harder.\"\n\nOthers disagreed.",
			wantInner: []string{"The first point is simple.\n\n\"The second point is harder."},
			speaker:   []string{"Lavrov"},
		},
		{
			name:      "one line per paragraph, three paragraphs",
			text:      "\"We came to talk,\" Lavrov said. \"First, trust.\n\"Second, verification.\n\"Third, patience.\"\nThe meeting ended.",
			wantInner: []string{"We came to talk,", "First, trust.\n\"Second, verification.\n\"Third, patience."},
			speaker:   []string{"Lavrov", "Lavrov"},
		},
		{
			name:      "unclosed quote ends with its paragraph",
			text:      "Peskov said: \"We will see what happens\n\nThe meeting ended without a statement.",
			wantInner: []string{"We will see what happens"},
			speaker:   []string{"Peskov"},
		},
		{
			name:      "wrapped lines inside a blank-line paragraph do not end a quote",
			text:      "\"We will\nrespond in time,\" Lavrov\nsaid.\n\nNext paragraph.",
			wantInner: []string{"We will\nrespond in time,"},
			speaker:   []string{"Lavrov"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := Find(tc.text)
			checkQuotes(t, tc.text, qs)
			var inner, speakers []string
			for _, q := range qs {
				inner = append(inner, tc.text[q.InnerStart:q.InnerEnd])
				speakers = append(speakers, q.Speaker)
			}
			if diff := cmp.Diff(tc.wantInner, inner); diff != "" {
				t.Errorf("inner mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.speaker, speakers); diff != "" {
				t.Errorf("speakers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindSpeakerOffsets(t *testing.T) {
	text := `Lavrov met Tillerson. "We disagree," he said.`
	qs := Find(text)
	if len(qs) != 1 {
		t.Fatalf("Find: got %d quotes, want 1", len(qs))
	}
	q := qs[0]
	if got := text[q.SpeakerStart:q.SpeakerEnd]; got != "he" || q.Speaker != "Lavrov" {
		t.Errorf("pronoun: speaker %q at %q, want Lavrov at \"he\"", q.Speaker, got)
	}
	if q.InnerStart != strings.Index(text, "We") || q.Start != q.InnerStart-1 {
		t.Errorf("offsets %+v do not match the text", q)
	}
}
