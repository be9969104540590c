package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Worker takes documents off the queue and stores them.
type Worker struct {
	Store  spintrace.Store
	Norm   *textnorm.Normalizer
	Config index.Config
	// Options must name the same stream and subject as the publisher's.
	Options Options
	// UntilEmpty stops Run (returning nil) once the queue holds no
	// document and none is in flight; otherwise Run waits for more until
	// its context is done.
	UntilEmpty bool
	// OnBatch, when set, is called after each stored batch with its stats
	// and the number of messages it acknowledged.
	OnBatch func(st spintrace.PutStats, msgs int)
	// OnReject, when set, is called for a message dropped as unusable (not
	// a document, or a document the store refuses as bad input).
	OnReject func(err error)

	// beforeStore, in tests, runs between fetching and storing a batch.
	beforeStore func(msgs int)
}

// idleWait is how long one fetch waits for messages on an empty queue.
const idleWait = time.Second

// Run connects to url, joins the shared durable consumer (creating it when
// missing) and stores batches until ctx is done (returning nil) or, with
// UntilEmpty, the queue is drained. A batch is acknowledged only after its
// Put succeeded; a failed Put returns the error and leaves the batch to be
// redelivered after AckWait.
func (w *Worker) Run(ctx context.Context, url string) error {
	o := w.Options.withDefaults()
	if err := index.Check(ctx, w.Store, w.Config); err != nil {
		return fmt.Errorf("queue: worker: %w", err)
	}
	nc, js, err := connect(ctx, url, o)
	if err != nil {
		return err
	}
	defer nc.Close()
	cons, err := js.CreateOrUpdateConsumer(ctx, o.Stream, jetstream.ConsumerConfig{
		Durable:       o.Consumer,
		FilterSubject: o.Subject,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       o.AckWait,
		// the same on every machine, so workers do not flip the config
		MaxAckPending: 64 * o.Batch,
	})
	if err != nil {
		return fmt.Errorf("queue: join consumer %s on %s: %w", o.Consumer, o.Stream, err)
	}
	for {
		if ctx.Err() != nil {
			return nil
		}
		msgs, err := fetch(ctx, cons, o.Batch)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if len(msgs) == 0 {
			if w.UntilEmpty {
				info, err := cons.Info(ctx)
				if err != nil {
					if ctx.Err() != nil {
						return nil
					}
					return fmt.Errorf("queue: consumer %s: %w", o.Consumer, err)
				}
				if info.NumPending == 0 && info.NumAckPending == 0 {
					return nil
				}
			}
			continue
		}
		if err := w.store(ctx, nc, msgs); err != nil {
			if ctx.Err() != nil {
				return nil // the batch is redelivered: nothing is lost
			}
			return err
		}
	}
}

// fetch takes what is available, up to batch messages, at once; on an
// empty queue it waits up to idleWait for the first ones.
func fetch(ctx context.Context, cons jetstream.Consumer, batch int) ([]jetstream.Msg, error) {
	mb, err := cons.FetchNoWait(batch)
	if err != nil {
		return nil, fmt.Errorf("queue: fetch: %w", err)
	}
	msgs := drain(mb)
	if len(msgs) > 0 || mb.Error() != nil && !errors.Is(mb.Error(), nats.ErrTimeout) {
		return msgs, batchErr(mb)
	}
	wctx, cancel := context.WithTimeout(ctx, idleWait)
	defer cancel()
	mb, err = cons.Fetch(batch, jetstream.FetchContext(wctx))
	if err != nil {
		return nil, fmt.Errorf("queue: fetch: %w", err)
	}
	msgs = drain(mb)
	if ctx.Err() != nil {
		return msgs, ctx.Err()
	}
	return msgs, batchErr(mb)
}

func drain(mb jetstream.MessageBatch) []jetstream.Msg {
	var msgs []jetstream.Msg
	for m := range mb.Messages() {
		msgs = append(msgs, m)
	}
	return msgs
}

// batchErr returns a fetch's error, ignoring the ends of a short fetch.
func batchErr(mb jetstream.MessageBatch) error {
	err := mb.Error()
	if err == nil || errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return nil
	}
	return fmt.Errorf("queue: fetch: %w", err)
}

// store decodes, fingerprints and stores one batch, then acknowledges it.
func (w *Worker) store(ctx context.Context, nc *nats.Conn, msgs []jetstream.Msg) error {
	docs := make([]spintrace.Doc, 0, len(msgs))
	keep := make([]jetstream.Msg, 0, len(msgs))
	for _, m := range msgs {
		var d spintrace.Doc
		if err := json.Unmarshal(m.Data(), &d); err != nil || d.Text == "" {
			if err == nil {
				err = errors.New("no text")
			}
			w.reject(m, fmt.Errorf("queue: message is not a document: %w: %w", err, spintrace.ErrBadInput))
			continue
		}
		docs = append(docs, d)
		keep = append(keep, m)
	}
	entries := w.prepare(docs)
	if w.beforeStore != nil {
		w.beforeStore(len(keep))
	}
	st, err := w.Store.Put(ctx, entries)
	if errors.Is(err, spintrace.ErrBadInput) {
		// Store the good ones one by one and drop the bad ones.
		st, err = w.storeEach(ctx, entries)
	}
	if err != nil {
		return fmt.Errorf("queue: store batch of %d documents: %w", len(entries), err)
	}
	for _, m := range keep {
		if err := m.Ack(); err != nil {
			// Not fatal: the batch is stored, a redelivery stores nothing.
			return fmt.Errorf("queue: ack: %w", err)
		}
	}
	// Make sure the acks left before reporting the batch done.
	if err := nc.FlushTimeout(10 * time.Second); err != nil {
		return fmt.Errorf("queue: flush acks: %w", err)
	}
	if w.OnBatch != nil {
		w.OnBatch(st, len(msgs))
	}
	return nil
}

// storeEach stores entries one at a time, reporting those the store refuses
// as bad input; the caller acks every message of the batch afterwards, so
// the refused ones are dropped, not redelivered.
func (w *Worker) storeEach(ctx context.Context, entries []spintrace.Entry) (spintrace.PutStats, error) {
	var total spintrace.PutStats
	for _, e := range entries {
		st, err := w.Store.Put(ctx, []spintrace.Entry{e})
		if errors.Is(err, spintrace.ErrBadInput) {
			w.reject(nil, err)
			continue
		}
		if err != nil {
			return total, err
		}
		total.Added += st.Added
		total.Duplicates += st.Duplicates
		total.Unchanged += st.Unchanged
	}
	return total, nil
}

// reject reports an unusable message and, when m is set, terminates it so
// that it is never redelivered.
func (w *Worker) reject(m jetstream.Msg, err error) {
	if m != nil {
		_ = m.Term()
	}
	if w.OnReject != nil {
		w.OnReject(err)
	}
}

// prepare fingerprints docs on all cores, keeping their order.
func (w *Worker) prepare(docs []spintrace.Doc) []spintrace.Entry {
	entries := make([]spintrace.Entry, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < len(docs); i += workers {
				entries[i] = index.Prepare(w.Norm, w.Config, docs[i])
			}
		}()
	}
	wg.Wait()
	return entries
}
