package spineval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
)

// synthCorpus is n synthetic articles in two categories.
func synthCorpus(n int) []Article {
	out := make([]Article, n)
	for i := range out {
		out[i] = Article{Doc: synth.Article(7, i), Category: []string{"a", "b"}[i%2]}
	}
	return out
}

// TestRunSynthetic runs the whole harness on 60 synthetic articles and
// checks that the measures are those of a working tracer.
func TestRunSynthetic(t *testing.T) {
	dir := t.TempDir()
	var calls, last int
	rep, err := Run(context.Background(), synthCorpus(60), Options{
		Derivatives: 40, Seed: 3, Holdout: 0.2, Workers: 2, OutDir: dir,
		Progress: func(done, total int) { calls++; last = done },
	})
	if err != nil {
		t.Fatal(err)
	}
	var tb strings.Builder
	if err := WriteTable(&tb, rep); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + tb.String())
	s := rep.Setup
	if s.Indexed != 48 || s.HeldOut != 12 || s.Derivatives != 40 || s.Originals != 12 || s.Failed != 0 || s.Categories != 2 {
		t.Errorf("setup = %+v", s)
	}
	if calls != 52 || last != 52 || rep.Throughput.Traces != 52 || rep.Throughput.PerSecond <= 0 {
		t.Errorf("progress calls %d, last %d, throughput %+v", calls, last, rep.Throughput)
	}
	checks := []struct {
		name string
		got  float64
		min  float64
	}{
		{"source recall@1", rep.Sources.RecallAt1, 0.9},
		{"source recall@10", rep.Sources.RecallAt10, 0.8},
		{"source precision", rep.Sources.Precision, 0.8},
		{"passage plagdet", rep.Passages.Plagdet, 0.7},
		{"substitution recall", rep.Substitutions.Recall, 0.5},
		{"substitution precision", rep.Substitutions.Precision, 0.5},
		{"verdict accuracy", rep.Verdict.Accuracy, 0.5},
	}
	for _, c := range checks {
		if c.got < c.min || c.got > 1 {
			t.Errorf("%s = %.3f, want in [%.2f, 1]", c.name, c.got, c.min)
		}
	}
	if rep.Substitutions.Truth == 0 || rep.Quotes.Truth == 0 || rep.Sources.TrueSources <= 40 {
		t.Errorf("the derivatives lack variety: %d substitutions, %d quote changes, %d true sources",
			rep.Substitutions.Truth, rep.Quotes.Truth, rep.Sources.TrueSources)
	}
	n := 0
	for _, row := range rep.Verdict.Confusion {
		for _, v := range row {
			n += v
		}
	}
	if n != 52 || len(rep.Verdict.Confusion) < 3 {
		t.Errorf("confusion matrix counts %d traces over %d truth classes: %v", n, len(rep.Verdict.Confusion), rep.Verdict.Confusion)
	}
	for _, f := range []string{"report.json", "derivative-0000.txt", "derivative-0000.truth.json", "derivative-0039.result.json", "original-0011.result.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("output: %v", err)
		}
	}
}

func TestRunDeterministicCases(t *testing.T) {
	arts := synthCorpus(60)
	p1 := newPlanner(5, arts[:50], arts[50:])
	p2 := newPlanner(5, arts[:50], arts[50:])
	mixins := 0
	for i := 0; i < 60; i++ {
		p2.derivative(59 - i) // another order of generation must not matter
		a := p1.derivative(i)
		if d := cmp.Diff(a, p2.derivative(i)); d != "" {
			t.Fatalf("derivative %d differs between planners (-first +second):\n%s", i, d)
		}
		if a.Params.Mixin {
			mixins++
			if len(a.Unexplained) == 0 || len(a.Truth.Sources) != a.Params.Sources {
				t.Errorf("derivative %d: mixin left %d unexplained spans, %d truth sources for %d", i, len(a.Unexplained), len(a.Truth.Sources), a.Params.Sources)
			}
		}
	}
	if mixins == 0 {
		t.Errorf("no derivative mixed in held-out text")
	}
}

func TestRunSmallCorpus(t *testing.T) {
	arts := synthCorpus(60)
	_, err := Run(context.Background(), arts[:49], Options{Derivatives: 1})
	if !errors.Is(err, ErrSmallCorpus) {
		t.Errorf("49 documents: err = %v, want ErrSmallCorpus", err)
	}
	for _, o := range []Options{{Derivatives: 0}, {Derivatives: 1, Holdout: 0.95}, {Derivatives: 1, Holdout: -0.1}} {
		if _, err := Run(context.Background(), arts, o); err == nil {
			t.Errorf("options %+v: no error", o)
		}
	}
}

func TestDedup(t *testing.T) {
	arts := synthCorpus(6)
	twin := arts[2]
	twin.Doc.Text = strings.Replace(twin.Doc.Text, " ", "  ", 1) + " One more closing sentence here."
	twin.Doc.ID = spintrace.DocID(twin.Doc.Text)
	in := append(append([]Article{}, arts...), twin, arts[4])
	got, dropped := Dedup(in)
	if dropped != 2 || len(got) != 6 {
		t.Fatalf("kept %d, dropped %d; want 6 and 2", len(got), dropped)
	}
	for i := range got {
		if got[i].Doc.ID != arts[i].Doc.ID {
			t.Errorf("kept[%d] = %s, want the first of its group %s", i, got[i].Doc.Origin, arts[i].Doc.Origin)
		}
	}
}

func TestReadCorpus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("README.TXT", "About this corpus\n\nIt has two categories.")
	write("sport/001.txt", "Cup final won\n\nThe home side won the cup final on Saturday.\n")
	write("sport/002.txt", "A single line with no title.")
	write("tech/001.txt", "\n\n")
	arts, st, err := ReadCorpus(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Article{
		{Category: "sport", Doc: spintrace.Doc{Title: "Cup final won", Text: "The home side won the cup final on Saturday."}},
		{Category: "sport", Doc: spintrace.Doc{Text: "A single line with no title."}},
	}
	for i := range want {
		want[i].Doc.ID = spintrace.DocID(want[i].Doc.Text)
	}
	opt := cmp.Transformer("noOrigin", func(d spintrace.Doc) spintrace.Doc { d.Origin = ""; return d })
	if d := cmp.Diff(want, arts, opt); d != "" {
		t.Errorf("articles (-want +got):\n%s", d)
	}
	if st.Docs != 2 || st.Skipped != 2 || st.Files != 4 {
		t.Errorf("stats = %+v, want 2 docs, 2 skipped (README, empty) of 4 files", st)
	}
	if _, _, err := ReadCorpus(context.Background(), filepath.Join(dir, "missing")); err == nil {
		t.Error("missing directory: no error")
	}
}
