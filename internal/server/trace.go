package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/ingest"
)

// traceRequest is the JSON body of POST /api/v1/trace.
type traceRequest struct {
	Text      string `json:"text"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Site      string `json:"site"`
	Published string `json:"published"` // RFC 3339 or YYYY-MM-DD
}

// handleTrace traces a posted article: a JSON traceRequest, or the raw
// text with Content-Type text/plain (title, url and published then come
// from the query string).
func (s *Server) handleTrace(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.writeErr(w, r, "read request", err)
		return
	}
	var req traceRequest
	switch mediaType(r, body) {
	case "application/json":
		if err := json.Unmarshal(body, &req); err != nil {
			writeError(w, http.StatusBadRequest, CodeMalformedJSON, "trace request: %v", err)
			return
		}
	case "text/plain", "text/markdown":
		q := r.URL.Query()
		req = traceRequest{Text: string(body), Title: q.Get("title"), URL: q.Get("url"), Site: q.Get("site"), Published: q.Get("published")}
	default:
		writeError(w, http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "trace request: send application/json or text/plain, not %q", r.Header.Get("Content-Type"))
		return
	}
	pub, err := parseDate(req.Published)
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeBadInput, "trace request: %v", err)
		return
	}
	d := spintrace.Doc{
		Text: ingest.Normalize(req.Text), Title: strings.TrimSpace(req.Title), URL: strings.TrimSpace(req.URL),
		Site: strings.TrimSpace(req.Site), Published: pub,
	}
	if d.Site == "" {
		d.Site = ingest.SiteOf(d.URL)
	}
	if strings.TrimSpace(d.Text) == "" {
		writeError(w, http.StatusBadRequest, CodeBadInput, "trace request: the text is empty")
		return
	}
	s.respondTrace(w, r, d)
}

// handleTraceDocument traces a stored document against the rest of the
// index: its provenance.
func (s *Server) handleTraceDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, err := s.cfg.Store.Get(r.Context(), id)
	if err != nil {
		s.writeErr(w, r, "document "+id, err)
		return
	}
	s.respondTrace(w, r, d)
}

func (s *Server) respondTrace(w http.ResponseWriter, r *http.Request, d spintrace.Doc) {
	res, err := s.trace(r.Context(), d)
	if err != nil {
		s.writeErr(w, r, "trace", err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// trace runs the tracer and gives up when ctx ends, even if the tracer
// does not watch ctx in every phase; the abandoned trace finishes in the
// background and its result is dropped.
func (s *Server) trace(ctx context.Context, d spintrace.Doc) (*spintrace.Result, error) {
	type out struct {
		res *spintrace.Result
		err error
	}
	done := make(chan out, 1)
	go func() {
		res, err := s.cfg.Tracer.Trace(ctx, d)
		done <- out{res, err}
	}()
	select {
	case o := <-done:
		return o.res, o.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// mediaType returns the request's media type, sniffing JSON when the
// client sent none.
func mediaType(r *http.Request, body []byte) string {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		if t := bytes.TrimLeft(body, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
			return "application/json"
		}
		return "text/plain"
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	switch mt {
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines":
		return "application/json"
	}
	return mt
}

// parseDate reads an RFC 3339 time or a YYYY-MM-DD date; "" is the zero
// time.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("published %q is neither RFC 3339 nor YYYY-MM-DD", s)
}

// errStop ends a store scan early.
var errStop = errors.New("stop")
