package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spintrace/spintrace/internal/ingest/warc/warctest"
)

func TestCSV(t *testing.T) {
	p := filepath.Join("testdata", "csv", "odd.csv")
	items := collect(t, []string{p}, Options{Workers: 2})
	line := func(n string) string { return p + "#L" + n }
	want := []summary{
		{
			Origin: line("2"), Title: "Quoted, title", URL: "https://www.csv.example/one", Site: "csv.example",
			Published: time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC),
			Text:      "Line one of the story.\nLine two, with \"quotes\".",
		},
		{Err: line("4") + ": 2 fields, no text column"},
		{
			Origin: line("5"), Title: `Bare "quote" title`, Published: time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC),
			Text: `Plain text with a bare " inside.`,
		},
		{Skip: "empty text"},
		{Origin: line("7"), Title: "Legacy", Text: "Café society returns."},
	}
	if diff := cmp.Diff(want, summarize(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	checkItems(t, items)
	fi, _ := os.Stat(p)
	if n := totalBytes(items); n != fi.Size() {
		t.Errorf("sum of Bytes = %d, file size %d", n, fi.Size())
	}
}

func TestCSVTabsAndMissingColumn(t *testing.T) {
	dir := filepath.Join("testdata", "csv")
	items := collect(t, []string{filepath.Join(dir, "nocolumn.csv"), filepath.Join(dir, "tabs.tsv")}, Options{})
	want := []summary{
		{Err: filepath.Join(dir, "nocolumn.csv") + `: no "text" column in the header (columns: headline, body; see --text-field)`},
		{Origin: filepath.Join(dir, "tabs.tsv") + "#L2", Title: "Tab title", Text: "Tab separated text."},
	}
	if diff := cmp.Diff(want, summarize(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestCSVLongLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "long.csv")
	writeFile(t, p, "title,text\nok,first\nbig,"+strings.Repeat("x", 5000)+"\nlast,never read\n")
	items := collect(t, []string{p}, Options{MaxDocBytes: 1024})
	want := []summary{
		{Origin: p + "#L2", Title: "ok", Text: "first"},
		{Err: p + ": line 3 longer than 1 KiB"},
	}
	if diff := cmp.Diff(want, summarize(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestHTMLFiles(t *testing.T) {
	dir := filepath.Join("html", "testdata")
	items := collect(t, []string{filepath.Join(dir, "*.html")}, Options{})
	if len(items) != 4 {
		t.Fatalf("%d items, want 4: %+v", len(items), summarize(items))
	}
	art := items[0].Doc
	if art.Origin != filepath.Join(dir, "article.html") || art.URL != "https://www.riversidecourier.example/news/2024/02/flood-defences-fail" ||
		art.Site != "riversidecourier.example" || art.Title != "Flood defences fail as river bursts banks" ||
		art.Byline != "Priya Natarajan" || art.Lang != "en-GB" || !art.Published.Equal(time.Date(2024, 2, 11, 7, 30, 0, 0, time.UTC)) {
		t.Errorf("article metadata: %+v", summarize(items[:1]))
	}
	for _, i := range []int{1, 2} { // cp1252-undeclared.html, latin1-declared.html
		if !strings.Contains(items[i].Doc.Text, "deputy mayor Hélène Moreau") || items[i].Doc.Site != "Le Petit Journal Régional" {
			t.Errorf("%s: charset or site wrong: %+v", items[i].Doc.Origin, summarize(items[i:i+1]))
		}
	}
	if want := filepath.Join(dir, "nobody.html") + ": no main text in the HTML page"; items[3].Err == nil || items[3].Err.Error() != want {
		t.Errorf("page without body: err %v, want %q", items[3].Err, want)
	}
	checkItems(t, items)
}

func TestWARC(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("html", "testdata", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	recs := []warctest.Rec{
		{Type: "warcinfo", Date: day, ContentType: "application/warc-fields", Payload: "software: test\r\n"},
		{Type: "request", Date: day, TargetURI: "https://www.riversidecourier.example/flood", ContentType: "application/http; msgtype=request", Payload: "GET /flood HTTP/1.1\r\n\r\n"},
		{Type: "response", Date: day, TargetURI: "https://www.riversidecourier.example/flood", HTTPHeader: "Content-Type: text/html\r\n", Payload: string(page)},
		{Type: "response", Date: day, TargetURI: "https://www.riversidecourier.example/logo.png", HTTPHeader: "Content-Type: image/png\r\n", Payload: "\x89PNG\x00\x00"},
		{Type: "response", Date: day, TargetURI: "https://other.example/brief", HTTPHeader: "Content-Type: text/html; charset=utf-8\r\n", Payload: "<html><body><article><p>A brief item with enough words to count as the main text of the page.</p></article></body></html>"},
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := warctest.Write(&buf, true, recs); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "crawl.warc.gz")
	writeFile(t, p, buf.String())
	cut := filepath.Join(dir, "cut.warc.gz")
	writeFile(t, cut, buf.String()[:buf.Len()-30])

	items := collect(t, []string{p, cut}, Options{Workers: 2})
	got := summarize(items)
	if len(got) != 10 {
		t.Fatalf("%d items, want 10: %+v", len(got), got)
	}
	for _, i := range []int{0, 1, 3, 5, 6, 8} {
		if got[i].Skip != "non-HTML WARC record" {
			t.Errorf("item %d: skip %q, want non-HTML WARC record", i, got[i].Skip)
		}
	}
	for _, i := range []int{2, 7} {
		if got[i].Origin != "https://www.riversidecourier.example/flood" || got[i].URL != got[i].Origin ||
			got[i].Site != "riversidecourier.example" || !strings.Contains(got[i].Text, "Hundreds of homes") ||
			!got[i].Published.Equal(time.Date(2024, 2, 11, 7, 30, 0, 0, time.UTC)) {
			t.Errorf("item %d: %+v", i, got[i])
		}
	}
	brief := summary{
		Origin: "https://other.example/brief", URL: "https://other.example/brief", Site: "other.example",
		Published: day, Lang: "en", Text: "A brief item with enough words to count as the main text of the page.",
	}
	if diff := cmp.Diff(brief, got[4]); diff != "" {
		t.Errorf("brief page (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(got[9].Err, cut+": record 5") || !strings.Contains(got[9].Err, "truncated") {
		t.Errorf("truncated WARC error = %q, want it to name %s, record 5 and truncation", got[9].Err, cut)
	}
	_, size, _ := Measure([]string{p, cut})
	if n := totalBytes(items); n != size {
		t.Errorf("sum of Bytes = %d, Measure = %d", n, size)
	}
}

func TestFeeds(t *testing.T) {
	dir := filepath.Join("feed", "testdata")
	items := collect(t, []string{filepath.Join(dir, "*.rss"), filepath.Join(dir, "news.atom")}, Options{})
	got := summarize(items)
	want := []summary{
		{Skip: "empty feed"},
		{
			Origin: "https://valleytimes.example/bridge", URL: "https://valleytimes.example/bridge", Site: "valleytimes.example",
			Title: "Bridge reopens after & repairs", Byline: "Sam Okafor", Lang: "en-us", Published: time.Date(2024, 3, 5, 9, 15, 0, 0, time.UTC),
			Text: "The old bridge reopened on Tuesday after six months of repairs.\nTraffic is expected to ease & buses return next week.",
		},
		{
			Origin: "https://valleytimes.example/market", URL: "https://valleytimes.example/market", Site: "valleytimes.example",
			Title: "Market day moves", Lang: "en-us", Published: time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC),
			Text: "The weekly market will move to the square from April.",
		},
		{Skip: "empty text"},
		{
			Origin: "https://quotidien.example/greve", URL: "https://quotidien.example/greve", Site: "quotidien.example",
			Title: "Grève des trains", Byline: "Claire Dubois", Lang: "fr", Published: time.Date(2024, 3, 7, 7, 0, 0, 0, time.UTC),
			Text: "Les trains régionaux ne circuleront pas jeudi.\nLes syndicats demandent une hausse des salaires.",
		},
		{
			Origin: "https://quotidien.example/meteo", URL: "https://quotidien.example/meteo", Site: "quotidien.example",
			Title: "Météo", Lang: "fr", Published: time.Date(2024, 3, 7, 10, 0, 0, 0, time.UTC),
			Text: "Pluie attendue tout le week-end.",
		},
	}
	opt := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
	if diff := cmp.Diff(want, got, opt); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func gzipBytes(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGzip(t *testing.T) {
	dir := t.TempDir()
	var lines strings.Builder
	for i := 0; i < 200; i++ {
		lines.WriteString(`{"text":"record number ` + strings.Repeat("x", i%7) + `"}` + "\n")
	}
	z := gzipBytes(t, lines.String())
	good := filepath.Join(dir, "good.jsonl.gz")
	writeFile(t, good, string(z))
	cut := filepath.Join(dir, "cut.jsonl.gz")
	writeFile(t, cut, string(z[:len(z)*2/3]))
	md := filepath.Join(dir, "note") // no extension: sniffed after gunzip
	writeFile(t, md, string(gzipBytes(t, "---\ntitle: Sniffed\n---\nBody *text*.")))

	items := collect(t, []string{good, cut, md}, Options{})
	var docs, errs int
	var lastErr string
	for _, it := range items {
		switch {
		case it.Err != nil:
			errs++
			lastErr = it.Err.Error()
		case it.Skip == "":
			docs++
		}
	}
	if errs != 1 || !strings.HasPrefix(lastErr, cut+": line ") || !strings.Contains(lastErr, "truncated input") {
		t.Errorf("errors = %d, last %q; want one naming %s and the truncation", errs, lastErr, cut)
	}
	if docs < 201 || docs > 400 {
		t.Errorf("%d documents, want 200 from the good file, some from the cut one and 1 Markdown", docs)
	}
	last := items[len(items)-1].Doc
	if last.Title != "Sniffed" || last.Text != "Body text." {
		t.Errorf("gzipped Markdown without extension: %+v", last)
	}
	_, size, _ := Measure([]string{good, cut, md})
	if n := totalBytes(items); n != size {
		t.Errorf("sum of Bytes = %d, Measure = %d", n, size)
	}
}

func TestStdinSniff(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"{\"text\":\"from stdin\"}\n", "from stdin"},
		{"<html><body><article><p>Stdin page with an article paragraph long enough to keep.</p></article></body></html>", "Stdin page with an article paragraph long enough to keep."},
		{"just words\r\n", "just words"},
	}
	for _, tt := range tests {
		items := collect(t, []string{"-"}, Options{Stdin: strings.NewReader(tt.in)})
		if len(items) != 1 || items[0].Doc.Text != tt.want || items[0].Bytes != int64(len(tt.in)) {
			t.Errorf("stdin %q: got %+v", tt.in, items)
		}
	}
	n, size, err := Measure([]string{"-", filepath.Join("testdata", "text")})
	if err != nil || n != 5 || size != -1 {
		t.Errorf("Measure with stdin = %d, %d, %v; want 5, -1, nil", n, size, err)
	}
}

func TestWalkArguments(t *testing.T) {
	ctx := context.Background()
	noop := func(Item) error { return nil }
	for _, tt := range []struct {
		paths []string
		opts  Options
		want  string
	}{
		{[]string{"testdata/missing.txt"}, Options{}, "ingest: testdata/missing.txt: no such file or directory"},
		{[]string{"testdata/*.nothing"}, Options{}, `ingest: no files match "testdata/*.nothing"`},
		{[]string{"-", "-"}, Options{}, `ingest: stdin ("-") given more than once`},
		{[]string{"testdata"}, Options{Format: "pdf"}, `ingest: unknown format "pdf" (want auto, text, markdown, jsonl, csv, html, warc or feed)`},
	} {
		err := Walk(ctx, tt.paths, tt.opts, noop)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Walk(%v) error = %v, want %q", tt.paths, err, tt.want)
		}
	}
	if _, _, err := Measure([]string{"testdata/missing.txt"}); err == nil {
		t.Errorf("Measure of a missing path: no error")
	}
}

func TestWalkStops(t *testing.T) {
	stop := errors.New("stop here")
	n := 0
	err := Walk(context.Background(), []string{"testdata"}, Options{Workers: 2}, func(Item) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("Walk = %v after %d items, want %v after 3", err, n, stop)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = Walk(ctx, []string{"testdata"}, Options{Workers: 2}, func(Item) error {
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Walk after cancel = %v, want context.Canceled", err)
	}
}

func TestFormatOverride(t *testing.T) {
	p := filepath.Join("testdata", "markdown", "setext.md")
	items := collect(t, []string{p}, Options{Format: FormatText})
	if len(items) != 1 || !strings.HasPrefix(items[0].Doc.Text, "Harbour reopens\n===") || items[0].Doc.Title != "" {
		t.Errorf("Format text on Markdown: %+v", summarize(items))
	}
}

func TestSniff(t *testing.T) {
	tests := []struct{ head, want string }{
		{"WARC/1.1\r\n", FormatWARC},
		{"\ufeff  {\"a\":1}", FormatJSONL},
		{"<?xml version=\"1.0\"?><rss>", FormatFeed},
		{"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", FormatFeed},
		{"<!DOCTYPE html><html><body>rss feed</body>", FormatHTML},
		{"<p>fragment", FormatHTML},
		{"---\ntitle: x\n---\n", FormatMarkdown},
		{"Plain words.", FormatText},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("sniff(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-05T10:20:00Z", utc(2024, 3, 5, 10, 20)},
		{"2024-03-05T12:20:00+02:00", utc(2024, 3, 5, 10, 20)},
		{"2024-03-05 10:20", utc(2024, 3, 5, 10, 20)},
		{"2024-03-05", utc(2024, 3, 5, 0, 0)},
		{"2017-04", time.Time{}}, // no day: unknown
		{"April 2017", time.Time{}},
		{"Tue, 05 Mar 2024 10:20:00 GMT", utc(2024, 3, 5, 10, 20)},
		{"Tue, 5 Mar 2024 11:20:00 +0100", utc(2024, 3, 5, 10, 20)},
		{"5 March 2024", utc(2024, 3, 5, 0, 0)},
		{"March 5, 2024", utc(2024, 3, 5, 0, 0)},
		{"1709634000", utc(2024, 3, 5, 10, 20)},
		{"1709634000000", utc(2024, 3, 5, 10, 20)},
		{"", time.Time{}},
		{"yesterday", time.Time{}},
		{"12345", time.Time{}},
	}
	for _, tt := range tests {
		if got := ParseDate(tt.in); !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a\r\nb\rc  ", "a\nb\nc"},
		{"e\u0301", "é"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"nul\x00byte", "nulbyte"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
