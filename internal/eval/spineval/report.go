package spineval

import "github.com/spintrace/spintrace/internal/eval/pan"

// ReportVersion is the version of the Report JSON.
//
//	1: first version
const ReportVersion = 1

// Report is the outcome of one evaluation run.
type Report struct {
	Version int     `json:"version"`
	Setup   Setup   `json:"setup"`
	Sources Sources `json:"sources"`
	// Passages are the PAN measures over (article, source) pairs.
	Passages      pan.Measures  `json:"passages"`
	Substitutions Substitutions `json:"substitutions"`
	Quotes        Quotes        `json:"quotes"`
	Verdict       Verdicts      `json:"verdict"`
	Mixin         Mixin         `json:"mixin"`
	Throughput    Throughput    `json:"throughput"`
}

// Setup records what was measured.
type Setup struct {
	Corpus     string      `json:"corpus,omitempty"`
	Read       CorpusStats `json:"read"`
	Duplicates int         `json:"near_duplicates_dropped"`
	// Reusing articles share a run of about ten words with another one;
	// they are never held out (see Reusing).
	Reusing     int     `json:"reusing"`
	Indexed     int     `json:"indexed"`
	HeldOut     int     `json:"held_out"`
	Categories  int     `json:"categories"`
	Seed        int64   `json:"seed"`
	Holdout     float64 `json:"holdout"`
	Derivatives int     `json:"derivatives"`
	Originals   int     `json:"originals"`
	// Failed traces (errors) count as traces that reported nothing.
	Failed int `json:"failed"`
	// Learn warm-up derivatives were traced first to fill the spin
	// lexicon; Learned one-word pairs from it acted as aliases.
	Learn   int `json:"learn,omitempty"`
	Learned int `json:"learned_pairs,omitempty"`
}

// Sources measures which documents were reported as sources.
type Sources struct {
	// RecallAt1 is the share of derivatives whose first reported source is
	// a true source (recall@1 normalized by min(1, true sources)).
	RecallAt1 float64 `json:"recall_at_1"`
	// RecallAt10 is the share of true sources (over all derivatives) among
	// the first ten reported sources of their derivative.
	RecallAt10 float64 `json:"recall_at_10"`
	// Precision is the share of reported sources that are true, over every
	// trace (held-out originals included).
	Precision float64 `json:"precision"`
	F1        float64 `json:"f1"`
	// Counts behind the rates.
	TopTrue      int `json:"top_true"`
	Derivatives  int `json:"derivatives"`
	TrueSources  int `json:"true_sources"`
	FoundAt10    int `json:"found_at_10"`
	Reported     int `json:"reported"`
	Correct      int `json:"correct"`
	OnOriginals  int `json:"reported_on_originals"`
	MissedByRank int `json:"found_below_10"` // true sources reported below rank 10
	// QuoteOnly true sources gave the article only quoted speech (every
	// word of their passages inside quotation marks): by design the tracer
	// lists such documents as shared quotations, not sources, so one is
	// found when it is among the first ten sources or among the shared
	// quotations (QuoteOnlyShared).
	QuoteOnly       int `json:"quote_only"`
	QuoteOnlyShared int `json:"quote_only_shared"`
	// DemotedToShared counts true sources with prose passages that were
	// listed only as shared quotations (counted as missed).
	DemotedToShared int `json:"demoted_to_shared"`
}

// PR is a precision/recall pair with its counts.
type PR struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Truth     int     `json:"truth"`    // truth items
	Found     int     `json:"found"`    // truth items matched
	Reported  int     `json:"reported"` // reported items scored
	Correct   int     `json:"correct"`  // reported items matched
}

func (p *PR) finish() {
	p.Precision, p.Recall = ratio(p.Correct, p.Reported), ratio(p.Found, p.Truth)
	p.F1 = f1(p.Precision, p.Recall)
}

// Substitutions measures the substitution pairs.
type Substitutions struct {
	PR
	// ByTruthKind breaks recall down by the generator's kind (synonym,
	// entity), with why the missed ones were missed.
	ByTruthKind map[string]*SubstRecall `json:"by_truth_kind"`
	// ByReportedKind breaks precision down by the tracer's kind.
	ByReportedKind map[string]*SubstPrecision `json:"by_reported_kind"`
	// Neutral: reported over a re-attributed speaker, a join seam or
	// boilerplate, not scored. Inflection: inflection-kind ones, not
	// scored. OutsideTruth: reported for a true source outside every true
	// passage. OnFalseSources: reported for sources that are not true.
	Neutral        int `json:"neutral"`
	Inflection     int `json:"inflection"`
	OutsideTruth   int `json:"outside_truth"`
	OnFalseSources int `json:"on_false_sources"`
}

