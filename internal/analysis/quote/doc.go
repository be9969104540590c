// Package quote finds quotations and their attributed speakers in English
// news text, and speech-verb attributions that carry no quotation (reported
// speech, or a quote that was removed: "Trump said in a note on Twitter.").
//
// It owns quote-mark pairing (straight and curly double quotes, single quotes
// when they cannot be apostrophes, quotes continued over paragraphs by the
// reopen-mark convention), a quote-aware sentence splitter, speaker phrase
// extraction with title stripping ("Foreign Minister Sergei Lavrov" ->
// "Sergei Lavrov"), pronoun resolution to the previous named speaker, and
// speaker comparison (SameSpeaker). All offsets are byte offsets into the
// text given. The rules are hand-written heuristics for English news prose;
// no third-party NLP is used.
//
// Concurrency: the package is pure (no I/O, no global mutable state); every
// function is safe for concurrent use. Returned slices are owned by the
// caller.
package quote
