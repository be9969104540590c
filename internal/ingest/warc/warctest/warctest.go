// Package warctest writes WARC files for tests and benchmarks with gowarc's
// own writer, so the reader is checked against the library's output rather
// than hand-made bytes.
//
// Concurrency: Write is safe for concurrent use on distinct writers.
package warctest

import (
	"fmt"
	"io"
	"strings"
	"time"

	gowarc "github.com/internetarchive/gowarc"
)

// Rec is one record to write. For "response" records Payload is the HTTP
// body and Status/HTTPHeader build the HTTP response around it; for other
// types Payload is the whole record block.
type Rec struct {
	Type        string // "response", "request", "resource", "warcinfo", ...
	TargetURI   string
	Date        time.Time
	ContentType string // record Content-Type for non-response records
	Status      int    // HTTP status for responses; 0 means 200
	HTTPHeader  string // extra HTTP header lines ("Content-Type: text/html\r\n")
	Payload     string
}

// Block returns the record block: for a response, the HTTP message.
func (r Rec) Block() string {
	if r.Type != "response" {
		return r.Payload
	}
	status := r.Status
	if status == 0 {
		status = 200
	}
	return fmt.Sprintf("HTTP/1.1 %d Status\r\n%sContent-Length: %d\r\n\r\n%s", status, r.HTTPHeader, len(r.Payload), r.Payload)
}

// Write writes recs to w as a WARC file, one gzip member per record when
// gzip is set (as crawlers write .warc.gz files).
func Write(w io.Writer, gzip bool, recs []Rec) error {
	comp := ""
	if gzip {
		comp = "gzip"
	}
	for i, r := range recs {
		ww, err := gowarc.NewWriter(w, "test.warc", gowarc.SHA1, comp, "", true, nil)
		if err != nil {
			return fmt.Errorf("warctest: new writer: %w", err)
		}
		rec := gowarc.NewRecord("", false)
		rec.Header.Set("WARC-Type", r.Type)
		if r.TargetURI != "" {
			rec.Header.Set("WARC-Target-URI", r.TargetURI)
		}
		if !r.Date.IsZero() {
			rec.Header.Set("WARC-Date", r.Date.UTC().Format(time.RFC3339))
		}
		ct := r.ContentType
		if r.Type == "response" {
			ct = "application/http; msgtype=response"
		}
		if ct != "" {
			rec.Header.Set("Content-Type", ct)
		}
		if _, err := io.Copy(rec.Content, strings.NewReader(r.Block())); err != nil {
			return fmt.Errorf("warctest: record %d: %w", i+1, err)
		}
		if _, err := ww.WriteRecord(rec); err != nil {
			return fmt.Errorf("warctest: write record %d: %w", i+1, err)
		}
		if gzip {
			if err := ww.CloseCompressedWriter(); err != nil {
				return fmt.Errorf("warctest: close record %d: %w", i+1, err)
			}
		}
	}
	return nil
}
