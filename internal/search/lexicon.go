package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/spintrace/spintrace"
)

// Learn adds the substitutions of a trace result to the store's spin
// lexicon, one record per article/source pair (so tracing the same article
// twice counts once). Inflections and rewrites are left out: they are not spinning.
func (e *Engine) Learn(ctx context.Context, res *spintrace.Result) error {
	for _, s := range res.Sources {
		counts := map[[2]string]int{}
		for _, sub := range s.Substitutions {
			if sub.Kind == spintrace.SubstInflection || sub.Kind == spintrace.SubstRewrite {
				continue
			}
			counts[[2]string{lexForm(sub.From, sub.Kind), lexForm(sub.To, sub.Kind)}]++
		}
		if len(counts) == 0 {
			continue
		}
		entries := make([]spintrace.LexEntry, 0, len(counts))
		for k, n := range counts {
			entries = append(entries, spintrace.LexEntry{From: k[0], To: k[1], Site: res.Article.Site, Count: n})
		}
		key := res.Article.ID + ">" + s.Doc.ID
		if err := e.store.AddLexicon(ctx, key, entries); err != nil {
			return fmt.Errorf("record spin lexicon: %w", err)
		}
	}
	return nil
}

// lexForm flattens whitespace; synonym swaps are lower-cased (a capital
// there only marks a sentence start), names and other words keep their case.
func lexForm(s, kind string) string {
	s = strings.Join(strings.Fields(s), " ")
	if kind == spintrace.SubstSynonym {
		return strings.ToLower(s)
	}
	return s
}
