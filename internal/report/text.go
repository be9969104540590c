// Package report renders trace results for people: a compact text report
// for the terminal (colour optional). JSON output is the Result itself.
//
// Pure functions over a Result; safe for concurrent use.
package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spintrace/spintrace"
)

// Options control rendering.
type Options struct {
	Color   bool // ANSI colours
	Excerpt int  // characters of text shown per passage (default 110)
}

type painter struct{ on bool }

func (p painter) c(code, s string) string {
	if !p.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p painter) bold(s string) string  { return p.c("1", s) }
func (p painter) dim(s string) string   { return p.c("2", s) }
func (p painter) red(s string) string   { return p.c("31", s) }
func (p painter) green(s string) string { return p.c("32", s) }
func (p painter) cyan(s string) string  { return p.c("36", s) }

// Text writes the human-readable report of r to w.
func Text(w io.Writer, r *spintrace.Result, o Options) error {
	if o.Excerpt <= 0 {
		o.Excerpt = 110
	}
	p := painter{o.Color}
	var b strings.Builder
	title := r.Article.Title
	if title == "" {
		title = "(untitled)"
	}
	fmt.Fprintf(&b, "%s %s", p.bold("TRACE"), p.bold(quote(title)))
	if r.Article.Origin != "" {
		fmt.Fprintf(&b, "  %s", p.dim(r.Article.Origin))
	}
	if len(r.Sources) == 0 && len(r.Related) > 0 {
		fmt.Fprintf(&b, "\n  %d words · %s shared with %d related document%s · %d candidates aligned in %.0f ms\n",
			r.Article.Words, pct(r.Coverage), len(r.Related), plural(len(r.Related)), r.Candidates, r.Timing.Total)
	} else {
		fmt.Fprintf(&b, "\n  %d words · %s explained by %d source%s · %s unexplained · %d candidates aligned in %.0f ms\n",
			r.Article.Words, pct(r.Coverage), len(r.Sources), plural(len(r.Sources)), pct(1-r.Coverage), r.Candidates, r.Timing.Total)
	}
	verdict(&b, p, r)
	if len(r.Sources) == 0 {
		fmt.Fprintf(&b, "\n%s\n", "No source in the index explains this article.")
		if len(r.Related) > 0 {
			fmt.Fprintf(&b, "\n%s %s\n", p.bold("RELATED"), p.dim("(short shared passages, not sources)"))
			for _, s := range r.Related {
				fmt.Fprintf(&b, "  %-3d %6s  %-10s  %-24s %s\n", s.Rank, pct(s.Share), date(s.Doc), clip(orDash(s.Doc.Site), 24), quote(clip(orDash(s.Doc.Title), 60)))
				for _, ps := range s.Passages {
					fmt.Fprintf(&b, "      %d-%d %s\n", ps.Article.Start, ps.Article.End, quote(excerpt(ps.ArticleText, o.Excerpt)))
				}
			}
		}
		sharedQuotes(&b, p, r)
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "\n%s\n", p.bold("SOURCES"))
	fmt.Fprintf(&b, "  %-3s %6s %6s  %-10s  %-24s %s\n", "#", "share", "exact", "date", "site", "title")
	for _, s := range r.Sources {
		fmt.Fprintf(&b, "  %-3d %6s %6s  %-10s  %-24s %s\n", s.Rank, pct(s.Share), pct(s.Similarity), date(s.Doc),
			clip(orDash(s.Doc.Site), 24), quote(clip(orDash(s.Doc.Title), 60)))
		fmt.Fprintf(&b, "      %s\n", p.dim(fmt.Sprintf("id %s  %s", short(s.Doc.ID), s.Doc.Origin)))
		for _, a := range s.AlsoIn {
			fmt.Fprintf(&b, "      %s\n", p.dim(fmt.Sprintf("also in %s  %s", short(a.ID), a.Origin)))
		}
	}
	fmt.Fprintf(&b, "\n%s\n", p.bold("PASSAGES (article order)"))
	type item struct {
		src int
		ps  spintrace.Passage
	}
	var items []item
	for _, s := range r.Sources {
		for _, ps := range s.Passages {
			items = append(items, item{s.Rank, ps})
		}
	}
	slices.SortFunc(items, func(a, b item) int { return cmp.Compare(a.ps.Article.Start, b.ps.Article.Start) })
	for _, it := range items {
		fmt.Fprintf(&b, "  %s article %d-%d <- source %d, %d-%d  %s\n", p.cyan(fmt.Sprintf("[%d]", it.src)),
			it.ps.Article.Start, it.ps.Article.End, it.src, it.ps.Source.Start, it.ps.Source.End,
			p.dim(fmt.Sprintf("%d words, %d matched", it.ps.Words, it.ps.Matched)))
		fmt.Fprintf(&b, "      %s\n", quote(excerpt(it.ps.ArticleText, o.Excerpt)))
	}
	subs := 0
	for _, s := range r.Sources {
		subs += len(s.Substitutions)
	}
	if subs > 0 {
		fmt.Fprintf(&b, "\n%s %s\n", p.bold("SUBSTITUTIONS"), p.dim("source -> article"))
		for _, s := range r.Sources {
			for _, sub := range s.Substitutions {
				fmt.Fprintf(&b, "  [%d] %s -> %s  %s\n", s.Rank, p.red(sub.From), p.green(sub.To), p.dim(fmt.Sprintf("%s, article %d-%d", sub.Kind, sub.Article.Start, sub.Article.End)))
			}
		}
	}
	changes(&b, p, r)
	sharedQuotes(&b, p, r)
	if len(r.Unexplained) > 0 {
		fmt.Fprintf(&b, "\n%s\n", p.bold("UNEXPLAINED"))
		for _, u := range r.Unexplained {
			fmt.Fprintf(&b, "  %d-%d  %s\n", u.Start, u.End, quote(excerpt(u.Text, o.Excerpt)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func date(d spintrace.DocRef) string {
	if d.Published.IsZero() {
		return "undated"
	}
	return d.Published.Format("2006-01-02")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func quote(s string) string { return "\u201c" + s + "\u201d" }

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// excerpt flattens whitespace and keeps the start and end of long text.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	head := n * 2 / 3
	tail := n - head - 3
	return string(r[:head]) + " … " + string(r[len(r)-tail:])
}
