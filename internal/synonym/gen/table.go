package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kljensen/snowball/english"
)

// magic and version must match table.go in the synonym package.
const (
	magic   = "spintrace-synonym\x00"
	version = 1
)

type entry struct {
	stem    string
	class   int // -1 when the stem is in no class
	related []uint32
}

type table struct {
	entries []entry
	reps    []int // class -> entry index of its representative
	forms   []string
	formEnt []int
	nSyn    int
}

// build derives the table from the model: classes, related synsets, and the
// surface forms (lemmas and irregular inflections) looked up without stemming.
func build(m *model) *table {
	classes := m.classes()
	freq := m.stemFreq()

	// Related synsets per stem, keeping only synsets shared by two stems.
	bySyn := make(map[synsetKey]map[string]bool)
	stemSyn := make(map[string]map[synsetKey]bool)
	note := func(stem string, k synsetKey) {
		if bySyn[k] == nil {
			bySyn[k] = make(map[string]bool)
		}
		bySyn[k][stem] = true
		if stemSyn[stem] == nil {
			stemSyn[stem] = make(map[synsetKey]bool)
		}
		stemSyn[stem][k] = true
	}
	for _, li := range m.lemmas {
		for _, k := range li.sense {
			note(li.stem, k)
			for _, h := range m.wn.synsets[k].heads {
				note(li.stem, h)
			}
			if m.p.relHyper {
				for _, h := range m.wn.synsets[k].hypers {
					note(li.stem, h)
				}
			}
		}
	}
	var shared []synsetKey
	for k, stems := range bySyn {
		if len(stems) >= 2 {
			shared = append(shared, k)
		}
	}
	slices.SortFunc(shared, func(x, y synsetKey) int {
		return cmp.Or(cmp.Compare(x.pos, y.pos), cmp.Compare(x.offset, y.offset))
	})
	synID := make(map[synsetKey]uint32, len(shared))
	for i, k := range shared {
		synID[k] = uint32(i)
	}

	stems := make(map[string]bool)
	for s := range classes {
		stems[s] = true
	}
	rel := make(map[string][]uint32)
	for s, ks := range stemSyn {
		for k := range ks {
			if id, ok := synID[k]; ok {
				rel[s] = append(rel[s], id)
			}
		}
		if len(rel[s]) > 0 {
			slices.Sort(rel[s])
			stems[s] = true
		}
	}
	t := &table{nSyn: len(shared)}
	for s := range stems {
		t.entries = append(t.entries, entry{stem: s, class: -1, related: rel[s]})
	}
	slices.SortFunc(t.entries, func(x, y entry) int { return cmp.Compare(x.stem, y.stem) })
	index := make(map[string]int, len(t.entries))
	for i, e := range t.entries {
		index[e.stem] = i
	}

	// Representatives: the most frequent stem of each class.
	var reps []string
	seen := make(map[string]bool)
	for _, e := range t.entries {
		g := classes[e.stem]
		if g == nil || seen[g[0]] {
			continue
		}
		seen[g[0]] = true
		rep := g[0]
		for _, s := range g[1:] {
			if freq[s] > freq[rep] {
				rep = s
			}
		}
		reps = append(reps, rep)
	}
	slices.Sort(reps)
	classOf := make(map[string]int)
	for c, rep := range reps {
		t.reps = append(t.reps, index[rep])
		for _, s := range classes[rep] {
			classOf[s] = c
		}
	}
	for i := range t.entries {
		if c, ok := classOf[t.entries[i].stem]; ok {
			t.entries[i].class = c
		}
	}

	// Surface forms: lemmas, then irregular forms ("said" -> "say") whose own
	// stem has no entry.
	forms := make(map[string]int)
	for w, li := range m.lemmas {
		if i, ok := index[li.stem]; ok {
			forms[w] = i
		}
	}
	for f, bases := range m.wn.exc {
		if !isPlainWord(f) || m.stop[f] {
			continue
		}
		if _, ok := forms[f]; ok {
			continue
		}
		if i, ok := index[english.Stem(f, false)]; ok {
			forms[f] = i
			continue
		}
		for _, b := range bases {
			if li := m.lemmas[b]; li != nil {
				if i, ok := index[li.stem]; ok {
					forms[f] = i
					break
				}
			}
		}
	}
	// Regular comparatives and superlatives, which the stemmer leaves alone
	// ("largest"), read as their adjective.
	for _, w := range slices.Sorted(maps.Keys(m.wn.index['a'])) {
		li := m.lemmas[w]
		if li == nil {
			continue
		}
		i, ok := index[li.stem]
		if !ok {
			continue
		}
		for _, f := range comparatives(w) {
			if _, taken := forms[f]; taken {
				continue
			}
			if _, own := index[english.Stem(f, false)]; own || m.stop[f] {
				continue
			}
			forms[f] = i
		}
	}
	for f := range forms {
		t.forms = append(t.forms, f)
	}
	slices.Sort(t.forms)
	for _, f := range t.forms {
		t.formEnt = append(t.formEnt, forms[f])
	}
	return t
}

// encode writes the table in the format read by decode in the synonym
// package, gzip-compressed. The output depends only on the table.
func (t *table) encode() ([]byte, error) {
	var raw []byte
	uv := func(x int) { raw = binary.AppendUvarint(raw, uint64(x)) }
	prev := ""
	key := func(s string) {
		p := 0
		for p < len(s) && p < len(prev) && s[p] == prev[p] {
			p++
		}
		uv(p)
		uv(len(s) - p)
		raw = append(raw, s[p:]...)
		prev = s
	}
	raw = append(raw, magic...)
	uv(version)
	uv(t.nSyn)
	uv(len(t.entries))
	for _, e := range t.entries {
		key(e.stem)
		uv(e.class + 1)
		uv(len(e.related))
		last := uint32(0)
		for _, id := range e.related {
			uv(int(id - last))
			last = id
		}
	}
	uv(len(t.reps))
	for _, r := range t.reps {
		uv(r)
	}
	prev = ""
	uv(len(t.forms))
	for i, f := range t.forms {
		key(f)
		uv(t.formEnt[i])
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("gzip writer: %w", err)
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, fmt.Errorf("compress table: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress table: %w", err)
	}
	return buf.Bytes(), nil
}

// comparatives returns the regular -er and -est forms of adjective w:
// "large" -> "larger", "largest"; "happy" -> "happier"; "big" -> "bigger".
func comparatives(w string) []string {
	n := len(w)
	switch {
	case n > 3 && w[n-1] == 'y' && !isVowel(w[n-2]):
		return []string{w[:n-1] + "ier", w[:n-1] + "iest"}
	case w[n-1] == 'e':
		return []string{w + "r", w + "st"}
	case n <= 4 && !isVowel(w[n-1]) && isVowel(w[n-2]) && !isVowel(w[n-3]) && !strings.ContainsRune("wxy", rune(w[n-1])):
		return []string{w + w[n-1:] + "er", w + w[n-1:] + "est"}
	}
	return []string{w + "er", w + "est"}
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
