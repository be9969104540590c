package server

import (
	"context"
	"net/http"
	"time"
)

type statsResponse struct {
	Version   int   `json:"version"`
	Docs      int64 `json:"docs"`
	TextBytes int64 `json:"text_bytes"`
	DiskBytes int64 `json:"disk_bytes"`
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.cfg.Store.Stats(r.Context())
	if err != nil {
		s.writeErr(w, r, "read index stats", err)
		return
	}
	writeJSON(w, http.StatusOK, statsResponse{APIVersion, st.Docs, st.TextBytes, st.DiskBytes})
}

type healthResponse struct {
	Status string `json:"status"`
	Docs   int64  `json:"docs"`
}

// handleHealth reports whether the store answers. It needs no token.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	st, err := s.cfg.Store.Stats(ctx)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, CodeUnavailable, "store: %v", err)
		return
	}
	writeJSON(w, http.StatusOK, healthResponse{Status: "ok", Docs: st.Docs})
}
