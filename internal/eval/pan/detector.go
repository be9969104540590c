package pan

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/spintrace/spintrace/internal/align"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// DefaultAlign are the alignment options EngineDetector is run with by
// `spintrace eval pan`: align.PAN.
var DefaultAlign = align.PAN

// maxCachedBytes bounds the text the detector keeps normalized: a PAN corpus
// names each document in one to a few pairs, so normalizing it once saves
// about half the work. 64 MB of text holds a whole PAN 2013 corpus.
const maxCachedBytes = 64 << 20

// EngineDetector returns the Detector of the tracing engine: both documents
// are canonicalized by norm and aligned by align.Align with options o, the
// same code path `spintrace trace` runs on each retrieved candidate (the
// suspicious document plays the article, the source the candidate). Each
// passage becomes one case, its token ranges turned into character offsets,
// each side ending after the punctuation that directly follows its last
// word.
//
// The detector keeps the normalized form of the texts it has seen (up to
// 64 MB of text, then it starts over), keyed by content. It is safe for
// concurrent use.
func EngineDetector(norm *textnorm.Normalizer, o align.Options) Detector {
	c := &textCache{norm: norm, m: make(map[string]*textnorm.Text)}
	return func(src, susp string) []Case {
		a, b := c.get(susp), c.get(src)
		return casesOf(a, b, align.Align(a, b, o))
	}
}

// textCache memoizes Normalize by text. Safe for concurrent use; two
// goroutines may normalize the same text at once (both results are equal).
type textCache struct {
	norm  *textnorm.Normalizer
	mu    sync.Mutex
	m     map[string]*textnorm.Text
	bytes int
}

func (c *textCache) get(s string) *textnorm.Text {
	c.mu.Lock()
	t, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return t
	}
	t = c.norm.Normalize(s)
	c.mu.Lock()
	if c.bytes+len(s) > maxCachedBytes {
		clear(c.m)
		c.bytes = 0
	}
	if _, ok := c.m[s]; !ok {
		c.m[s] = t
		c.bytes += len(s)
	}
	c.mu.Unlock()
	return t
}

// casesOf turns passages of a (suspicious) against b (source) into cases.
func casesOf(a, b *textnorm.Text, ps []align.Passage) []Case {
	if len(ps) == 0 {
		return nil
	}
	ca, cb := textnorm.NewCharIndex(a.Src), textnorm.NewCharIndex(b.Src)
	out := make([]Case, 0, len(ps))
	for _, p := range ps {
		s0, s1 := ca.Char(int(a.Tokens[p.A.Start].Start)), ca.Char(closing(a.Src, int(a.Tokens[p.A.End-1].End)))
		r0, r1 := cb.Char(int(b.Tokens[p.B.Start].Start)), cb.Char(closing(b.Src, int(b.Tokens[p.B.End-1].End)))
		out = append(out, Case{SuspOffset: s0, SuspLength: s1 - s0, SrcOffset: r0, SrcLength: r1 - r0})
	}
	return out
}

// closing returns the byte offset past the punctuation that directly
// follows byte offset end in s (a sentence's full stop, a closing quote or
// bracket): a passage ending on a word ends after the punctuation that
// closes it.
func closing(s string, end int) int {
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsPunct(r) {
			break
		}
		end += n
	}
	return end
}

// Ablations names the engine variants EngineConfig knows, in the order
// docs/evaluation.md reports them.
var Ablations = []string{"none", "no-canon", "no-synonyms", "no-merge", "no-summary", "no-verbatim", "word-seeds"}

// EngineConfig returns the canonicalization and alignment options of the
// engine with one stage taken out:
//
//	none         the full engine (textnorm.Default, DefaultAlign)
//	no-canon     no canonicalization beyond case folding (textnorm.Options{})
//	no-synonyms  canonicalization without synonym classes
//	no-merge     seeds are not clustered across sentences (Gap 0) and the
//	             summary rules, which merge a region's seeds or passages,
//	             are off
//	no-summary   the summary rules (seed regions and joined passages) are off
//	no-verbatim  near-verbatim passages keep their sentence extent, and the
//	             loose passages next to them are kept (no Verbatim step)
//	word-seeds   the aligner as trace runs it (align.Default, word-pair
//	             seeds), without edit scripts
func EngineConfig(ablation string) (textnorm.Options, align.Options, error) {
	canon, o := textnorm.Default(), DefaultAlign
	switch ablation {
	case "", "none":
	case "no-canon":
		canon = textnorm.Options{}
	case "no-synonyms":
		canon.Synonyms = false
	case "no-merge":
		o.Sentence.Gap, o.Sentence.SummaryRatio = 0, 0
	case "no-summary":
		o.Sentence.SummaryRatio = 0
	case "no-verbatim":
		o.Sentence.Verbatim = align.VerbatimOptions{}
	case "word-seeds":
		o = align.Default
		o.Edits = false
	default:
		return canon, o, fmt.Errorf("unknown ablation %q (known: %s)", ablation, strings.Join(Ablations, ", "))
	}
	return canon, o, nil
}
