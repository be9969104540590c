package spingen

import "github.com/spintrace/spintrace"

// Verdict classes, as the tracer names them (SPEC §3.3).
const (
	VerdictSyndicated = "syndicated copy"
	VerdictSpun       = "spun copy"
	VerdictStitched   = "stitched compilation"
)

// Substitution kinds.
const (
	KindSynonym = "synonym" // a word or phrase from the synonym table
	KindEntity  = "entity"  // an entity rename or a dropped first name
)

// Join artifact kinds.
const (
	JoinGlue = "glue" // two sentences glued without a space: "two.Assertive"
	JoinDup  = "dup"  // the next sentence's first word doubled: "The The"
	JoinCut  = "cut"  // the next sentence's first word cut off
)

// Derived is one generated derivative and the truth about how it was made.
type Derived struct {
	Doc   spintrace.Doc `json:"doc"`
	Truth Truth         `json:"truth"`
}

// Truth records everything Derive did. All spans are rune offsets; Span and
// At fields refer to the derived text, Source* fields to the source text.
type Truth struct {
	// Verdict is VerdictStitched when passages come from two or more
	// sources, VerdictSyndicated for one source without substitutions, and
	// VerdictSpun otherwise.
	Verdict string `json:"verdict"`
	// Spun is true when any substitution was applied (the "spun" modifier).
	Spun bool `json:"spun,omitempty"`
	// TitleSource indexes Sources: the source whose title the derivative
	// carries.
	TitleSource int `json:"title_source"`
	// Sources has one entry per source used, in the order given to Derive.
	Sources []SourceTruth `json:"sources"`
	// Substitutions are in article order.
	Substitutions []Substitution `json:"substitutions,omitempty"`
	QuoteSwaps    []QuoteSwap    `json:"quote_swaps,omitempty"`
	DroppedQuotes []DroppedQuote `json:"dropped_quotes,omitempty"`
	Joins         []Join         `json:"joins,omitempty"`
	// Boilerplate spans are text that comes from no source.
	Boilerplate []spintrace.Span `json:"boilerplate,omitempty"`
}

// SourceTruth lists the passages taken from one source.
type SourceTruth struct {
	ID       string    `json:"id"`
	Passages []Passage `json:"passages,omitempty"`
}

// Passage is a copied range: Article and Source are equal text modulo the
// Substitutions and QuoteSwaps that fall inside them.
type Passage struct {
	Article spintrace.Span `json:"article"`
	Source  spintrace.Span `json:"source"`
}

// Substitution is one replacement: From at SourceSpan in source Source
// became To at Span in the article.
type Substitution struct {
	Source     int            `json:"source"`
	Kind       string         `json:"kind"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	SourceSpan spintrace.Span `json:"source_span"`
	Span       spintrace.Span `json:"span"`
}

// QuoteSwap is a quotation re-attributed: the source gives it to From, the
// article to To.
type QuoteSwap struct {
	Source        int            `json:"source"`
	Quote         spintrace.Span `json:"quote"` // in the article, marks included
	SourceQuote   spintrace.Span `json:"source_quote"`
	From          string         `json:"from"`
	To            string         `json:"to"`
	Speaker       spintrace.Span `json:"speaker"`        // To in the article
	SourceSpeaker spintrace.Span `json:"source_speaker"` // From in the source
}

// DroppedQuote is a quotation removed while its attribution ("Patel said in
// a statement.") was kept; At is where it was cut from the article.
type DroppedQuote struct {
	Source      int            `json:"source"`
	SourceQuote spintrace.Span `json:"source_quote"`
	Speaker     string         `json:"speaker"`
	At          int            `json:"at"`
}

// Join is a seam artifact at article offset At.
type Join struct {
	Kind string `json:"kind"`
	At   int    `json:"at"`
}
