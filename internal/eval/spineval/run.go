package spineval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/store/mem"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// MinDocs is the fewest distinct corpus documents Run accepts.
const MinDocs = 50

// ErrSmallCorpus: the corpus has fewer than MinDocs distinct documents.
var ErrSmallCorpus = errors.New("spineval: corpus too small")

// Options control a run.
type Options struct {
	// Derivatives is how many derivatives are generated and traced (> 0).
	Derivatives int
	// Seed makes the split and every derivative reproducible.
	Seed int64
	// Holdout is the share of the corpus kept out of the index, traced as
	// originals and used as unexplained text, in [0, 0.9].
	Holdout float64
	// Workers trace in parallel; <= 0 means runtime.NumCPU().
	Workers int
	// Search tunes the tracer; nil means search.DefaultOptions().
	Search *search.Options
	// OutDir, when set, receives for each traced case NAME.txt (the
	// article), NAME.truth.json (the Case) and NAME.result.json (the
	// trace), and report.json. Evaluation output only.
	OutDir string
	// Progress, when set, is called after each trace with the number done
	// and the total, from one goroutine at a time.
	Progress func(done, total int)
	// Corpus names the corpus in the report.
	Corpus string
	// Learn, when > 0, first traces that many other derivatives (not
	// scored), records their substitutions in the spin lexicon and loads
	// the frequent ones as aliases (search.Engine.Learn / LoadLexicon):
	// it measures what the lexicon's feedback into tracing is worth.
	Learn int
}

// Run evaluates the tracer on arts (see the package doc). The returned
// report's Setup.Read is left for the caller (ReadCorpus) to fill in.
func Run(ctx context.Context, arts []Article, o Options) (*Report, error) {
	if o.Derivatives <= 0 {
		return nil, fmt.Errorf("spineval: derivatives must be positive, got %d", o.Derivatives)
	}
	if o.Holdout < 0 || o.Holdout > 0.9 {
		return nil, fmt.Errorf("spineval: holdout must be in [0, 0.9], got %g", o.Holdout)
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	sopts := search.DefaultOptions()
	if o.Search != nil {
		sopts = *o.Search
	}
	arts, dups := Dedup(arts)
	if len(arts) < MinDocs {
		return nil, fmt.Errorf("%d distinct documents, need at least %d: %w", len(arts), MinDocs, ErrSmallCorpus)
	}
	heldOut, indexed, reusing := split(arts, o.Seed, o.Holdout)

	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	st := mem.New()
	defer st.Close()
	t0 := time.Now()
	textBytes, err := build(ctx, st, norm, cfg, indexed)
	if err != nil {
		return nil, err
	}
	indexTime := time.Since(t0)
	eng := search.New(st, norm, cfg, sopts)

	if o.OutDir != "" {
		if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
			return nil, fmt.Errorf("create output directory: %w", err)
		}
	}
	cats := map[string]bool{}
	for _, a := range arts {
		if a.Category != "" {
			cats[a.Category] = true
		}
	}
	pl := newPlanner(o.Seed, indexed, heldOut)
	total := o.Derivatives + len(heldOut)
	makeCase := func(i int) Case {
		if i < o.Derivatives {
			return pl.derivative(i)
		}
		return originalCase(i-o.Derivatives, heldOut[i-o.Derivatives])
	}

	learned := 0
	if o.Learn > 0 {
		// warm-up derivatives: case numbers past the scored ones
		warm := func(i int) Case { return pl.derivative(o.Derivatives + i) }
		lo := o
		lo.OutDir, lo.Progress = "", nil
		var discard Tally
		err := traceAllWith(ctx, eng, o.Learn, lo, warm, &discard, func(res *spintrace.Result) error {
			return eng.Learn(ctx, res)
		})
		if err != nil {
			return nil, fmt.Errorf("learn: %w", err)
		}
		if learned, err = eng.LoadLexicon(ctx, search.MinLearnedCount); err != nil {
			return nil, err
		}
	}

	var tally Tally
	start := time.Now()
	if err := traceAll(ctx, eng, total, o, makeCase, &tally); err != nil {
		return nil, err
	}
	wall := time.Since(start)

	rep := tally.Report()
	rep.Setup.Corpus = o.Corpus
	rep.Setup.Duplicates, rep.Setup.Reusing = dups, reusing
	rep.Setup.Indexed, rep.Setup.HeldOut, rep.Setup.Categories = len(indexed), len(heldOut), len(cats)
	rep.Setup.Seed, rep.Setup.Holdout = o.Seed, o.Holdout
	rep.Setup.Learn, rep.Setup.Learned = o.Learn, learned
	rep.Throughput.Workers = o.Workers
	rep.Throughput.Seconds = wall.Seconds()
	rep.Throughput.PerSecond = float64(rep.Throughput.Traces) / max(wall.Seconds(), 1e-9)
	rep.Throughput.IndexSeconds = indexTime.Seconds()
	rep.Throughput.IndexMB = float64(textBytes) / 1e6
	if o.OutDir != "" {
		if err := writeJSON(filepath.Join(o.OutDir, "report.json"), rep); err != nil {
			return nil, err
		}
	}
	return &rep, nil
}

