package ingest

// Extraction throughput. Run with
//
//	go test -run XXX -bench 'ExtractHTML|WARC|JSONL' -benchtime 3s ./internal/ingest/
//
// MB/s is input bytes (HTML page bytes, compressed WARC bytes, JSONL bytes)
// per second, all workers together.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spintrace/spintrace/internal/ingest/html"
	"github.com/spintrace/spintrace/internal/ingest/warc/warctest"
)

func benchPages(b *testing.B) map[string][]byte {
	pages := map[string][]byte{}
	for _, name := range []string{"article.html", "latin1-declared.html"} {
		p, err := os.ReadFile(filepath.Join("html", "testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		pages[name] = p
	}
	return pages
}

// BenchmarkExtractHTML is single-goroutine main-text extraction of one page.
func BenchmarkExtractHTML(b *testing.B) {
	for name, page := range benchPages(b) {
		b.Run("page="+name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for i := 0; i < b.N; i++ {
				if _, err := html.Extract(page, "", "https://example.org/a"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// writeBenchWARC writes a gzipped WARC of n HTML responses (each page made
// distinct) interleaved with request records, and returns its path.
func writeBenchWARC(b *testing.B, n int) string {
	page := string(benchPages(b)["article.html"])
	recs := make([]warctest.Rec, 0, 2*n)
	for i := 0; i < n; i++ {
		uri := fmt.Sprintf("https://news.example/story/%d", i)
		recs = append(recs,
			warctest.Rec{Type: "request", TargetURI: uri, ContentType: "application/http; msgtype=request", Payload: "GET / HTTP/1.1\r\n\r\n"},
			warctest.Rec{
				Type: "response", TargetURI: uri, HTTPHeader: "Content-Type: text/html\r\n",
				Payload: strings.Replace(page, "Hundreds of homes", fmt.Sprintf("%d homes", i+100), 1),
			})
	}
	var buf bytes.Buffer
	if err := warctest.Write(&buf, true, recs); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), "bench.warc.gz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkWARC is a whole Walk over a gzipped WARC on all cores.
func BenchmarkWARC(b *testing.B) {
	p := writeBenchWARC(b, 200)
	fi, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("records=400/workers=%d", runtime.NumCPU()), func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(fi.Size())
		for i := 0; i < b.N; i++ {
			docs := 0
			err := Walk(context.Background(), []string{p}, Options{}, func(it Item) error {
				if it.Err != nil {
					return it.Err
				}
				if it.Skip == "" {
					docs++
				}
				return nil
			})
			if err != nil || docs != 200 {
				b.Fatalf("Walk: %v, %d docs, want 200", err, docs)
			}
		}
	})
}

// BenchmarkJSONL is a whole Walk over a JSON Lines file of short articles.
func BenchmarkJSONL(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&sb, `{"text":"Story %d: the council met on Tuesday and voted to close the library.","title":"T%d","url":"https://x.example/%d","date":"2024-01-02"}`+"\n", i, i, i)
	}
	p := filepath.Join(b.TempDir(), "bench.jsonl")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("docs=10000", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(sb.Len()))
		for i := 0; i < b.N; i++ {
			if err := Walk(context.Background(), []string{p}, Options{}, func(Item) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
}
