package server

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/spintrace/spintrace"
	corp "github.com/spintrace/spintrace/internal/corpus"
)

// clusterResponse is one reuse cluster with what its members did to the
// passage: GET /api/v1/clusters/{id}.
type clusterResponse struct {
	Version int          `json:"version"`
	Cluster corp.Cluster `json:"cluster"`
	// Timeline holds the members in publication order, undated last.
	Timeline []clusterMember `json:"timeline"`
	Spread   clusterSpread   `json:"spread"`
}

// clusterMember is a member of the cluster and the members it took text
// from, with the substitutions it made to each.
type clusterMember struct {
	corp.Member
	Verdict spintrace.Verdict `json:"verdict"`
	From    []clusterLink     `json:"from"`
}

type clusterLink struct {
	Doc           spintrace.DocRef `json:"doc"`
	Share         float64          `json:"share"`
	Passages      int              `json:"passages"`
	Substitutions []corp.Swap      `json:"substitutions"`
}

// clusterSpread is how far the passage travelled in time.
type clusterSpread struct {
	First   *time.Time `json:"first,omitempty"`
	Last    *time.Time `json:"last,omitempty"`
	Hours   float64    `json:"hours"`
	Dated   int        `json:"dated"`
	Undated int        `json:"undated"`
}

// handleCluster is one cluster of the current analysis by its id (as
// listed by /api/v1/clusters; ids are renumbered when documents are added).
func (s *Server) handleCluster(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("id")
	id, err := strconv.Atoi(raw)
	if err != nil || id < 1 {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "cluster id must be a positive integer, not %q", raw)
		return
	}
	run, err := s.analysis(r.Context())
	if err != nil {
		s.writeErr(w, r, "cluster "+raw, err)
		return
	}
	i := slices.IndexFunc(run.a.Clusters, func(c corp.Cluster) bool { return c.ID == id })
	if i < 0 {
		writeError(w, http.StatusNotFound, CodeNotFound, "no cluster %d (the analysis has %d)", id, len(run.a.Clusters))
		return
	}
	writeJSON(w, http.StatusOK, clusterDetail(run.a, run.a.Clusters[i]))
}

// clusterDetail orders the members of c by date and adds, for each, its
// verdict and the links of its trace to other members.
func clusterDetail(a *corp.Analysis, c corp.Cluster) clusterResponse {
	in := make(map[string]bool, len(c.Members))
	for _, m := range c.Members {
		in[m.Doc.ID] = true
	}
	traces := make(map[string]*corp.Trace, len(c.Members))
	for i := range a.Traces {
		if t := &a.Traces[i]; in[t.Doc.ID] {
			traces[t.Doc.ID] = t
		}
	}
	out := clusterResponse{Version: corp.Version, Cluster: c, Timeline: make([]clusterMember, 0, len(c.Members))}
	for _, m := range c.Members {
		cm := clusterMember{Member: m, From: []clusterLink{}}
		if t := traces[m.Doc.ID]; t != nil {
			cm.Verdict = t.Verdict
			for _, l := range t.Sources {
				if !in[l.Doc.ID] || l.Boilerplate {
					continue
				}
				swaps := l.Substitutions
				if swaps == nil {
					swaps = []corp.Swap{}
				}
				cm.From = append(cm.From, clusterLink{Doc: l.Doc, Share: l.Share, Passages: len(l.Passages), Substitutions: swaps})
			}
		}
		out.Timeline = append(out.Timeline, cm)
	}
	slices.SortStableFunc(out.Timeline, func(x, y clusterMember) int {
		xp, yp := x.Doc.Published, y.Doc.Published
		switch {
		case xp.IsZero() != yp.IsZero():
			if xp.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Compare(xp.UnixNano(), yp.UnixNano())
	})
	for _, m := range out.Timeline {
		p := m.Doc.Published
		if p.IsZero() {
			out.Spread.Undated++
			continue
		}
		out.Spread.Dated++
		if out.Spread.First == nil || p.Before(*out.Spread.First) {
			out.Spread.First = &p
		}
		if out.Spread.Last == nil || p.After(*out.Spread.Last) {
			out.Spread.Last = &p
		}
	}
	if out.Spread.First != nil {
		out.Spread.Hours = out.Spread.Last.Sub(*out.Spread.First).Hours()
	}
	return out
}
