// Package queue feeds an index from a NATS JetStream work queue, so that any
// number of ingest workers on any number of machines can index into one
// shared store (PostgreSQL): a Publisher puts documents on the queue, each
// Worker takes batches off it, fingerprints them (index.Prepare) and stores
// them (spintrace.Store.Put), and acknowledges a batch only once it is
// stored.
//
// Delivery is at least once: a worker that dies holding a batch never acks
// it, and JetStream hands the batch to another worker after AckWait. Writes
// are idempotent (a document id is stored once, however often it is
// delivered), so redelivery never duplicates anything. Publishing is
// deduplicated too: every message carries a Nats-Msg-Id made of the
// document id and its origin, so re-running a publish within the stream's
// duplicate window adds no messages.
//
// The stream uses the work-queue retention policy: a message is deleted once
// acked. All workers share one durable pull consumer.
//
// Concurrency: a Publisher is not safe for concurrent use; a Worker runs one
// loop (Run) at a time; run more Workers for more parallelism, in one
// process or many.
package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Options name the queue and tune delivery. The zero value is usable.
// The publishers and workers of one queue must use the same Options: the
// stream is created by the first to connect, and the shared consumer's
// configuration (AckWait, Batch) is set by each worker as it starts.
type Options struct {
	// Stream is the JetStream stream (default "SPINTRACE_DOCS").
	Stream string
	// Subject documents are published on (default "spintrace.docs").
	Subject string
	// Consumer is the durable consumer the workers share (default
	// "spintrace-workers").
	Consumer string
	// AckWait is how long a delivered batch may stay unacknowledged before
	// JetStream redelivers it to another worker (default 1 minute). It must
	// exceed the time one batch takes to store.
	AckWait time.Duration
	// Batch is how many documents a worker takes at once (default 64).
	Batch int
	// Duplicates is the window in which a republished document (same id
	// and origin) is dropped by the server (default 10 minutes).
	Duplicates time.Duration
}

func (o Options) withDefaults() Options {
	if o.Stream == "" {
		o.Stream = "SPINTRACE_DOCS"
	}
	if o.Subject == "" {
		o.Subject = "spintrace.docs"
	}
	if o.Consumer == "" {
		o.Consumer = "spintrace-workers"
	}
	if o.AckWait <= 0 {
		o.AckWait = time.Minute
	}
	if o.Batch <= 0 {
		o.Batch = 64
	}
	if o.Duplicates <= 0 {
		o.Duplicates = 10 * time.Minute
	}
	return o
}

// connect dials url and makes sure the stream exists.
func connect(ctx context.Context, url string, o Options, jsOpts ...jetstream.JetStreamOpt) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.Name("spintrace"))
	if err != nil {
		return nil, nil, fmt.Errorf("queue: connect to %s: %w", url, err)
	}
	js, err := jetstream.New(nc, jsOpts...)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("queue: jetstream on %s: %w", url, err)
	}
	if err := ensureStream(ctx, js, o); err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, js, nil
}

// ensureStream creates the stream when it is missing. Two processes
// creating it at once both succeed: the configurations are identical.
func ensureStream(ctx context.Context, js jetstream.JetStream, o Options) error {
	_, err := js.Stream(ctx, o.Stream)
	if err == nil {
		return nil
	}
	if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return fmt.Errorf("queue: look up stream %s: %w", o.Stream, err)
	}
	_, err = js.CreateStream(ctx, jetstream.StreamConfig{
		Name:       o.Stream,
		Subjects:   []string{o.Subject},
		Retention:  jetstream.WorkQueuePolicy,
		Storage:    jetstream.FileStorage,
		Duplicates: o.Duplicates,
	})
	if err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		return fmt.Errorf("queue: create stream %s: %w", o.Stream, err)
	}
	return nil
}

// Pending returns how many documents wait in the queue and how many are
// delivered but not yet acknowledged.
func Pending(ctx context.Context, url string, o Options) (waiting, inFlight int, err error) {
	o = o.withDefaults()
	nc, js, err := connect(ctx, url, o)
	if err != nil {
		return 0, 0, err
	}
	defer nc.Close()
	c, err := js.Consumer(ctx, o.Stream, o.Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		s, err := js.Stream(ctx, o.Stream)
		if err != nil {
			return 0, 0, fmt.Errorf("queue: stream %s: %w", o.Stream, err)
		}
		return int(s.CachedInfo().State.Msgs), 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("queue: consumer %s: %w", o.Consumer, err)
	}
	info, err := c.Info(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("queue: consumer %s: %w", o.Consumer, err)
	}
	return int(info.NumPending), info.NumAckPending, nil
}

// Delete removes the stream and its consumer, with every message in it.
func Delete(ctx context.Context, url string, o Options) error {
	o = o.withDefaults()
	nc, err := nats.Connect(url, nats.Name("spintrace"))
	if err != nil {
		return fmt.Errorf("queue: connect to %s: %w", url, err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return fmt.Errorf("queue: jetstream on %s: %w", url, err)
	}
	if err := js.DeleteStream(ctx, o.Stream); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
		return fmt.Errorf("queue: delete stream %s: %w", o.Stream, err)
	}
	return nil
}
