package corpus

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/spintrace/spintrace"
)

// catalog is what Analyze learns of every stored document before tracing.
type catalog struct {
	refs  []spintrace.Ref // in ref order
	dates map[spintrace.Ref]time.Time
	// origins maps each document's origin to the ID stored for it now
	// (Store.HasOrigin); superseded holds the refs of older versions.
	origins       map[string]string
	superseded    map[spintrace.Ref]bool
	supersededIDs map[string]bool
}

// readCatalog reads the dates and origins of every stored document, so
// that each trace hides what was published after its article and skips
// superseded versions without asking the store again.
func readCatalog(ctx context.Context, st spintrace.Store, workers int) (*catalog, error) {
	c := &catalog{dates: map[spintrace.Ref]time.Time{}, origins: map[string]string{}, superseded: map[spintrace.Ref]bool{}, supersededIDs: map[string]bool{}}
	type refOrigin struct {
		ref        spintrace.Ref
		id, origin string
	}
	var docs []refOrigin
	err := st.Scan(ctx, 0, func(ref spintrace.Ref, d spintrace.Doc) error {
		c.refs = append(c.refs, ref)
		if !d.Published.IsZero() {
			c.dates[ref] = d.Published
		}
		if d.Origin != "" {
			docs = append(docs, refOrigin{ref, d.ID, d.Origin})
			c.origins[d.Origin] = ""
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scan documents: %w", err)
	}
	// one HasOrigin per distinct origin, on several goroutines (a round
	// trip each on a server store)
	names := make([]string, 0, len(c.origins))
	for o := range c.origins {
		names = append(names, o)
	}
	ids := make([]string, len(names))
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     = make(chan int)
	)
	for w := 0; w < max(1, workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				id, ok, err := st.HasOrigin(ctx, names[i])
				if err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, fmt.Errorf("look up origin %q: %w", names[i], err))
					mu.Unlock()
					continue
				}
				if ok {
					ids[i] = id
				}
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	for i, o := range names {
		if ids[i] == "" {
			delete(c.origins, o)
			continue
		}
		c.origins[o] = ids[i]
	}
	for _, d := range docs {
		if id, ok := c.origins[d.origin]; ok && id != d.id {
			c.superseded[d.ref] = true
			c.supersededIDs[d.id] = true
		}
	}
	return c, nil
}
