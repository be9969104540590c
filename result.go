package spintrace

import "time"

// ResultVersion is the version of the trace result schema (docs/json.md).
//
//	1: first version
const ResultVersion = 1

// Result is what a trace reports about one article.
type Result struct {
	Version int         `json:"version"`
	Article ArticleInfo `json:"article"`
	// Coverage is the share of the article's words explained by the sources.
	Coverage float64 `json:"coverage"`
	// Sources are ranked by how much of the article they explain.
	Sources []Source `json:"sources"`
	// Unexplained lists the article's stretches that no source explains
	// (original text, or text from sources not in the index).
	Unexplained []Excerpt `json:"unexplained"`
	// Candidates is how many documents retrieval offered for alignment.
	Candidates int `json:"candidates"`
	// Timing of the trace, in milliseconds.
	Timing Timing `json:"timing_ms"`
}

// ArticleInfo identifies the traced article.
type ArticleInfo struct {
	ID        string    `json:"id"`
	Origin    string    `json:"origin,omitempty"`
	Title     string    `json:"title,omitempty"`
	Site      string    `json:"site,omitempty"`
	Published time.Time `json:"published,omitempty"`
	Chars     int       `json:"chars"`
	Words     int       `json:"words"`
}

// DocRef describes a stored document in a report.
type DocRef struct {
	ID        string    `json:"id"`
	Origin    string    `json:"origin,omitempty"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Site      string    `json:"site,omitempty"`
	Published time.Time `json:"published,omitempty"`
}

// Ref returns the report form of d.
func (d Doc) Ref() DocRef {
	return DocRef{ID: d.ID, Origin: d.Origin, URL: d.URL, Title: d.Title, Site: d.Site, Published: d.Published}
}

// Source is one document the article took text from.
type Source struct {
	Rank int    `json:"rank"`
	Doc  DocRef `json:"doc"`
	// Share is the share of the article's words explained by this source
	// and by no higher-ranked one.
	Share float64 `json:"share"`
	// Words is the number of article words its passages cover.
	Words int `json:"words"`
	// Similarity is the share of aligned words that match exactly.
	Similarity float64   `json:"similarity"`
	Passages   []Passage `json:"passages"`
	// Substitutions lists every word change, source words -> article words.
	Substitutions []Substitution `json:"substitutions"`
	// AlsoIn lists other stored documents holding the same passages
	// (syndicated copies of this source), at most a few.
	AlsoIn []DocRef `json:"also_in,omitempty"`
}

// Passage is one aligned stretch of text shared by the article and a source.
type Passage struct {
	Article     Span   `json:"article"`
	Source      Span   `json:"source"`
	ArticleText string `json:"article_text"`
	SourceText  string `json:"source_text"`
	Words       int    `json:"words"`   // article words in the passage
	Matched     int    `json:"matched"` // content words matched (exactly or canonically)
	Edits       []Edit `json:"edits"`
}

// Edit operation kinds, as they appear in Edit.Op.
const (
	EditMatch  = "=" // same words
	EditCanon  = "~" // same meaning after canonicalization (alias, synonym, inflection)
	EditSub    = "x" // words replaced
	EditInsert = "+" // article words with no source counterpart
	EditDelete = "-" // source words left out of the article
)

// Edit is a run of word-level operations of one kind. Spans are empty on
// the side an operation has no words (Start == End, at the position).
type Edit struct {
	Op      string `json:"op"`
	Article Span   `json:"article"`
	Source  Span   `json:"source"`
	// Words on each side, for the kinds that change text.
	ArticleText string `json:"article_text,omitempty"`
	SourceText  string `json:"source_text,omitempty"`
}

// Excerpt is a span of the article with its text.
type Excerpt struct {
	Span
	Text string `json:"text"`
}

// Timing breaks down where a trace spent its time, in milliseconds.
type Timing struct {
	Normalize float64 `json:"normalize"`
	Retrieve  float64 `json:"retrieve"`
	Align     float64 `json:"align"`
	Total     float64 `json:"total"`
}

// Substitution kinds, as they appear in Substitution.Kind.
const (
	SubstAlias      = "alias"      // entity alias: "Russia" -> "Russian Federation"
	SubstSynonym    = "synonym"    // synonym: "big" -> "large"
	SubstInflection = "inflection" // same stem: "says" -> "said"
	SubstWord       = "word"       // other replaced words
)

// Substitution is a replacement of source words by article words.
type Substitution struct {
	From    string `json:"from"` // source words
	To      string `json:"to"`   // article words
	Kind    string `json:"kind"`
	Article Span   `json:"article"`
	Source  Span   `json:"source"`
}
