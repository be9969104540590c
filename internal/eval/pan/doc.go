// Package pan owns the PAN text-alignment benchmark: reading a PAN 2013
// corpus (pairs, source and suspicious documents, per-folder truth XML),
// writing and reading detections in the PAN XML format, the measures of
// Potthast et al. 2010 "An Evaluation Framework for Plagiarism Detection"
// (macro-averaged character-level precision and recall, granularity,
// plagdet) as used by PAN 2013 text alignment, and a parallel runner that
// applies a Detector to every pair and reports the measures overall and per
// obfuscation folder.
//
// Offsets and lengths everywhere in this package count characters (Unicode
// code points) of the UTF-8 text, as the PAN corpora do, never bytes.
//
// Run takes the detector as a Detector function; EngineDetector is the
// engine's (textnorm canonicalization and align.Align, the code path trace
// runs), and EngineConfig names the ablations docs/evaluation.md reports.
//
// Concurrency: a *Corpus is safe for concurrent use (its document cache is
// guarded by a mutex); its exported fields must not be modified after
// OpenCorpus returns. Run calls the Detector from several goroutines at once,
// so the Detector must be safe for concurrent use (EngineDetector is).
// Tally, Report and the XML functions are plain values and functions with
// no shared state.
package pan
