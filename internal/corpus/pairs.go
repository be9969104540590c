package corpus

import (
	"context"
	"fmt"
	"slices"

	"github.com/spintrace/spintrace"
)

// PairSource is implemented by stores that compute the candidate pairs of
// the whole corpus themselves, in one join over their postings
// (internal/store/postgres; a Citus cluster runs the join on every shard).
// Analyze then traces each document against its candidates only, instead
// of letting every trace look up its own postings.
type PairSource interface {
	// Pairs calls fn for every document stored after ref `after` that
	// shares at least minShared fingerprints with another document, in
	// ref order, with those documents ranked by the fingerprints shared
	// (most first, then by ref). Fingerprints held by more than maxDF
	// documents (maxDF <= 0: no limit) are left out. Documents without a
	// candidate are not passed. Dates and superseded versions are not
	// looked at. fn must not retain candidates; an error from fn stops
	// Pairs and is returned. fn may call the store's other methods.
	Pairs(ctx context.Context, after spintrace.Ref, minShared, maxDF int, fn func(article spintrace.Ref, candidates []spintrace.Ref) error) error
}

// CandidateTracer traces one document against the given candidates
// (stored documents ranked best first; those published after d are
// already left out) instead of retrieving them: the CLI passes a function
// calling search.Engine.TraceCandidates. It must be safe for concurrent
// use.
type CandidateTracer func(ctx context.Context, st spintrace.Store, d spintrace.Doc, candidates []spintrace.Ref) (*spintrace.Result, error)

// pairList is one article's candidates.
type pairList struct {
	article spintrace.Ref
	cands   []spintrace.Ref
}

// pairStream runs PairSource.Pairs on its own goroutine and hands its
// lists out in article order, to one reader.
type pairStream struct {
	ch     chan pairList
	cancel context.CancelFunc
	err    error // set before ch is closed
	head   *pairList
	closed bool
}

func streamPairs(ctx context.Context, ps PairSource, after spintrace.Ref, minShared, maxDF int) *pairStream {
	ctx, cancel := context.WithCancel(ctx)
	s := &pairStream{ch: make(chan pairList, 256), cancel: cancel}
	go func() {
		defer close(s.ch)
		s.err = ps.Pairs(ctx, after, minShared, maxDF, func(a spintrace.Ref, cands []spintrace.Ref) error {
			select {
			case s.ch <- pairList{a, slices.Clone(cands)}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	return s
}

// of returns the candidates of article ref (nil when it has none). Calls
// must come in ascending ref order.
func (s *pairStream) of(ref spintrace.Ref) ([]spintrace.Ref, error) {
	for !s.closed && (s.head == nil || s.head.article < ref) {
		l, ok := <-s.ch
		if !ok {
			s.closed, s.head = true, nil
			if s.err != nil {
				return nil, fmt.Errorf("candidate pairs: %w", s.err)
			}
			break
		}
		s.head = &l
	}
	if s.head != nil && s.head.article == ref {
		c := s.head.cands
		s.head = nil
		return c, nil
	}
	return nil, nil
}

// stop ends the stream early and waits for its goroutine.
func (s *pairStream) stop() {
	s.cancel()
	for range s.ch {
	}
}