// split shuffles arts by seed and holds out a share of them, drawn only
// from the articles that reuse no text of another (see Reusing): fewer
// when there are not enough of those. It returns the held-out and indexed
// articles and how many articles reuse text.
func split(arts []Article, seed int64, holdout float64) (heldOut, indexed []Article, reusing int) {
	reuse := Reusing(arts)
	want := int(holdout*float64(len(arts)) + 0.5)
	for _, j := range rand.New(rand.NewSource(seed)).Perm(len(arts)) {
		if reuse[j] {
			reusing++
		}
		if !reuse[j] && len(heldOut) < want {
			heldOut = append(heldOut, arts[j])
		} else {
			indexed = append(indexed, arts[j])
		}
	}
	return heldOut, indexed, reusing
}

// build indexes arts into st and returns the text bytes indexed.
func build(ctx context.Context, st spintrace.Store, norm *textnorm.Normalizer, cfg index.Config, arts []Article) (int64, error) {
	if err := index.Check(ctx, st, cfg); err != nil {
		return 0, fmt.Errorf("index corpus: %w", err)
	}
	b := &index.Builder{Store: st, Norm: norm, Config: cfg}
	var n int64
	for _, a := range arts {
		n += int64(len(a.Doc.Text))
		if err := b.Add(ctx, a.Doc); err != nil {
			return 0, fmt.Errorf("index %s: %w", a.Doc.Origin, err)
		}
	}
	if _, err := b.Close(ctx); err != nil {
		return 0, fmt.Errorf("index corpus: %w", err)
	}
	return n, nil
}

type traced struct {
	c       Case
	res     *spintrace.Result
	err     error
	elapsed time.Duration
}

// traceAll makes and traces cases 0..total-1 on o.Workers goroutines and
// adds them to tally in completion order (the measures do not depend on
// order).
func traceAll(ctx context.Context, eng *search.Engine, total int, o Options, makeCase func(int) Case, tally *Tally) error {
	return traceAllWith(ctx, eng, total, o, makeCase, tally, nil)
}

// traceAllWith is traceAll that also hands every result to after (from
// one goroutine at a time), when after is not nil.
func traceAllWith(ctx context.Context, eng *search.Engine, total int, o Options, makeCase func(int) Case, tally *Tally, after func(*spintrace.Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	out := make(chan traced, o.Workers)
	var wg sync.WaitGroup
	var writeErr error
	var once sync.Once
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				c := makeCase(i)
				t := time.Now()
				res, err := eng.Trace(ctx, c.Doc)
				tr := traced{c: c, res: res, err: err, elapsed: time.Since(t)}
				if o.OutDir != "" {
					if err := writeCase(o.OutDir, &tr); err != nil {
						once.Do(func() { writeErr = err; cancel() })
					}
				}
				select {
				case out <- tr:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := 0; i < total; i++ {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	done := 0
	for tr := range out {
		if tr.err != nil && ctx.Err() != nil {
			continue
		}
		tally.Add(&tr.c, tr.res, tr.err, tr.elapsed)
		if after != nil && tr.res != nil {
			if err := after(tr.res); err != nil {
				cancel()
				return err
			}
		}
		done++
		if o.Progress != nil {
			o.Progress(done, total)
		}
	}
	if writeErr != nil {
		return writeErr
	}
	if err := ctx.Err(); err != nil && done < total {
		return fmt.Errorf("evaluation interrupted after %d of %d traces: %w", done, total, err)
	}
	return nil
}

// writeCase writes one case and its trace into dir.
func writeCase(dir string, tr *traced) error {
	base := filepath.Join(dir, tr.c.Name)
	if err := os.WriteFile(base+".txt", []byte(tr.c.Doc.Text), 0o644); err != nil {
		return fmt.Errorf("write case: %w", err)
	}
	if err := writeJSON(base+".truth.json", tr.c); err != nil {
		return err
	}
	if tr.err != nil {
		return writeJSON(base+".result.json", map[string]string{"error": tr.err.Error()})
	}
	return writeJSON(base+".result.json", tr.res)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}
