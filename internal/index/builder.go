package index

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/fingerprint"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Prepare canonicalizes d and computes its fingerprints: those of its
// text, those of its title, and its title's words. d.ID is set from
// the text when empty.
func Prepare(n *textnorm.Normalizer, c Config, d spintrace.Doc) spintrace.Entry {
	if d.ID == "" {
		d.ID = spintrace.DocID(d.Text)
	}
	fp := fingerprint.Document(n.Normalize(d.Text), c.Fingerprint)
	if d.Title != "" {
		// the title is fingerprinted too, so that a title can be traced
		// to the document it was taken from
		title := n.Normalize(d.Title)
		fp = append(fp, fingerprint.Document(title, c.Fingerprint)...)
		fp = append(fp, fingerprint.TitleWords(title)...)
		slices.Sort(fp)
		fp = slices.Compact(fp)
	}
	return spintrace.Entry{Doc: d, Fingerprints: fp}
}

// Builder writes documents into a store: fingerprints are computed on all
// cores, batches are written in input order, one atomic Put per batch, so an
// interrupted run leaves every finished batch stored and a re-run skips
// them.
type Builder struct {
	Store  spintrace.Store
	Norm   *textnorm.Normalizer
	Config Config
	// BatchDocs and BatchBytes bound a batch (defaults: the store's
	// BatchHint when it has one, else 512 docs, 16 MiB).
	BatchDocs  int
	BatchBytes int
	Workers    int // <= 0: GOMAXPROCS
	// OnBatch, when set, is called after each stored batch with that
	// batch's stats and text bytes.
	OnBatch func(s spintrace.PutStats, textBytes int64)

	pending      []spintrace.Doc
	pendingBytes int
	mu           sync.Mutex // guards total and failed
	total        spintrace.PutStats
	failed       error
	prepared     chan batch
	done         chan error
	started      bool
}

type batch struct {
	entries []spintrace.Entry
	bytes   int64
}

// Add queues d for storing. Documents whose origin is already stored with
// the same text are skipped without work (a resumed run).
func (b *Builder) Add(ctx context.Context, d spintrace.Doc) error {
	if !b.started {
		b.start(ctx)
	}
	if d.ID == "" {
		d.ID = spintrace.DocID(d.Text)
	}
	if d.Origin != "" {
		id, ok, err := b.Store.HasOrigin(ctx, d.Origin)
		if err != nil {
			return fmt.Errorf("look up origin %q: %w", d.Origin, err)
		}
		if ok && id == d.ID {
			b.mu.Lock()
			b.total.Unchanged++
			b.mu.Unlock()
			if b.OnBatch != nil {
				b.OnBatch(spintrace.PutStats{Unchanged: 1}, int64(len(d.Text)))
			}
			return nil
		}
	}
	b.pending = append(b.pending, d)
	b.pendingBytes += len(d.Text)
	if len(b.pending) >= b.batchDocs() || b.pendingBytes >= b.batchBytes() {
		return b.flush(ctx)
	}
	return nil
}

// batchHinter is implemented by stores that write faster in batches of
// another size than the defaults.
type batchHinter interface {
	// BatchHint returns the preferred bounds of one Put: documents and
	// bytes of text; 0 leaves the default.
	BatchHint() (docs, textBytes int)
}

func (b *Builder) batchDocs() int {
	if b.BatchDocs > 0 {
		return b.BatchDocs
	}
	if h, ok := b.Store.(batchHinter); ok {
		if n, _ := h.BatchHint(); n > 0 {
			return n
		}
	}
	return 512
}

func (b *Builder) batchBytes() int {
	if b.BatchBytes > 0 {
		return b.BatchBytes
	}
	if h, ok := b.Store.(batchHinter); ok {
		if _, n := h.BatchHint(); n > 0 {
			return n
		}
	}
	return 16 << 20
}

func (b *Builder) start(ctx context.Context) {
	b.started = true
	b.prepared = make(chan batch, 1)
	b.done = make(chan error, 1)
	go func() {
		var err error
		for bt := range b.prepared {
			if err != nil {
				continue // drain after a failure
			}
			var s spintrace.PutStats
			s, err = b.Store.Put(ctx, bt.entries)
			b.mu.Lock()
			if err != nil {
				err = fmt.Errorf("store batch of %d documents: %w", len(bt.entries), err)
				b.failed = err
				b.mu.Unlock()
				continue
			}
			b.total.Added += s.Added
			b.total.Duplicates += s.Duplicates
			b.total.Unchanged += s.Unchanged
			b.mu.Unlock()
			if b.OnBatch != nil {
				b.OnBatch(s, bt.bytes)
			}
		}
		b.done <- err
	}()
}

// flush fingerprints the pending documents on all cores and hands them to
// the writer goroutine.
func (b *Builder) flush(ctx context.Context) error {
	b.mu.Lock()
	failed := b.failed
	b.mu.Unlock()
	if failed != nil {
		return failed
	}
	if len(b.pending) == 0 {
		return nil
	}
	docs := b.pending
	b.pending = nil
	b.pendingBytes = 0
	entries := make([]spintrace.Entry, len(docs))
	workers := b.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	var bytes int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				entries[i] = Prepare(b.Norm, b.Config, docs[i])
			}
		}(w)
	}
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	wg.Wait()
	select {
	case b.prepared <- batch{entries, bytes}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stores what is pending, waits for the writer and returns the totals.
func (b *Builder) Close(ctx context.Context) (spintrace.PutStats, error) {
	if !b.started {
		return b.total, nil
	}
	ferr := b.flush(ctx)
	close(b.prepared)
	err := <-b.done
	b.started = false
	if ferr != nil && err == nil {
		err = ferr
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.total, err
}
