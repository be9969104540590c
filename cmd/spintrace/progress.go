package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a progress bar on a terminal and plain periodic lines
// otherwise. Safe for concurrent use.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	bar   *progressbar.ProgressBar
	quiet bool
	done  int64
	total int64
	last  time.Time
	start time.Time
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newProgress(w io.Writer, total int64, files int, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet, total: total, start: time.Now(), last: time.Now()}
	if quiet {
		return p
	}
	if isTerminal(w) {
		p.bar = progressbar.NewOptions64(max(total, -1),
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription(fmt.Sprintf("indexing %d files", files)),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	} else {
		if total > 0 {
			fmt.Fprintf(w, "indexing %d files, %.1f MB\n", files, float64(total)/1e6)
		}
	}
	return p
}

func (p *progress) add(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if p.quiet {
		return
	}
	if p.bar != nil {
		p.bar.Add64(n)
		return
	}
	if time.Since(p.last) >= 5*time.Second {
		p.last = time.Now()
		el := time.Since(p.start).Seconds()
		if p.total > 0 {
			fmt.Fprintf(p.w, "indexed %.1f / %.1f MB (%.1f MB/s)\n", float64(p.done)/1e6, float64(p.total)/1e6, float64(p.done)/1e6/el)
		} else {
			fmt.Fprintf(p.w, "indexed %.1f MB (%.1f MB/s)\n", float64(p.done)/1e6, float64(p.done)/1e6/el)
		}
	}
}

// warn prints a message without breaking the bar.
func (p *progress) warn(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintf(p.w, "warning: %s\n", msg)
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
	}
}
