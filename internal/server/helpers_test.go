package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/store/mem"
	"github.com/spintrace/spintrace/internal/store/pebble"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// fixture is a server over a real listener and an indexed store.
type fixture struct {
	srv    *Server
	ts     *httptest.Server
	store  spintrace.Store
	engine *search.Engine
	token  string
	logs   *syncBuffer
}

type fixtureOptions struct {
	mem    bool                // the in-memory store instead of the embedded one
	tracer func(Tracer) Tracer // wraps the engine
	config func(*Config)       // adjusts the configuration
	docs   []spintrace.Doc     // indexed before serving (default: corpus())
	noDocs bool                // index nothing
	logs   bool                // capture the access log
}

func newFixture(t testing.TB, o fixtureOptions) *fixture {
	t.Helper()
	ctx := context.Background()
	var st spintrace.Store
	if o.mem {
		st = mem.New()
	} else {
		db, err := pebble.Open(ctx, t.TempDir(), pebble.Options{})
		if err != nil {
			t.Fatalf("open pebble store: %v", err)
		}
		st = db
	}
	t.Cleanup(func() { st.Close() })
	cfg := index.Default()
	if err := index.Check(ctx, st, cfg); err != nil {
		t.Fatal(err)
	}
	norm := textnorm.New(cfg.Canon)
	docs := o.docs
	if docs == nil && !o.noDocs {
		docs = corpus()
	}
	b := &index.Builder{Store: st, Norm: norm, Config: cfg}
	for _, d := range docs {
		if err := b.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Close(ctx); err != nil {
		t.Fatal(err)
	}
	eng := search.New(st, norm, cfg, search.DefaultOptions())
	var tr Tracer = eng
	if o.tracer != nil {
		tr = o.tracer(eng)
	}
	f := &fixture{store: st, engine: eng, logs: &syncBuffer{}}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if o.logs {
		logger = slog.New(slog.NewJSONHandler(f.logs, nil))
	}
	c := Config{Store: st, Tracer: tr, Index: cfg, Norm: norm, Logger: logger}
	if o.config != nil {
		o.config(&c)
	}
	f.token = c.Token
	srv, err := New(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	f.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(f.ts.Close)
	return f
}

// do sends a request and returns the status, the content type and the body.
func (f *fixture) do(t testing.TB, method, path, ctype string, body io.Reader) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if f.token != "" {
		req.Header.Set("Authorization", "Bearer "+f.token)
	}
	resp, err := f.ts.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// postJSON posts v as JSON and decodes a 200 response into out.
func (f *fixture) postJSON(t testing.TB, path string, v, out any) {
	t.Helper()
	body, _ := json.Marshal(v)
	code, _, b := f.do(t, "POST", path, "application/json", bytes.NewReader(body))
	if code != http.StatusOK {
		t.Fatalf("POST %s: status %d: %s", path, code, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("POST %s: decode: %v", path, err)
	}
}

func (f *fixture) getJSON(t testing.TB, path string, out any) {
	t.Helper()
	code, _, b := f.do(t, "GET", path, "", nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, code, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("GET %s: decode: %v", path, err)
	}
}

// errorCode decodes an error body, failing the test when it is not one.
func errorCode(t testing.TB, ctype string, b []byte) string {
	t.Helper()
	if !strings.HasPrefix(ctype, "application/json") {
		t.Errorf("error content type %q, want application/json", ctype)
	}
	var e errorBody
	if err := json.Unmarshal(b, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Errorf("not an error body (%v): %s", err, b)
	}
	return e.Error.Code
}

// syncBuffer is a buffer shared by request goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
