package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/fingerprint"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Title check thresholds: the share of the title's content words that a
// body sentence (support) or another document's title (origin) must carry.
const (
	titleBodySupport = 0.6
	titleFromMatch   = 0.6
	titleCandidates  = 10
)

// titleCheck tells whether the title is supported by the body and which
// stored document it was taken from.
func (e *Engine) titleCheck(ctx context.Context, d spintrace.Doc, art *textnorm.Text, cands []*candidate, res *spintrace.Result) error {
	tc := spintrace.TitleCheck{}
	if d.Title == "" {
		res.Title = tc
		return nil
	}
	title := e.norm.Normalize(d.Title)
	words := contentSet(title, 0, len(title.Tokens))
	if len(words) == 0 {
		res.Title = tc
		return nil
	}
	ci := textnorm.NewCharIndex(art.Src)
	for _, s := range art.Sentences {
		sim := containment(words, contentSet(art, int(s.Start), int(s.End)))
		if sim > tc.BodySimilarity {
			tc.BodySimilarity = sim
			tc.BodySentence = &spintrace.Span{Start: ci.Char(int(s.ByteStart)), End: ci.Char(int(s.ByteEnd))}
		}
	}
	tc.SupportedByBody = tc.BodySimilarity >= titleBodySupport
	tc.BodySimilarity = round2(tc.BodySimilarity)

	// Retrieve documents sharing the title's k-grams; compare titles.
	q := append(fingerprint.Query(title, e.config.Fingerprint), fingerprint.TitleWords(title)...)
	counts, err := e.sharedHashes(ctx, q)
	if err != nil {
		return fmt.Errorf("retrieve title candidates: %w", err)
	}
	refs := make([]spintrace.Ref, 0, len(counts))
	for r := range counts {
		refs = append(refs, r)
	}
	slices.SortFunc(refs, func(a, b spintrace.Ref) int { return cmp.Or(counts[b]-counts[a], cmp.Compare(a, b)) })
	if len(refs) > titleCandidates {
		refs = refs[:titleCandidates]
	}
	docs, err := e.store.Resolve(ctx, refs)
	if err != nil {
		return fmt.Errorf("resolve title candidates: %w", err)
	}
	// a reworded title shares no k-gram with its origin's title: the
	// body's candidates are compared too
	for _, c := range cands {
		docs = append(docs, c.doc)
	}
	bestSim := 0.0
	for _, doc := range docs {
		if doc.ID == d.ID || doc.Title == "" {
			continue
		}
		other := e.norm.Normalize(doc.Title)
		sim := containment(words, contentSet(other, 0, len(other.Tokens)))
		better := sim > bestSim || sim == bestSim && tc.From != nil && !doc.Published.IsZero() &&
			(tc.From.Published.IsZero() || doc.Published.Before(tc.From.Published))
		if sim >= titleFromMatch && better {
			bestSim = sim
			ref := doc.Ref()
			tc.From = &ref
		}
	}
	if tc.From != nil {
		tc.FromSimilarity = round2(bestSim)
		for _, s := range res.Sources {
			if s.Doc.ID == tc.From.ID {
				tc.FromSource = s.Rank
			}
		}
	}
	tc.Mismatch = !tc.SupportedByBody || tc.From != nil && tc.FromSource == 0 && len(res.Sources) > 0
	res.Title = tc
	return nil
}

func contentSet(t *textnorm.Text, from, to int) map[uint64]bool {
	m := map[uint64]bool{}
	for _, tok := range t.Tokens[from:to] {
		if !tok.Is(textnorm.FlagStop) {
			m[tok.Canon] = true
		}
	}
	return m
}

// containment is the share of a's members that are in b.
func containment(a, b map[uint64]bool) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
