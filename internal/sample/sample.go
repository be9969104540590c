// Package sample owns the project's own sample corpus: forty short fictional
// news articles, written for spintrace, spread over seven made-up sites and
// sharing a few topics (a port strike, a river flood, a mayoral election, a
// trade framework, diplomatic talks) so that retrieval meets near-miss
// distractors. `make demo`, the end-to-end tests, `spintrace eval spin` and
// `spintrace bench` use it.
//
// Every person, town, company and outlet in the articles is invented; country
// names are real. The articles are embedded in the binary (articles/*.md), each
// with a small front matter block:
//
//	---
//	title: Dockworkers walk out at Port Calloway
//	site: harbor-ledger.example
//	url: https://harbor-ledger.example/2026/03/02/port-strike-begins
//	date: 2026-03-02
//	byline: By Marta Lindqvist
//	---
//
//	First paragraph...
//
// Concurrency: Articles and WriteDir are safe for concurrent use; Articles
// returns a fresh slice each call.
package sample

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/spintrace/spintrace"
)

//go:embed articles/*.md
var articlesFS embed.FS

var (
	parseOnce sync.Once
	parsed    []spintrace.Doc
	parseErr  error
)

// Articles returns the sample articles, parsed, in file-name order. Doc.ID is
// spintrace.DocID(Text), Origin is "sample:NAME.md", Lang is "en".
//
// The articles are compiled into the binary and checked by the package tests,
// so a parse failure is a build defect: Articles panics on it.
func Articles() []spintrace.Doc {
	parseOnce.Do(func() { parsed, parseErr = load() })
	if parseErr != nil {
		panic(fmt.Sprintf("sample: embedded corpus is malformed: %v", parseErr))
	}
	out := make([]spintrace.Doc, len(parsed))
	copy(out, parsed)
	return out
}

func names() ([]string, error) {
	ents, err := fs.ReadDir(articlesFS, "articles")
	if err != nil {
		return nil, fmt.Errorf("sample: list articles: %w", err)
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() && filepath.Ext(e.Name()) == ".md" {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

func load() ([]spintrace.Doc, error) {
	ns, err := names()
	if err != nil {
		return nil, err
	}
	docs := make([]spintrace.Doc, 0, len(ns))
	for _, n := range ns {
		data, err := articlesFS.ReadFile("articles/" + n)
		if err != nil {
			return nil, fmt.Errorf("sample: read %s: %w", n, err)
		}
		d, err := Parse(data)
		if err != nil {
			return nil, fmt.Errorf("sample: %s: %w", n, err)
		}
		d.Origin = "sample:" + n
		docs = append(docs, d)
	}
	return docs, nil
}

// WriteDir writes every sample article into dir as NAME.md, front matter
// included, creating dir if needed. Existing files of the same name are
// overwritten; other files are left alone.
func WriteDir(dir string) error {
	ns, err := names()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("sample: create %s: %w", dir, err)
	}
	for _, n := range ns {
		data, err := articlesFS.ReadFile("articles/" + n)
		if err != nil {
			return fmt.Errorf("sample: read %s: %w", n, err)
		}
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("sample: write %s: %w", p, err)
		}
	}
	return nil
}
