package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/spintrace/spintrace"
	corp "github.com/spintrace/spintrace/internal/corpus"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/textnorm"
)

func TestClusterAPI(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true, docs: farmCorpus()})
	var cl clustersResponse
	f.getJSON(t, "/api/v1/clusters?min_size=2", &cl)
	srcID, copyID := spintrace.DocID(strings.Join(srcEnergy, " ")), spintrace.DocID(spunEnergy())
	id := 0
	for _, c := range cl.Clusters {
		if slices.ContainsFunc(c.Members, func(m corp.Member) bool { return m.Doc.ID == copyID }) {
			id = c.ID
		}
	}
	if id == 0 {
		t.Fatalf("no cluster holds the spun copy: %+v", cl.Clusters)
	}
	var got clusterResponse
	f.getJSON(t, fmt.Sprintf("/api/v1/clusters/%d", id), &got)
	if got.Cluster.ID != id || len(got.Timeline) != len(got.Cluster.Members) {
		t.Fatalf("cluster %d: got id %d with %d of %d members in the timeline", id, got.Cluster.ID, len(got.Timeline), len(got.Cluster.Members))
	}
	// publication order: the source (day 2) before its copy (day 3)
	if got.Timeline[0].Doc.ID != srcID || got.Timeline[1].Doc.ID != copyID {
		t.Errorf("timeline %s, %s; want the source, then the copy", got.Timeline[0].Doc.ID, got.Timeline[1].Doc.ID)
	}
	if got.Spread.Dated != 2 || got.Spread.Hours != 24 || got.Spread.First == nil || got.Spread.Undated != 0 {
		t.Errorf("spread %+v, want 2 dated members 24 hours apart", got.Spread)
	}
	if len(got.Timeline[0].From) != 0 {
		t.Errorf("the source took from %+v, want nothing", got.Timeline[0].From)
	}
	cp := got.Timeline[1]
	if len(cp.From) != 1 || cp.From[0].Doc.ID != srcID || cp.From[0].Passages == 0 {
		t.Fatalf("the copy took from %+v, want the source", cp.From)
	}
	swapped := map[string]string{}
	for _, s := range cp.From[0].Substitutions {
		swapped[s.From] = s.To
	}
	if swapped["agreed"] != "consented" {
		t.Errorf("substitutions %+v lack agreed -> consented", cp.From[0].Substitutions)
	}
	if cp.Verdict.Class == "" || !cp.Verdict.Spun {
		t.Errorf("copy verdict %+v, want a spun class", cp.Verdict)
	}
}

// The server shares the analysis the CLI saves in the store: it saves its
// own, and a server started later on the same store traces nothing again.
func TestSavedAnalysisShared(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true, docs: farmCorpus()})
	var got sitesResponse
	f.getJSON(t, "/api/v1/sites", &got)
	ctx := context.Background()
	cfg := index.Default()
	saved, err := corp.Load(ctx, f.store, search.AnalysisSignature(cfg, search.DefaultOptions()))
	if err != nil || saved == nil || len(saved.Traces) != 3 {
		t.Fatalf("saved analysis %v (err %v), want the 3 traces", saved, err)
	}
	again, err := New(ctx, Config{Store: f.store, Tracer: f.engine, Index: cfg, Norm: textnorm.New(cfg.Canon),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	run, err := again.analysis(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if run.a.Traced != 0 || len(run.a.Traces) != 3 || len(run.sites) != len(got.Sites) {
		t.Errorf("second server traced %d, kept %d traces, %d sites; want 0 traced and the saved 3 traces", run.a.Traced, len(run.a.Traces), len(run.sites))
	}
}
