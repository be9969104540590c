// Package server is spintrace's HTTP front end: a versioned JSON API under
// /api/v1 (trace a posted article, browse and add documents, the spin
// lexicon, site scores and reuse clusters), /healthz, Prometheus /metrics,
// and the web UI, whose plain HTML/CSS/JS assets are embedded (ui/) so the
// binary serves them with no network access. docs/openapi.json documents the API; a test checks the
// server against it.
//
// Every API error is a JSON object {"error":{"code":"...","message":"..."}}
// with a stable code (see the Code* constants). Request bodies are limited
// (413), requests have a deadline (503 "timeout"), and when a token is
// configured every API call must carry it as a bearer token.
//
// Concurrency: a *Server is safe for concurrent use. Traces and reads run
// concurrently; additions (POST /api/v1/documents) are serialized by a
// mutex, so one index.Builder writes at a time while traces keep running
// against the store, whose own contract makes each batch visible entirely
// or not at all. The corpus analysis behind the sites and clusters
// endpoints is computed on first use, one computation at a time, cached,
// and recomputed after documents were added; a request that times out
// leaves the computation running to fill the cache.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/spintrace/spintrace"
	corp "github.com/spintrace/spintrace/internal/corpus"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Defaults of Config.
const (
	DefaultMaxBody = 10 << 20
	DefaultTimeout = 30 * time.Second
)

// Tracer traces one article against the store; *search.Engine implements
// it. Trace must be safe for concurrent use.
type Tracer interface {
	Trace(ctx context.Context, d spintrace.Doc) (*spintrace.Result, error)
}

// Config configures a Server.
type Config struct {
	// Store is the index; required. The server does not close it.
	Store spintrace.Store
	// Tracer traces articles against Store; required.
	Tracer Tracer
	// Index is how documents added through the API are canonicalized and
	// fingerprinted. It must be the configuration Store was built with
	// (New checks it with index.Check); usually index.Default().
	Index index.Config
	// Norm is the normalizer for Index.Canon; nil: a new one.
	Norm *textnorm.Normalizer
	// Token, when not empty, must be sent as "Authorization: Bearer TOKEN"
	// on every API call and on /metrics.
	Token string
	// MaxBody bounds request bodies in bytes (0: DefaultMaxBody).
	MaxBody int64
	// Timeout bounds the handling of one request (0: DefaultTimeout).
	Timeout time.Duration
	// Logger receives the access log and server errors (nil: slog.Default()).
	Logger *slog.Logger
	// CorpusTracer traces documents for the corpus analysis behind
	// /api/v1/sites and /api/v1/clusters (nil: a search.Engine with
	// search.DefaultOptions over the view the analysis passes).
	CorpusTracer corp.Tracer
}

// Server serves the API and the UI.
type Server struct {
	cfg     Config
	log     *slog.Logger
	handler http.Handler
	metrics *metrics
	writeMu sync.Mutex // serializes document additions
	// analyses caches the corpus analysis; additions invalidate it.
	analyses analysisCache
}

// New returns a server over cfg.Store. It fails when the store was built
// with another index configuration than cfg.Index.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Tracer == nil {
		return nil, errors.New("server: a store and a tracer are required")
	}
	if err := index.Check(ctx, cfg.Store, cfg.Index); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	if cfg.Norm == nil {
		cfg.Norm = textnorm.New(cfg.Index.Canon)
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, log: cfg.Logger, metrics: newMetrics()}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the server's HTTP handler (API, metrics, health, UI).
func (s *Server) Handler() http.Handler { return s.handler }

// Serve serves on ln until ctx is cancelled, then shuts down gracefully:
// it stops accepting connections and waits for in-flight requests to
// finish (for at most the request timeout plus five seconds). It returns
// nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.cfg.Timeout + 10*time.Second,
		WriteTimeout:      s.cfg.Timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down, finishing in-flight requests", "addr", ln.Addr().String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.Timeout+5*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shut down %s: %w", ln.Addr(), err)
	}
	return nil
}

// route is one entry of the routing table.
type route struct {
	method, path string // path in net/http pattern syntax, as in the OpenAPI file
	auth         bool   // token checked when configured
	h            http.HandlerFunc
}

// table lists every documented route.
func (s *Server) table() []route {
	return []route{
		{"POST", "/api/v1/trace", true, s.handleTrace},
		{"GET", "/api/v1/documents", true, s.handleListDocuments},
		{"POST", "/api/v1/documents", true, s.handleAddDocuments},
		{"GET", "/api/v1/documents/{id}", true, s.handleGetDocument},
		{"GET", "/api/v1/documents/{id}/trace", true, s.handleTraceDocument},
		{"GET", "/api/v1/lexicon", true, s.handleLexicon},
		{"GET", "/api/v1/stats", true, s.handleStats},
		{"GET", "/api/v1/sites", true, s.handleSites},
		{"GET", "/api/v1/sites/{site}", true, s.handleSite},
		{"GET", "/api/v1/clusters", true, s.handleClusters},
		{"GET", "/api/v1/clusters/{id}", true, s.handleCluster},
		{"GET", "/healthz", false, s.handleHealth},
		{"GET", "/metrics", true, s.handleMetrics},
	}
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	methods := map[string][]string{}
	for _, rt := range s.table() {
		h := http.Handler(rt.h)
		if rt.auth {
			h = s.requireToken(h)
		}
		if rt.path != "/healthz" && rt.path != "/metrics" {
			h = s.withDeadline(h)
		}
		mux.Handle(rt.method+" "+rt.path, h)
		methods[rt.path] = append(methods[rt.path], rt.method)
	}
	// The same paths without a method answer other methods with a JSON 405.
	for path, ms := range methods {
		allow := ms
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", joinAllow(allow))
			writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "%s is not allowed on %s", r.Method, r.URL.Path)
		})
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, CodeNotFound, "no API endpoint at %s", r.URL.Path)
	})
	ui := uiHandler()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "%s is not allowed on %s", r.Method, r.URL.Path)
			return
		}
		ui.ServeHTTP(w, r)
	})
	return s.recoverPanics(s.observe(mux))
}

func joinAllow(ms []string) string {
	out := ""
	for i, m := range ms {
		if i > 0 {
			out += ", "
		}
		out += m
		if m == "GET" {
			out += ", HEAD"
		}
	}
	return out
}
