package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/queue"
	"github.com/spintrace/spintrace/internal/textnorm"
)

type workerOptions struct {
	queue      string
	db         string
	queueOpts  queue.Options
	parallel   int
	untilEmpty bool
	quiet      bool
}

func newWorkerCmd() *cobra.Command {
	var o workerOptions
	cmd := &cobra.Command{
		Use:   "worker --queue nats://HOST:4222 --db postgres://...",
		Short: "Index documents taken from a NATS JetStream work queue",
		Long: `Worker takes the documents 'spintrace index --queue' published off a NATS
JetStream work queue, fingerprints them and stores them in the index, in
batches. Run any number of workers, on any number of machines, against one
PostgreSQL index: each batch goes to one worker, and is acknowledged only
once it is stored, so a worker that dies loses nothing (its batch is handed
to another worker after --ack-wait). A document delivered twice is stored
once.

The queue is --queue or $SPINTRACE_QUEUE; the index is --db or
$SPINTRACE_DB. The worker runs until interrupted, or with --until-empty until
the queue is drained.`,
		Example: `  spintrace worker --queue nats://127.0.0.1:4222 --db postgres://spintrace@db:5432/news
  spintrace worker --queue nats://127.0.0.1:4222 --db postgres://... --parallel 4 --until-empty`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWorker(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	dbFlag(cmd, &o.db)
	f := cmd.Flags()
	f.StringVar(&o.queue, "queue", "", "NATS server of the work queue (default $SPINTRACE_QUEUE)")
	f.StringVar(&o.queueOpts.Stream, "stream", "", "JetStream stream name (default SPINTRACE_DOCS)")
	f.StringVar(&o.queueOpts.Subject, "subject", "", "subject documents are published on (default spintrace.docs)")
	f.StringVar(&o.queueOpts.Consumer, "consumer", "", "durable consumer shared by the workers (default spintrace-workers)")
	f.IntVar(&o.queueOpts.Batch, "batch", 0, "documents per batch (default 64)")
	f.DurationVar(&o.queueOpts.AckWait, "ack-wait", 0, "redeliver a batch not acknowledged within this time (default 1m)")
	f.IntVar(&o.parallel, "parallel", 1, "workers in this process")
	f.BoolVar(&o.untilEmpty, "until-empty", false, "exit once the queue is drained")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress output")
	return cmd
}

// workerSummary is what worker reports when it stops.
type workerSummary struct {
	Added, Duplicates, Unchanged, Rejected, Batches int
}

func runWorker(ctx context.Context, o workerOptions, stdout, stderr io.Writer) error {
	url := o.queue
	if url == "" {
		url = os.Getenv("SPINTRACE_QUEUE")
	}
	if url == "" {
		return usagef("worker needs --queue nats://HOST:PORT (or $SPINTRACE_QUEUE)")
	}
	if o.parallel < 1 {
		return usagef("--parallel must be at least 1")
	}
	location := resolveDB(o.db)
	st, err := openStore(ctx, location)
	if err != nil {
		return err
	}
	defer st.Close()
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)

	var mu sync.Mutex
	var sum workerSummary
	start, last := time.Now(), time.Now()
	onBatch := func(s spintrace.PutStats, _ int) {
		mu.Lock()
		defer mu.Unlock()
		sum.Batches++
		sum.Added += s.Added
		sum.Duplicates += s.Duplicates
		sum.Unchanged += s.Unchanged
		if !o.quiet && time.Since(last) > 5*time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "worker: %d added, %d duplicates, %d already indexed (%.0f docs/s)\n",
				sum.Added, sum.Duplicates, sum.Unchanged, float64(sum.Added+sum.Duplicates+sum.Unchanged)/time.Since(start).Seconds())
		}
	}
	onReject := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		sum.Rejected++
		if !o.quiet {
			fmt.Fprintf(stderr, "worker: dropped a message: %v\n", err)
		}
	}
	errs := make([]error, o.parallel)
	var wg sync.WaitGroup
	for i := range o.parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &queue.Worker{Store: st, Norm: norm, Config: cfg, Options: o.queueOpts,
				UntilEmpty: o.untilEmpty, OnBatch: onBatch, OnReject: onReject}
			errs[i] = w.Run(ctx, url)
		}()
	}
	wg.Wait()
	fmt.Fprintf(stdout, "worker stored into %s: %d added, %d duplicates, %d already indexed, %d rejected, in %d batches (%.1fs)\n",
		redact(location), sum.Added, sum.Duplicates, sum.Unchanged, sum.Rejected, sum.Batches, time.Since(start).Seconds())
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if ctx.Err() != nil && !o.untilEmpty {
		return nil // a long-running worker stopped by a signal: a clean stop
	}
	return ctx.Err()
}

// redact hides the password of a database URL in output.
func redact(location string) string {
	u, err := url.Parse(location)
	if err != nil || u.User == nil {
		return location
	}
	return u.Redacted()
}
