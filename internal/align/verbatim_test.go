package align

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExactRuns(t *testing.T) {
	a := normalize("one two three four five six seven. Alpha beta gamma delta.")
	b := normalize("Zero one two three four five six seven eight. Alpha beta gamma delta epsilon.")
	got := exactRuns(a, b, VerbatimOptions{MinRun: 3})
	// "one ... seven" (7 tokens) and "alpha ... delta" (4), each maximal.
	want := []run{{a: 0, b: 1, n: 7}, {a: 7, b: 9, n: 4}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(run{})); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
	if got := exactRuns(a, b, VerbatimOptions{MinRun: 5}); len(got) != 1 || got[0].n != 7 {
		t.Errorf("MinRun 5: got %+v, want the 7-token run alone", got)
	}
}

func TestBestStretch(t *testing.T) {
	for _, tc := range []struct {
		name string
		runs []run
		gap  int32
		want stretch
	}{
		{"one run", []run{{a: 5, b: 9, n: 10}}, 2, stretch{5, 15, 9, 19, 10}},
		{"chained over a substituted word", []run{{a: 0, b: 0, n: 10}, {a: 11, b: 11, n: 8}}, 2, stretch{0, 19, 0, 19, 18}},
		{"gap too wide", []run{{a: 0, b: 0, n: 10}, {a: 14, b: 14, n: 8}}, 2, stretch{0, 10, 0, 10, 10}},
		{"out of order in the source", []run{{a: 0, b: 20, n: 6}, {a: 7, b: 0, n: 9}}, 2, stretch{7, 16, 0, 9, 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := bestStretch(tc.runs, tc.gap)
			if !ok || got != tc.want {
				t.Errorf("got %+v (ok %v), want %+v", got, ok, tc.want)
			}
		})
	}
	if _, ok := bestStretch(nil, 2); ok {
		t.Error("no runs: ok")
	}
}

// TestAlignVerbatimSnap: a copy that starts in the middle of a source
// sentence and ends before the end of another is reported with its exact
// extent, not the whole sentences around it.
func TestAlignVerbatimSnap(t *testing.T) {
	full := strings.Join(sourceSentences[1:5], " ")
	// The copy starts at "reached" and stops after "vote".
	copied := full[strings.Index(full, "reached"):strings.Index(full, " on the proposal")]
	src := strings.Join(sourceSentences, " ")
	article := strings.Join(otherSentences[:3], " ") + " Officials said the parties " + copied +
		" again, they said. " + strings.Join(otherSentences[3:], " ")
	a, b := normalize(article), normalize(src)
	for _, tc := range []struct {
		name     string
		verbatim VerbatimOptions
		exact    bool
	}{
		{"snapped", PAN.Sentence.Verbatim, true},
		{"off", VerbatimOptions{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := PAN
			o.Sentence.Verbatim = tc.verbatim
			ps := Align(a, b, o)
			if len(ps) != 1 {
				t.Fatalf("got %d passages, want 1: %+v", len(ps), ps)
			}
			p := ps[0]
			gotA := article[a.Tokens[p.A.Start].Start:a.Tokens[p.A.End-1].End]
			gotB := src[b.Tokens[p.B.Start].Start:b.Tokens[p.B.End-1].End]
			if tc.exact {
				if gotA != copied || gotB != copied {
					t.Errorf("passage\n A %q\n B %q\nwant the copy %q on both sides", gotA, gotB, copied)
				}
				return
			}
			if !strings.Contains(gotB, copied) || gotB == copied {
				t.Errorf("source side %q: want whole sentences around the copy", gotB)
			}
		})
	}
}

// TestAlignVerbatimExclusive: next to a verbatim copy, a sentence that
// only resembles another source sentence is dropped when Exclusive is on.
func TestAlignVerbatimExclusive(t *testing.T) {
	src := strings.Join(sourceSentences, " ")
	copied := strings.Join(sourceSentences[0:3], " ")
	loose := "Local firms complained the dispute had cost them many customers and forced several plants to cut production."
	article := strings.Join(otherSentences[:3], " ") + " " + copied + " " +
		strings.Join(otherSentences[3:], " ") + " " + loose + " " + otherSentences[0]
	a, b := normalize(article), normalize(src)
	o := PAN
	o.Sentence.MinBytes, o.Sentence.Gap = 50, 2 // the loose sentence is a passage of its own
	o.Sentence.Verbatim.Exclusive = false
	if n := len(Align(a, b, o)); n != 2 {
		t.Fatalf("without Exclusive: %d passages, want the copy and the loose sentence", n)
	}
	o.Sentence.Verbatim.Exclusive = true
	ps := Align(a, b, o)
	if len(ps) != 1 {
		t.Fatalf("with Exclusive: %d passages, want the copy alone: %+v", len(ps), ps)
	}
	if got := article[a.Tokens[ps[0].A.Start].Start:a.Tokens[ps[0].A.End-1].End]; got != strings.TrimSuffix(copied, ".") {
		t.Errorf("kept %q, want the copy", got)
	}
}

// TestAlignSummaryJoin: two article passages next to each other whose
// source sides lie far apart in a long source are one summary.
func TestAlignSummaryJoin(t *testing.T) {
	src := strings.Join(sourceSentences[:2], " ") + " " + strings.Join(otherSentences, " ") +
		" " + strings.Join(sourceSentences[6:], " ")
	article := filler[0] + " Port Calder dock workers would return to the cargo terminals after a strike that lasted eleven days. " +
		"The governor welcomed the agreement and urged both sides to rebuild trust." + " " + filler[1]
	a, b := normalize(article), normalize(src)
	o := PAN
	o.Sentence.MinBytes, o.Sentence.SummaryMinBytes = 50, 100
	o.Sentence.SummaryGap = 0 // the seed rule off: only the join
	o.Sentence.Verbatim = VerbatimOptions{}
	whole := Range{0, len(b.Tokens)}
	ps := Align(a, b, o)
	if len(ps) != 1 || ps[0].B != whole {
		t.Fatalf("got %+v, want one passage against the whole source", ps)
	}
	o.Sentence.SummaryJoin = 0
	if ps := Align(a, b, o); len(ps) != 2 {
		t.Errorf("join off: got %+v, want two passages", ps)
	}
}
