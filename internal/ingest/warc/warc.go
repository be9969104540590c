// Package warc reads the HTML pages archived in a WARC file. It is a thin
// wrapper over github.com/internetarchive/gowarc: records are streamed one at
// a time (a large record body spills to a temporary file inside gowarc, so
// memory stays bounded), HTTP response records are parsed, and their bodies
// are decoded from chunked and gzip/deflate/brotli transfer.
//
// Concurrency: a Reader is not safe for concurrent use; the Records it
// returns are independent values.
package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	gowarc "github.com/internetarchive/gowarc"
)

// Record is one WARC record as ingest needs it. When Skip is set the record
// holds no HTML page and Body is nil.
type Record struct {
	N           int    // 1-based record number in the file
	Type        string // WARC-Type
	TargetURI   string
	Date        time.Time // WARC-Date, zero when missing or unreadable
	ContentType string    // the HTTP response's Content-Type
	Body        []byte    // the decoded HTML payload
	Skip        string    // why the record holds no page, e.g. "non-HTML WARC record"
}

// Reader reads records from a WARC stream (plain or gzip-compressed).
type Reader struct {
	r       *gowarc.Reader
	n       int
	maxBody int64
	err     error
}

// NewReader returns a Reader over r. Bodies larger than maxBody bytes are
// skipped with a reason.
func NewReader(r io.Reader, maxBody int64) (*Reader, error) {
	wr, err := gowarc.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	return &Reader{r: wr, maxBody: maxBody}, nil
}

// Next returns the next record, or io.EOF after the last one. Any other
// error names the record and leaves the Reader unusable (a WARC stream
// cannot be resynchronized after a damaged record): later calls return the
// same error.
func (r *Reader) Next() (Record, error) {
	if r.err != nil {
		return Record{}, r.err
	}
	rec, err := r.r.ReadRecord()
	if err != nil {
		if err == io.EOF { // a clean end; wrapped EOFs mean truncation
			r.err = io.EOF
			return Record{}, io.EOF
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			r.err = fmt.Errorf("record %d: truncated: %w", r.n+1, err)
		} else {
			r.err = fmt.Errorf("record %d: %w", r.n+1, err)
		}
		return Record{}, r.err
	}
	defer rec.Content.Close()
	r.n++
	out := Record{
		N:         r.n,
		Type:      rec.Header.Get("WARC-Type"),
		TargetURI: strings.Trim(rec.Header.Get("WARC-Target-URI"), "<> "),
		Date:      parseDate(rec.Header.Get("WARC-Date")),
	}
	if out.Type != "response" && out.Type != "resource" {
		out.Skip = "non-HTML WARC record"
		return out, nil
	}
	if _, err := rec.Content.Seek(0, io.SeekStart); err != nil {
		return out, fmt.Errorf("record %d (%s): %w", r.n, out.TargetURI, err)
	}
	if out.Type == "resource" {
		out.ContentType = rec.Header.Get("Content-Type")
		if !isHTML(out.ContentType) {
			out.Skip = "non-HTML WARC record"
			return out, nil
		}
		body, skip, err := readBody(rec.Content, r.maxBody)
		out.Body, out.Skip = body, skip
		return out, err
	}
	if !strings.HasPrefix(strings.ToLower(rec.Header.Get("Content-Type")), "application/http") {
		out.Skip = "non-HTML WARC record"
		return out, nil
	}
	resp, err := http.ReadResponse(bufio.NewReader(rec.Content), nil)
	if err != nil {
		out.Skip = "unreadable HTTP response"
		return out, nil
	}
	defer resp.Body.Close()
	out.ContentType = resp.Header.Get("Content-Type")
	switch {
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		out.Skip = "HTTP status " + strconv.Itoa(resp.StatusCode)
		return out, nil
	case !isHTML(out.ContentType):
		out.Skip = "non-HTML WARC record"
		return out, nil
	}
	body, err := decodeTransfer(resp.Body, resp.Header.Get("Content-Encoding"))
	if err != nil {
		out.Skip = err.Error()
		return out, nil
	}
	out.Body, out.Skip, err = readBody(body, r.maxBody)
	if err != nil {
		// A damaged payload inside an intact record: skip it, keep reading.
		out.Body, out.Skip = nil, "damaged HTTP payload: "+err.Error()
	}
	return out, nil
}

// isHTML reports whether a Content-Type names an HTML page; a missing type
// counts as HTML (the extractor copes with other text).
func isHTML(ct string) bool {
	if strings.TrimSpace(ct) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

func decodeTransfer(body io.Reader, encoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity", "none":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("bad gzip payload")
		}
		return zr, nil
	case "deflate":
		return flate.NewReader(body), nil
	case "br":
		return brotli.NewReader(body), nil
	}
	return nil, fmt.Errorf("unsupported content encoding %q", encoding)
}

func readBody(r io.Reader, max int64) (body []byte, skip string, err error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, max+1))
	if err != nil {
		return nil, "", err
	}
	if n > max {
		return nil, fmt.Sprintf("page larger than %d bytes", max), nil
	}
	return buf.Bytes(), "", nil
}

func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
