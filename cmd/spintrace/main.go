// Command spintrace traces news articles back to the sources they were
// copied, spun or stitched from. This package is the only place that picks
// store backends, prints to the terminal and exits; each subcommand lives in
// cmd_<name>.go and calls a plain runX function.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1 // bad input, not found, store or I/O failure
	exitUsage       = 2 // wrong flags or arguments
	exitInterrupted = 130
)

// usageError marks an error in how the command was called.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	root := newRoot()
	err := root.ExecuteContext(ctx)
	interrupted := ctx.Err() != nil
	stop()
	os.Exit(exitCode(interrupted, err))
}

func exitCode(interrupted bool, err error) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(os.Stderr, "spintrace: %v\n", err)
	var u usageError
	switch {
	case errors.As(err, &u):
		fmt.Fprintln(os.Stderr, "run 'spintrace --help' for usage")
		return exitUsage
	case interrupted:
		return exitInterrupted
	}
	return exitFailure
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "spintrace",
		Short: "Trace news articles to the sources they were copied, spun or stitched from",
		Long: `spintrace finds where every passage of a news article came from: the source
articles, the words that were swapped ("Russia" -> "Russian Federation"), and
how the pieces were stitched together. Index a corpus once, then trace any
article against it.

The index is an embedded store in one directory: --db PATH, or the
SPINTRACE_DB environment variable, or ./spintrace.db by default.

Exit codes: 0 ok, 1 bad input / not found / failure, 2 usage error.`,
		Example: `  spintrace index --db news.db ./articles
  spintrace trace --db news.db suspicious.txt
  spintrace trace --db news.db --json - < suspicious.txt`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newIndexCmd(), newTraceCmd(), newDemoCmd(), newLexiconCmd(), newServeCmd(), newBenchCmd(), newWorkerCmd(), newEvalCmd(), newClusterCmd(), newSitesCmd())
	return root
}

// exactArgs and friends wrap cobra's argument checks as usage errors.
func argsCheck(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// writeJSON prints v as indented JSON, the form of every --json output.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
