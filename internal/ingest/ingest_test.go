package ingest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spintrace/spintrace"
)

// collect runs Walk and returns every item.
func collect(t testing.TB, paths []string, opts Options) []Item {
	t.Helper()
	var items []Item
	err := Walk(context.Background(), paths, opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk(%v): %v", paths, err)
	}
	return items
}

// summary is an Item reduced to what a table test compares.
type summary struct {
	Origin, Title, URL, Site, Byline, Lang, Text string
	Published                                    time.Time
	Err, Skip                                    string
}

func summarize(items []Item) []summary {
	out := make([]summary, len(items))
	for i, it := range items {
		s := summary{
			Origin: it.Doc.Origin, Title: it.Doc.Title, URL: it.Doc.URL, Site: it.Doc.Site,
			Byline: it.Doc.Byline, Lang: it.Doc.Lang, Text: it.Doc.Text, Published: it.Doc.Published,
			Skip: it.Skip,
		}
		if it.Err != nil {
			s.Err = it.Err.Error()
		}
		out[i] = s
	}
	return out
}

func checkItems(t *testing.T, items []Item) {
	t.Helper()
	for _, it := range items {
		if it.Err != nil || it.Skip != "" {
			if it.Doc.Text != "" || it.Doc.ID != "" {
				t.Errorf("error/skip item carries a document: %+v", it)
			}
			continue
		}
		if it.Doc.ID != spintrace.DocID(it.Doc.Text) {
			t.Errorf("%s: ID %q is not DocID(Text)", it.Doc.Origin, it.Doc.ID)
		}
		if it.Doc.Text != Normalize(it.Doc.Text) {
			t.Errorf("%s: text not normalized: %q", it.Doc.Origin, it.Doc.Text)
		}
	}
}

func totalBytes(items []Item) int64 {
	var n int64
	for _, it := range items {
		n += it.Bytes
	}
	return n
}

