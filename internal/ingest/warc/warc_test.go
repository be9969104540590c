package warc

import (
	"bytes"
	"compress/gzip"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spintrace/spintrace/internal/ingest/warc/warctest"
)

var day = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

func gzipString(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

func testRecords() []warctest.Rec {
	recs := []warctest.Rec{
		{Type: "warcinfo", ContentType: "application/warc-fields", Payload: "software: test\r\n"},
		{Type: "request", TargetURI: "https://news.example/a", ContentType: "application/http; msgtype=request", Payload: "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"},
		{Type: "response", TargetURI: "https://news.example/a", Date: day, HTTPHeader: "Content-Type: text/html; charset=utf-8\r\n", Payload: "<html><body><p>Page A</p></body></html>"},
		{Type: "response", TargetURI: "https://news.example/logo.png", Date: day, HTTPHeader: "Content-Type: image/png\r\n", Payload: "\x89PNG...."},
		{Type: "response", TargetURI: "https://news.example/gone", Date: day, Status: 404, HTTPHeader: "Content-Type: text/html\r\n", Payload: "<p>not found</p>"},
		{Type: "response", TargetURI: "https://news.example/b", Date: day, HTTPHeader: "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", Payload: gzipString("<p>Page B</p>")},
		{Type: "resource", TargetURI: "file:///c.html", Date: day, ContentType: "text/html", Payload: "<p>Page C</p>"},
		{Type: "metadata", TargetURI: "https://news.example/a", ContentType: "application/warc-fields", Payload: "outlinks: x\r\n"},
	}
	for i := range recs {
		recs[i].Date = day
	}
	return recs
}

func readAll(t *testing.T, r io.Reader, max int64) ([]Record, error) {
	t.Helper()
	wr, err := NewReader(r, max)
	if err != nil {
		t.Fatal(err)
	}
	var out []Record
	for {
		rec, err := wr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
}

func TestReader(t *testing.T) {
	want := []Record{
		{N: 1, Type: "warcinfo", Date: day, Skip: "non-HTML WARC record"},
		{N: 2, Type: "request", TargetURI: "https://news.example/a", Date: day, Skip: "non-HTML WARC record"},
		{N: 3, Type: "response", TargetURI: "https://news.example/a", Date: day, ContentType: "text/html; charset=utf-8", Body: []byte("<html><body><p>Page A</p></body></html>")},
		{N: 4, Type: "response", TargetURI: "https://news.example/logo.png", Date: day, ContentType: "image/png", Skip: "non-HTML WARC record"},
		{N: 5, Type: "response", TargetURI: "https://news.example/gone", Date: day, ContentType: "text/html", Skip: "HTTP status 404"},
		{N: 6, Type: "response", TargetURI: "https://news.example/b", Date: day, ContentType: "text/html", Body: []byte("<p>Page B</p>")},
		{N: 7, Type: "resource", TargetURI: "file:///c.html", Date: day, ContentType: "text/html", Body: []byte("<p>Page C</p>")},
		{N: 8, Type: "metadata", TargetURI: "https://news.example/a", Date: day, Skip: "non-HTML WARC record"},
	}
	for _, gz := range []bool{false, true} {
		var buf bytes.Buffer
		if err := warctest.Write(&buf, gz, testRecords()); err != nil {
			t.Fatal(err)
		}
		got, err := readAll(t, &buf, 1<<20)
		if err != nil {
			t.Fatalf("gzip=%v: %v", gz, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("gzip=%v records (-want +got):\n%s", gz, diff)
		}
	}
}

func TestReaderTooBig(t *testing.T) {
	var buf bytes.Buffer
	recs := []warctest.Rec{{Type: "response", TargetURI: "https://x.example/", HTTPHeader: "Content-Type: text/html\r\n", Payload: strings.Repeat("<p>x</p>", 100)}}
	if err := warctest.Write(&buf, false, recs); err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, &buf, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Skip != "page larger than 100 bytes" || got[0].Body != nil {
		t.Errorf("got %+v, want one skipped record", got)
	}
}

// TestReaderLargeRecordBounded reads a record far larger than the body
// limit: it is skipped, and reading it does not hold it in memory.
func TestReaderLargeRecordBounded(t *testing.T) {
	const size = 24 << 20
	var buf bytes.Buffer
	recs := []warctest.Rec{
		{Type: "response", TargetURI: "https://x.example/huge", HTTPHeader: "Content-Type: text/html\r\n", Payload: strings.Repeat("<p>big</p>", size/10)},
		{Type: "response", TargetURI: "https://x.example/small", HTTPHeader: "Content-Type: text/html\r\n", Payload: "<p>small</p>"},
	}
	if err := warctest.Write(&buf, true, recs); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, err := readAll(t, &buf, 64<<10)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Skip != "page larger than 65536 bytes" || string(got[1].Body) != "<p>small</p>" {
		t.Errorf("got %+v", got)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size/2 {
		t.Errorf("reading a %d MB record allocated %d MB", size>>20, alloc>>20)
	}
}

func TestReaderTruncated(t *testing.T) {
	for _, gz := range []bool{false, true} {
		var buf bytes.Buffer
		if err := warctest.Write(&buf, gz, testRecords()); err != nil {
			t.Fatal(err)
		}
		cut := buf.Bytes()[:buf.Len()-40]
		got, err := readAll(t, bytes.NewReader(cut), 1<<20)
		if err == nil {
			t.Fatalf("gzip=%v: truncated WARC read without error", gz)
		}
		if !strings.Contains(err.Error(), "record 8") {
			t.Errorf("gzip=%v: error %q does not name record 8", gz, err)
		}
		if len(got) != 7 {
			t.Errorf("gzip=%v: %d records before the damage, want 7", gz, len(got))
		}
	}
}

func TestReaderGarbage(t *testing.T) {
	_, err := readAll(t, strings.NewReader("this is not a warc file\r\n\r\n"), 1<<20)
	if err == nil {
		t.Fatalf("garbage read without error: %v", err)
	}
}

func FuzzWARC(f *testing.F) {
	var buf bytes.Buffer
	if err := warctest.Write(&buf, false, testRecords()[:4]); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	buf.Reset()
	if err := warctest.Write(&buf, true, testRecords()[2:3]); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		wr, err := NewReader(bytes.NewReader(data), 1<<16)
		if err != nil {
			return
		}
		for i := 0; i < 1000; i++ {
			rec, err := wr.Next()
			if err != nil {
				return
			}
			if int64(len(rec.Body)) > 1<<16 {
				t.Fatalf("body of %d bytes over the limit", len(rec.Body))
			}
		}
	})
}
