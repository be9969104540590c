package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/ingest"
	"github.com/spintrace/spintrace/internal/textnorm"
)

type indexOptions struct {
	db      string
	json    bool
	ingest  ingest.Options
	workers int
	quiet   bool
	queue   string
}

func newIndexCmd() *cobra.Command {
	var o indexOptions
	cmd := &cobra.Command{
		Use:   "index [flags] PATH...",
		Short: "Add documents to the index",
		Long: `Index reads documents and adds them to the index. A PATH is a file, a
directory (read recursively), a glob, or '-' for standard input. Formats are
detected from the extension and the content: plain text, Markdown (with
optional front matter), HTML, WARC, RSS/Atom, JSON Lines and CSV; gzip is
read transparently. --format forces one.

Each document is stored once: its id is the hash of its text. Re-running on
the same input adds nothing, so an interrupted run can simply be repeated to
finish. A summary tells what was added, what was a duplicate, what was
skipped and why, and which inputs failed; the exit status is 1 when any
input could not be read.`,
		Example: `  spintrace index --db news.db ./corpus
  spintrace index --db news.db --format jsonl --text-field body --title-field headline export.jsonl
  spintrace index --db news.db pages.jsonl    # {"url": ..., "site": ..., "date": ..., "file": "pages/001.html"}
  zcat dump.jsonl.gz | spintrace index --format jsonl -`,
		Args: argsCheck(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIndex(cmd.Context(), o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	dbFlag(cmd, &o.db)
	f := cmd.Flags()
	f.BoolVar(&o.json, "json", false, "print the summary as JSON")
	f.StringVar(&o.ingest.Format, "format", "auto", "input format: auto, text, markdown, jsonl, csv, html, warc, feed")
	f.StringVar(&o.ingest.TextField, "text-field", "text", "JSON Lines / CSV field holding the article text")
	f.StringVar(&o.ingest.TitleField, "title-field", "title", "JSON Lines / CSV field holding the title")
	f.StringVar(&o.ingest.URLField, "url-field", "url", "JSON Lines / CSV field holding the URL")
	f.StringVar(&o.ingest.DateField, "date-field", "date", "JSON Lines / CSV field holding the publication date (RFC 3339, 2006-01-02, RFC 1123, Unix time, ...; a date without a day, 2017-04, is kept as unknown)")
	f.StringVar(&o.ingest.SiteField, "site-field", "site", "JSON Lines / CSV field holding the site name")
	f.StringVar(&o.ingest.BylineField, "byline-field", "byline", "JSON Lines / CSV field holding the byline")
	f.StringVar(&o.ingest.FileField, "file-field", "file", "JSON Lines / CSV field holding the path of a text, Markdown or HTML file with the article (relative to the manifest), read when a record has no text field; '' turns it off")
	f.IntVar(&o.workers, "workers", 0, "parallel workers (default: all cores)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress output")
	f.StringVar(&o.queue, "queue", os.Getenv("SPINTRACE_QUEUE"), "publish documents to a NATS JetStream work queue (nats://host:4222) for 'spintrace worker' instead of indexing here (default $SPINTRACE_QUEUE)")
	return cmd
}

// indexSummary is what index reports (JSON: docs/json.md, "index summary").
type indexSummary struct {
	Version     int            `json:"version"`
	DB          string         `json:"db"`
	Added       int            `json:"added"`
	Duplicates  int            `json:"duplicates"`
	Unchanged   int            `json:"unchanged"`
	Skipped     map[string]int `json:"skipped"`
	Failed      int            `json:"failed"`
	Failures    []string       `json:"failures"`
	Bytes       int64          `json:"bytes"`
	Seconds     float64        `json:"seconds"`
	MBPerSec    float64        `json:"mb_per_sec"`
	Docs        int64          `json:"docs_in_index"`
	Interrupted bool           `json:"interrupted,omitempty"`
}

const maxFailuresShown = 10

// badInputSkips are skip reasons that mean a whole input file was unusable;
// they count as failures (named, exit status 1). Other skips (a WARC's
// non-HTML records, a page without main text) are expected and counted.
var badInputSkips = map[string]bool{"binary file": true, "empty text": true, "empty file": true, "empty feed": true, "no documents": true}

// indexItemHook, when set (tests only), sees every input item's number.
var indexItemHook func(n int)

func runIndex(ctx context.Context, o indexOptions, paths []string, stdout, stderr io.Writer) error {
	location := resolveDB(o.db)
	files, total, err := ingest.Measure(paths)
	if err != nil {
		return err
	}
	if o.queue != "" {
		return runPublish(ctx, o, paths, files, total, stdout, stderr)
	}
	st, err := openStore(ctx, location)
	if err != nil {
		return err
	}
	defer st.Close()
	cfg := index.Default()
	prog := newProgress(stderr, total, files, o.quiet)
	b := &index.Builder{Store: st, Norm: textnorm.New(cfg.Canon), Config: cfg, Workers: o.workers}
	sum := indexSummary{Version: 1, DB: location, Skipped: map[string]int{}, Failures: []string{}}
	start := time.Now()
	o.ingest.Workers = o.workers
	items := 0
	walkErr := ingest.Walk(ctx, paths, o.ingest, func(it ingest.Item) error {
		items++
		if indexItemHook != nil {
			indexItemHook(items)
		}
		prog.add(it.Bytes)
		sum.Bytes += it.Bytes
		switch {
		case it.Err != nil:
			sum.Failed++
			if len(sum.Failures) < maxFailuresShown {
				sum.Failures = append(sum.Failures, it.Err.Error())
			}
			prog.warn(it.Err.Error())
			return nil
		case badInputSkips[it.Skip]:
			// a file with nothing to index is bad input: name it
			sum.Failed++
			msg := fmt.Sprintf("%s: %s", it.Input, it.Skip)
			if len(sum.Failures) < maxFailuresShown {
				sum.Failures = append(sum.Failures, msg)
			}
			prog.warn(msg)
			return nil
		case it.Skip != "":
			sum.Skipped[it.Skip]++
			return nil
		}
		return b.Add(ctx, it.Doc)
	})
	// Store what was read even when interrupted: finished batches are whole.
	stats, closeErr := b.Close(context.WithoutCancel(ctx))
	prog.finish()
	sum.Added, sum.Duplicates, sum.Unchanged = stats.Added, stats.Duplicates, stats.Unchanged
	sum.Seconds = time.Since(start).Seconds()
	if sum.Seconds > 0 {
		sum.MBPerSec = float64(sum.Bytes) / 1e6 / sum.Seconds
	}
	if s, err := st.Stats(context.WithoutCancel(ctx)); err == nil {
		sum.Docs = s.Docs
	}
	if closeErr != nil {
		return closeErr
	}
	if walkErr != nil && ctx.Err() != nil {
		sum.Interrupted = true
	}
	if err := printIndexSummary(stdout, sum, o.json); err != nil {
		return err
	}
	switch {
	case sum.Interrupted:
		return fmt.Errorf("interrupted; what was stored is kept, run the same command again to finish: %w", ctx.Err())
	case walkErr != nil:
		return walkErr
	case sum.Failed > 0:
		return fmt.Errorf("%d input(s) could not be indexed (see above); everything else was stored", sum.Failed)
	}
	return nil
}

func printIndexSummary(w io.Writer, s indexSummary, asJSON bool) error {
	if asJSON {
		return writeJSON(w, s)
	}
	fmt.Fprintf(w, "indexed %s: %d added, %d duplicates, %d already indexed", s.DB, s.Added, s.Duplicates, s.Unchanged)
	if s.Failed > 0 {
		fmt.Fprintf(w, ", %d failed", s.Failed)
	}
	fmt.Fprintf(w, "\n%.1f MB in %.1fs (%.1f MB/s); %d documents in the index\n", float64(s.Bytes)/1e6, s.Seconds, s.MBPerSec, s.Docs)
	if len(s.Skipped) > 0 {
		reasons := make([]string, 0, len(s.Skipped))
		for r := range s.Skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		fmt.Fprint(w, "skipped:")
		for _, r := range reasons {
			fmt.Fprintf(w, " %d %s;", s.Skipped[r], r)
		}
		fmt.Fprintln(w)
	}
	for _, f := range s.Failures {
		fmt.Fprintf(w, "failed: %s\n", f)
	}
	if s.Failed > len(s.Failures) {
		fmt.Fprintf(w, "... and %d more failures\n", s.Failed-len(s.Failures))
	}
	return nil
}
