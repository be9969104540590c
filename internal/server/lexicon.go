package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/spintrace/spintrace"
)

type lexiconResponse struct {
	Version   int                  `json:"version"`
	Entries   []spintrace.LexEntry `json:"entries"`
	Truncated bool                 `json:"truncated,omitempty"`
}

// handleLexicon returns the spin lexicon, for one site with ?site=, at
// most ?limit= entries (default 1000, at most 100000).
func (s *Server) handleLexicon(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := 1000
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			writeError(w, http.StatusBadRequest, CodeBadRequest, "limit must be an integer from 1 to 100000, not %q", v)
			return
		}
		limit = n
	}
	out := lexiconResponse{Version: APIVersion, Entries: []spintrace.LexEntry{}}
	err := s.cfg.Store.Lexicon(r.Context(), q.Get("site"), func(e spintrace.LexEntry) error {
		if len(out.Entries) == limit {
			out.Truncated = true
			return errStop
		}
		out.Entries = append(out.Entries, e)
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		s.writeErr(w, r, "read lexicon", err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
