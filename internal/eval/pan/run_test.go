package pan

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// oracle returns a Detector that answers each pair with the given cases,
// keyed by the pair's texts (a Detector sees only texts).
func oracle(t *testing.T, c *Corpus, byPair func(e Entry) []Case) Detector {
	t.Helper()
	m := make(map[[2]string][]Case)
	for _, e := range c.Entries {
		src, err := c.SrcText(e.Src)
		if err != nil {
			t.Fatal(err)
		}
		susp, err := c.SuspText(e.Susp)
		if err != nil {
			t.Fatal(err)
		}
		k := [2]string{src, susp}
		m[k] = append(m[k], byPair(e)...)
	}
	return func(src, susp string) []Case { return m[[2]string{src, susp}] }
}

func openSmall(t *testing.T) *Corpus {
	t.Helper()
	c, err := OpenCorpus(writeCorpus(t, smallCorpus()))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRunTruthIsPerfect(t *testing.T) {
	c := openSmall(t)
	out := filepath.Join(t.TempDir(), "out")
	var mu sync.Mutex
	var progress []int
	r, err := Run(context.Background(), c, oracle(t, c, Entry.Cases), RunOptions{
		Workers: 3,
		OutDir:  out,
		Progress: func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if total != 4 {
				t.Errorf("progress total = %d, want 4", total)
			}
			progress = append(progress, done)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1, 2, 3, 4}, progress); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
	want := Scores{Folder: "overall", Pairs: 4, Measures: Measures{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1, Cases: 4, Detections: 4}}
	if diff := cmp.Diff(want, r.Overall); diff != "" {
		t.Errorf("overall (-want +got):\n%s", diff)
	}
	if r.Elapsed <= 0 || r.DocsPerSecond <= 0 || r.Workers != 3 {
		t.Errorf("elapsed %v, docs/s %v, workers %d: want positive, positive, 3", r.Elapsed, r.DocsPerSecond, r.Workers)
	}
	// One detection file per pair, and scoring them again gives the same.
	files, _ := filepath.Glob(filepath.Join(out, "*.xml"))
	if len(files) != 4 {
		t.Errorf("%d detection files, want 4", len(files))
	}
	dets, err := ReadDetections(out)
	if err != nil {
		t.Fatal(err)
	}
	again := Score(c, dets)
	if diff := cmp.Diff(r.Folders, again.Folders); diff != "" {
		t.Errorf("rescored folders (-run +rescored):\n%s", diff)
	}
}

func TestRunPerFolder(t *testing.T) {
	c := openSmall(t)
	// Folder 02: the first pair detected in full, the second not at all;
	// folder 03: one case detected, plus a false positive in folder 01.
	det := oracle(t, c, func(e Entry) []Case {
		switch e.Susp {
		case "suspicious-document00000.txt":
			return []Case{{0, 4, 0, 4}}
		case "suspicious-document00001.txt":
			return e.Cases()
		case "suspicious-document00003.txt":
			return e.Cases()[:1]
		}
		return nil
	})
	r, err := Run(context.Background(), c, det, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Scores{
		{Folder: "01-none", Pairs: 1, Measures: Measures{Granularity: 1, Detections: 1}},
		{Folder: "02-copy", Pairs: 2, Measures: Measures{Precision: 1, Recall: 0.5, Granularity: 1, Plagdet: 2.0 / 3, Cases: 2, Detections: 1}},
		{Folder: "03-two", Pairs: 1, Measures: Measures{Precision: 1, Recall: 0.5, Granularity: 1, Plagdet: 2.0 / 3, Cases: 2, Detections: 1}},
	}
	if diff := cmp.Diff(want, r.Folders, approx); diff != "" {
		t.Errorf("folders (-want +got):\n%s", diff)
	}
	// Overall: 4 cases, 2 found; 3 detections, 2 right.
	wantAll := Scores{Folder: "overall", Pairs: 4, Measures: Measures{Precision: 2.0 / 3, Recall: 0.5, Granularity: 1, Plagdet: 2 * (2.0 / 3) * 0.5 / (2.0/3 + 0.5), Cases: 4, Detections: 3}}
	if diff := cmp.Diff(wantAll, r.Overall, approx); diff != "" {
		t.Errorf("overall (-want +got):\n%s", diff)
	}
}

func TestScoreStrayDetections(t *testing.T) {
	c := openSmall(t)
	dets := make(map[Pair][]Case)
	for _, e := range c.Entries {
		dets[e.Pair] = e.Cases()
	}
	dets[Pair{"suspicious-document00001.txt", "source-document00099.txt"}] = []Case{{0, 5, 0, 5}}
	r := Score(c, dets)
	if r.Overall.Detections != 5 || r.Overall.Precision != 0.8 || r.Overall.Recall != 1 {
		t.Errorf("overall = %+v, want 5 detections, precision 0.8, recall 1", r.Overall)
	}
	for _, f := range r.Folders {
		if f.Plagdet != 1 {
			t.Errorf("folder %s plagdet %v, want 1 (stray detection belongs to no folder)", f.Folder, f.Plagdet)
		}
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name    string
		det     Detector
		wantErr string
	}{
		{"panic", func(src, susp string) []Case { panic("boom") }, "detector panicked: boom"},
		{"negative", func(src, susp string) []Case { return []Case{{-1, 2, 0, 1}} }, "out of range"},
		// "nothing here" has 12 characters.
		{"past the end", func(src, susp string) []Case {
			if susp == "nothing here" {
				return []Case{{10, 3, 0, 1}}
			}
			return nil
		}, "suspicious-document00000.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), openSmall(t), tt.det, RunOptions{Workers: 2})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Run error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
	// Byte offsets are not character offsets: the end of "Café — ..." in
	// characters is accepted, in bytes it is past the end.
	c := openSmall(t)
	det := func(src, susp string) []Case {
		if strings.HasPrefix(susp, "Café") {
			return []Case{{0, len([]rune(susp)), 0, 1}}
		}
		return nil
	}
	if _, err := Run(context.Background(), c, det, RunOptions{}); err != nil {
		t.Errorf("detection ending at the last character rejected: %v", err)
	}
	byteDet := func(src, susp string) []Case {
		if strings.HasPrefix(susp, "Café") {
			return []Case{{0, len(susp), 0, 1}}
		}
		return nil
	}
	if _, err := Run(context.Background(), c, byteDet, RunOptions{}); err == nil {
		t.Error("detection ending at the byte length accepted")
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, openSmall(t), func(src, susp string) []Case { return nil }, RunOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run error = %v, want context.Canceled", err)
	}
}

func goldenReport() *Report {
	return &Report{
		Version: ReportVersion,
		Corpus:  "testdata/corpus",
		Workers: 2,
		Folders: []Scores{
			{Folder: "01-no-plagiarism", Pairs: 1000, Measures: Measures{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1}},
			{Folder: "02-no-obfuscation", Pairs: 1000, Measures: Measures{Precision: 0.9876, Recall: 0.91234, Granularity: 1.01, Plagdet: 0.9414, Cases: 1252, Detections: 1270}},
		},
		Overall:       Scores{Folder: "overall", Pairs: 2000, Measures: Measures{Precision: 0.9876, Recall: 0.91234, Granularity: 1.01, Plagdet: 0.9414, Cases: 1252, Detections: 1270}},
		Elapsed:       8250 * time.Millisecond,
		DocsPerSecond: 242.42,
	}
}

func TestWriteTableGolden(t *testing.T) {
	var b strings.Builder
	if err := goldenReport().WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "table.golden", b.String())
}

func TestReportJSON(t *testing.T) {
	r := goldenReport()
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "report.json.golden", string(b)+"\n")
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, &back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"version": 99}`), &back); err == nil {
		t.Error("unknown report version accepted")
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
