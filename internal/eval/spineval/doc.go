// Package spineval measures the tracer on spun and stitched derivatives of a
// real corpus (`spintrace eval spin`): it indexes most of the corpus into an
// in-memory store, keeps a held-out share out of the index as originals and
// distractors, generates derivatives with their exact truth through
// internal/eval/spingen, traces every derivative and every held-out article,
// and scores the results against the truth.
//
// Before the split, exact and near duplicates are collapsed, and only
// articles that share no run of about ten words with another one are held
// out: a corpus's own reuse would make their truth "original" wrong.
//
// The generator is used for measurement only. spintrace detects spinning and
// does not spin (SPEC §5): derivatives exist only in memory during a run
// and, when Options.OutDir is set, in that evaluation output directory for
// inspection. Nothing here is offered as a feature.
//
// The measures, and the choices behind them, are documented on Report and
// its fields. In short:
//
//   - source recall@10: true sources (those a derivative has passages from)
//     among the first ten reported, over all true sources (a true source
//     that gave only quoted speech also counts when it is listed as a shared
//     quotation, as the tracer does by design); recall@1: the first reported
//     source is a true one, over derivatives (recall@k normalized by
//     min(k, true sources));
//   - source precision: reported sources that are true, over every trace
//     including the held-out originals (where every reported source is false);
//   - passage plagdet: the PAN measures (internal/eval/pan) over (article,
//     source) pairs, truth passages against the reported passages of that
//     source; reported sources that are not true add false detections;
//   - substitutions: a reported substitution of kind synonym, alias, entity or
//     word matches a truth substitution when their article spans overlap;
//     inflection-kind ones are not counted either way. Precision counts only
//     substitutions reported for true sources and lying inside a true
//     passage: text wrongly attributed is already charged to source
//     precision and plagdet, and counting its word differences again would
//     measure alignment, not substitution detection. Substitutions over a
//     re-attributed speaker's name, a join seam or boilerplate are real
//     differences the truth records elsewhere, so they count neither way;
//   - quote changes: truth quote swaps match findings flagged speaker_changed
//     overlapping the quotation or its speaker; dropped quotations match
//     findings flagged quote_dropped overlapping the attribution sentence
//     that was kept; a speaker_changed finding elsewhere carrying a truth
//     swap's two names counts as correct;
//   - verdict: truth class (held-out articles are "original") against
//     Verdict.Class, with the spun modifier scored separately.
//
// Concurrency: Run traces on Options.Workers goroutines and calls
// Options.Progress from one goroutine at a time. A Tally is not safe for
// concurrent use. Report values are plain data.
package spineval
