package server

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/spintrace/spintrace"
	corp "github.com/spintrace/spintrace/internal/corpus"
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
