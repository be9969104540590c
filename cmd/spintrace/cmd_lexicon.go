package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
)

type lexiconOptions struct {
	db       string
	site     string
	json     bool
	csv      bool
	minCount int
}

func newLexiconCmd() *cobra.Command {
	var o lexiconOptions
	cmd := &cobra.Command{
		Use:   "lexicon",
		Short: "Export the spin lexicon: word swaps seen across traced articles",
		Long: `Lexicon prints the spin lexicon: every substitution (source words ->
article words) seen when tracing articles, with how often and on which site.
Each trace records its substitutions once per article/source pair (trace
--no-learn skips it). Content farms reuse the same thesaurus, so a site's
lexicon is a fingerprint of its spinning tool.`,
		Example: `  spintrace lexicon --db news.db
  spintrace lexicon --db news.db --site newsflash-hub.example --csv > swaps.csv`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLexicon(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	dbFlag(cmd, &o.db)
	f := cmd.Flags()
	f.StringVar(&o.site, "site", "", "only substitutions used by this site")
	f.BoolVar(&o.json, "json", false, "print JSON")
	f.BoolVar(&o.csv, "csv", false, "print CSV (from,to,site,count)")
	f.IntVar(&o.minCount, "min-count", 1, "leave out pairs seen fewer times")
	return cmd
}

func runLexicon(ctx context.Context, o lexiconOptions, w io.Writer) error {
	if o.json && o.csv {
		return usagef("--json and --csv exclude each other")
	}
	st, err := openStore(ctx, resolveDB(o.db))
	if err != nil {
		return err
	}
	defer st.Close()
	entries := []spintrace.LexEntry{}
	err = st.Lexicon(ctx, o.site, func(e spintrace.LexEntry) error {
		if e.Count >= o.minCount {
			entries = append(entries, e)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read lexicon: %w", err)
	}
	switch {
	case o.json:
		return writeJSON(w, struct {
			Version int                  `json:"version"`
			Entries []spintrace.LexEntry `json:"entries"`
		}{1, entries})
	case o.csv:
		cw := csv.NewWriter(w)
		cw.Write([]string{"from", "to", "site", "count"})
		for _, e := range entries {
			cw.Write([]string{e.From, e.To, e.Site, strconv.Itoa(e.Count)})
		}
		cw.Flush()
		return cw.Error()
	}
	if len(entries) == 0 {
		fmt.Fprintln(w, "the spin lexicon is empty: trace some articles first")
		return nil
	}
	fmt.Fprintf(w, "%-28s %-28s %-26s %s\n", "source words", "article words", "site", "count")
	for _, e := range entries {
		fmt.Fprintf(w, "%-28s %-28s %-26s %d\n", e.From, e.To, orNone(e.Site), e.Count)
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
