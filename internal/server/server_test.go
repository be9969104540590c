package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spintrace/spintrace"
)

func TestTraceAPI(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	art := spunArticle()
	var got spintrace.Result
	f.postJSON(t, "/api/v1/trace", traceRequest{Text: art, Title: "Stitched"}, &got)

	// The same result as the engine (and so `spintrace trace --json`).
	want, err := f.engine.Trace(context.Background(), spintrace.Doc{Text: art, Title: "Stitched"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(*want, got, cmpopts.IgnoreFields(spintrace.Result{}, "Timing"), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("API result differs from the engine's (-engine +api):\n%s", diff)
	}
	var sites []string
	subs := map[string]string{}
	for _, s := range got.Sources {
		sites = append(sites, s.Doc.Site)
		for _, x := range s.Substitutions {
			subs[x.From] = x.To
		}
	}
	wantSites := []string{"eastwire.example", "brennan-post.example", "valley-courier.example"}
	if diff := cmp.Diff(wantSites, sites, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if subs["Russia"] != "Russian Federation" {
		t.Errorf("substitution Russia -> Russian Federation missing: %v", subs)
	}

	// Raw text with metadata in the query string.
	q := url.Values{"title": {"Raw"}, "url": {"https://www.farm.example/x"}, "published": {"2026-04-09"}}
	code, ctype, b := f.do(t, "POST", "/api/v1/trace?"+q.Encode(), "text/plain; charset=utf-8", strings.NewReader(art))
	if code != http.StatusOK || !strings.HasPrefix(ctype, "application/json") {
		t.Fatalf("text/plain trace: %d %s: %s", code, ctype, b)
	}
	var raw spintrace.Result
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if raw.Article.Title != "Raw" || raw.Article.Site != "farm.example" || raw.Article.Published.Day() != 9 || len(raw.Sources) != len(got.Sources) {
		t.Errorf("text/plain trace: article %+v, %d sources", raw.Article, len(raw.Sources))
	}
}

func TestTraceStoredDocument(t *testing.T) {
	docs := append(corpus(), spintrace.Doc{Origin: "test/spun.txt", Site: "farm.example", Title: "Spun", Text: spunArticle()})
	f := newFixture(t, fixtureOptions{docs: docs})
	var res spintrace.Result
	f.getJSON(t, "/api/v1/documents/"+spintrace.DocID(spunArticle())+"/trace", &res)
	if len(res.Sources) != 3 {
		t.Fatalf("provenance of the stored spun article: %d sources, want 3", len(res.Sources))
	}
	for _, s := range res.Sources {
		if s.Doc.ID == res.Article.ID {
			t.Errorf("the document is reported as its own source")
		}
	}
}

func TestErrors(t *testing.T) {
	f := newFixture(t, fixtureOptions{config: func(c *Config) { c.MaxBody = 4096 }})
	big := strings.Repeat("word ", 2000)
	tests := []struct {
		name, method, path, ctype string
		body                      io.Reader
		status                    int
		code                      string
	}{
		{"wrong method", "DELETE", "/api/v1/trace", "", nil, 405, CodeMethodNotAllowed},
		{"wrong method on a document", "PUT", "/api/v1/documents/abc", "", nil, 405, CodeMethodNotAllowed},
		{"wrong method on the UI", "POST", "/", "", nil, 405, CodeMethodNotAllowed},
		{"malformed json", "POST", "/api/v1/trace", "application/json", strings.NewReader(`{"text": `), 400, CodeMalformedJSON},
		{"json of the wrong shape", "POST", "/api/v1/trace", "application/json", strings.NewReader(`{"text": 3}`), 400, CodeMalformedJSON},
		{"empty text", "POST", "/api/v1/trace", "application/json", strings.NewReader(`{"text": "  "}`), 400, CodeBadInput},
		{"no words", "POST", "/api/v1/trace", "text/plain", strings.NewReader(`... !!! ---`), 400, CodeBadInput},
		{"bad date", "POST", "/api/v1/trace", "application/json", strings.NewReader(`{"text": "a b c", "published": "yesterday"}`), 400, CodeBadInput},
		{"unsupported media type", "POST", "/api/v1/trace", "image/png", strings.NewReader("x"), 415, CodeUnsupportedMedia},
		{"oversized body", "POST", "/api/v1/trace", "text/plain", strings.NewReader(big), 413, CodeTooLarge},
		{"oversized body without length", "POST", "/api/v1/trace", "text/plain", io.MultiReader(strings.NewReader(big)), 413, CodeTooLarge},
		{"oversized batch", "POST", "/api/v1/documents", "application/json", strings.NewReader(`{"text":"` + big + `"}`), 413, CodeTooLarge},
		{"unknown document", "GET", "/api/v1/documents/0123456789abcdef", "", nil, 404, CodeNotFound},
		{"unknown document trace", "GET", "/api/v1/documents/0123456789abcdef/trace", "", nil, 404, CodeNotFound},
		{"unknown endpoint", "GET", "/api/v1/nothing", "", nil, 404, CodeNotFound},
		{"bad limit", "GET", "/api/v1/documents?limit=0", "", nil, 400, CodeBadRequest},
		{"bad cursor", "GET", "/api/v1/documents?cursor=xyz", "", nil, 400, CodeBadRequest},
		{"bad lexicon limit", "GET", "/api/v1/lexicon?limit=-1", "", nil, 400, CodeBadRequest},
		{"documents: malformed", "POST", "/api/v1/documents", "application/x-ndjson", strings.NewReader("{\"text\":\"a\"}\n{oops}\n"), 400, CodeMalformedJSON},
		{"documents: empty array", "POST", "/api/v1/documents", "application/json", strings.NewReader(`[]`), 400, CodeMalformedJSON},
		{"documents: no text", "POST", "/api/v1/documents", "application/json", strings.NewReader(`{"title":"t"}`), 400, CodeBadInput},
		{"documents: text/plain", "POST", "/api/v1/documents", "text/plain", strings.NewReader(`hello`), 415, CodeUnsupportedMedia},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, ctype, b := f.do(t, tc.method, tc.path, tc.ctype, tc.body)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, b)
			}
			if got := errorCode(t, ctype, b); got != tc.code {
				t.Errorf("code %q, want %q", got, tc.code)
			}
		})
	}
	// 405 names the allowed methods.
	req, _ := http.NewRequest("PATCH", f.ts.URL+"/api/v1/documents", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if allow := resp.Header.Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
		t.Errorf("Allow %q, want GET and POST", allow)
	}
}

