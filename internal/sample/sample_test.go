package sample

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spintrace/spintrace"
)

func TestArticles(t *testing.T) {
	docs := Articles()
	if len(docs) != 40 {
		t.Fatalf("got %d articles, want 40", len(docs))
	}
	ids := map[string]string{}
	urls := map[string]bool{}
	sites := map[string]int{}
	for _, d := range docs {
		if d.ID != spintrace.DocID(d.Text) {
			t.Errorf("%s: ID %s is not DocID(Text)", d.Origin, d.ID)
		}
		if prev, dup := ids[d.ID]; dup {
			t.Errorf("%s: same text as %s", d.Origin, prev)
		}
		ids[d.ID] = d.Origin
		if !strings.HasPrefix(d.Origin, "sample:") || !strings.HasSuffix(d.Origin, ".md") {
			t.Errorf("origin %q: want sample:NAME.md", d.Origin)
		}
		if urls[d.URL] {
			t.Errorf("%s: duplicate url %s", d.Origin, d.URL)
		}
		urls[d.URL] = true
		if !strings.HasPrefix(d.URL, "https://"+d.Site+"/") {
			t.Errorf("%s: url %s is not on site %s", d.Origin, d.URL, d.Site)
		}
		sites[d.Site]++
		if d.Published.Year() != 2026 {
			t.Errorf("%s: published %v, want a date in 2026", d.Origin, d.Published)
		}
		if d.Title == "" || d.Byline == "" || d.Lang != "en" {
			t.Errorf("%s: missing title, byline or lang: %+v", d.Origin, d)
		}
		if n := len(strings.Fields(d.Text)); n < 250 || n > 450 {
			t.Errorf("%s: %d words, want 250..450", d.Origin, n)
		}
		if q := strings.Count(d.Text, `"`)/2 + strings.Count(d.Text, "“"); q < 3 {
			t.Errorf("%s: %d quotations, want at least 3", d.Origin, q)
		}
		if !strings.Contains(d.Text, " said") {
			t.Errorf("%s: no attribution with \"said\"", d.Origin)
		}
	}
	if len(sites) < 6 || len(sites) > 8 {
		t.Errorf("got %d sites, want 6..8: %v", len(sites), sites)
	}
	// A returned slice is the caller's own.
	docs[0].Title = "changed"
	if Articles()[0].Title == "changed" {
		t.Error("Articles returned a shared slice")
	}
}

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	docs := Articles()
	for _, want := range docs {
		name := strings.TrimPrefix(want.Origin, "sample:")
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got.Origin = want.Origin
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: written file parses differently (-want +got):\n%s", name, diff)
		}
	}
}

func TestParse(t *testing.T) {
	const good = "---\ntitle: T\nsite: s.example\nurl: https://s.example/a\ndate: 2026-02-03\nbyline: By X\n---\n\nOne line\nsame para.\n\n\n\nSecond para.  \n\n"
	d, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	want := spintrace.Doc{
		ID:        spintrace.DocID("One line\nsame para.\n\nSecond para."),
		URL:       "https://s.example/a",
		Site:      "s.example",
		Title:     "T",
		Byline:    "By X",
		Published: time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC),
		Lang:      "en",
		Text:      "One line\nsame para.\n\nSecond para.",
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
	crlf := strings.ReplaceAll(good, "\n", "\r\n")
	if d2, err := Parse([]byte(crlf)); err != nil || d2.Text != want.Text {
		t.Errorf("CRLF input: %v, %q", err, d2.Text)
	}

	bad := []struct {
		name, in, msg string
	}{
		{"empty", "", "line 1"},
		{"no opening", "title: T\n---\nbody", "line 1"},
		{"not closed", "---\ntitle: T\nsite: s\nurl: u\ndate: 2026-01-01\n", "not closed"},
		{"no colon", "---\ntitle T\n---\nbody", "line 2"},
		{"unknown key", "---\ntitle: T\nauthor: A\n---\nbody", "unknown key \"author\""},
		{"duplicate", "---\ntitle: T\ntitle: U\n---\nbody", "duplicate key \"title\""},
		{"empty value", "---\ntitle:\n---\nbody", "empty value"},
		{"missing url", "---\ntitle: T\nsite: s\ndate: 2026-01-01\n---\nbody", "lacks \"url\""},
		{"bad date", "---\ntitle: T\nsite: s\nurl: u\ndate: March 3\n---\nbody", "date \"March 3\""},
		{"empty body", "---\ntitle: T\nsite: s\nurl: u\ndate: 2026-01-01\n---\n\n  \n", "empty body"},
		{"not utf8", "---\ntitle: \xff\n---\nbody", "UTF-8"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("error %v does not wrap ErrMalformed", err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: T\nsite: s\nurl: u\ndate: 2026-01-01\n---\nbody"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ntitle: a: b\nsite: s\nurl: u\ndate: 2026-01-01T10:00:00Z\n---\n\n\nx\r\ny"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		if d.Text == "" || d.ID != spintrace.DocID(d.Text) || d.Title == "" {
			t.Fatalf("accepted doc is incomplete: %+v", d)
		}
	})
}
