package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/spintrace/spintrace"
)

// MinLearnedCount is how often a one-word substitution must have been seen
// in the spin lexicon before traces treat it as an alias.
const MinLearnedCount = 3

// LoadLexicon makes the engine treat the single-word substitutions of the
// store's spin lexicon seen at least minCount times as aliases: an article
// word that spinners put in for a source word gets the source word's
// canonical class before retrieval and alignment. Pairs the canonicalizer
// already equates are ignored. It returns how many pairs were loaded. Call
// it before serving traces; it is not safe to call concurrently with Trace.
func (e *Engine) LoadLexicon(ctx context.Context, minCount int) (int, error) {
	best := map[uint64]struct {
		from  uint64
		count int
	}{}
	err := e.store.Lexicon(ctx, "", func(le spintrace.LexEntry) error {
		if le.Count < minCount || strings.Contains(le.From, " ") || strings.Contains(le.To, " ") {
			return nil
		}
		from, to := e.canonOf(le.From), e.canonOf(le.To)
		if from == 0 || to == 0 || from == to {
			return nil
		}
		if b, ok := best[to]; !ok || le.Count > b.count {
			best[to] = struct {
				from  uint64
				count int
			}{from, le.Count}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("load spin lexicon: %w", err)
	}
	learned := make(map[uint64]uint64, len(best))
	for to, b := range best {
		learned[to] = b.from
	}
	e.learned = learned
	return len(learned), nil
}

// canonOf is the canonical class of a single word, 0 when it is not one
// word.
func (e *Engine) canonOf(w string) uint64 {
	t := e.norm.Normalize(w)
	if len(t.Tokens) != 1 {
		return 0
	}
	return t.Tokens[0].Canon
}