func TestText(t *testing.T) {
	dir := filepath.Join("testdata", "text")
	items := collect(t, []string{dir}, Options{Workers: 2})
	want := []summary{
		{Skip: "empty text"},
		{Origin: filepath.Join(dir, "cp1252.txt"), Text: "Café owners in the “old town” said the rules were unfair.\nThey will appeal."},
		{Skip: "binary file"},
		{Origin: filepath.Join(dir, "plain.txt"), Text: "The council voted on Tuesday to close the old library.\n\nResidents said they were disappointed by the decision."},
	}
	if diff := cmp.Diff(want, summarize(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	checkItems(t, items)
	_, size, err := Measure([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := totalBytes(items); got != size {
		t.Errorf("sum of Bytes = %d, Measure = %d", got, size)
	}
}

func TestMarkdown(t *testing.T) {
	dir := filepath.Join("testdata", "markdown")
	items := collect(t, []string{dir}, Options{})
	want := []summary{
		{
			Origin: filepath.Join(dir, "article.md"), Title: "Storm closes coastal road",
			URL: "https://www.coastgazette.example/news/storm-road", Site: "Coast Gazette", Byline: "Ana Ruiz",
			Published: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC),
			Text: "Storm closes coastal road\n\n" +
				"The coastal road was closed on Monday after a storm washed away part of the verge.\n\n" +
				"\"We have never seen waves like this,\" said harbour master Tom Hale.\n\n" +
				"Ferries were cancelled\nSchools opened late\n\nWaves over the wall\n\ncode stays\n\n" +
				"Day Wind\n\nMon 90 km/h",
		},
		{
			Origin: filepath.Join(dir, "setext.md"), Title: "Harbour reopens",
			Text: "Harbour reopens\n\nBoats returned to the harbour on Friday, and snake_case_words stay intact.",
		},
	}
	if diff := cmp.Diff(want, summarize(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	checkItems(t, items)
}

func TestStripMarkdownInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**bold** and *it* and __b2__ and _i2_", "bold and it and b2 and i2"},
		{"a [link](http://x.y/z) and ![img](a.png)", "a link and img"},
		{"a [ref link][r] here", "a ref link here"},
		{"<https://example.org> autolink", "https://example.org autolink"},
		{"html <span class=\"x\">inside</span> tags", "html inside tags"},
		{"~~gone~~ \\*literal\\*", "gone *literal*"},
		{"2 * 3 * 4 stays", "2 * 3 * 4 stays"},
		{"### Heading ###", "Heading"},
		{"1. first\n2) second\n* [x] done", "first\nsecond\ndone"},
		{"> > nested quote", "nested quote"},
		{"***\n---\n___", "\n\n"},
	}
	for _, tt := range tests {
		got, _ := stripMarkdown(tt.in)
		if got != tt.want {
			t.Errorf("stripMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFrontMatterUnclosed(t *testing.T) {
	d := parseMarkdown("---\ntitle: x\nno end\n")
	if d.Title != "" {
		t.Errorf("unclosed front matter read as metadata: title %q", d.Title)
	}
	if !strings.Contains(d.Text, "title: x") {
		t.Errorf("unclosed front matter dropped from text: %q", d.Text)
	}
}

func TestJSONL(t *testing.T) {
	p := filepath.Join("testdata", "jsonl", "odd.jsonl")
	items := collect(t, []string{p}, Options{Workers: 3})
	line := func(n string) string { return p + "#L" + n }
	want := []summary{
		{
			Origin: line("1"), Title: "One", URL: "https://News.example.com/a", Site: "news.example.com",
			Byline: "A. Writer, B. Writer", Published: time.Date(2023, 1, 2, 10, 0, 0, 0, time.UTC),
			Text: "First story text.",
		},
		{Origin: line("3"), Text: "Para one.\n\nPara two.", Published: time.Unix(1700000000, 0).UTC()},
		{Err: line("4") + `: no "text" field (see --text-field)`},
		{Err: line("5") + `: field "text" is a number, want a string`},
		{Err: line("6") + ": bad JSON: unexpected EOF"},
		{Err: line("7") + ": bad JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"},
		{Skip: "empty text"},
		{
			Origin: line("9"), Site: "Example Site", Text: "Last story, with site.",
			Published: time.Date(2023, 1, 10, 8, 0, 0, 0, time.FixedZone("GMT", 0)),
		},
	}
	got := summarize(items)
	if diff := cmp.Diff(want, got, cmpopts.EquateApproxTime(0)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	checkItems(t, items)
	fi, _ := os.Stat(p)
	if n := totalBytes(items); n != fi.Size() {
		t.Errorf("sum of Bytes = %d, file size %d", n, fi.Size())
	}
}

func TestJSONLFieldMapping(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export.ndjson")
	writeFile(t, p, `{"content":"Body here.","headline":"H","link":"http://a.example/x","meta":{"when":"2017-04-13","by":"Z"}}`+"\n")
	items := collect(t, []string{p}, Options{
		TextField: "content", TitleField: "headline", URLField: "link", DateField: "meta.when", BylineField: "meta.by",
	})
	want := []summary{{
		Origin: p + "#L1", Title: "H", URL: "http://a.example/x", Site: "a.example", Byline: "Z",
		Published: time.Date(2017, 4, 13, 0, 0, 0, 0, time.UTC), Text: "Body here.",
	}}
	if diff := cmp.Diff(want, summarize(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestJSONLWindows1252Line(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "legacy.jsonl")
	writeFile(t, p, "{\"text\":\"na\xefve caf\xe9\"}\n")
	items := collect(t, []string{p}, Options{})
	if len(items) != 1 || items[0].Doc.Text != "naïve café" {
		t.Fatalf("got %+v, want text %q", summarize(items), "naïve café")
	}
}

// repeatReader yields n copies of b, then tail.
type repeatReader struct {
	b    byte
	n    int64
	tail string
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n > 0 {
		k := int64(len(p))
		if k > r.n {
			k = r.n
		}
		for i := range p[:k] {
			p[i] = r.b
		}
		r.n -= k
		return int(k), nil
	}
	if r.tail == "" {
		return 0, io.EOF
	}
	k := copy(p, r.tail)
	r.tail = r.tail[k:]
	return k, nil
}

// TestJSONLHugeLine streams a 100 MB single line from stdin: it is reported
// by line number and the record after it is still read.
func TestJSONLHugeLine(t *testing.T) {
	const size = 100 << 20
	in := &repeatReader{b: 'a', n: size, tail: "\n{\"text\":\"after the long line\"}\n"}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	items := collect(t, []string{"-"}, Options{Format: FormatJSONL, Stdin: in, MaxDocBytes: 1 << 20})
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("reading a 100 MB line allocated %d MB; the line must be streamed, not held", alloc>>20)
	}
	want := []summary{
		{Err: "-: line 1 longer than 1 MiB"},
		{Origin: "-#L2", Text: "after the long line"},
	}
	if diff := cmp.Diff(want, summarize(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if n := totalBytes(items); n != size+int64(len("\n{\"text\":\"after the long line\"}\n")) {
		t.Errorf("sum of Bytes = %d", n)
	}
}

func TestTextTooBig(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.txt")
	writeFile(t, p, strings.Repeat("word ", 1000))
	items := collect(t, []string{p}, Options{MaxDocBytes: 1024})
	want := []summary{{Skip: "document larger than 1 KiB"}}
	if diff := cmp.Diff(want, summarize(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if items[0].Bytes != 5000 {
		t.Errorf("Bytes = %d, want 5000", items[0].Bytes)
	}
}

func writeFile(t testing.TB, p, content string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