// blockingTracer waits for release (or the request's end) before tracing.
type blockingTracer struct {
	next    Tracer
	started chan struct{}
	release chan struct{}
}

func (b *blockingTracer) Trace(ctx context.Context, d spintrace.Doc) (*spintrace.Result, error) {
	b.started <- struct{}{}
	select {
	case <-b.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return b.next.Trace(ctx, d)
}

// stuckTracer ignores its context and never finishes on its own: the
// server must still answer on time.
type stuckTracer struct{ release chan struct{} }

func (s stuckTracer) Trace(ctx context.Context, d spintrace.Doc) (*spintrace.Result, error) {
	<-s.release
	return nil, errors.New("released")
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	f := newFixture(t, fixtureOptions{mem: true, tracer: func(Tracer) Tracer { return stuckTracer{release} },
		config: func(c *Config) { c.Timeout = 100 * time.Millisecond }})
	start := time.Now()
	code, ctype, b := f.do(t, "POST", "/api/v1/trace", "text/plain", strings.NewReader(spunArticle()))
	if code != http.StatusServiceUnavailable || errorCode(t, ctype, b) != CodeTimeout {
		t.Fatalf("got %d %s, want 503 timeout", code, b)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("answered after %s, timeout is 100ms", d)
	}
}

func TestToken(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true, config: func(c *Config) { c.Token = "s3cret" }})
	for _, tc := range []struct {
		path, auth string
		status     int
	}{
		{"/api/v1/stats", "", 401},
		{"/api/v1/stats", "Bearer wrong", 401},
		{"/api/v1/stats", "s3cret", 401},
		{"/api/v1/stats", "Bearer s3cret", 200},
		{"/api/v1/documents", "", 401},
		{"/api/v1/lexicon", "", 401},
		{"/metrics", "", 401},
		{"/metrics", "Bearer s3cret", 200},
		{"/healthz", "", 200},
		{"/", "", 200},
	} {
		req, _ := http.NewRequest("GET", f.ts.URL+tc.path, nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s with %q: %d, want %d", tc.path, tc.auth, resp.StatusCode, tc.status)
		}
		if tc.status == 401 && errorCode(t, resp.Header.Get("Content-Type"), b) != CodeUnauthorized {
			t.Errorf("GET %s: not an unauthorized error: %s", tc.path, b)
		}
	}
}

