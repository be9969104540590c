package server

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spintrace/spintrace"
)

// specPath is the OpenAPI document, relative to this package.
const specPath = "../../docs/openapi.json"

type spec struct {
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Responses map[string]response       `json:"responses"`
		Schemas   map[string]map[string]any `json:"schemas"`
	} `json:"components"`
}

type operation struct {
	Responses map[string]response `json:"responses"`
}

type response struct {
	Ref     string `json:"$ref"`
	Content map[string]struct {
		Schema map[string]any `json:"schema"`
	} `json:"content"`
}

func loadSpec(t *testing.T) *spec {
	t.Helper()
	b, err := os.ReadFile(filepath.FromSlash(specPath))
	if err != nil {
		t.Fatalf("read the API description: %v", err)
	}
	var s spec
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("parse %s: %v", specPath, err)
	}
	return &s
}

func (s *spec) response(r response) response {
	if name, ok := strings.CutPrefix(r.Ref, "#/components/responses/"); ok {
		return s.Components.Responses[name]
	}
	return r
}

// validate checks v against the subset of JSON Schema the description
// uses: $ref, oneOf, type, required, properties, items.
func (s *spec) validate(schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		sub, ok := s.Components.Schemas[name]
		if !ok {
			return []string{at + ": unknown schema " + ref}
		}
		return s.validate(sub, v, at)
	}
	if alts, ok := schema["oneOf"].([]any); ok {
		for _, a := range alts {
			if len(s.validate(a.(map[string]any), v, at)) == 0 {
				return nil
			}
		}
		return []string{at + ": matches no alternative of oneOf"}
	}
	var errs []string
	switch typ, _ := schema["type"].(string); typ {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want object", at, v)}
		}
		for _, r := range asList(schema["required"]) {
			if _, ok := obj[r.(string)]; !ok {
				errs = append(errs, at+": lacks required "+r.(string))
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for k, sub := range props {
			if val, ok := obj[k]; ok {
				errs = append(errs, s.validate(sub.(map[string]any), val, at+"."+k)...)
			}
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want array", at, v)}
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, it := range arr {
				errs = append(errs, s.validate(items, it, at+"["+strconv.Itoa(i)+"]")...)
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want string", at, v))
		}
	case "integer":
		if n, ok := v.(float64); !ok || n != math.Trunc(n) {
			errs = append(errs, fmt.Sprintf("%s: %v, want integer", at, v))
		}
	case "number":
		if _, ok := v.(float64); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want number", at, v))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want boolean", at, v))
		}
	}
	return errs
}

func asList(v any) []any { l, _ := v.([]any); return l }

// TestRoutesDocumented: every route the server has is described, and
// every described operation is routed.
func TestRoutesDocumented(t *testing.T) {
	sp := loadSpec(t)
	f := newFixture(t, fixtureOptions{mem: true, noDocs: true})
	var routed, documented []string
	for _, r := range f.srv.table() {
		routed = append(routed, r.method+" "+r.path)
	}
	for p, ops := range sp.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	for _, r := range routed {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in %s", r, specPath)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routed, d) {
			t.Errorf("%s describes %s, which the server does not route", specPath, d)
		}
	}
}

