package pan

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

// Detector finds the reused passages between a source and a suspicious
// document and returns them as cases, offsets in characters (code points) of
// the texts it was given. It must be safe for concurrent use: Run calls it
// from several goroutines. It must not retain or modify the returned slice
// after returning it.
type Detector func(src, susp string) []Case

// RunOptions tune Run.
type RunOptions struct {
	// Workers is the number of pairs aligned at once; <= 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// OutDir, when set, receives one PAN detection file per pair (created
	// if missing; existing files of the same names are replaced).
	OutDir string
	// Progress, when set, is called after each pair with the number of pairs
	// done and the total. Calls come from one goroutine, never concurrently,
	// with done increasing.
	Progress func(done, total int)
}

// Run applies det to every pair of c, in parallel, optionally writes the
// detections as PAN XML, and scores them overall and per folder. Elapsed
// covers everything: reading documents, detecting, writing and scoring.
//
// Run stops at the first error: a document that cannot be read, a detection
// file that cannot be written, a Detector that panics or returns a case with
// a negative offset or length or reaching past the end of its document, or
// ctx being cancelled. The error names the pair.
func Run(ctx context.Context, c *Corpus, det Detector, o RunOptions) (*Report, error) {
	start := time.Now()
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := len(c.Entries)
	workers = max(1, min(workers, n))
	if o.OutDir != "" {
		if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
			return nil, fmt.Errorf("run pan: %w", err)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan int)
	errs := make(chan error, workers)
	dets := make([][]Case, n) // each index written by exactly one worker
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				d, err := runPair(c, det, c.Entries[i].Pair, o.OutDir)
				dets[i] = d
				errs <- err
			}
		}()
	}
	go func() { wg.Wait(); close(errs) }()

	var first error
	done := 0
	for err := range errs {
		if err != nil {
			if first == nil {
				first = err
				cancel()
			}
			continue
		}
		done++
		if o.Progress != nil && first == nil {
			o.Progress(done, n)
		}
	}
	if first != nil {
		return nil, fmt.Errorf("run pan: %w", first)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("run pan: %w", err)
	}
	r := score(c, func(i int) []Case { return dets[i] }, nil)
	r.Workers = workers
	r.Elapsed = time.Since(start)
	if s := r.Elapsed.Seconds(); s > 0 {
		r.DocsPerSecond = float64(n) / s
	}
	return r, nil
}

// runPair detects, checks and optionally writes the detections of one pair.
func runPair(c *Corpus, det Detector, p Pair, outDir string) (cases []Case, err error) {
	src, err := c.doc("src", p.Src)
	if err != nil {
		return nil, fmt.Errorf("pair %s %s: %w", p.Susp, p.Src, err)
	}
	susp, err := c.doc("susp", p.Susp)
	if err != nil {
		return nil, fmt.Errorf("pair %s %s: %w", p.Susp, p.Src, err)
	}
	defer func() {
		if v := recover(); v != nil {
			cases, err = nil, fmt.Errorf("pair %s %s: detector panicked: %v", p.Susp, p.Src, v)
		}
	}()
	cases = det(src.text, susp.text)
	suspLen, srcLen := susp.chars, src.chars
	for k, d := range cases {
		if d.SuspOffset < 0 || d.SuspLength < 0 || d.SrcOffset < 0 || d.SrcLength < 0 ||
			d.SuspOffset+d.SuspLength > suspLen || d.SrcOffset+d.SrcLength > srcLen {
			return nil, fmt.Errorf("pair %s %s: detection %d %+v out of range (suspicious %d, source %d characters)",
				p.Susp, p.Src, k+1, d, suspLen, srcLen)
		}
	}
	if outDir != "" {
		if err := WriteDetections(outDir, p, cases); err != nil {
			return nil, fmt.Errorf("pair %s %s: %w", p.Susp, p.Src, err)
		}
	}
	return cases, nil
}

// Score scores detections given by pair (for example from ReadDetections)
// against the truth of c. Detections for pairs that are not in c have no
// truth to match: they count as false positives in the overall scores (no
// folder holds them). Elapsed and DocsPerSecond are left zero.
func Score(c *Corpus, detections map[Pair][]Case) *Report {
	inCorpus := make(map[Pair]bool, len(c.Entries))
	for _, e := range c.Entries {
		inCorpus[e.Pair] = true
	}
	var stray [][]Case
	for p, d := range detections {
		if !inCorpus[p] {
			stray = append(stray, d)
		}
	}
	return score(c, func(i int) []Case { return detections[c.Entries[i].Pair] }, stray)
}

// score tallies every entry of c, per folder and overall, plus stray
// detections that belong to no entry (overall only).
func score(c *Corpus, dets func(i int) []Case, stray [][]Case) *Report {
	r := &Report{Version: ReportVersion, Corpus: c.Dir}
	tallies := make(map[string]*Tally, len(c.Folders))
	pairs := make(map[string]int, len(c.Folders))
	for _, f := range c.Folders {
		tallies[f] = new(Tally)
	}
	var overall Tally
	for i, e := range c.Entries {
		cases, d := e.Cases(), dets(i)
		t := tallies[e.Folder]
		if t == nil { // a Corpus built by hand with an unlisted folder
			t = new(Tally)
			tallies[e.Folder] = t
		}
		t.Add(cases, d)
		overall.Add(cases, d)
		pairs[e.Folder]++
	}
	for _, d := range stray {
		overall.Add(nil, d)
	}
	for _, f := range c.Folders {
		r.Folders = append(r.Folders, Scores{Folder: f, Pairs: pairs[f], Measures: tallies[f].Measures()})
	}
	r.Overall = Scores{Folder: "overall", Pairs: len(c.Entries), Measures: overall.Measures()}
	return r
}
