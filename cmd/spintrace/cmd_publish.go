package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spintrace/spintrace/internal/ingest"
	"github.com/spintrace/spintrace/internal/queue"
)

// runPublish is `index --queue`: it reads the inputs and publishes their
// documents to the work queue; `spintrace worker` processes often indexes
// them into the shared store.
func runPublish(ctx context.Context, o indexOptions, paths []string, files int, total int64, stdout, stderr io.Writer) error {
	pub, err := queue.NewPublisher(ctx, o.queue, queue.Options{})
	if err != nil {
		return err
	}
	prog := newProgress(stderr, total, files, o.quiet)
	failed, skipped := 0, 0
	start := time.Now()
	o.ingest.Workers = o.workers
	walkErr := ingest.Walk(ctx, paths, o.ingest, func(it ingest.Item) error {
		prog.add(it.Bytes)
		switch {
		case it.Err != nil:
			failed++
			prog.warn(it.Err.Error())
			return nil
		case badInputSkips[it.Skip]:
			failed++
			prog.warn(fmt.Sprintf("%s: %s", it.Input, it.Skip))
			return nil
		case it.Skip != "":
			skipped++
			return nil
		}
		return pub.Add(ctx, it.Doc)
	})
	n, closeErr := pub.Close(context.WithoutCancel(ctx))
	prog.finish()
	fmt.Fprintf(stdout, "published %d documents to %s in %.1fs (%d skipped, %d failed); run 'spintrace worker --queue %s --db ...' to index them\n",
		n, o.queue, time.Since(start).Seconds(), skipped, failed, o.queue)
	switch {
	case walkErr != nil:
		return walkErr
	case closeErr != nil:
		return closeErr
	case failed > 0:
		return fmt.Errorf("%d input(s) could not be read (see above); everything else was published", failed)
	}
	return nil
}
