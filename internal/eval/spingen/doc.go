// Package spingen generates spun and stitched derivatives of news articles,
// together with the exact truth of how each derivative was made, so that the
// tracer can be measured (`spintrace eval spin`, end-to-end tests, benchmark
// queries).
//
// It exists for measurement only. It is not a product feature: spintrace
// detects spinning and does not spin (SPEC §5). Derivatives are written only
// into temporary or evaluation output, never published or served.
//
// A derivative takes consecutive sentence runs from one or more sources
// (optionally shuffled), replaces a share of eligible words with synonyms from
// a hand-written table, optionally renames entities ("Russia" -> "Russian
// Federation", "Xi Jinping" -> "Jinping"), re-attributes or drops quotations,
// glues sentences badly at the seams and adds boilerplate. The Truth records
// every copied passage (character ranges in both texts), every substitution,
// every quote change and every join artifact.
//
// Concurrency: the package holds only read-only tables built at init. Derive
// is safe for concurrent use as long as each goroutine uses its own
// *rand.Rand.
package spingen