// TestServerMatchesSpec sends sample requests for every documented
// operation and checks that each answer's status is documented, that its
// content type and body match the description, and that every documented
// status is exercised by some sample.
func TestServerMatchesSpec(t *testing.T) {
	sp := loadSpec(t)
	spunID := spintrace.DocID(spunArticle())
	docs := append(corpus(), spintrace.Doc{Origin: "test/spun.txt", Title: "Spun", Site: "farm.example", Text: spunArticle()})
	release := make(chan struct{})
	defer close(release)
	servers := map[string]*fixture{
		"main": newFixture(t, fixtureOptions{docs: docs, config: func(c *Config) { c.Token = "tok"; c.MaxBody = 64 << 10 }}),
		"stuck": newFixture(t, fixtureOptions{mem: true, docs: docs, tracer: func(Tracer) Tracer { return stuckTracer{release} },
			config: func(c *Config) {
				c.Token = "tok"
				c.Timeout = 100 * time.Millisecond
				c.CorpusTracer = stuckCorpusTracer(release)
			}}),
		"closed": newFixture(t, fixtureOptions{mem: true, config: func(c *Config) { c.Token = "tok" }}),
	}
	servers["closed"].store.Close()
	traceJSON, _ := json.Marshal(traceRequest{Text: spunArticle(), Title: "t", Published: "2026-04-10"})
	big := strings.Repeat("x", 70<<10)
	type sample struct {
		op, server, method, path, ctype, body string
		noAuth                                bool
		status                                int
	}
	samples := []sample{
		{op: "POST /api/v1/trace", path: "/api/v1/trace", ctype: "application/json", body: string(traceJSON), status: 200},
		{op: "POST /api/v1/trace", path: "/api/v1/trace", ctype: "text/plain", body: spunArticle(), status: 200},
		{op: "POST /api/v1/trace", path: "/api/v1/trace", ctype: "application/json", body: "{", status: 400},
		{op: "POST /api/v1/trace", path: "/api/v1/trace", ctype: "application/json", body: string(traceJSON), noAuth: true, status: 401},
		{op: "POST /api/v1/trace", path: "/api/v1/trace", ctype: "text/plain", body: big, status: 413},
		{op: "POST /api/v1/trace", path: "/api/v1/trace", ctype: "application/xml", body: "<a/>", status: 415},
		{op: "POST /api/v1/trace", server: "stuck", path: "/api/v1/trace", ctype: "text/plain", body: spunArticle(), status: 503},
		{op: "GET /api/v1/documents", path: "/api/v1/documents?limit=2", status: 200},
		{op: "GET /api/v1/documents", path: "/api/v1/documents?site=farm.example&q=spun", status: 200},
		{op: "GET /api/v1/documents", path: "/api/v1/documents?limit=many", status: 400},
		{op: "GET /api/v1/documents", path: "/api/v1/documents", noAuth: true, status: 401},
		{op: "POST /api/v1/documents", path: "/api/v1/documents", ctype: "application/json", body: `{"text":"A new story about the weather.","url":"https://x.example/1"}`, status: 200},
		{op: "POST /api/v1/documents", path: "/api/v1/documents", ctype: "application/json", body: `[{"text":"Second new story."},{"text":"Third new story."}]`, status: 200},
		{op: "POST /api/v1/documents", path: "/api/v1/documents", ctype: "application/x-ndjson", body: "{\"text\":\"Fourth.\"}\n{\"text\":\"Fifth.\"}\n", status: 200},
		{op: "POST /api/v1/documents", path: "/api/v1/documents", ctype: "application/json", body: `{"text": 1}`, status: 400},
		{op: "POST /api/v1/documents", path: "/api/v1/documents", ctype: "application/json", body: `{"text":"x"}`, noAuth: true, status: 401},
		{op: "POST /api/v1/documents", path: "/api/v1/documents", ctype: "application/json", body: `{"text":"` + big + `"}`, status: 413},
		{op: "POST /api/v1/documents", path: "/api/v1/documents", ctype: "text/csv", body: "text\nx\n", status: 415},
		{op: "GET /api/v1/documents/{id}", path: "/api/v1/documents/" + spunID, status: 200},
		{op: "GET /api/v1/documents/{id}", path: "/api/v1/documents/" + spunID, noAuth: true, status: 401},
		{op: "GET /api/v1/documents/{id}", path: "/api/v1/documents/ffff", status: 404},
		{op: "GET /api/v1/documents/{id}/trace", path: "/api/v1/documents/" + spunID + "/trace", status: 200},
		{op: "GET /api/v1/documents/{id}/trace", path: "/api/v1/documents/" + spunID + "/trace", noAuth: true, status: 401},
		{op: "GET /api/v1/documents/{id}/trace", path: "/api/v1/documents/ffff/trace", status: 404},
		{op: "GET /api/v1/documents/{id}/trace", server: "stuck", path: "/api/v1/documents/" + spunID + "/trace", status: 503},
		{op: "GET /api/v1/lexicon", path: "/api/v1/lexicon?site=farm.example", status: 200},
		{op: "GET /api/v1/lexicon", path: "/api/v1/lexicon?limit=x", status: 400},
		{op: "GET /api/v1/lexicon", path: "/api/v1/lexicon", noAuth: true, status: 401},
		{op: "GET /api/v1/stats", path: "/api/v1/stats", status: 200},
		{op: "GET /api/v1/stats", path: "/api/v1/stats", noAuth: true, status: 401},
		{op: "GET /api/v1/sites", path: "/api/v1/sites", status: 200},
		{op: "GET /api/v1/sites", path: "/api/v1/sites", noAuth: true, status: 401},
		{op: "GET /api/v1/sites", server: "stuck", path: "/api/v1/sites", status: 503},
		{op: "GET /api/v1/sites/{site}", path: "/api/v1/sites/farm.example", status: 200},
		{op: "GET /api/v1/sites/{site}", path: "/api/v1/sites/farm.example", noAuth: true, status: 401},
		{op: "GET /api/v1/sites/{site}", path: "/api/v1/sites/nowhere.example", status: 404},
		{op: "GET /api/v1/sites/{site}", server: "stuck", path: "/api/v1/sites/farm.example", status: 503},
		{op: "GET /api/v1/clusters", path: "/api/v1/clusters?min_size=2", status: 200},
		{op: "GET /api/v1/clusters", path: "/api/v1/clusters?min_size=1", status: 400},
		{op: "GET /api/v1/clusters", path: "/api/v1/clusters", noAuth: true, status: 401},
		{op: "GET /api/v1/clusters", server: "stuck", path: "/api/v1/clusters", status: 503},
		{op: "GET /api/v1/clusters/{id}", path: "/api/v1/clusters/1", status: 200},
		{op: "GET /api/v1/clusters/{id}", path: "/api/v1/clusters/x", status: 400},
		{op: "GET /api/v1/clusters/{id}", path: "/api/v1/clusters/999", status: 404},
		{op: "GET /api/v1/clusters/{id}", path: "/api/v1/clusters/1", noAuth: true, status: 401},
		{op: "GET /api/v1/clusters/{id}", server: "stuck", path: "/api/v1/clusters/1", status: 503},
		{op: "GET /healthz", path: "/healthz", noAuth: true, status: 200},
		{op: "GET /healthz", server: "closed", path: "/healthz", noAuth: true, status: 503},
		{op: "GET /metrics", path: "/metrics", status: 200},
		{op: "GET /metrics", path: "/metrics", noAuth: true, status: 401},
		{op: "GET /metrics", server: "closed", path: "/metrics", status: 503},
	}
	exercised := map[string]bool{}
	for i, s := range samples {
		method, path, _ := strings.Cut(s.op, " ")
		if s.server == "" {
			s.server = "main"
		}
		name := fmt.Sprintf("%d %s %d", i, s.op, s.status)
		t.Run(name, func(t *testing.T) {
			op, ok := sp.Paths[path][strings.ToLower(method)]
			if !ok {
				t.Fatalf("%s is not documented", s.op)
			}
			f := servers[s.server]
			req, _ := http.NewRequest(method, f.ts.URL+s.path, strings.NewReader(s.body))
			if s.ctype != "" {
				req.Header.Set("Content-Type", s.ctype)
			}
			if !s.noAuth {
				req.Header.Set("Authorization", "Bearer tok")
			}
			resp, err := f.ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != s.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, s.status, body)
			}
			code := strconv.Itoa(resp.StatusCode)
			doc, ok := op.Responses[code]
			if !ok {
				t.Fatalf("status %s is not documented for %s", code, s.op)
			}
			exercised[s.op+" "+code] = true
			doc = sp.response(doc)
			mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			content, ok := doc.Content[mt]
			if !ok {
				t.Fatalf("content type %q is not documented for %s %s", mt, s.op, code)
			}
			if mt != "application/json" {
				return
			}
			var v any
			if err := json.Unmarshal(body, &v); err != nil {
				t.Fatalf("body is not JSON: %v", err)
			}
			for _, e := range sp.validate(content.Schema, v, "body") {
				t.Error(e)
			}
		})
	}
	for p, ops := range sp.Paths {
		for m, op := range ops {
			for code := range op.Responses {
				if k := strings.ToUpper(m) + " " + p + " " + code; !exercised[k] {
					t.Errorf("no sample request exercises the documented %s", k)
				}
			}
		}
	}
}

// TestSpecValidatorFails makes sure the validator can fail.
func TestSpecValidatorFails(t *testing.T) {
	sp := loadSpec(t)
	for _, tc := range []struct {
		schema string
		body   string
	}{
		{"Error", `{"error": {"code": "x"}}`},
		{"DocList", `{"version": 1, "documents": [{"id": "a", "chars": 1.5, "cursor": "1"}]}`},
		{"Result", `{"version": 1}`},
		{"Stats", `[]`},
		{"SiteList", `{"version": 1, "sites": [{"site": "a", "score": "high"}]}`},
		{"ClusterList", `{"version": 1, "docs": 2, "clusters": [{"id": 1, "members": null}]}`},
		{"ClusterDetail", `{"version": 1, "cluster": {}, "timeline": [], "spread": {"hours": 0, "dated": 0, "undated": 0}}`},
	} {
		var v any
		json.Unmarshal([]byte(tc.body), &v)
		if errs := sp.validate(map[string]any{"$ref": "#/components/schemas/" + tc.schema}, v, "body"); len(errs) == 0 {
			t.Errorf("%s accepted %s", tc.schema, tc.body)
		}
	}
}
