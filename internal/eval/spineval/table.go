package spineval

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/spintrace/spintrace"
)

// classOrder lists the verdict classes in the order tables show them.
var classOrder = []string{spintrace.ClassOriginal, spintrace.ClassSyndicated, spintrace.ClassSpun, spintrace.ClassStitched}

// WriteTable writes the report as Markdown tables: the headline measures,
// then the verdict confusion matrix, the spun modifier by substitution
// share, substitutions by kind and quote findings by flag.
func WriteTable(w io.Writer, r *Report) error {
	var b strings.Builder
	s := r.Setup
	fmt.Fprintf(&b, "Corpus %s: %d documents read, %d near-duplicates dropped, %d indexed, %d held out (%d categories; %d articles reuse text of another and are never held out); seed %d.\n",
		orDash(s.Corpus), s.Read.Docs, s.Duplicates, s.Indexed, s.HeldOut, s.Categories, s.Reusing, s.Seed)
	fmt.Fprintf(&b, "Traced %d derivatives and %d held-out originals (%d failed).\n", s.Derivatives, s.Originals, s.Failed)
	if s.Learn > 0 {
		fmt.Fprintf(&b, "Spin lexicon learned from %d other derivatives first: %d one-word pairs used as aliases.\n", s.Learn, s.Learned)
	}
	b.WriteString("\n")

	src, p, sub, q, v, th := r.Sources, r.Passages, r.Substitutions, r.Quotes, r.Verdict, r.Throughput
	b.WriteString("| measure | value | detail |\n| --- | ---: | --- |\n")
	row := func(name string, val float64, format string, a ...any) {
		fmt.Fprintf(&b, "| %s | %.3f | %s |\n", name, val, fmt.Sprintf(format, a...))
	}
	row("source recall@1", src.RecallAt1, "%d / %d derivatives ranked a true source first", src.TopTrue, src.Derivatives)
	row("source recall@10", src.RecallAt10, "%d / %d true sources in the first 10 (%d of %d quote-only ones found as shared quotations); %d prose sources listed only as shared quotations",
		src.FoundAt10, src.TrueSources, src.QuoteOnlyShared, src.QuoteOnly, src.DemotedToShared)
	row("source precision", src.Precision, "%d / %d reported sources true (%d reported on originals)", src.Correct, src.Reported, src.OnOriginals)
	row("passage plagdet", p.Plagdet, "precision %.3f, recall %.3f, granularity %.3f (%d cases, %d detections)", p.Precision, p.Recall, p.Granularity, p.Cases, p.Detections)
	row("substitution precision", sub.Precision, "%d / %d scored reports (%d neutral, %d inflection, %d outside true passages, %d on false sources)",
		sub.Correct, sub.Reported, sub.Neutral, sub.Inflection, sub.OutsideTruth, sub.OnFalseSources)
	row("substitution recall", sub.Recall, "%d / %d truth substitutions", sub.Found, sub.Truth)
	row("quote-change precision", q.Precision, "%d / %d findings (%d carry a swap on to another quote); unmatched: %d with the speaker named in the quote's sentence, %d without (upper bound %.3f), %d on originals",
		q.Correct, q.Reported, q.Propagated, q.UnmatchedExplicit, q.UnmatchedImplicit, q.PrecisionUpper, q.OnOriginals)
	row("quote-change recall", q.Recall, "speaker swaps %d / %d, dropped quotes %d / %d", q.SwapsFound, q.Swaps, q.DropsFound, q.Drops)
	row("verdict accuracy", v.Accuracy, "%d / %d traces", v.Correct, v.Total)
	row("spun modifier accuracy", v.Spun.Accuracy, "precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d)",
		v.Spun.Precision, v.Spun.Recall, v.Spun.TP, v.Spun.FP, v.Spun.FN, v.Spun.TN)
	if r.Mixin.Cases > 0 {
		row("unexplained text claimed", r.Mixin.Claimed, "%d / %d characters of held-out runs in %d derivatives attributed to a source",
			r.Mixin.ClaimedChars, r.Mixin.Chars, r.Mixin.Cases)
	}
	fmt.Fprintf(&b, "| throughput (traces/s) | %.1f | %d traces in %.1f s on %d workers; latency mean %.1f ms, p50 %.1f ms, p99 %.1f ms; index %.1f MB in %.1f s |\n",
		th.PerSecond, th.Traces, th.Seconds, th.Workers, th.MeanMs, th.P50Ms, th.P99Ms, th.IndexMB, th.IndexSeconds)

	// Confusion matrix.
	got := map[string]bool{}
	for _, rowm := range v.Confusion {
		for k := range rowm {
			got[k] = true
		}
	}
	cols := ordered(got)
	want := map[string]bool{}
	for k := range v.Confusion {
		want[k] = true
	}
	b.WriteString("\nVerdict confusion (rows: truth, columns: reported class):\n\n| truth \\ reported |")
	for _, c := range cols {
		fmt.Fprintf(&b, " %s |", c)
	}
	b.WriteString(" accuracy |\n| --- |" + strings.Repeat(" ---: |", len(cols)+1) + "\n")
	for _, t := range ordered(want) {
		fmt.Fprintf(&b, "| %s |", t)
		n := 0
		for _, c := range cols {
			fmt.Fprintf(&b, " %d |", v.Confusion[t][c])
			n += v.Confusion[t][c]
		}
		fmt.Fprintf(&b, " %.3f |\n", ratio(v.Confusion[t][t], n))
	}

	b.WriteString("\nSpun modifier by true share of substituted article words (derivatives):\n\n| substituted | derivatives | called spun | share |\n| --- | ---: | ---: | ---: |\n")
	for _, rb := range v.Spun.ByRate {
		fmt.Fprintf(&b, "| %s | %d | %d | %.3f |\n", rb.Label, rb.Cases, rb.Spun, rb.Share)
	}

	b.WriteString("\nSubstitution recall by truth kind:\n\n| kind | truth | found | recall | missed: no passage | inflection only | unreported |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, k := range sortedKeys(sub.ByTruthKind) {
		x := sub.ByTruthKind[k]
		fmt.Fprintf(&b, "| %s | %d | %d | %.3f | %d | %d | %d |\n", k, x.Truth, x.Found, x.Recall, x.NoPassage, x.InflectionOnly, x.Unreported)
	}
	b.WriteString("\nSubstitution precision by reported kind:\n\n| kind | reported | correct | precision |\n| --- | ---: | ---: | ---: |\n")
	for _, k := range sortedKeys(sub.ByReportedKind) {
		x := sub.ByReportedKind[k]
		fmt.Fprintf(&b, "| %s | %d | %d | %.3f |\n", k, x.Reported, x.Correct, x.Precision)
	}
	if len(q.ByFlag) > 0 {
		b.WriteString("\nQuote findings by flag:\n\n| flag | reported | correct | precision |\n| --- | ---: | ---: | ---: |\n")
		for _, k := range sortedKeys(q.ByFlag) {
			x := q.ByFlag[k]
			fmt.Fprintf(&b, "| %s | %d | %d | %.3f |\n", k, x.Reported, x.Correct, x.Precision)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ordered returns the keys of set, known classes first in classOrder.
func ordered(set map[string]bool) []string {
	var out []string
	for _, c := range classOrder {
		if set[c] {
			out = append(out, c)
		}
	}
	var rest []string
	for k := range set {
		if !slices.Contains(classOrder, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