func TestDocuments(t *testing.T) {
	f := newFixture(t, fixtureOptions{noDocs: true})
	// JSON Lines, an array and a single object.
	var lines bytes.Buffer
	for i := 0; i < 5; i++ {
		fmt.Fprintf(&lines, `{"text": "Story number %d about the harbour and its cranes.", "title": "Harbour story %d", "url": "https://www.Port-News.example/%d", "published": "2026-04-0%dT10:00:00Z", "extra": [1,2]}`+"\n", i, i, i, i+1)
	}
	code, _, b := f.do(t, "POST", "/api/v1/documents", "application/x-ndjson", &lines)
	if code != 200 {
		t.Fatalf("JSON Lines: %d %s", code, b)
	}
	var add addResponse
	json.Unmarshal(b, &add)
	if add.Added != 5 || len(add.IDs) != 5 || add.Docs != 5 {
		t.Errorf("JSON Lines: %+v", add)
	}
	arr := `[{"text": "A mountain story about snow.", "title": "Snow", "site": "hills.example"},
	         {"text": "Another mountain story about ice.", "title": "Ice", "site": "hills.example", "published": "2026-01-02"}]`
	f.postJSON(t, "/api/v1/documents", json.RawMessage(arr), &add)
	if add.Added != 2 || add.Docs != 7 {
		t.Errorf("array: %+v", add)
	}
	f.postJSON(t, "/api/v1/documents", docInput{Text: "A lone story.", Title: "Lone"}, &add)
	if add.Added != 1 || add.IDs[0] != spintrace.DocID("A lone story.") {
		t.Errorf("object: %+v", add)
	}
	// Posting again stores nothing twice.
	f.postJSON(t, "/api/v1/documents", json.RawMessage(arr), &add)
	if add.Added != 0 || add.Unchanged+add.Duplicates != 2 || add.Docs != 8 {
		t.Errorf("re-post: %+v", add)
	}

	// Paging visits every document once, in order.
	var seen []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("paging does not end")
		}
		var l docList
		f.getJSON(t, "/api/v1/documents?limit=3&cursor="+cursor, &l)
		if len(l.Documents) > 3 {
			t.Fatalf("page of %d documents, limit 3", len(l.Documents))
		}
		for _, d := range l.Documents {
			seen = append(seen, d.Title)
		}
		if l.NextCursor == "" {
			break
		}
		cursor = l.NextCursor
	}
	want := []string{"Harbour story 0", "Harbour story 1", "Harbour story 2", "Harbour story 3", "Harbour story 4", "Snow", "Ice", "Lone"}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("paged titles (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"site=HILLS.example", []string{"Snow", "Ice"}},
		{"site=port-news.example&q=STORY+3", []string{"Harbour story 3"}},
		{"q=ic", []string{"Ice"}},
		{"q=nothing", nil},
	} {
		var l docList
		f.getJSON(t, "/api/v1/documents?"+tc.query, &l)
		var got []string
		for _, d := range l.Documents {
			got = append(got, d.Title)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.query, diff)
		}
	}

	var one docResponse
	f.getJSON(t, "/api/v1/documents/"+spintrace.DocID("Story number 2 about the harbour and its cranes."), &one)
	d := one.Document
	if d.Site != "port-news.example" || d.Origin != "https://www.Port-News.example/2" || d.Published.Day() != 3 || !strings.Contains(d.Text, "number 2") {
		t.Errorf("stored document: %+v", d)
	}
}

