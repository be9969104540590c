package pan

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode"
)

// baseline is a deliberately simple Detector used to exercise the runner and
// the measures with realistic, imperfect detections: it seeds on shared
// word 4-grams and chains seeds that follow each other closely on both
// sides into passages. The real detector is the alignment engine.
func baseline(src, susp string) []Case {
	const n, gap, minChars = 4, 10, 100
	sw, tw := words(src), words(susp)
	index := make(map[string][]int)
	for j := 0; j+n <= len(sw); j++ {
		k := gramKey(sw[j : j+n])
		index[k] = append(index[k], j)
	}
	type chain struct{ i0, i1, j0, j1, jLast, seeds int }
	var done, open []chain
	for i := 0; i+n <= len(tw); i++ {
		js := index[gramKey(tw[i:i+n])]
		if len(js) > 20 { // too common to place
			continue
		}
		for _, j := range js {
			joined := false
			for k := range open {
				ch := &open[k]
				if i-ch.i1 <= gap && j-ch.jLast <= gap && ch.jLast-j <= gap {
					ch.i1, ch.jLast = i, j
					ch.j0, ch.j1 = min(ch.j0, j), max(ch.j1, j)
					ch.seeds++
					joined = true
					break
				}
			}
			if !joined {
				open = append(open, chain{i, i, j, j, j, 1})
			}
		}
		// Retire chains that can no longer grow.
		kept := open[:0]
		for _, ch := range open {
			if i-ch.i1 > gap {
				done = append(done, ch)
			} else {
				kept = append(kept, ch)
			}
		}
		open = kept
	}
	done = append(done, open...)
	var out []Case
	for _, ch := range done {
		s0, s1 := tw[ch.i0].start, tw[ch.i1+n-1].end
		r0, r1 := sw[ch.j0].start, sw[ch.j1+n-1].end
		if ch.seeds >= 3 && s1-s0 >= minChars && r1-r0 >= minChars {
			out = mergeInto(out, Case{s0, s1 - s0, r0, r1 - r0})
		}
	}
	return out
}

// mergeInto adds d to cs, joining it with every case it overlaps on both
// sides.
func mergeInto(cs []Case, d Case) []Case {
	kept := cs[:0]
	for _, o := range cs {
		if !overlaps(o, d) {
			kept = append(kept, o)
			continue
		}
		s0, s1 := min(o.SuspOffset, d.SuspOffset), max(o.suspEnd(), d.suspEnd())
		r0, r1 := min(o.SrcOffset, d.SrcOffset), max(o.srcEnd(), d.srcEnd())
		d = Case{s0, s1 - s0, r0, r1 - r0}
	}
	return append(kept, d)
}

type word struct {
	text       string
	start, end int // characters
}

// words splits text into lower-cased runs of letters and digits with their
// character offsets.
func words(text string) []word {
	var ws []word
	var b strings.Builder
	start, pos := -1, 0
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = pos
				b.Reset()
			}
			b.WriteRune(unicode.ToLower(r))
		} else if start >= 0 {
			ws = append(ws, word{b.String(), start, pos})
			start = -1
		}
		pos++
	}
	if start >= 0 {
		ws = append(ws, word{b.String(), start, pos})
	}
	return ws
}

func gramKey(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}

// TestBaselineSample runs the baseline on a sample of the training corpus
// and checks its scores are those of a working but crude detector: verbatim
// reuse mostly found, nothing found in negative pairs. Its precision on
// verbatim pairs is well below 1 because some source documents hold the
// copied text twice and the truth names only one of the copies.
func TestBaselineSample(t *testing.T) {
	c := realCorpus(t, "pan13-ta-train").Sample(60)
	r, err := Run(context.Background(), c, baseline, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.WriteTable(&b)
	t.Logf("baseline on %d pairs:\n%s", len(c.Entries), b.String())
	for _, s := range r.Folders {
		switch {
		case strings.HasPrefix(s.Folder, "01-") && s.Plagdet != 1:
			t.Errorf("%s: plagdet %.3f, want 1 (no detections on negative pairs)", s.Folder, s.Plagdet)
		case strings.HasPrefix(s.Folder, "02-") && (s.Recall < 0.9 || s.Precision < 0.5 || s.Plagdet > 1):
			t.Errorf("%s: %+v, want recall >= 0.9, precision >= 0.5", s.Folder, s.Measures)
		}
	}
}

// BenchmarkRun measures the runner and the measures alone on the training
// corpus (a detector that returns the truth); with PAN_BENCH_BASELINE=1 it
// also runs the baseline detector (about 20 s per run on 2 cores).
//
//	PAN_BENCH_BASELINE=1 go test -run XXX -bench Run -benchtime 3x ./internal/eval/pan/
func BenchmarkRun(b *testing.B) {
	c := realCorpus(b, "pan13-ta-train")
	truth := oracle(&testing.T{}, c, Entry.Cases)
	type bench struct {
		name string
		det  Detector
	}
	benches := []bench{{"det=truth", truth}}
	if os.Getenv("PAN_BENCH_BASELINE") != "" {
		benches = append(benches, bench{"det=baseline", baseline})
	}
	for _, bc := range benches {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(context.Background(), c, bc.det, RunOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(c.Entries)*b.N)/b.Elapsed().Seconds(), "pairs/s")
		})
	}
}

// BenchmarkTally measures scoring alone.
func BenchmarkTally(b *testing.B) {
	cases := []Case{c(0, 500), c(1000, 400)}
	dets := []Case{c(10, 200), c(220, 280), c(990, 420), c(3000, 50)}
	b.ReportAllocs()
	for b.Loop() {
		var t Tally
		t.Add(cases, dets)
		_ = t.Measures()
	}
}

// BenchmarkOpenCorpus measures reading the training corpus truth, and a
// first run that reads every document (the page cache warm after the first
// iteration).
//
//	go test -run XXX -bench OpenCorpus ./internal/eval/pan/
func BenchmarkOpenCorpus(b *testing.B) {
	dir := realCorpus(b, "pan13-ta-train").Dir
	b.Run("truth", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := OpenCorpus(dir); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("truth+docs", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c, err := OpenCorpus(dir)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Run(context.Background(), c, func(src, susp string) []Case { return nil }, RunOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
