package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace/internal/corpus"
)

type sitesOptions struct {
	db    string
	json  bool
	csv   bool
	site  string
	quiet bool
	full  bool
}

func newSitesCmd() *cobra.Command {
	var o sitesOptions
	cmd := &cobra.Command{
		Use:   "sites",
		Short: "Score every site: how much it copies, spins and stitches, and from whom",
		Long: `Sites traces every indexed document (as cluster does) and scores each site:
the share of its articles that are original, syndicated copies, spun copies or
stitched compilations; the sites it takes from with the median lag after the
first witness; its most used word swaps; and a content-farm score in [0,1]:

  0.35 copied + 0.15 spun + 0.15 stitched + 0.10 copied x fast
  + 0.10 copied x min(1, source sites / 3) + 0.15 marked

where copied, spun and stitched are shares of the site's articles, fast is
the share of its dated copies published within 48 hours of the first witness,
and marked the share of its articles (copied or not) that write at least 2
names the way spinning tools do ("Russian Federation", "USA"). A source that
cannot be ordered against the article by date (same date, or undated) and
took from it in turn, or is the spun side, does not count as taking: versions
of one wire story published the same day are not copies of each other.

Like cluster, sites reuses the analysis saved in the store by the last cluster
or sites run and traces only the documents indexed since (--full: all).`,
		Example: `  spintrace sites --db news.db
  spintrace sites --db news.db --site newsflash-hub.example
  spintrace sites --db news.db --csv > sites.csv`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSites(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	dbFlag(cmd, &o.db)
	f := cmd.Flags()
	f.BoolVar(&o.json, "json", false, "print JSON")
	f.BoolVar(&o.csv, "csv", false, "print CSV, one row per site")
	f.StringVar(&o.site, "site", "", "only this site, with its evidence")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress or stats output")
	f.BoolVar(&o.full, "full", false, "trace every document again instead of reusing the saved analysis")
	return cmd
}

func runSites(ctx context.Context, o sitesOptions, w, stderr io.Writer) error {
	if o.json && o.csv {
		return usagef("--json and --csv exclude each other")
	}
	a, err := analyzeDB(ctx, o.db, o.quiet, o.full, stderr)
	if err != nil {
		return err
	}
	sites := corpus.Sites(a)
	if o.site != "" {
		var one []corpus.SiteScore
		for _, s := range sites {
			if s.Site == o.site {
				one = append(one, s)
			}
		}
		if one == nil {
			return fmt.Errorf("site %q has no indexed article", o.site)
		}
		sites = one
	}
	switch {
	case o.json:
		return writeJSON(w, struct {
			Version int                `json:"version"`
			Sites   []corpus.SiteScore `json:"sites"`
		}{corpus.Version, sites})
	case o.csv:
		return writeSitesCSV(w, sites)
	}
	fmt.Fprintf(w, "%-28s %5s %8s %6s %6s %6s %6s  %s\n", "site", "score", "articles", "orig", "synd", "spun", "stitch", "takes from")
	for _, s := range sites {
		fmt.Fprintf(w, "%-28s %5.2f %8d %6d %6d %6d %6d  %s\n", orNone(s.Site), s.Score, s.Articles, s.Original, s.Syndicated, s.Spun, s.Stitched, takesFrom(s.TakesFrom))
	}
	if o.site != "" {
		s := sites[0]
		fmt.Fprintln(w, "\nevidence:")
		for _, e := range s.Evidence {
			fmt.Fprintf(w, "  - %s\n", e)
		}
		if len(s.Substitutions) > 0 {
			fmt.Fprintln(w, "most used swaps:")
			for _, sw := range s.Substitutions {
				fmt.Fprintf(w, "  %q -> %q (%s) x%d\n", sw.From, sw.To, sw.Kind, sw.Count)
			}
		}
	}
	return nil
}

func takesFrom(links []corpus.SiteLink) string {
	parts := make([]string, 0, len(links))
	for _, l := range links {
		lag := "lag unknown"
		if l.MedianLagHours != nil {
			lag = fmt.Sprintf("median lag %.0fh", *l.MedianLagHours)
		}
		parts = append(parts, fmt.Sprintf("%s (%d, %s)", orNone(l.Site), l.Articles, lag))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

func writeSitesCSV(w io.Writer, sites []corpus.SiteScore) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"site", "score", "articles", "original", "syndicated", "spun", "stitched", "spun_any", "marked", "parallel", "copied_share", "takes_from", "evidence"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	for _, s := range sites {
		var from []string
		for _, l := range s.TakesFrom {
			from = append(from, l.Site)
		}
		cw.Write([]string{s.Site, f(s.Score), strconv.Itoa(s.Articles), strconv.Itoa(s.Original), strconv.Itoa(s.Syndicated),
			strconv.Itoa(s.Spun), strconv.Itoa(s.Stitched), strconv.Itoa(s.SpunAny), strconv.Itoa(s.Marked), strconv.Itoa(s.Parallel), f(s.CopiedShare), strings.Join(from, " "), strings.Join(s.Evidence, "; ")})
	}
	cw.Flush()
	return cw.Error()
}
