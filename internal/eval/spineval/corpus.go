package spineval

import (
	"context"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/ingest"
)

// Article is one corpus document with its category: the name of the
// directory under the corpus root that holds it ("" when the corpus is
// flat). Stitched derivatives prefer sources of one category.
type Article struct {
	Doc      spintrace.Doc
	Category string
}

// CorpusStats describes what ReadCorpus read.
type CorpusStats struct {
	Files   int `json:"files"`
	Docs    int `json:"docs"`
	Skipped int `json:"skipped"` // empty files, top-level files of a categorized corpus
	Failed  int `json:"failed"`
}

// ReadCorpus reads every text file under dir (internal/ingest, plain text).
// A document without a title whose first line is short and followed by more
// text gets that line as its title and the rest as its text (the layout of
// the BBC corpus). When dir has subdirectories they are the categories, and
// files at the top level of dir (a README) are skipped. Documents come back
// sorted by origin, so a run does not depend on the file system's order.
func ReadCorpus(ctx context.Context, dir string) ([]Article, CorpusStats, error) {
	var st CorpusStats
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, st, fmt.Errorf("read corpus %s: %w", dir, err)
	}
	categorized := false
	for _, e := range ents {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			categorized = true
		}
	}
	var out []Article
	err = ingest.Walk(ctx, []string{dir}, ingest.Options{Format: ingest.FormatText}, func(it ingest.Item) error {
		st.Files++
		switch {
		case it.Err != nil:
			st.Failed++
			return nil
		case it.Skip != "":
			st.Skipped++
			return nil
		}
		rel, err := filepath.Rel(dir, it.Doc.Origin)
		if err != nil {
			rel = filepath.Base(it.Doc.Origin)
		}
		cat := ""
		if parts := strings.Split(filepath.ToSlash(rel), "/"); len(parts) > 1 {
			cat = parts[0]
		} else if categorized {
			st.Skipped++
			return nil
		}
		d := splitTitle(it.Doc)
		if d.Text == "" {
			st.Skipped++
			return nil
		}
		out = append(out, Article{Doc: d, Category: cat})
		return nil
	})
	if err != nil {
		return nil, st, fmt.Errorf("read corpus %s: %w", dir, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Doc.Origin < out[j].Doc.Origin })
	st.Docs = len(out)
	return out, st, nil
}

// maxTitleRunes bounds a first line taken as a title.
const maxTitleRunes = 200

// splitTitle moves a short first line into Title when d has none.
func splitTitle(d spintrace.Doc) spintrace.Doc {
	if d.Title != "" {
		return d
	}
	line, rest, ok := strings.Cut(d.Text, "\n")
	line, rest = strings.TrimSpace(line), strings.TrimSpace(rest)
	if !ok || line == "" || rest == "" || len([]rune(line)) > maxTitleRunes {
		return d
	}
	d.Title = line
	d.Text = rest
	d.ID = spintrace.DocID(rest)
	return d
}

// Near-duplicate detection: documents sharing at least dupShare of the
// shingles of the smaller one are one document for the evaluation.
const (
	shingleWords = 8
	dupShare     = 0.5
)

// Dedup collapses exact and near duplicates (at least half of the smaller
// document's 8-word shingles shared) to the first of each group, keeping
// the input order. A held-out article whose twin is indexed is not original,
// and a derivative of one twin is fairly traced to the other, so the truth
// would be wrong for both. It returns the kept articles and how many were
// dropped.
func Dedup(arts []Article) ([]Article, int) {
	sh := shingleAll(arts)
	parent := make([]int, len(arts))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	sharedPairs(sh, func(i, j, n int) {
		m := min(len(sh[i]), len(sh[j]))
		if m > 0 && float64(n) >= dupShare*float64(m) {
			a, b := find(i), find(j)
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	})
	var out []Article
	for i, a := range arts {
		if find(i) == i {
			out = append(out, a)
		}
	}
	return out, len(arts) - len(out)
}

// reuseShingles: a document sharing this many 8-word shingles (a run of
// about ten words) with another one reuses text.
const reuseShingles = 3

// Reusing reports, for each article, whether it shares a run of about ten
// words or more (reuseShingles 8-word shingles) with another article of
// arts. News corpora reuse their own text (follow-up stories repeat
// paragraphs), so such an article cannot be held out as an original.
func Reusing(arts []Article) []bool {
	sh := shingleAll(arts)
	out := make([]bool, len(arts))
	sharedPairs(sh, func(i, j, n int) {
		if n >= reuseShingles {
			out[i], out[j] = true, true
		}
	})
	return out
}

func shingleAll(arts []Article) [][]uint64 {
	seed := maphash.MakeSeed()
	sh := make([][]uint64, len(arts))
	for i, a := range arts {
		sh[i] = shingles(seed, a.Doc.Text)
	}
	return sh
}

// sharedPairs calls fn(i, j, n) for every pair j < i of documents sharing
// n > 0 shingles.
func sharedPairs(sh [][]uint64, fn func(i, j, n int)) {
	post := map[uint64][]int32{}
	for i, hs := range sh {
		shared := map[int32]int{}
		for _, h := range hs {
			for _, j := range post[h] {
				shared[j]++
			}
			post[h] = append(post[h], int32(i))
		}
		for j, n := range shared {
			fn(i, int(j), n)
		}
	}
}

// shingles returns the distinct hashes of the text's lower-cased 8-word
// windows (one window for a shorter text).
func shingles(seed maphash.Seed, text string) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return nil
	}
	seen := map[uint64]bool{}
	var out []uint64
	for i := 0; i+shingleWords <= len(words) || i == 0; i++ {
		var h maphash.Hash
		h.SetSeed(seed)
		for _, w := range words[i:min(i+shingleWords, len(words))] {
			h.WriteString(w)
			h.WriteByte(' ')
		}
		v := h.Sum64()
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
