package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spineval"
	"github.com/spintrace/spintrace/internal/eval/synth"
)

// synthCorpusDir writes n synthetic articles as title + body text files in
// two category directories.
func synthCorpusDir(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		d := synth.Article(11, i)
		p := filepath.Join(dir, []string{"politics", "sport"}[i%2], fmt.Sprintf("%03d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(d.Title+"\n\n"+d.Text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEvalSpinJSON(t *testing.T) {
	dir := synthCorpusDir(t, 55)
	out := filepath.Join(t.TempDir(), "cases")
	var stdout, stderr bytes.Buffer
	o := evalSpinOptions{corpus: dir, derivatives: 8, seed: 2, holdout: 0.1, workers: 2, json: true, out: out}
	if err := runEvalSpin(context.Background(), o, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	var rep spineval.Report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("decode report: %v\n%s", err, stdout.String())
	}
	if rep.Version != spineval.ReportVersion || rep.Setup.Read.Docs != 55 || rep.Setup.Derivatives != 8 || rep.Setup.Categories != 2 {
		t.Errorf("setup = %+v", rep.Setup)
	}
	if rep.Sources.RecallAt10 < 0.5 {
		t.Errorf("recall@10 = %.3f on synthetic derivatives", rep.Sources.RecallAt10)
	}
	if !strings.Contains(stderr.String(), "traced") {
		t.Errorf("no progress on stderr: %q", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "derivative-0007.truth.json")); err != nil {
		t.Error(err)
	}
}

func TestEvalSpinTable(t *testing.T) {
	dir := synthCorpusDir(t, 55)
	var stdout bytes.Buffer
	o := evalSpinOptions{corpus: dir, derivatives: 4, seed: 1, holdout: 0.1, quiet: true}
	if err := runEvalSpin(context.Background(), o, &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| source recall@10 |", "| passage plagdet |", "| verdict accuracy |", "Verdict confusion"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestEvalSpinErrors(t *testing.T) {
	small := synthCorpusDir(t, 10)
	tests := []struct {
		name  string
		o     evalSpinOptions
		usage bool
		is    error
	}{
		{"no corpus", evalSpinOptions{derivatives: 1}, true, nil},
		{"no derivatives", evalSpinOptions{corpus: small}, true, nil},
		{"holdout too large", evalSpinOptions{corpus: small, derivatives: 1, holdout: 0.95}, true, nil},
		{"corpus too small", evalSpinOptions{corpus: small, derivatives: 1, quiet: true}, false, spintrace.ErrBadInput},
		{"missing corpus", evalSpinOptions{corpus: filepath.Join(small, "nope"), derivatives: 1, quiet: true}, false, spintrace.ErrBadInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := runEvalSpin(context.Background(), tt.o, &bytes.Buffer{}, &bytes.Buffer{})
			var u usageError
			if err == nil || errors.As(err, &u) != tt.usage || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("err = %v, want usage %t, is %v", err, tt.usage, tt.is)
			}
		})
	}
}
