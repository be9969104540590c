package synonym

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Table format, before gzip (all integers are unsigned varints):
//
//	magic "spintrace-synonym\x00", version
//	nSyn                                   number of distinct synset ids
//	nEntries, then per entry, stems ascending:
//	  shared-prefix length, suffix length, suffix bytes (front-coded stem)
//	  class+1 (0: no class), nRelated, related synset ids as ascending deltas
//	nClasses, then per class the entry index of its representative
//	nForms, then per form, ascending: front-coded word, entry index
//
// Version history:
//
//	1: first version.
const (
	magic   = "spintrace-synonym\x00"
	version = 1
	// maxRaw bounds the decompressed size a decoder accepts.
	maxRaw = 16 << 20
)

// errCorrupt reports a table that cannot be decoded.
var errCorrupt = errors.New("synonym: corrupt table")

//go:embed synonym.tbl.gz
var tableGz []byte

type entry struct {
	class            int32 // -1: none
	relStart, relEnd uint32
}

// table is the decoded, read-only synonym table.
type table struct {
	entries []entry
	related []uint32
	reps    []string         // class -> representative
	stems   map[string]int32 // stem -> entry
	forms   map[string]int32 // lemma or irregular form -> entry
	cache   cache            // other words seen -> entry or -1
}

var (
	loadOnce sync.Once
	loaded   *table
)

// get returns the table, decoding it on first use. The table is part of the
// binary, so failing to decode it is a build defect and panics.
func get() *table {
	loadOnce.Do(func() {
		t, err := decode(tableGz)
		if err != nil {
			panic(fmt.Sprintf("decode embedded synonym table: %v", err))
		}
		loaded = t
	})
	return loaded
}

// reader decodes varints and front-coded strings from raw table bytes.
type reader struct {
	b                  []byte
	prevStart, prevEnd int // previous key in the arena
	err                error
}

// index reads an index below n.
func (r *reader) index(n int) int {
	if n <= 0 {
		if r.err == nil {
			r.err = fmt.Errorf("index into empty list: %w", errCorrupt)
		}
		return 0
	}
	return r.uv(n - 1)
}

func (r *reader) uv(limit int) int {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = fmt.Errorf("bad varint: %w", errCorrupt)
		return 0
	}
	r.b = r.b[n:]
	if x > uint64(limit) {
		r.err = fmt.Errorf("value %d over limit %d: %w", x, limit, errCorrupt)
		return 0
	}
	return int(x)
}

// key reads a front-coded string into the arena and returns its bounds;
// keys must be strictly ascending.
func (r *reader) key(arena *[]byte) (start, end int) {
	p := r.uv(r.prevEnd - r.prevStart)
	n := r.uv(len(r.b))
	if r.err != nil {
		return 0, 0
	}
	if p+n == 0 {
		r.err = fmt.Errorf("empty key: %w", errCorrupt)
		return 0, 0
	}
	start = len(*arena)
	*arena = append(*arena, (*arena)[r.prevStart:r.prevStart+p]...)
	*arena = append(*arena, r.b[:n]...)
	r.b = r.b[n:]
	end = len(*arena)
	if bytes.Compare((*arena)[start:end], (*arena)[r.prevStart:r.prevEnd]) <= 0 {
		r.err = fmt.Errorf("key %q out of order: %w", (*arena)[start:end], errCorrupt)
		return 0, 0
	}
	r.prevStart, r.prevEnd = start, end
	return start, end
}

// decode parses a gzip-compressed table. Bad bytes give an error wrapping
// errCorrupt, never a panic or an allocation beyond the input's size bounds.
func decode(gz []byte) (*table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("open synonym table: %w: %w", errCorrupt, err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxRaw+1))
	if err != nil {
		return nil, fmt.Errorf("read synonym table: %w: %w", errCorrupt, err)
	}
	if len(raw) > maxRaw {
		return nil, fmt.Errorf("synonym table over %d bytes: %w", maxRaw, errCorrupt)
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, fmt.Errorf("bad magic: %w", errCorrupt)
	}
	r := &reader{b: raw[len(magic):]}
	if v := r.uv(1 << 30); r.err == nil && v != version {
		return nil, fmt.Errorf("table version %d, want %d: %w", v, version, errCorrupt)
	}
	nSyn := r.uv(1 << 30)
	// Every entry and form takes at least two bytes, every id one: counts
	// are bounded by the remaining input, so allocations are too.
	nEnt := r.uv(len(r.b) / 2)
	t := &table{entries: make([]entry, 0, nEnt)}
	// Keys are decoded into one arena and become substrings of a single
	// string, so the table costs a few allocations, not one per key.
	arena := make([]byte, 0, 2*len(raw))
	type span struct{ start, end int }
	stemAt := make([]span, 0, nEnt)
	for i := 0; i < nEnt && r.err == nil; i++ {
		start, end := r.key(&arena)
		c := r.uv(nEnt) - 1
		n := r.uv(len(r.b))
		e := entry{class: int32(c), relStart: uint32(len(t.related))}
		id := 0
		for j := 0; j < n && r.err == nil; j++ {
			d := r.uv(nSyn)
			if j > 0 && d == 0 {
				r.err = fmt.Errorf("related ids of entry %d not ascending: %w", i, errCorrupt)
			}
			id += d
			if id >= nSyn {
				r.err = fmt.Errorf("related id %d out of range: %w", id, errCorrupt)
			}
			t.related = append(t.related, uint32(id))
		}
		e.relEnd = uint32(len(t.related))
		t.entries = append(t.entries, e)
		stemAt = append(stemAt, span{start, end})
	}
	nCls := r.uv(len(r.b))
	repAt := make([]int, 0, nCls)
	for range nCls {
		e := r.index(len(t.entries))
		if r.err != nil {
			break
		}
		if int(t.entries[e].class) != len(repAt) {
			return nil, fmt.Errorf("representative of class %d not a member: %w", len(repAt), errCorrupt)
		}
		repAt = append(repAt, e)
	}
	if r.err != nil {
		return nil, fmt.Errorf("decode synonym table: %w", r.err)
	}
	for i, e := range t.entries {
		if int(e.class) >= len(repAt) {
			return nil, fmt.Errorf("entry %d: class %d out of range: %w", i, e.class, errCorrupt)
		}
	}
	nForms := r.uv(len(r.b) / 2)
	formAt := make([]span, 0, nForms)
	formEnt := make([]int32, 0, nForms)
	r.prevStart, r.prevEnd = 0, 0
	for range nForms {
		start, end := r.key(&arena)
		e := r.index(len(t.entries))
		if r.err != nil {
			break
		}
		formAt = append(formAt, span{start, end})
		formEnt = append(formEnt, int32(e))
	}
	if r.err != nil {
		return nil, fmt.Errorf("decode synonym table: %w", r.err)
	}
	keys := string(arena)
	t.stems = make(map[string]int32, len(stemAt))
	for i, sp := range stemAt {
		t.stems[keys[sp.start:sp.end]] = int32(i)
	}
	t.reps = make([]string, len(repAt))
	for c, e := range repAt {
		t.reps[c] = keys[stemAt[e].start:stemAt[e].end]
	}
	t.forms = make(map[string]int32, len(formAt))
	for i, sp := range formAt {
		t.forms[keys[sp.start:sp.end]] = formEnt[i]
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%d trailing bytes: %w", len(r.b), errCorrupt)
	}
	return t, nil
}
