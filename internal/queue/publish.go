package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/spintrace/spintrace"
)

// Publisher puts documents on the queue. Publishing is asynchronous: Add
// returns once the message is sent, and Close waits until the server has
// stored every message, returning the first failure.
type Publisher struct {
	nc  *nats.Conn
	js  jetstream.JetStream
	o   Options
	n   int
	mu  sync.Mutex // guards err, failed
	err error
	// failed counts messages the server did not store.
	failed int
}

// NewPublisher connects to the NATS server at url (nats://host:4222) and
// creates the stream when it is missing.
func NewPublisher(ctx context.Context, url string, o Options) (*Publisher, error) {
	p := &Publisher{o: o.withDefaults()}
	nc, js, err := connect(ctx, url, p.o,
		jetstream.WithPublishAsyncMaxPending(1024),
		jetstream.WithPublishAsyncErrHandler(func(_ jetstream.JetStream, m *nats.Msg, err error) {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.failed++
			if p.err == nil {
				p.err = fmt.Errorf("queue: publish %s: %w", m.Header.Get(jetstream.MsgIDHeader), err)
			}
		}))
	if err != nil {
		return nil, err
	}
	p.nc, p.js = nc, js
	return p, nil
}

// MsgID is the deduplication id of d's message: its document id and a hash
// of its origin, so that the same text from two origins is two messages
// (the second one counts a copy) but a republished one is dropped.
func MsgID(d spintrace.Doc) string {
	id := d.ID
	if id == "" {
		id = spintrace.DocID(d.Text)
	}
	sum := sha256.Sum256([]byte(d.Origin))
	return id + "-" + hex.EncodeToString(sum[:8])
}

// Add publishes d, JSON-encoded. It blocks while too many messages await
// the server's acknowledgement, and fails with the first earlier failure.
func (p *Publisher) Add(ctx context.Context, d spintrace.Doc) error {
	p.mu.Lock()
	err := p.err
	p.mu.Unlock()
	if err != nil {
		return err
	}
	if d.ID == "" {
		d.ID = spintrace.DocID(d.Text)
	}
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("queue: encode document %s: %w", d.ID, err)
	}
	if max := p.nc.MaxPayload(); int64(len(b)) > max {
		return fmt.Errorf("queue: document %s (%s) is %d bytes encoded, over the server's max_payload of %d: %w", d.ID, d.Origin, len(b), max, spintrace.ErrBadInput)
	}
	m := nats.NewMsg(p.o.Subject)
	m.Data = b
	if _, err := p.js.PublishMsgAsync(m, jetstream.WithMsgID(MsgID(d)), jetstream.WithExpectStream(p.o.Stream)); err != nil {
		return fmt.Errorf("queue: publish document %s: %w", d.ID, err)
	}
	p.n++
	return ctx.Err()
}

// Close waits until the server has acknowledged every message (or ctx is
// done), closes the connection and returns how many documents were
// published.
func (p *Publisher) Close(ctx context.Context) (int, error) {
	defer p.nc.Close()
	select {
	case <-p.js.PublishAsyncComplete():
	case <-ctx.Done():
		return 0, fmt.Errorf("queue: waiting for %d acknowledgements: %w", p.js.PublishAsyncPending(), ctx.Err())
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return p.n - p.failed, fmt.Errorf("%w (%d of %d messages failed)", p.err, p.failed, p.n)
	}
	return p.n, nil
}
