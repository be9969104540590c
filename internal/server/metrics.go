package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// metrics holds the counters /metrics exposes, in the Prometheus text
// exposition format (version 0.0.4), written by hand.
type metrics struct {
	inFlight  atomic.Int64
	docsAdded atomic.Int64

	mu     sync.Mutex
	counts map[routeCode]uint64
	hists  map[string]*histogram
}

type routeCode struct {
	route string
	code  int
}

type histogram struct {
	buckets []uint64 // per bucket, not cumulative
	count   uint64
	sum     float64
}

func newMetrics() *metrics {
	return &metrics{counts: map[routeCode]uint64{}, hists: map[string]*histogram{}}
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	sec := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counts[routeCode{route, code}]++
	h := m.hists[route]
	if h == nil {
		h = &histogram{buckets: make([]uint64, len(latencyBuckets))}
		m.hists[route] = h
	}
	h.count++
	h.sum += sec
	for i, ub := range latencyBuckets {
		if sec <= ub {
			h.buckets[i]++
			break
		}
	}
}

// write renders the metrics; index statistics come from the store.
func (s *Server) writeMetrics(ctx context.Context, w io.Writer) error {
	m := s.metrics
	var b strings.Builder
	m.mu.Lock()
	keys := make([]routeCode, 0, len(m.counts))
	for k := range m.counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b routeCode) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.code - b.code
	})
	b.WriteString("# HELP spintrace_http_requests_total HTTP requests served, by route pattern and status code.\n")
	b.WriteString("# TYPE spintrace_http_requests_total counter\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "spintrace_http_requests_total{route=%s,code=\"%d\"} %d\n", quoteLabel(k.route), k.code, m.counts[k])
	}
	routes := make([]string, 0, len(m.hists))
	for r := range m.hists {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	b.WriteString("# HELP spintrace_http_request_duration_seconds Time to serve an HTTP request, by route pattern.\n")
	b.WriteString("# TYPE spintrace_http_request_duration_seconds histogram\n")
	for _, r := range routes {
		h := m.hists[r]
		var cum uint64
		for i, ub := range latencyBuckets {
			cum += h.buckets[i]
			fmt.Fprintf(&b, "spintrace_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", quoteLabel(r), strconv.FormatFloat(ub, 'g', -1, 64), cum)
		}
		fmt.Fprintf(&b, "spintrace_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", quoteLabel(r), h.count)
		fmt.Fprintf(&b, "spintrace_http_request_duration_seconds_sum{route=%s} %s\n", quoteLabel(r), strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(&b, "spintrace_http_request_duration_seconds_count{route=%s} %d\n", quoteLabel(r), h.count)
	}
	m.mu.Unlock()
	b.WriteString("# HELP spintrace_http_requests_in_flight HTTP requests being served.\n")
	b.WriteString("# TYPE spintrace_http_requests_in_flight gauge\n")
	fmt.Fprintf(&b, "spintrace_http_requests_in_flight %d\n", m.inFlight.Load())
	b.WriteString("# HELP spintrace_documents_added_total Documents added through the API since start.\n")
	b.WriteString("# TYPE spintrace_documents_added_total counter\n")
	fmt.Fprintf(&b, "spintrace_documents_added_total %d\n", m.docsAdded.Load())
	st, err := s.cfg.Store.Stats(ctx)
	if err != nil {
		return fmt.Errorf("read index stats: %w", err)
	}
	for _, g := range []struct {
		name, help string
		v          int64
	}{
		{"spintrace_index_documents", "Distinct documents in the index.", st.Docs},
		{"spintrace_index_text_bytes", "Bytes of document text in the index.", st.TextBytes},
		{"spintrace_index_disk_bytes", "Bytes the index occupies on disk (0 when unknown).", st.DiskBytes},
	} {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n%s %d\n", g.name, g.help, g.name, g.name, g.v)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// quoteLabel quotes a label value as the exposition format wants.
func quoteLabel(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(v) + `"`
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	if err := s.writeMetrics(r.Context(), &b); err != nil {
		writeError(w, http.StatusServiceUnavailable, CodeUnavailable, "metrics: %v", err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	io.WriteString(w, b.String())
}
