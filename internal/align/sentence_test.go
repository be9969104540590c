package align

import (
	"strings"
	"testing"
)

// otherSentences are unrelated to sourceSentences (written for these tests).
var otherSentences = []string{
	"The museum of natural history opened a new wing devoted to fossils of marine reptiles.",
	"Visitors can watch paleontologists clean bones behind a glass wall during weekday afternoons.",
	"A children's workshop on Saturdays teaches how sediment layers record the age of rocks.",
	"The curator said the collection grew after a private donor gave two complete skeletons.",
	"Tickets cost less for students and seniors, and entry is free on the first Sunday of each month.",
	"The gift shop sells replicas of teeth and claws made by a local artist.",
}

func TestAlignSentences(t *testing.T) {
	copied := strings.Join(sourceSentences[2:6], " ")
	for _, tc := range []struct {
		name    string
		article string
		want    int    // passages
		inside  string // text every passage's article side must lie in
	}{
		{"verbatim block inside other text", strings.Join(otherSentences[:3], " ") + " " + copied + " " + strings.Join(otherSentences[3:], " "), 1, copied},
		{"unrelated", strings.Join(otherSentences, " "), 0, ""},
		{"synonyms and dropped words",
			"The agreement lifts hourly pay by six percent over three years and limits compulsory overtime in the winter season. " +
				"Union chief Marta Kowalski told journalists that her members would vote on the offer before the week ends. " +
				"Several container vessels had been anchored offshore while the terminals stood idle, delaying grain and machinery deliveries. " +
				"Local firms complained that the dispute cost them customers and forced some factories to reduce production. " +
				strings.Join(otherSentences, " "),
			1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := normalize(tc.article), normalize(strings.Join(sourceSentences, " "))
			ps := Align(a, b, PAN)
			if len(ps) != tc.want {
				t.Fatalf("got %d passages, want %d: %+v", len(ps), tc.want, ps)
			}
			for _, p := range ps {
				if p.A.Len() == 0 || p.B.Len() == 0 || p.A.End > len(a.Tokens) || p.B.End > len(b.Tokens) {
					t.Fatalf("bad ranges %+v", p)
				}
				if tc.inside == "" {
					continue
				}
				lo := strings.Index(tc.article, tc.inside)
				s, e := int(a.Tokens[p.A.Start].Start), int(a.Tokens[p.A.End-1].End)
				if s < lo || e > lo+len(tc.inside) {
					t.Errorf("passage %q reaches outside the copied block", tc.article[s:e])
				}
				bs, be := int(b.Tokens[p.B.Start].Start), int(b.Tokens[p.B.End-1].End)
				if got := b.Src[bs:be]; got != strings.TrimSuffix(tc.inside, ".") {
					t.Errorf("source side %q, want the copied sentences", got)
				}
			}
		})
	}
}

// TestAlignSentencesSummary: a short article passage whose sentences each
// condense a different part of a longer source is reported as one passage
// against the whole source.
func TestAlignSentencesSummary(t *testing.T) {
	src := filler[0] + " " + strings.Join(sourceSentences, " ") + " " + filler[1]
	summary := "Dock workers in Port Calder would return to the cargo terminals after a strike of eleven days. " +
		"The deal raises hourly wages by six percent and limits overtime in winter. " +
		"Container ships anchored offshore while terminals stood idle delayed grain and machinery. " +
		"Officials expect the backlog of ships to clear within two weeks."
	article := strings.Join(otherSentences[:3], " ") + " " + summary + " " + strings.Join(otherSentences[3:], " ")
	a, b := normalize(article), normalize(src)
	o := PAN
	o.Sentence.SummaryMaxCos = 1.01 // any region may be a summary here
	ps := Align(a, b, o)
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want 1: %+v", len(ps), ps)
	}
	p := ps[0]
	if p.B != (Range{0, len(b.Tokens)}) {
		t.Errorf("source side %+v, want the whole source (%d tokens)", p.B, len(b.Tokens))
	}
	o.Sentence.SummaryRatio = 0
	for _, q := range Align(a, b, o) {
		if q.B == (Range{0, len(b.Tokens)}) {
			t.Errorf("summary rule off, yet a passage spans the whole source: %+v", q)
		}
	}
	lo := strings.Index(article, summary)
	if s, e := int(a.Tokens[p.A.Start].Start), int(a.Tokens[p.A.End-1].End); s < lo || e > lo+len(summary) {
		t.Errorf("article side %q reaches outside the summary", article[s:e])
	}
}
