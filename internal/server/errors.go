package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/spintrace/spintrace"
)

// Error codes of API error responses. They are stable: clients may switch
// on them.
const (
	CodeBadRequest       = "bad_request"    // malformed parameters
	CodeMalformedJSON    = "malformed_json" // the body is not the JSON expected
	CodeBadInput         = "bad_input"      // the text or document is unusable (empty, no words)
	CodeUnsupportedMedia = "unsupported_media_type"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeTooLarge         = "payload_too_large" // body over the configured limit
	CodeUnauthorized     = "unauthorized"      // missing or wrong bearer token
	CodeTimeout          = "timeout"           // the request ran past the configured timeout
	CodeUnavailable      = "unavailable"       // the store cannot be read
	CodeInternal         = "internal"
)

// errorBody is the JSON shape of every API error.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client went away: nothing to do
}

func writeError(w http.ResponseWriter, status int, code, format string, a ...any) {
	var b errorBody
	b.Error.Code = code
	b.Error.Message = fmt.Sprintf(format, a...)
	writeJSON(w, status, b)
}

// writeErr maps an error from the engine or the store to a response.
func (s *Server) writeErr(w http.ResponseWriter, r *http.Request, what string, err error) {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, "%s: request body is larger than the limit of %d bytes", what, tooBig.Limit)
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, CodeTimeout, "%s: not done within the server's timeout of %s", what, s.cfg.Timeout)
	case errors.Is(err, spintrace.ErrNotFound):
		writeError(w, http.StatusNotFound, CodeNotFound, "%s: %v", what, err)
	case errors.Is(err, spintrace.ErrBadInput):
		writeError(w, http.StatusBadRequest, CodeBadInput, "%s: %v", what, err)
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client went away; the status is only logged.
		writeError(w, 499, CodeTimeout, "%s: request cancelled", what)
	default:
		s.log.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "what", what, "err", err)
		writeError(w, http.StatusInternalServerError, CodeInternal, "%s: %v", what, err)
	}
}
