package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace/internal/eval/pan"
	"github.com/spintrace/spintrace/internal/textnorm"
)

func newEvalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure the engine on benchmark corpora",
		Example: `  spintrace eval pan --corpus ../shared/data/pan13-ta-train
  spintrace eval spin --corpus ../shared/data/bbc-news/bbc --derivatives 1000
  spintrace eval sites --corpus ../shared/data/bbc-news/bbc`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return usagef("eval needs a subcommand: pan, spin or sites")
		},
	}
	cmd.AddCommand(newEvalPanCmd())
	cmd.AddCommand(newEvalSpinCmd())
	cmd.AddCommand(newEvalSitesCmd())
	return cmd
}

type evalPanOptions struct {
	corpus   string
	out      string
	json     bool
	workers  int
	sample   int
	quiet    bool
	ablation string
}

func newEvalPanCmd() *cobra.Command {
	var o evalPanOptions
	cmd := &cobra.Command{
		Use:   "pan --corpus DIR [flags]",
		Short: "Run the PAN text-alignment benchmark",
		Long: `Eval pan runs the engine's alignment (the canonicalization and aligner that
trace uses, with the PAN options align.PAN) on every pair of a PAN 2013
text-alignment corpus: DIR/pairs, DIR/src, DIR/susp and one truth folder per
obfuscation kind. It scores the detections with the PAN measures
(character-level precision and recall, granularity, plagdet), overall and per
folder, and prints a table with the run time. --out writes one PAN XML
detection file per pair, so the official measures can be recomputed.
See docs/evaluation.md.`,
		Example: `  spintrace eval pan --corpus ../shared/data/pan13-ta-train
  spintrace eval pan --corpus ../shared/data/pan13-ta-test2 --out /tmp/det --json`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalPan(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.corpus, "corpus", "", "PAN corpus directory (holds pairs, src/, susp/ and the truth folders)")
	f.StringVar(&o.out, "out", "", "write the detections as PAN XML into this directory")
	f.BoolVar(&o.json, "json", false, "print the report as JSON")
	f.IntVar(&o.workers, "workers", 0, "pairs aligned at once (default: all cores)")
	f.IntVar(&o.sample, "sample", 0, "use only the first N pairs of each folder (0: all)")
	f.StringVar(&o.ablation, "ablation", "none", "take one engine stage out: "+strings.Join(pan.Ablations, ", "))
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress output")
	return cmd
}

func runEvalPan(ctx context.Context, o evalPanOptions, stdout, stderr io.Writer) error {
	if o.corpus == "" {
		return usagef("eval pan: --corpus is required")
	}
	if o.sample < 0 || o.workers < 0 {
		return usagef("eval pan: --sample and --workers must not be negative")
	}
	canon, ao, err := pan.EngineConfig(o.ablation)
	if err != nil {
		return usagef("eval pan: %v", err)
	}
	c, err := pan.OpenCorpus(o.corpus)
	if err != nil {
		return fmt.Errorf("eval pan: %w", err)
	}
	if o.sample > 0 {
		c = c.Sample(o.sample)
	}
	det := pan.EngineDetector(textnorm.New(canon), ao)
	ro := pan.RunOptions{Workers: o.workers, OutDir: o.out}
	if !o.quiet {
		ro.Progress = panProgress(stderr, len(c.Entries))
	}
	r, err := pan.Run(ctx, c, det, ro)
	if err != nil {
		return fmt.Errorf("eval pan: %w", err)
	}
	if o.json {
		return writeJSON(stdout, r)
	}
	return r.WriteTable(stdout)
}

// panProgress returns a Run progress callback: a bar on a terminal, a line
// every five seconds otherwise.
func panProgress(w io.Writer, total int) func(done, total int) {
	if isTerminal(w) {
		bar := progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("aligning pairs"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		return func(done, total int) {
			bar.Set(done)
			if done == total {
				bar.Finish()
			}
		}
	}
	start, last := time.Now(), time.Now()
	return func(done, total int) {
		if time.Since(last) >= 5*time.Second {
			last = time.Now()
			fmt.Fprintf(w, "aligned %d / %d pairs (%.0f pairs/s)\n", done, total, float64(done)/time.Since(start).Seconds())
		}
	}
}