// TestAddWhileTracing adds documents while traces run: every trace
// succeeds, and a trace after an addition sees it.
func TestAddWhileTracing(t *testing.T) {
	f := newFixture(t, fixtureOptions{docs: corpus()[3:]}) // only the distractor
	art := spunArticle()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				resp, err := f.ts.Client().Post(f.ts.URL+"/api/v1/trace", "text/plain", strings.NewReader(art))
				if err != nil {
					errs <- err
					return
				}
				var res spintrace.Result
				err = json.NewDecoder(resp.Body).Decode(&res)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					errs <- fmt.Errorf("trace during additions: status %d, %v", resp.StatusCode, err)
					return
				}
			}
		}()
	}
	var add addResponse
	for i, d := range corpus()[:3] {
		wg.Add(1)
		go func() { // concurrent additions are serialized by the server
			defer wg.Done()
			var a addResponse
			body, _ := json.Marshal(docInput{Text: d.Text, Title: d.Title, URL: d.URL})
			resp, err := f.ts.Client().Post(f.ts.URL+"/api/v1/documents", "application/json", bytes.NewReader(body))
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != 200 || a.Added != 1 {
				errs <- fmt.Errorf("addition %d: status %d, %+v, %v", i, resp.StatusCode, a, err)
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	f.postJSON(t, "/api/v1/documents", docInput{Text: "One more small story about a cat."}, &add)
	if add.Docs != 5 {
		t.Errorf("index holds %d documents, want 5", add.Docs)
	}
	var res spintrace.Result
	f.postJSON(t, "/api/v1/trace", traceRequest{Text: art}, &res)
	if len(res.Sources) != 3 {
		t.Errorf("after the additions the trace finds %d sources, want 3", len(res.Sources))
	}
}

func TestGracefulShutdown(t *testing.T) {
	bt := &blockingTracer{started: make(chan struct{}, 1), release: make(chan struct{})}
	f := newFixture(t, fixtureOptions{mem: true, tracer: func(e Tracer) Tracer { bt.next = e; return bt }})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- f.srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()

	type reply struct {
		code int
		err  error
	}
	got := make(chan reply, 1)
	go func() {
		resp, err := http.Post(base+"/api/v1/trace", "text/plain", strings.NewReader(spunArticle()))
		if err != nil {
			got <- reply{0, err}
			return
		}
		var res spintrace.Result
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		got <- reply{resp.StatusCode, err}
	}()
	<-bt.started // the request is in flight
	cancel()     // SIGINT
	select {
	case err := <-served:
		t.Fatalf("Serve returned with a request in flight: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Errorf("new connections are still accepted during shutdown")
	}
	close(bt.release)
	if r := <-got; r.err != nil || r.code != 200 {
		t.Errorf("in-flight request: %d, %v", r.code, r.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after the in-flight request finished")
	}
}

var metricLine = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? [0-9.eE+-]+$`)

func TestMetrics(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	var res spintrace.Result
	f.postJSON(t, "/api/v1/trace", traceRequest{Text: spunArticle()}, &res)
	f.postJSON(t, "/api/v1/trace", traceRequest{Text: spunArticle()}, &res)
	f.do(t, "GET", "/api/v1/documents/nope", "", nil)
	code, ctype, b := f.do(t, "GET", "/metrics", "", nil)
	if code != 200 || !strings.HasPrefix(ctype, "text/plain; version=0.0.4") {
		t.Fatalf("metrics: %d %s", code, ctype)
	}
	text := string(b)
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if !strings.HasPrefix(line, "# HELP ") && !strings.HasPrefix(line, "# TYPE ") && !metricLine.MatchString(line) {
			t.Errorf("not exposition format: %q", line)
		}
	}
	for _, want := range []string{
		`spintrace_http_requests_total{route="POST /api/v1/trace",code="200"} 2`,
		`spintrace_http_requests_total{route="GET /api/v1/documents/{id}",code="404"} 1`,
		`spintrace_http_request_duration_seconds_bucket{route="POST /api/v1/trace",le="+Inf"} 2`,
		`spintrace_http_request_duration_seconds_count{route="POST /api/v1/trace"} 2`,
		"spintrace_index_documents 4\n",
		"spintrace_http_requests_in_flight 1\n", // this scrape
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	st, _ := f.store.Stats(context.Background())
	if !strings.Contains(text, fmt.Sprintf("spintrace_index_text_bytes %d\n", st.TextBytes)) {
		t.Errorf("metrics lack the index text bytes %d", st.TextBytes)
	}
}

func TestLexiconAndStats(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	ctx := context.Background()
	err := f.store.AddLexicon(ctx, "a|b", []spintrace.LexEntry{
		{From: "Russia", To: "Russian Federation", Site: "farm.example", Count: 1},
		{From: "said", To: "stated", Site: "other.example", Count: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	var lex lexiconResponse
	f.getJSON(t, "/api/v1/lexicon", &lex)
	if len(lex.Entries) != 2 || lex.Entries[0].From != "Russia" {
		t.Errorf("lexicon: %+v", lex)
	}
	f.getJSON(t, "/api/v1/lexicon?site=other.example", &lex)
	if len(lex.Entries) != 1 || lex.Entries[0].To != "stated" {
		t.Errorf("lexicon of one site: %+v", lex)
	}
	f.getJSON(t, "/api/v1/lexicon?limit=1", &lex)
	if len(lex.Entries) != 1 || !lex.Truncated {
		t.Errorf("limited lexicon: %+v", lex)
	}
	var st statsResponse
	f.getJSON(t, "/api/v1/stats", &st)
	if st.Docs != 4 || st.TextBytes == 0 {
		t.Errorf("stats: %+v", st)
	}
	var hz healthResponse
	f.getJSON(t, "/healthz", &hz)
	if hz.Status != "ok" || hz.Docs != 4 {
		t.Errorf("health: %+v", hz)
	}
}

func TestUnhealthyStore(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true})
	f.store.Close()
	for _, p := range []string{"/healthz", "/metrics"} {
		code, ctype, b := f.do(t, "GET", p, "", nil)
		if code != 503 || errorCode(t, ctype, b) != CodeUnavailable {
			t.Errorf("%s over a closed store: %d %s", p, code, b)
		}
	}
}

func TestAccessLog(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true, logs: true})
	f.do(t, "GET", "/api/v1/documents?limit=1", "", nil)
	f.do(t, "GET", "/api/v1/documents/missing", "", nil)
	var found int
	for _, line := range strings.Split(strings.TrimSpace(f.logs.String()), "\n") {
		var rec struct {
			Msg, Method, Path, Route string
			Status                   int
			Duration                 *float64 `json:"duration_ms"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if rec.Msg != "http request" || rec.Duration == nil {
			continue
		}
		switch {
		case rec.Path == "/api/v1/documents" && rec.Status == 200 && rec.Route == "GET /api/v1/documents":
			found++
		case rec.Path == "/api/v1/documents/missing" && rec.Status == 404 && rec.Route == "GET /api/v1/documents/{id}":
			found++
		}
	}
	if found != 2 {
		t.Errorf("access log has %d of 2 requests:\n%s", found, f.logs.String())
	}
}

// TestUIAssets checks that the UI is served from the binary and loads
// nothing from the network.
func TestUIAssets(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true, noDocs: true})
	external := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|@import\s+url\(\s*["']?https?:|fetch\(\s*["']https?:`)
	for _, tc := range []struct{ path, ctype string }{
		{"/", "text/html"}, {"/app.js", "text/javascript"}, {"/style.css", "text/css"},
	} {
		code, ctype, b := f.do(t, "GET", tc.path, "", nil)
		if code != 200 || !strings.HasPrefix(ctype, tc.ctype) {
			t.Errorf("GET %s: %d %s", tc.path, code, ctype)
		}
		if m := external.Find(b); m != nil {
			t.Errorf("%s loads from the network: %q", tc.path, m)
		}
	}
}

func TestNewRefusesIncompatibleStore(t *testing.T) {
	f := newFixture(t, fixtureOptions{mem: true, noDocs: true})
	cfg := f.srv.cfg
	cfg.Index.Fingerprint.K++
	cfg.Norm = nil
	if _, err := New(context.Background(), cfg); !errors.Is(err, spintrace.ErrIncompatible) {
		t.Errorf("New over a store built otherwise: %v, want ErrIncompatible", err)
	}
}
