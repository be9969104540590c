package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/spintrace/spintrace"
)

// A source with attributed quotes, written for these tests.
var quoted = []string{
	"Foreign ministers from both countries met in Geneva on Tuesday to discuss the stalled grain corridor agreement.",
	`"We will not accept new conditions on shipping routes," Foreign Minister Anna Berg said after the meeting.`,
	"The talks lasted four hours and ended without a joint statement, according to diplomats familiar with the schedule.",
	`Trade Minister Luis Ortega said the corridor could reopen within weeks. "The ships are ready and the crews are waiting," he said.`,
	"Both delegations agreed to meet again in early May, officials said.",
}

func traceOne(t *testing.T, e *Engine, d spintrace.Doc) *spintrace.Result {
	t.Helper()
	res, err := e.Trace(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func flags(res *spintrace.Result) map[string]spintrace.QuoteFinding {
	m := map[string]spintrace.QuoteFinding{}
	for _, q := range res.Quotes {
		m[q.Flag] = q
	}
	return m
}

func TestQuoteSpeakerChanged(t *testing.T) {
	e := newIndexed(t, doc("geneva", 1, quoted...))
	art := strings.Join(quoted, " ")
	art = strings.Replace(art, "Foreign Minister Anna Berg said", "Trade Minister Luis Ortega said", 1)
	res := traceOne(t, e, spintrace.Doc{Text: art})
	f, ok := flags(res)[spintrace.QuoteSpeakerChanged]
	if !ok {
		t.Fatalf("no speaker change flagged; quotes %+v", res.Quotes)
	}
	if !strings.Contains(f.SourceSpeaker, "Berg") || !strings.Contains(f.Speaker, "Ortega") {
		t.Errorf("speakers %q -> %q", f.SourceSpeaker, f.Speaker)
	}
	if len(res.Quotes) != 1 {
		t.Errorf("want only the changed quote flagged, got %+v", res.Quotes)
	}
}

// A spun verb can make another clause the nearest attribution of a partial
// quotation; the source's speaker is still named in the sentence, so the
// credit did not change.
func TestQuoteSpeakerStillNamedIsNotChanged(t *testing.T) {
	src := append(slices.Clone(quoted),
		`At the awards, singer Chester Bennington said the prize for best rock band was "quite an honour" while Muse said their own win was "a real surprise".`)
	e := newIndexed(t, doc("geneva", 1, src...))
	art := strings.Join(src, " ")
	spun := strings.Replace(art, "Bennington said the prize for best rock band was", "Bennington depicted the prize for best rock band as", 1)
	res := traceOne(t, e, spintrace.Doc{Text: spun})
	if f, ok := flags(res)[spintrace.QuoteSpeakerChanged]; ok {
		t.Errorf("speaker change flagged: %+v", f)
	}
	// the name replaced is a change
	renamed := strings.Replace(art, "singer Chester Bennington said", "singer Brandon Flowers said", 1)
	res = traceOne(t, e, spintrace.Doc{Text: renamed})
	if _, ok := flags(res)[spintrace.QuoteSpeakerChanged]; !ok {
		t.Errorf("renamed speaker not flagged; quotes %+v", res.Quotes)
	}
}

func TestQuoteAttributionDropped(t *testing.T) {
	e := newIndexed(t, doc("geneva", 1, quoted...))
	art := strings.Join(quoted, " ")
	art = strings.Replace(art, `," Foreign Minister Anna Berg said after the meeting.`, `."`, 1)
	res := traceOne(t, e, spintrace.Doc{Text: art})
	if _, ok := flags(res)[spintrace.QuoteAttributionDropped]; !ok {
		t.Fatalf("no dropped attribution flagged; quotes %+v", res.Quotes)
	}
}

func TestQuoteDropped(t *testing.T) {
	e := newIndexed(t, doc("geneva", 1, quoted...))
	art := strings.Join(quoted, " ")
	art = strings.Replace(art, `"We will not accept new conditions on shipping routes," Foreign Minister Anna Berg said after the meeting.`,
		`Foreign Minister Anna Berg said in a statement.`, 1)
	res := traceOne(t, e, spintrace.Doc{Text: art})
	if _, ok := flags(res)[spintrace.QuoteDropped]; !ok {
		t.Fatalf("no dropped quote flagged; quotes %+v", res.Quotes)
	}
}

func TestSharedQuotationIsNotASource(t *testing.T) {
	// Two outlets quote the same speaker in their own words.
	other := []string{
		"Negotiators in Switzerland failed to reach a deal on grain exports this week.",
		`"We will not accept new conditions on shipping routes, and we will never negotiate under pressure from anyone," Berg told reporters in the lobby.`,
		"Her counterpart left the venue without speaking to journalists waiting outside.",
	}
	e := newIndexed(t, doc("geneva", 1, other...))
	art := "Grain exporters are worried about the summer harvest as prices climb. " +
		`"We will not accept new conditions on shipping routes, and we will never negotiate under pressure from anyone," Foreign Minister Anna Berg said after the meeting. ` +
		"Farmers in the south have begun storing wheat in temporary silos."
	res := traceOne(t, e, spintrace.Doc{Text: art})
	if len(res.Sources) != 0 {
		t.Errorf("a shared quotation made a source: %+v", res.Sources[0].Doc)
	}
	if len(res.SharedQuotes) != 1 {
		t.Fatalf("want one shared quotation, got %+v", res.SharedQuotes)
	}
	if res.Verdict.Class != spintrace.ClassOriginal {
		t.Errorf("verdict %s, want original", res.Verdict.Class)
	}
	if len(res.Quotes) != 0 {
		t.Errorf("the same speaker quoted: want no quote finding, got %+v", res.Quotes)
	}
}

// A quotation lifted from another story and set right after another
// speaker's attribution reads as that speaker's: the document it came from
// gives it to someone else.
func TestSharedQuotationCreditedToAnother(t *testing.T) {
	pentagon := []string{
		"Officials at the Pentagon said on Friday that they were still reviewing the evidence from the air base.",
		`One official added that "we cannot talk openly about any complicity between the two governments in this case, but we are carefully assessing every report".`,
		"The review is expected to take several more weeks, the officials said.",
	}
	e := newIndexed(t, doc("pentagon", 1, pentagon...))
	art := "Grain exporters are worried about the summer harvest as prices climb in the region. " +
		"Further strikes would have grave consequences for the whole region, Foreign Minister Anna Berg said. " +
		`"We cannot talk openly about any complicity between the two governments in this case, but we are carefully assessing every report." ` +
		"Farmers in the south have begun storing wheat in temporary silos."
	res := traceOne(t, e, spintrace.Doc{Text: art})
	if len(res.Sources) != 0 || len(res.SharedQuotes) != 1 {
		t.Fatalf("want no source and one shared quotation, got %d sources, %+v", len(res.Sources), res.SharedQuotes)
	}
	f, ok := flags(res)[spintrace.QuoteSpeakerChanged]
	if !ok {
		t.Fatalf("no speaker change flagged; quotes %+v", res.Quotes)
	}
	if f.SharedWith == nil || f.SharedWith.ID != res.SharedQuotes[0].Doc.ID || f.Source != 0 {
		t.Errorf("finding %+v: want it against the shared quotation's document", f)
	}
	if !strings.Contains(f.Speaker, "Berg") || !strings.Contains(f.SourceSpeaker, "official") {
		t.Errorf("speakers %q -> %q, want One official -> Anna Berg", f.SourceSpeaker, f.Speaker)
	}
	if res.Verdict.Class != spintrace.ClassOriginal {
		t.Errorf("verdict %s, want original: a quotation does not make a copy", res.Verdict.Class)
	}
}

func TestTitleCheck(t *testing.T) {
	port := doc("port", 1, srcPort...)
	port.Title = "Port Calder dock strike ends after eleven days"
	flood := doc("flood", 2, srcFlood...)
	flood.Title = "Varna River floods Eastfield districts"
	e := newIndexed(t, port, flood)

	// title from the flood story, body from the port story
	res := traceOne(t, e, spintrace.Doc{Title: "Varna River floods Eastfield districts", Text: strings.Join(srcPort, " ")})
	tc := res.Title
	if tc.SupportedByBody || !tc.Mismatch || tc.From == nil || tc.From.Title != flood.Title || tc.FromSource != 0 {
		t.Errorf("mismatched title: %+v", tc)
	}
	// a title the body supports
	res = traceOne(t, e, spintrace.Doc{Title: "Dock workers return to Port Calder cargo terminals", Text: strings.Join(srcPort, " ")})
	if !res.Title.SupportedByBody || res.Title.Mismatch {
		t.Errorf("supported title: %+v", res.Title)
	}
}

func TestTimeOrderNewerSource(t *testing.T) {
	e := newIndexed(t, doc("port", 20, srcPort...))
	res := traceOne(t, e, spintrace.Doc{Text: strings.Join(srcPort, " "), Published: doc("", 5).Published, Origin: "copy"})
	if len(res.TimeOrder.Newer) != 1 {
		t.Errorf("source dated after the article not flagged: %+v", res.TimeOrder)
	}
}
