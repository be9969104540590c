package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/ingest"
)

// APIVersion is the version carried by the API's JSON documents (other
// than trace results, which carry spintrace.ResultVersion).
const APIVersion = 1

// Listing limits of GET /api/v1/documents.
const (
	defaultListLimit = 50
	maxListLimit     = 500
)

// docSummary is a stored document in a listing: its metadata without text.
type docSummary struct {
	Cursor    string    `json:"cursor"` // its ref: pass it as ?cursor= to list the documents after it
	ID        string    `json:"id"`
	Origin    string    `json:"origin,omitempty"`
	URL       string    `json:"url,omitempty"`
	Site      string    `json:"site,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Chars     int       `json:"chars"`
	Copies    int       `json:"copies,omitempty"`
}

type docList struct {
	Version   int          `json:"version"`
	Documents []docSummary `json:"documents"`
	// NextCursor is set when more documents may follow.
	NextCursor string `json:"next_cursor,omitempty"`
}

// handleListDocuments pages through the store in insertion order,
// filtering by site (exact, case-insensitive) and by a case-insensitive
// substring of the title.
func (s *Server) handleListDocuments(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := defaultListLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxListLimit {
			writeError(w, http.StatusBadRequest, CodeBadRequest, "limit must be an integer from 1 to %d, not %q", maxListLimit, v)
			return
		}
		limit = n
	}
	var after spintrace.Ref
	if v := q.Get("cursor"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, CodeBadRequest, "cursor %q is not one this server returned", v)
			return
		}
		after = spintrace.Ref(n)
	}
	site := strings.TrimSpace(q.Get("site"))
	title := strings.ToLower(strings.TrimSpace(q.Get("q")))
	out := docList{Version: APIVersion, Documents: []docSummary{}}
	err := s.cfg.Store.Scan(r.Context(), after, func(ref spintrace.Ref, d spintrace.Doc) error {
		if err := r.Context().Err(); err != nil {
			return err
		}
		if site != "" && !strings.EqualFold(d.Site, site) {
			return nil
		}
		if old, err := spintrace.Superseded(r.Context(), s.cfg.Store, d); err != nil || old {
			return err // an older version of a page indexed again is not listed
		}
		if title != "" && !strings.Contains(strings.ToLower(d.Title), title) {
			return nil
		}
		if len(out.Documents) == limit {
			out.NextCursor = out.Documents[limit-1].Cursor
			return errStop
		}
		out.Documents = append(out.Documents, docSummary{
			Cursor: strconv.FormatUint(uint64(ref), 10), ID: d.ID, Origin: d.Origin, URL: d.URL, Site: d.Site,
			Title: d.Title, Published: d.Published, Chars: utf8.RuneCountInString(d.Text), Copies: d.Copies,
		})
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		s.writeErr(w, r, "list documents", err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

type docResponse struct {
	Version  int           `json:"version"`
	Document spintrace.Doc `json:"document"`
}

func (s *Server) handleGetDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, err := s.cfg.Store.Get(r.Context(), id)
	if err != nil {
		s.writeErr(w, r, "document "+id, err)
		return
	}
	writeJSON(w, http.StatusOK, docResponse{APIVersion, d})
}

// docInput is one document posted to POST /api/v1/documents. Unknown
// fields are ignored, so JSON Lines written by other tools can be posted
// as they are.
type docInput struct {
	Text      string `json:"text"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Site      string `json:"site"`
	Origin    string `json:"origin"`
	Byline    string `json:"byline"`
	Lang      string `json:"lang"`
	Published string `json:"published"`
}

type addResponse struct {
	Version    int      `json:"version"`
	Added      int      `json:"added"`
	Duplicates int      `json:"duplicates"`
	Unchanged  int      `json:"unchanged"`
	IDs        []string `json:"ids"` // per posted document, in order
	Docs       int64    `json:"docs_in_index"`
}

// handleAddDocuments indexes posted documents: one JSON object, a JSON
// array of objects, or JSON Lines. Additions are serialized; traces keep
// running meanwhile.
func (s *Server) handleAddDocuments(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.writeErr(w, r, "read request", err)
		return
	}
	if mt := mediaType(r, body); mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "add documents: send application/json or application/x-ndjson, not %q", r.Header.Get("Content-Type"))
		return
	}
	inputs, err := decodeDocs(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeMalformedJSON, "add documents: %v", err)
		return
	}
	docs := make([]spintrace.Doc, len(inputs))
	for i, in := range inputs {
		d, err := in.doc()
		if err != nil {
			writeError(w, http.StatusBadRequest, CodeBadInput, "add documents: document %d: %v", i+1, err)
			return
		}
		docs[i] = d
	}
	resp, err := s.add(r, docs)
	if err != nil {
		s.writeErr(w, r, "add documents", err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) add(r *http.Request, docs []spintrace.Doc) (addResponse, error) {
	ctx := r.Context()
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	defer s.analyses.invalidate() // even a failed batch may have stored some
	b := &index.Builder{Store: s.cfg.Store, Norm: s.cfg.Norm, Config: s.cfg.Index}
	resp := addResponse{Version: APIVersion, IDs: make([]string, len(docs))}
	for i, d := range docs {
		resp.IDs[i] = d.ID
		if err := b.Add(ctx, d); err != nil {
			b.Close(ctx)
			return resp, err
		}
	}
	st, err := b.Close(ctx)
	if err != nil {
		return resp, err
	}
	s.metrics.docsAdded.Add(int64(st.Added))
	resp.Added, resp.Duplicates, resp.Unchanged = st.Added, st.Duplicates, st.Unchanged
	stats, err := s.cfg.Store.Stats(ctx)
	if err != nil {
		return resp, fmt.Errorf("read index stats: %w", err)
	}
	resp.Docs = stats.Docs
	return resp, nil
}

// decodeDocs reads one object, an array of objects, or a stream of
// objects (JSON Lines).
func decodeDocs(body []byte) ([]docInput, error) {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return nil, errors.New("the body is empty")
	}
	if t[0] == '[' {
		var out []docInput
		if err := json.Unmarshal(t, &out); err != nil {
			return nil, err
		}
		if len(out) == 0 {
			return nil, errors.New("the array holds no documents")
		}
		return out, nil
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	var out []docInput
	for {
		var in docInput
		err := dec.Decode(&in)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", len(out)+1, err)
		}
		out = append(out, in)
	}
}

// doc validates an input and turns it into a document as the ingest
// readers would: normalized text, site from the URL when not given, the
// URL as origin when no origin is given.
func (in docInput) doc() (spintrace.Doc, error) {
	pub, err := parseDate(in.Published)
	if err != nil {
		return spintrace.Doc{}, err
	}
	text := ingest.Normalize(in.Text)
	if strings.TrimSpace(text) == "" {
		return spintrace.Doc{}, errors.New("text is empty")
	}
	d := spintrace.Doc{
		Text: text, Title: strings.TrimSpace(in.Title), URL: strings.TrimSpace(in.URL), Site: strings.TrimSpace(in.Site),
		Origin: strings.TrimSpace(in.Origin), Byline: strings.TrimSpace(in.Byline), Lang: strings.TrimSpace(in.Lang), Published: pub,
	}
	if d.Site == "" {
		d.Site = ingest.SiteOf(d.URL)
	}
	if d.Origin == "" {
		d.Origin = d.URL
	}
	d.ID = spintrace.DocID(d.Text)
	return d, nil
}
