package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// Walk reads every path (a file, a directory walked recursively, a glob, or
// "-" for stdin) and calls fn once per document, error or skip, sequentially
// from the calling goroutine; extraction runs on opts.Workers goroutines.
// Items come in input order (so items of one file keep their order). An
// error returned by fn stops the walk and is returned. Walk returns an error
// only for unusable arguments (a path that does not exist, a bad option) or
// ctx cancellation; per-file problems are Items with Err.
func Walk(ctx context.Context, paths []string, opts Options, fn func(Item) error) error {
	opts, err := opts.withDefaults()
	if err != nil {
		return err
	}
	ins, err := expand(paths)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	depth := 4 * opts.Workers
	order := make(chan *job, depth)
	jobs := make(chan *job, depth)
	var wg sync.WaitGroup
	for i := 0; i < opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- j.runSafe()
			}
		}()
	}
	w := &walker{opts: opts, order: order, jobs: jobs}
	prodErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		for _, in := range ins {
			if err := w.file(ctx, in); err != nil {
				prodErr <- err
				return
			}
		}
		prodErr <- nil
	}()

	var fnErr error
	for j := range order {
		if fnErr != nil {
			continue // drain so the producer can exit
		}
		var items []Item
		select {
		case items = <-j.out:
		case <-ctx.Done():
			fnErr = ctx.Err()
			cancel()
			continue
		}
		if len(items) == 0 {
			items = []Item{{Skip: "no documents"}}
		}
		items[len(items)-1].Bytes += j.bytes
		for _, it := range items {
			it.Input = j.name
			if err := fn(it); err != nil {
				fnErr = err
				cancel()
				break
			}
		}
	}
	wg.Wait()
	perr := <-prodErr
	if fnErr != nil {
		return fnErr
	}
	if perr != nil {
		return perr
	}
	return ctx.Err()
}

// job is one unit of extraction work; its items reach fn in submission
// order.
type job struct {
	run   func() []Item // nil when out already holds the items
	name  string        // the input file, for Item.Input and panic messages
	bytes int64
	out   chan []Item // buffered 1
}

func (j *job) runSafe() (items []Item) {
	defer func() {
		if r := recover(); r != nil {
			items = []Item{{Err: fmt.Errorf("%s: extraction failed: %v", j.name, r)}}
		}
	}()
	return j.run()
}

type walker struct {
	opts  Options
	order chan *job
	jobs  chan *job
}

func (w *walker) send(ctx context.Context, j *job) error {
	select {
	case w.order <- j:
	case <-ctx.Done():
		return ctx.Err()
	}
	if j.run == nil {
		return nil
	}
	select {
	case w.jobs <- j:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// emitter hands one file's items to the pipeline and attributes the file's
// bytes to them. It holds the last job back so the bytes left at the end of
// the file (read-ahead, trailing blank lines, unread remainder) go to it.
type emitter struct {
	ctx      context.Context
	w        *walker
	name     string
	cnt      *countReader
	size     int64 // file size, -1 for stdin
	reported int64
	pending  *job
}

// do schedules fn on a worker.
func (e *emitter) do(fn func() []Item) error {
	return e.submit(&job{run: fn, name: e.name, out: make(chan []Item, 1)})
}

// emit delivers ready items.
func (e *emitter) emit(items ...Item) error {
	j := &job{name: e.name, out: make(chan []Item, 1)}
	j.out <- items
	return e.submit(j)
}

func (e *emitter) submit(j *job) error {
	j.bytes = e.cnt.n - e.reported
	e.reported = e.cnt.n
	if p := e.pending; p != nil {
		e.pending = j
		return e.w.send(e.ctx, p)
	}
	e.pending = j
	return nil
}

// finish flushes the held-back job with the file's remaining bytes.
func (e *emitter) finish() error {
	if e.pending == nil {
		if err := e.emit(Item{Skip: "no documents"}); err != nil {
			return err
		}
	}
	total := e.cnt.n
	if e.size > total {
		total = e.size
	}
	e.pending.bytes += total - e.reported
	e.reported = total
	p := e.pending
	e.pending = nil
	return e.w.send(e.ctx, p)
}

// file reads one input. It returns an error only on cancellation; problems
// with the file become Items.
func (w *walker) file(ctx context.Context, in input) error {
	name := in.path
	var raw io.Reader
	if in.stdin {
		raw = w.opts.Stdin
		if raw == nil {
			raw = os.Stdin
		}
	} else {
		f, err := os.Open(in.path)
		if err != nil {
			e := &emitter{ctx: ctx, w: w, name: name, cnt: &countReader{}, size: in.size}
			if err := e.emit(Item{Err: fmt.Errorf("%s: %w", name, unwrapPath(err))}); err != nil {
				return err
			}
			return e.finish()
		}
		defer f.Close()
		raw = f
	}
	cnt := &countReader{r: raw}
	e := &emitter{ctx: ctx, w: w, name: name, cnt: cnt, size: in.size}
	err := w.read(e, name, cnt)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := e.emit(Item{Err: err}); err != nil {
			return err
		}
	}
	return e.finish()
}

// unwrapPath drops the *PathError wrapper so messages name the file once.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// read detects compression and format and runs the format's reader. The
// returned error is a file-level problem (already naming the file).
func (w *walker) read(e *emitter, name string, raw io.Reader) error {
	br := bufio.NewReaderSize(raw, 64<<10)
	r, gz, err := maybeGunzip(br)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	format := w.opts.Format
	if format == FormatAuto {
		format = detect(name, gz, r)
	}
	if format != FormatWARC && isBinary(r) {
		return e.emit(Item{Skip: "binary file"})
	}
	src := &source{e: e, name: name, r: r, opts: w.opts}
	switch format {
	case FormatText:
		return src.readText(false)
	case FormatMarkdown:
		return src.readText(true)
	case FormatJSONL:
		return src.readJSONL()
	case FormatCSV:
		return src.readCSV()
	case FormatHTML:
		return src.readHTML()
	case FormatWARC:
		return src.readWARC()
	case FormatFeed:
		return src.readFeed()
	}
	return fmt.Errorf("%s: unknown format %q", name, format)
}

// source is one opened input as a format reader sees it.
type source struct {
	e    *emitter
	name string // path for messages and origins
	r    *bufio.Reader
	opts Options
}
