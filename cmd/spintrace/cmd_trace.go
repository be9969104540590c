package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/ingest"
	"github.com/spintrace/spintrace/internal/report"
)

type traceOptions struct {
	db      string
	json    bool
	color   string
	format  string
	noLearn bool
	learned bool
}

func newTraceCmd() *cobra.Command {
	var o traceOptions
	cmd := &cobra.Command{
		Use:   "trace [flags] FILE",
		Short: "Trace an article to its sources",
		Long: `Trace finds the sources an article was copied, spun or stitched from.
FILE is a text, Markdown or HTML file, or '-' for standard input; a JSON
Lines file traces every document in it.

The report lists the sources ranked by how much of the article they explain,
each aligned passage with its character ranges in both texts, the words
that were swapped (source word -> article word), and the text no source
explains. --json prints the same as a versioned document (docs/json.md).`,
		Example: `  spintrace trace --db news.db article.txt
  curl -s https://example.org/story | spintrace trace --format html -
  spintrace trace --json article.md | jq '.sources[].doc.title'`,
		Args: argsCheck(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrace(cmd.Context(), o, args[0], cmd.OutOrStdout())
		},
	}
	dbFlag(cmd, &o.db)
	f := cmd.Flags()
	f.BoolVar(&o.json, "json", false, "print the result as JSON (schema: docs/json.md)")
	f.StringVar(&o.color, "color", "auto", "colour the report: auto (on a terminal), always, never")
	f.StringVar(&o.format, "format", "auto", "input format: auto, text, markdown, html, jsonl")
	f.BoolVar(&o.noLearn, "no-learn", false, "do not add this trace's substitutions to the spin lexicon")
	f.BoolVar(&o.learned, "learned-aliases", false, "treat one-word swaps seen 3+ times in the spin lexicon as aliases (experimental: lowers accuracy in eval spin)")
	return cmd
}

func runTrace(ctx context.Context, o traceOptions, path string, stdout io.Writer) error {
	switch o.color {
	case "auto", "always", "never":
	default:
		return usagef("--color must be auto, always or never, not %q", o.color)
	}
	docs, err := readArticles(ctx, path, o.format)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, resolveDB(o.db))
	if err != nil {
		return err
	}
	defer st.Close()
	eng, err := newEngine(ctx, st, o.learned)
	if err != nil {
		return err
	}
	color := o.color == "always" || o.color == "auto" && isTerminal(stdout)
	for i, d := range docs {
		res, err := eng.Trace(ctx, d)
		if err != nil {
			return fmt.Errorf("trace %s: %w", d.Origin, err)
		}
		if !o.noLearn {
			if err := eng.Learn(ctx, res); err != nil {
				return err
			}
		}
		if o.json {
			enc := json.NewEncoder(stdout)
			if len(docs) == 1 {
				enc.SetIndent("", "  ")
			}
			if err := enc.Encode(res); err != nil {
				return err
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := report.Text(stdout, res, report.Options{Color: color}); err != nil {
			return err
		}
	}
	return nil
}

// readArticles reads the documents of one input through the ingest readers.
func readArticles(ctx context.Context, path, format string) ([]spintrace.Doc, error) {
	var docs []spintrace.Doc
	var firstErr error
	err := ingest.Walk(ctx, []string{path}, ingest.Options{Format: format, Workers: 1}, func(it ingest.Item) error {
		switch {
		case it.Err != nil:
			if firstErr == nil {
				firstErr = it.Err
			}
		case it.Skip != "":
			if firstErr == nil {
				firstErr = fmt.Errorf("%s: %s (%w)", it.Input, it.Skip, spintrace.ErrBadInput)
			}
		default:
			docs = append(docs, it.Doc)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, fmt.Errorf("%s: no article text found (%w)", path, spintrace.ErrBadInput)
	}
	return docs, nil
}
