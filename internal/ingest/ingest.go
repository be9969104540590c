// Package ingest turns the files users bring (plain text, Markdown, HTML
// pages, WARC archives, RSS/Atom feeds, JSON Lines and CSV, optionally
// gzip-compressed) into spintrace documents. The format-specific work is done
// by thin wrappers over maintained libraries in the sub-packages html, warc
// and feed; this package owns path expansion, format detection, text
// normalization, field mapping and the parallel pipeline.
//
// Concurrency: Walk reads the inputs sequentially on one goroutine, runs
// extraction on Options.Workers goroutines and calls the caller's function
// sequentially from the goroutine that called Walk, in input order. Walk and
// Measure may be called concurrently with each other; Options is read only.
//
// Memory: files are streamed. A single document is held in memory only up to
// Options.MaxDocBytes; larger documents are skipped with a reason. At most a
// few documents per worker are in flight at once.
package ingest

import (
	"fmt"
	"io"
	"runtime"

	"github.com/spintrace/spintrace"
)

// Formats accepted in Options.Format.
const (
	FormatAuto     = "auto"
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatJSONL    = "jsonl"
	FormatCSV      = "csv"
	FormatHTML     = "html"
	FormatWARC     = "warc"
	FormatFeed     = "feed"
)

// DefaultMaxDocBytes is the default Options.MaxDocBytes.
const DefaultMaxDocBytes = 20 << 20

// Options controls Walk. The zero value is usable.
type Options struct {
	// Format forces one format for every input; "" or "auto" detects it per
	// file by extension and content sniffing. Gzip is always transparent.
	Format string
	// Field names for JSON Lines and CSV records; defaults "text", "title",
	// "url", "date", "site", "byline". A JSON field name may be a dotted
	// path ("meta.title") into nested objects.
	TextField, TitleField, URLField, DateField, SiteField, BylineField string
	// FileField, when set, names a JSON Lines / CSV field holding the path
	// of a file with the document (relative to the manifest's directory),
	// read when the record has no text field. Off by default: a manifest
	// then makes the reader open files it names.
	FileField string
	// Workers is the number of extraction goroutines; <= 0 means
	// runtime.NumCPU().
	Workers int
	// MaxDocBytes bounds one document (a text file, an HTML page, a WARC
	// record body, a JSON or CSV line); larger ones are skipped (a JSONL or
	// CSV line gives an error naming the line). <= 0 means DefaultMaxDocBytes.
	MaxDocBytes int64
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
}

// Item is one result of Walk: a document, a per-input error, or a skip.
type Item struct {
	// Doc is the document; empty when Err or Skip is set. Its Text is
	// normalized (valid UTF-8, NFC, "\n" line ends, trimmed), ID is
	// spintrace.DocID(Text), Origin is the file path, path#L12 for line 12 of
	// a JSON Lines or CSV file, or the URL of a WARC record or feed item;
	// Site falls back to the URL host.
	Doc spintrace.Doc
	// Err is a per-file or per-record problem; its message names the file
	// (and line or record) and what is wrong.
	Err error
	// Skip is a short reason when the input was skipped on purpose ("empty
	// text", "binary file", "non-HTML WARC record", ...).
	Skip string
	// Input is the file the item was read from ("-" for stdin).
	Input string
	// Bytes is the number of input bytes this item accounts for. Over a
	// whole run the sum equals the size of every regular file read (what
	// Measure reports) plus the bytes read from stdin.
	Bytes int64
}

func (o Options) withDefaults() (Options, error) {
	switch o.Format {
	case "":
		o.Format = FormatAuto
	case FormatAuto, FormatText, FormatMarkdown, FormatJSONL, FormatCSV, FormatHTML, FormatWARC, FormatFeed:
	default:
		return o, fmt.Errorf("ingest: unknown format %q (want auto, text, markdown, jsonl, csv, html, warc or feed)", o.Format)
	}
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&o.TextField, "text")
	def(&o.TitleField, "title")
	def(&o.URLField, "url")
	def(&o.DateField, "date")
	def(&o.SiteField, "site")
	def(&o.BylineField, "byline")
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.MaxDocBytes <= 0 {
		o.MaxDocBytes = DefaultMaxDocBytes
	}
	return o, nil
}
