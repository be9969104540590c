// Package analysis explains what was done to an article, from the
// alignments a trace produced: how it was stitched (which source each
// stretch comes from, join artifacts, reordered sentences), which names
// were renamed, which quotations changed speaker or lost their quote,
// whether the title is supported, whether the dates are in order, and the
// verdict with its evidence.
//
// Pure functions over in-memory texts and alignments; safe for concurrent
// use.
package analysis

import (
	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/align"
	"github.com/spintrace/spintrace/internal/analysis/quote"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Source is one chosen source with its alignment.
type Source struct {
	Rank     int
	Doc      spintrace.Doc
	Text     *textnorm.Text
	Passages []align.Passage
}

// Input is what a trace hands to the analysis.
type Input struct {
	Article spintrace.Doc
	Text    *textnorm.Text
	Sources []Source
	// Owner maps every article token to the index in Sources of the source
	// that explains it, or -1.
	Owner []int
	// Quotes are the article's quotations (quote.Find), when the caller
	// has them already; nil means Analyze finds them.
	Quotes []quote.Quote
	// Shared are the documents that share only quoted speech with the
	// article (Rank 0): not sources, but where its quotations came from.
	Shared []Source
}

// Analyze fills the analysis fields of res (all but Title, which needs the
// index): stitching, entity renames, quotes, time order and the verdict.
func Analyze(in Input, res *spintrace.Result) {
	ci := textnorm.NewCharIndex(in.Text.Src)
	if in.Quotes == nil {
		in.Quotes = quote.Find(in.Text.Src)
	}
	res.Stitching = stitching(in, ci)
	res.EntityRenames = renames(res.Sources)
	res.Quotes = quotes(in, ci)
	res.TimeOrder = timeOrder(in.Article, res.Sources)
	res.Verdict = verdict(in, res)
}
