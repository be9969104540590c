package report

import (
	"fmt"
	"strings"

	"github.com/spintrace/spintrace"
)

// verdict writes the verdict line and its evidence.
func verdict(b *strings.Builder, p painter, r *spintrace.Result) {
	v := r.Verdict
	if v.Class == "" {
		return
	}
	label := strings.ToUpper(v.Label)
	switch v.Class {
	case spintrace.ClassOriginal:
		label = p.green(label)
	default:
		label = p.red(label)
	}
	fmt.Fprintf(b, "\n%s %s  %s\n", p.bold("VERDICT"), p.bold(label), p.dim(fmt.Sprintf("confidence %.2f", v.Confidence)))
	for _, e := range v.Evidence {
		fmt.Fprintf(b, "  - %s\n", e)
	}
}

// changes writes what was done to the text besides word swaps: renames,
// quotes, joins, reordering, title and dates.
func changes(b *strings.Builder, p painter, r *spintrace.Result) {
	if len(r.EntityRenames) > 0 {
		fmt.Fprintf(b, "\n%s\n", p.bold("ENTITY RENAMES"))
		for _, rn := range r.EntityRenames {
			fmt.Fprintf(b, "  %s -> %s  %s\n", p.red(rn.From), p.green(rn.To), p.dim(fmt.Sprintf("x%d", rn.Count)))
		}
	}
	if len(r.Quotes) > 0 {
		fmt.Fprintf(b, "\n%s\n", p.bold("QUOTES"))
		for _, q := range r.Quotes {
			desc := strings.ReplaceAll(q.Flag, "_", " ")
			switch q.Flag {
			case spintrace.QuoteSpeakerChanged:
				desc = fmt.Sprintf("speaker changed: source %d gives it to %s, the article to %s", q.Source, q.SourceSpeaker, q.Speaker)
				if q.SharedWith != nil {
					desc = fmt.Sprintf("speaker changed: %s (shares only quotations) gives it to %s, the article to %s",
						quote(clip(orDash(q.SharedWith.Title), 50)), q.SourceSpeaker, q.Speaker)
				}
			case spintrace.QuoteAttributionDropped:
				desc = fmt.Sprintf("attribution dropped: source %d gives it to %s", q.Source, q.SourceSpeaker)
			case spintrace.QuoteDropped:
				desc = fmt.Sprintf("quote dropped: %s is said to speak, but nothing is quoted", orDash(q.Speaker))
			case spintrace.QuoteMerged:
				desc = fmt.Sprintf("merged from sources %v", q.Sources)
			}
			fmt.Fprintf(b, "  %s  %s\n      %s\n", p.red("!"), desc, quote(excerpt(q.Text, 100)))
		}
	}
	st := r.Stitching
	if len(st.Segments) > 1 {
		var parts []string
		for _, s := range st.Segments {
			parts = append(parts, fmt.Sprintf("[%d]", s.Source))
		}
		fmt.Fprintf(b, "\n%s %s\n", p.bold("STITCHING"), strings.Join(parts, " "))
		if len(st.Reordered) > 0 {
			fmt.Fprintf(b, "  sentence order changed from source(s) %v\n", st.Reordered)
		}
	}
	if len(st.Joins) > 0 {
		fmt.Fprintf(b, "\n%s\n", p.bold("JOIN ARTIFACTS"))
		for _, j := range st.Joins {
			fmt.Fprintf(b, "  %-8s %s  %s\n", j.Kind, quote(strings.ReplaceAll(j.Text, "\n", "⏎")), p.dim(fmt.Sprintf("article %d-%d", j.Article.Start, j.Article.End)))
		}
	}
	t := r.Title
	if r.Article.Title != "" {
		fmt.Fprintf(b, "\n%s ", p.bold("TITLE"))
		switch {
		case !t.SupportedByBody:
			fmt.Fprintf(b, "%s (best body sentence carries %.0f%% of its words)", p.red("not supported by the body"), 100*t.BodySimilarity)
		default:
			fmt.Fprintf(b, "supported by the body (%.0f%%)", 100*t.BodySimilarity)
		}
		if t.From != nil {
			where := "not a source of the body"
			if t.FromSource > 0 {
				where = fmt.Sprintf("source %d", t.FromSource)
			}
			fmt.Fprintf(b, "; taken from %s (%s, %s)", quote(t.From.Title), orDash(t.From.Site), where)
		}
		fmt.Fprintln(b)
	}
	if r.TimeOrder.Note != "" && len(r.Sources) > 0 {
		fmt.Fprintf(b, "%s %s\n", p.bold("DATES"), r.TimeOrder.Note)
	}
}

func sharedQuotes(b *strings.Builder, p painter, r *spintrace.Result) {
	if len(r.SharedQuotes) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s %s\n", p.bold("SHARES A QUOTATION"), p.dim("(quoted speech only: not counted as a source)"))
	for _, q := range r.SharedQuotes {
		fmt.Fprintf(b, "  %s  %s  %s\n", orDash(q.Doc.Site), quote(clip(orDash(q.Doc.Title), 60)), p.dim(fmt.Sprintf("%d words, id %s", q.Words, short(q.Doc.ID))))
	}
}
