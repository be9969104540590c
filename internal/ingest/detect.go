package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// maybeGunzip returns a reader over the decompressed content when br starts
// with the gzip magic number, and br itself otherwise.
func maybeGunzip(br *bufio.Reader) (*bufio.Reader, bool, error) {
	magic, _ := br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, false, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, true, fmt.Errorf("bad gzip header: %w", readErr(err))
	}
	return bufio.NewReaderSize(zr, 64<<10), true, nil
}

// readErr makes read errors from truncated input say so.
func readErr(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated input: %w", err)
	}
	return err
}

// detect picks a format from the file name (a ".gz" suffix removed) and, when
// the name does not tell, from the first bytes of the content.
func detect(name string, gz bool, r *bufio.Reader) string {
	lower := strings.ToLower(name)
	lower = strings.TrimSuffix(lower, ".gz")
	switch filepath.Ext(lower) {
	case ".warc", ".arc":
		return FormatWARC
	case ".jsonl", ".ndjson", ".jsonlines", ".json":
		return FormatJSONL
	case ".csv", ".tsv":
		return FormatCSV
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".rss", ".atom":
		return FormatFeed
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown
	case ".txt", ".text":
		return FormatText
	}
	head, _ := r.Peek(4096)
	return sniff(head)
}

// sniff guesses a format from the start of a file.
func sniff(head []byte) string {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("WARC/")):
		return FormatWARC
	case bytes.HasPrefix(head, []byte("{")):
		return FormatJSONL
	case bytes.HasPrefix(head, []byte("---\n")) || bytes.HasPrefix(head, []byte("---\r\n")):
		return FormatMarkdown
	case bytes.HasPrefix(head, []byte("<")):
		low := bytes.ToLower(head)
		for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
			if i := bytes.Index(low, []byte(tag)); i >= 0 && !bytes.Contains(low[:i], []byte("<html")) {
				return FormatFeed
			}
		}
		return FormatHTML
	}
	return FormatText
}

// isBinary reports whether the content has a NUL byte in its first 8 KB.
func isBinary(r *bufio.Reader) bool {
	head, _ := r.Peek(8 << 10)
	return bytes.IndexByte(head, 0) >= 0
}
