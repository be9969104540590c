// Package corpus analyses a whole index: it traces every stored document
// against the others (candidates come from the fingerprint index, never all
// pairs), groups the reprinted passages into reuse clusters with their
// earliest witness, and scores every site on how much of what it publishes
// is copied, spun or stitched from others (a content-farm score with its
// evidence).
//
// Each document is traced "as of its date": documents published after it
// are hidden from its trace, so an original is not mistaken for a copy of
// its own reprints. Site boilerplate (a passage one site repeats on many of
// its pages) is kept out of clusters and out of the copy counts.
//
// On a store that lists candidate pairs itself (PairSource: PostgreSQL,
// one join inside the database), each document is traced against its
// candidates from that join instead of looking up its own postings.
// Superseded versions of re-indexed pages are left out.
//
// Analyze only reads the store; Save keeps an analysis in it (a store
// setting) and Load returns it, so that the next run traces only what was
// stored since. Analyze traces documents on several goroutines; an
// Analysis is a plain value, safe to read concurrently once returned. See
// docs/design.md, "Corpus analysis".
package corpus
