package siteseval

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/spintrace/spintrace/internal/corpus"
	"github.com/spintrace/spintrace/internal/eval/spineval"

	spintrace "github.com/spintrace/spintrace"
)

func TestAUC(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []SiteRow
		want float64
	}{
		{"separated", []SiteRow{{Kind: "farm", Score: 0.9}, {Kind: "outlet", Score: 0.1}, {Kind: "honest", Score: 0}}, 1},
		{"inverted", []SiteRow{{Kind: "farm", Score: 0.1}, {Kind: "outlet", Score: 0.9}}, 0},
		{"tie", []SiteRow{{Kind: "farm", Score: 0.5}, {Kind: "outlet", Score: 0.5}}, 0.5},
		{"no negatives", []SiteRow{{Kind: "farm", Score: 0.5}}, 0},
	} {
		if got := auc(tc.rows); got != tc.want {
			t.Errorf("%s: auc %v, want %v", tc.name, got, tc.want)
		}
	}
}

func member(id string) corpus.Member { return corpus.Member{Doc: spintrace.DocRef{ID: id}} }

func TestClusterQuality(t *testing.T) {
	fam := map[string][]string{"x": {"x"}, "y": {"y"}, "f1": {"x"}, "f2": {"x", "y"}}
	for _, tc := range []struct {
		name               string
		cs                 []corpus.Cluster
		purity, completion float64
	}{
		{"perfect", []corpus.Cluster{{Members: []corpus.Member{member("x"), member("f1"), member("f2")}}, {Members: []corpus.Member{member("y"), member("f2")}}}, 1, 1},
		{"merged", []corpus.Cluster{{Members: []corpus.Member{member("x"), member("f1"), member("f2"), member("y")}}}, 0.75, 1},
		{"split", []corpus.Cluster{{Members: []corpus.Member{member("x"), member("f1")}}, {Members: []corpus.Member{member("y"), member("f2")}}}, 1, 0.8},
		{"unrelated member", []corpus.Cluster{{Members: []corpus.Member{member("x"), member("f1"), member("f2"), member("z")}}, {Members: []corpus.Member{member("y"), member("f2")}}}, 5.0 / 6, 1},
	} {
		p, c, _ := clusterQuality(tc.cs, fam)
		wantRecall := map[string]float64{"perfect": 1, "merged": 1, "split": 0.667}
		if w, ok := wantRecall[tc.name]; ok && pairRecall(tc.cs, fam) != w {
			t.Errorf("%s: pair recall %v, want %v", tc.name, pairRecall(tc.cs, fam), w)
		}
		if p != round(tc.purity, 3) || c != round(tc.completion, 3) {
			t.Errorf("%s: purity %v completeness %v, want %v %v", tc.name, p, c, tc.purity, tc.completion)
		}
	}
}

// TestRunBBC runs a small generated web over the BBC articles.
func TestRunBBC(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "bbc-news", "bbc", "business")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("BBC corpus not found at %s (../shared/data/bbc-news): %v", dir, err)
	}
	arts, _, err := spineval.ReadCorpus(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) > 150 {
		arts = arts[:150]
	}
	rep, err := Run(context.Background(), arts, Options{Seed: 1, Docs: 200})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", *rep)
	if rep.Farms != 4 || rep.Docs < 150 {
		t.Errorf("generated %d docs, %d farms", rep.Docs, rep.Farms)
	}
	if rep.AUC < 0.9 || rep.Purity < 0.8 || rep.Completeness < 0.8 {
		t.Errorf("auc %v purity %v completeness %v: below the bars", rep.AUC, rep.Purity, rep.Completeness)
	}
}
