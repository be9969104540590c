package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/spintrace/spintrace"
	corp "github.com/spintrace/spintrace/internal/corpus"
	"github.com/spintrace/spintrace/internal/search"
)

// analysisRun is one corpus analysis, finished when done is closed; a, sites
// and err are set before that.
type analysisRun struct {
	gen uint64 // the store generation it analysed
	// prev is the last good analysis before it: only documents added
	// since are traced.
	prev  *corp.Analysis
	done  chan struct{}
	a     *corp.Analysis
	sites []corp.SiteScore
	err   error
}

// analysisCache holds the last corpus analysis. gen counts document
// additions; a run of an older generation is stale.
type analysisCache struct {
	mu  sync.Mutex
	gen uint64
	run *analysisRun // the last run started, finished or not
}

// invalidate marks the cached analysis stale: documents were added.
func (c *analysisCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.mu.Unlock()
}

// analysis returns the corpus analysis of the current store, computing it
// when there is none or it is stale. One computation runs at a time; when
// ctx ends first the computation goes on in the background and its result
// is cached for later requests.
func (s *Server) analysis(ctx context.Context) (*analysisRun, error) {
	c := &s.analyses
	for {
		c.mu.Lock()
		run := c.run
		switch {
		case run == nil:
		case !isDone(run.done):
			// A computation is running (perhaps of an older generation): wait
			// for it, then look again.
			c.mu.Unlock()
			select {
			case <-run.done:
				if run.err != nil {
					return nil, run.err
				}
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		case run.err == nil && run.gen == c.gen:
			c.mu.Unlock()
			return run, nil
		}
		var prev *corp.Analysis
		if run != nil && run.err == nil {
			prev = run.a
		} else if run != nil {
			prev = run.prev
		}
		run = &analysisRun{gen: c.gen, prev: prev, done: make(chan struct{})}
		c.run = run
		c.mu.Unlock()
		go s.analyze(run)
	}
}

func isDone(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// analyze runs the corpus analysis for run, incrementally from run.prev.
// It does not watch any request's context: a result that comes too late
// for one request serves the next.
//
// With the default tracer it shares the analysis that "spintrace cluster"
// and "spintrace sites" save in the store: the first run starts from it,
// and every run saves its result for them and for the next start.
func (s *Server) analyze(run *analysisRun) {
	defer close(run.done)
	ctx := context.Background()
	opts := corp.Options{Previous: run.prev}
	sig := ""
	if s.cfg.CorpusTracer == nil {
		// on a store with a candidate join (PostgreSQL), use it
		norm, cfg, so := s.cfg.Norm, s.cfg.Index, search.DefaultOptions()
		opts.TraceCandidates = func(ctx context.Context, view spintrace.Store, d spintrace.Doc, refs []spintrace.Ref) (*spintrace.Result, error) {
			return search.New(view, norm, cfg, so).TraceCandidates(ctx, d, refs)
		}
		opts.MinShared, opts.MaxDF = so.MinShared, so.MaxDF
		sig = search.AnalysisSignature(cfg, so)
		if opts.Previous == nil {
			prev, err := corp.Load(ctx, s.cfg.Store, sig)
			if err != nil {
				s.log.Warn("saved corpus analysis not used", "err", err)
			}
			opts.Previous = prev
		}
	}
	a, err := corp.Analyze(ctx, s.cfg.Store, s.corpusTracer(), opts)
	if err != nil {
		run.err = fmt.Errorf("analyze corpus: %w", err)
		return
	}
	if sig != "" && a.Traced > 0 {
		if err := corp.Save(ctx, s.cfg.Store, a, sig); err != nil {
			s.log.Warn("corpus analysis not saved", "err", err)
		}
	}
	run.a, run.sites = a, corp.Sites(a)
	if run.sites == nil {
		run.sites = []corp.SiteScore{}
	}
}

// corpusTracer is Config.CorpusTracer or, by default, a search.Engine over
// the view the analysis passes, with the server's index configuration.
func (s *Server) corpusTracer() corp.Tracer {
	if s.cfg.CorpusTracer != nil {
		return s.cfg.CorpusTracer
	}
	return s.defaultCorpusTracer()
}

func (s *Server) defaultCorpusTracer() corp.Tracer {
	norm, cfg := s.cfg.Norm, s.cfg.Index
	return func(ctx context.Context, view spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
		return search.New(view, norm, cfg, search.DefaultOptions()).Trace(ctx, d)
	}
}

type sitesResponse struct {
	Version int              `json:"version"`
	Sites   []corp.SiteScore `json:"sites"`
}

type siteResponse struct {
	Version int            `json:"version"`
	Site    corp.SiteScore `json:"site"`
}

type clustersResponse struct {
	Version  int            `json:"version"`
	Docs     int            `json:"docs"`
	Clusters []corp.Cluster `json:"clusters"`
}

// handleSites scores every site (as "spintrace sites --json" does),
// highest score first.
func (s *Server) handleSites(w http.ResponseWriter, r *http.Request) {
	run, err := s.analysis(r.Context())
	if err != nil {
		s.writeErr(w, r, "sites", err)
		return
	}
	writeJSON(w, http.StatusOK, sitesResponse{corp.Version, run.sites})
}

// handleSite is one site's score with its evidence; the site name is
// matched without regard to case.
func (s *Server) handleSite(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("site"))
	run, err := s.analysis(r.Context())
	if err != nil {
		s.writeErr(w, r, "site "+name, err)
		return
	}
	for _, sc := range run.sites {
		if strings.EqualFold(sc.Site, name) {
			writeJSON(w, http.StatusOK, siteResponse{corp.Version, sc})
			return
		}
	}
	writeError(w, http.StatusNotFound, CodeNotFound, "site %q has no indexed article", name)
}

// handleClusters lists the reuse clusters with at least min_size members
// (default 2), largest first.
func (s *Server) handleClusters(w http.ResponseWriter, r *http.Request) {
	minSize := 2
	if v := r.URL.Query().Get("min_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 {
			writeError(w, http.StatusBadRequest, CodeBadRequest, "min_size must be an integer of at least 2, not %q", v)
			return
		}
		minSize = n
	}
	run, err := s.analysis(r.Context())
	if err != nil {
		s.writeErr(w, r, "clusters", err)
		return
	}
	out := clustersResponse{Version: corp.Version, Docs: len(run.a.Traces), Clusters: []corp.Cluster{}}
	for _, c := range run.a.Clusters {
		if len(c.Members) >= minSize {
			out.Clusters = append(out.Clusters, c)
		}
	}
	writeJSON(w, http.StatusOK, out)
}
