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
	// Related lists, for an article judged original, the documents it
	// shares short passages with: too little to call them sources. Ranks
	// in Stitching and Quotes then refer to this list.
	Related []Source `json:"related"`
	// Unexplained lists the article's stretches that no source explains
	// (original text, or text from sources not in the index).
	Unexplained []Excerpt `json:"unexplained"`
	// Verdict classifies the article, with the evidence behind it.
	Verdict Verdict `json:"verdict"`
	// SharedQuotes are documents that share only quoted speech with the
	// article: two outlets quoting one speaker, not copying.
	SharedQuotes []SharedQuote `json:"shared_quotes"`
	// Stitching tells which source each stretch of the article comes from,
	// in article order, and where pieces were glued.
	Stitching Stitching `json:"stitching"`
	// Quotes flags quotations whose attribution differs from the source.
	Quotes []QuoteFinding `json:"quotes"`
	// EntityRenames groups the substitutions of names.
	EntityRenames []Rename `json:"entity_renames"`
	// Title checks whether the title is supported by the body.
	Title TitleCheck `json:"title"`
	// TimeOrder checks that no source is newer than the article.
	TimeOrder TimeOrder `json:"time_order"`
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
	Published time.Time `json:"published,omitzero"`
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
	Published time.Time `json:"published,omitzero"`
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
	SubstEntity     = "entity"     // a name shortened or lengthened: "Xi Jinping" -> "Jinping"
	SubstRewrite    = "rewrite"    // more than three words replaced: editing, not word swapping
)

// Substitution is a replacement of source words by article words.
type Substitution struct {
	From    string `json:"from"` // source words
	To      string `json:"to"`   // article words
	Kind    string `json:"kind"`
	Article Span   `json:"article"`
	Source  Span   `json:"source"`
}

// Verdict classes, as they appear in Verdict.Class.
const (
	ClassOriginal   = "original"
	ClassSyndicated = "syndicated copy"
	ClassSpun       = "spun copy"
	ClassStitched   = "stitched compilation"
)

// Verdict is the classification of a traced article.
type Verdict struct {
	Class string `json:"class"`
	// Spun is the modifier: words were swapped (synonyms, aliases, renames)
	// at a rate no editor's touch-up explains.
	Spun bool `json:"spun"`
	// Label is Class with the modifier, e.g. "stitched compilation, spun".
	Label      string   `json:"label"`
	Confidence float64  `json:"confidence"`
	Evidence   []string `json:"evidence"`
	// SpinRate is swapped article words per aligned article word.
	SpinRate float64 `json:"spin_rate"`
	// MarkedNames counts names written the way spinning tools write them
	// ("Russian Federation", "USA" in running text), whatever the class:
	// evidence of spinning in the text itself, even when its sources are
	// not indexed.
	MarkedNames int `json:"marked_names,omitempty"`
}

// SharedQuote is a document whose overlap with the article lies inside
// quotation marks only.
type SharedQuote struct {
	Doc     DocRef `json:"doc"`
	Article []Span `json:"article"`
	Words   int    `json:"words"`
}

// Segment is a stretch of the article explained by one source (by rank).
type Segment struct {
	Article Span `json:"article"`
	Source  int  `json:"source"`
}

// Join artifact kinds, as they appear in Join.Kind.
const (
	JoinGlued   = "glued"   // sentences glued without a space: "two.assertive"
	JoinDoubled = "doubled" // a word repeated at a seam: "the the"
	JoinCut     = "cut"     // a sentence starting mid-sentence, lower case
)

// Join is an artifact where two pieces of text were glued together.
type Join struct {
	Kind    string `json:"kind"`
	Article Span   `json:"article"`
	Text    string `json:"text"`
}

// Stitching describes how the article was assembled.
type Stitching struct {
	Segments []Segment `json:"segments"`
	Joins    []Join    `json:"joins"`
	// Reordered lists the sources (by rank) whose passages appear in the
	// article in another order than in the source.
	Reordered []int `json:"reordered"`
}

// Quote finding kinds, as they appear in QuoteFinding.Flag.
const (
	QuoteSpeakerChanged     = "speaker_changed"     // the source gives the quote to someone else
	QuoteAttributionDropped = "attribution_dropped" // the source names a speaker, the article none
	QuoteDropped            = "quote_dropped"       // "X said in a statement." with the quote removed
	QuoteMerged             = "merged"              // one quotation built from two sources
)

// QuoteFinding is one quotation whose attribution changed.
type QuoteFinding struct {
	Flag          string `json:"flag"`
	Article       Span   `json:"article"`
	Text          string `json:"text"`
	Speaker       string `json:"speaker,omitempty"`        // in the article
	SourceSpeaker string `json:"source_speaker,omitempty"` // in the source
	Source        int    `json:"source,omitempty"`         // rank
	SourceSpan    *Span  `json:"source_span,omitempty"`
	// SharedWith is set instead of Source when the quotation's provenance
	// is a document that shares only quoted speech with the article (one
	// of SharedQuotes): the quote was lifted from another story and
	// credited to someone else.
	SharedWith *DocRef `json:"shared_with,omitempty"`
	Sources    []int   `json:"sources,omitempty"` // for merged quotes
}

// Rename is an entity renamed across the article, with how often.
type Rename struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Count int    `json:"count"`
}

// TitleCheck tells whether the title is supported by the body and where it
// was taken from.
type TitleCheck struct {
	// SupportedByBody: some sentence of the body carries the title's words.
	SupportedByBody bool    `json:"supported_by_body"`
	BodySimilarity  float64 `json:"body_similarity"`
	BodySentence    *Span   `json:"body_sentence,omitempty"`
	// From is the stored document whose title (or text) the title matches
	// best, when one matches; FromSource is its rank among the sources (0
	// when it is not one of them).
	From           *DocRef `json:"from,omitempty"`
	FromSimilarity float64 `json:"from_similarity,omitempty"`
	FromSource     int     `json:"from_source"`
	// Mismatch: the title is not supported by the body, or comes from a
	// document that is not a source of the body.
	Mismatch bool `json:"mismatch"`
}

// TimeOrder checks source dates against the article's.
type TimeOrder struct {
	// ArticleDateKnown is false when the article has no date; the check is
	// then not possible.
	ArticleDateKnown bool `json:"article_date_known"`
	// Undated lists sources (by rank) without a date.
	Undated []int `json:"undated"`
	// Newer lists sources (by rank) published after the article: they
	// cannot be its sources (more likely, they copied it).
	Newer []int  `json:"newer"`
	Note  string `json:"note"`
}