// SubstRecall is the recall of one truth kind. A missed substitution either
// lies outside every passage reported for its source (NoPassage), is
// covered only by an inflection-kind report (InflectionOnly), or lies in a
// reported passage with no substitution over it (Unreported).
type SubstRecall struct {
	Truth          int     `json:"truth"`
	Found          int     `json:"found"`
	Recall         float64 `json:"recall"`
	NoPassage      int     `json:"no_passage"`
	InflectionOnly int     `json:"inflection_only"`
	Unreported     int     `json:"unreported"`
}

// SubstPrecision is the precision of one reported kind.
type SubstPrecision struct {
	Reported  int     `json:"reported"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
}

// Quotes measures quote-change detection.
type Quotes struct {
	PR
	Swaps      int `json:"swaps"`
	SwapsFound int `json:"swaps_found"`
	Drops      int `json:"drops"`
	DropsFound int `json:"drops_found"`
	// ByFlag counts findings per flag over every trace, and how many
	// matched a truth change.
	ByFlag map[string]*SubstPrecision `json:"by_flag"`
	// Propagated: speaker_changed findings on another quotation that carry
	// a truth swap's names (source speaker From, article speaker To), as
	// when `"...," he added` follows the swapped attribution; counted as
	// correct.
	Propagated int `json:"propagated"`
	// Unmatched findings split by the article's attribution of the quote:
	// Implicit when no speaker is named in the quotation's own sentence (a
	// pronoun, a speaker in a neighbouring sentence, or none). Stitching
	// and sentence selection change such attributions without the generator
	// recording it, so some of these are real re-attributions the truth
	// misses; Explicit ones (a name with a speech verb in the same
	// sentence) are false alarms. OnOriginals counts findings on held-out
	// originals (all false).
	UnmatchedImplicit int `json:"unmatched_implicit"`
	UnmatchedExplicit int `json:"unmatched_explicit"`
	OnOriginals       int `json:"on_originals"`
	// PrecisionUpper is the precision were every implicit unmatched
	// finding right: an upper bound.
	PrecisionUpper float64 `json:"precision_upper_bound"`
}

// Verdicts measures the verdict.
type Verdicts struct {
	Accuracy float64 `json:"accuracy"`
	Correct  int     `json:"correct"`
	Total    int     `json:"total"`
	// Confusion[truth][reported] counts traces.
	Confusion map[string]map[string]int `json:"confusion"`
	Spun      Spun                      `json:"spun"`
}

// Spun scores the spun modifier on its own, with its recall by the true
// share of substituted article words.
type Spun struct {
	Accuracy  float64       `json:"accuracy"`
	Precision float64       `json:"precision"`
	Recall    float64       `json:"recall"`
	TP        int           `json:"tp"`
	FP        int           `json:"fp"`
	FN        int           `json:"fn"`
	TN        int           `json:"tn"`
	ByRate    []*RateBucket `json:"by_rate"`
}

// RateBucket counts derivatives whose share of substituted article words is
// below Below (and at or above the previous bucket's), and how many of them
// were called spun.
type RateBucket struct {
	Label  string  `json:"label"`
	Below  float64 `json:"below"`
	Cases  int     `json:"cases"`
	Spun   int     `json:"called_spun"`
	Share  float64 `json:"share_called_spun"`
	Truthy bool    `json:"truth_spun"` // whether the bucket's truth is spun
}

// Mixin measures how much of the unexplained text (a held-out run stitched
// into some derivatives) the tracer wrongly attributed to a source.
type Mixin struct {
	Cases        int     `json:"cases"`
	Chars        int     `json:"chars"`
	ClaimedChars int     `json:"claimed_chars"`
	Claimed      float64 `json:"claimed"`
}

// Throughput is the speed of the trace phase.
type Throughput struct {
	Traces       int     `json:"traces"`
	Workers      int     `json:"workers"`
	Seconds      float64 `json:"seconds"`
	PerSecond    float64 `json:"traces_per_second"`
	MeanMs       float64 `json:"mean_ms"`
	P50Ms        float64 `json:"p50_ms"`
	P99Ms        float64 `json:"p99_ms"`
	IndexSeconds float64 `json:"index_seconds"`
	IndexMB      float64 `json:"index_text_mb"`
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
