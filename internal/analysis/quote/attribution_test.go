package quote

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

type gotAttr struct {
	Clause   string
	Speaker  string
	At       string // text at SpeakerStart:SpeakerEnd
	Dangling bool
}

func TestAttributions(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []gotAttr
	}{
		{"quote removed: medium", `Trump said in a note on Twitter.`,
			[]gotAttr{{"Trump said in a note on Twitter", "Trump", "Trump", true}}},
		{"reported speech with that", `Trump said that the talks failed.`,
			[]gotAttr{{"Trump said that the talks failed", "Trump", "Trump", false}}},
		{"reported speech without that", `Trump said the talks failed.`,
			[]gotAttr{{"Trump said the talks failed", "Trump", "Trump", false}}},
		{"time adverbial then reported clause", `Lavrov said on Thursday the talks had failed.`,
			[]gotAttr{{"Lavrov said on Thursday the talks had failed", "Lavrov", "Lavrov", false}}},
		{"quote removed: bare verb", `The talks ended. Peskov said.`,
			[]gotAttr{{"Peskov said", "Peskov", "Peskov", true}}},
		{"quote removed: statement and time", `The Kremlin said in a statement on Thursday.`,
			[]gotAttr{{"The Kremlin said in a statement on Thursday", "The Kremlin", "The Kremlin", true}}},
		{"quote removed: told reporters", `Kremlin spokesman Dmitry Peskov told reporters on Thursday.`,
			[]gotAttr{{"Kremlin spokesman Dmitry Peskov told reporters on Thursday", "Dmitry Peskov", "Dmitry Peskov", true}}},
		{"quote removed: trailing colon", `Lavrov said:`,
			[]gotAttr{{"Lavrov said", "Lavrov", "Lavrov", true}}},
		{"told with content", `Peskov told reporters the meeting was useful.`,
			[]gotAttr{{"Peskov told reporters the meeting was useful", "Peskov", "Peskov", false}}},
		{"attached attribution is not listed", `"We will go," Lavrov said in a statement.`, nil},
		{"pronoun reported speech resolves", `Lavrov met Tillerson. He said that the talks failed.`,
			[]gotAttr{{"He said that the talks failed", "Lavrov", "He", false}}},
		{"noun claims is not a verb", `The claims were false and the notes were lost.`, nil},
		{"passive is not an attribution", `He was told to leave the country.`, nil},
		{"spun synonym stated", `Zarif stated that the participants agreed.`,
			[]gotAttr{{"Zarif stated that the participants agreed", "Zarif", "Zarif", false}}},
		{"content before the attribution", `The talks failed, Lavrov said on Thursday.`,
			[]gotAttr{{"Lavrov said on Thursday", "Lavrov", "Lavrov", false}}},
		{"content before a long attribution", `The call was useful, Russian charge d'affaires Petr Iliichev said on Tuesday.`,
			[]gotAttr{{"Petr Iliichev said on Tuesday", "Petr Iliichev", "Petr Iliichev", false}}},
		{"infinitive is not an adverbial", `The administration has also said to reporters it will slap sanctions.`,
			[]gotAttr{{"The administration has also said to reporters it will slap sanctions", "The administration", "The administration", false}}},
		{"vowed to is not an attribution", `The administration has also vowed to slap sanctions.`, nil},
		{"content before without a comma", `The issue would be debated in Parliament next Monday Blair insisted.`,
			[]gotAttr{{"Blair insisted", "Blair", "Blair", false}}},
		{"unresolved pronoun is not listed", `The issue would be debated in Parliament next Monday he insisted.`, nil},
		{"noun uses of speech verbs", `The rules need agreement from all member states. Conservative promises on tax were costed.`, nil},
		{"stray period: the quote is there", `Mr Kennedy spoke in London. He said. "Budgets have to add up."`, nil},
		{"base form noun is not a verb", `It was a U.S. claim. The Kremlin note was short.`, nil},
		{"headline with content before", `Protect whistleblowers, TUC says`,
			[]gotAttr{{"TUC says", "TUC", "TUC", false}}},
		{"intransitive verbs are not attributions", `The war continued. The two sides agreed. Talks concluded on Friday.`, nil},
		{"weak verb with reported clause", `Peskov confirmed that the call took place.`,
			[]gotAttr{{"Peskov confirmed that the call took place", "Peskov", "Peskov", false}}},
		{"canonical case", `"Russian Federation now has a lot to prove", U.S. Ambassador to the United Nations Nikki Haley said. Trump said in a note on Twitter.`,
			[]gotAttr{{"Trump said in a note on Twitter", "Trump", "Trump", true}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out []gotAttr
			for _, a := range Attributions(tc.text) {
				if a.Start < 0 || a.End < a.Start || a.End > len(tc.text) || a.SpeakerEnd < a.SpeakerStart || a.SpeakerEnd > len(tc.text) {
					t.Fatalf("bad offsets %+v", a)
				}
				out = append(out, gotAttr{tc.text[a.Start:a.End], a.Speaker, tc.text[a.SpeakerStart:a.SpeakerEnd], a.Dangling})
			}
			if diff := cmp.Diff(tc.want, out); diff != "" {
				t.Errorf("Attributions(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestCanonicalExampleQuote(t *testing.T) {
	text := `"Russian Federation now has a lot to prove", U.S. Ambassador to the United Nations Nikki Haley said. Trump said in a note on Twitter.`
	want := []got{{`"Russian Federation now has a lot to prove"`, "Nikki Haley", "said-after", false}}
	if diff := cmp.Diff(want, summarize(text, Find(text))); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Lavrov", "Sergei Lavrov", true},
		{"Lavrov", "Foreign Minister Sergei Lavrov", true},
		{"Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov", true},
		{"Foreign Minister Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov", true},
		{"lavrov", "SERGEI LAVROV", true},
		{"foreign minister sergei lavrov", "Lavrov", true},
		{"Lavrov's", "Lavrov", true},
		{"Lavrov", "Tillerson", false},
		{"Sergei Lavrov", "Rex Tillerson", false},
		{"Kremlin spokesman Dmitry Peskov", "Peskov", true},
		{"Dmitri Peskov", "Dmitry Peskov", true},
		{"Peskov, Putin's spokesman", "Dmitry Peskov", true},
		{"Donald Trump", "Melania Trump", false},
		{"President Donald Trump", "Trump", true},
		{"Mr. Trump", "Donald Trump", true},
		{"the Kremlin", "Kremlin", true},
		{"the White House", "White House", true},
		{"the Kremlin", "the White House", false},
		{"U.S. Ambassador to the United Nations Nikki Haley", "Haley", true},
		{"Secretary of State Rex Tillerson", "Tillerson", true},
		{"Xi Jinping", "Jinping", true},
		{"Iran's Mohammad Javad Zarif", "Zarif", true},
		{"John Brady of ABN AMRO", "John Brady", true},
		{"the Bank of England", "Bank of England", true},
		{"the Bank of England", "the Bank of Japan", false},
		{"", "Lavrov", false},
		{"", "", false},
	}
	for _, tc := range tests {
		if got := SameSpeaker(tc.a, tc.b); got != tc.want {
			t.Errorf("SameSpeaker(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := SameSpeaker(tc.b, tc.a); got != tc.want {
			t.Errorf("SameSpeaker(%q, %q) = %v, want %v", tc.b, tc.a, got, tc.want)
		}
	}
}
