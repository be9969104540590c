// Package fingerprint computes the hashes the index is built on: k-grams of
// canonical content tokens (stop words skipped), and the winnowed subset of
// them that is stored. Queries look up all their k-grams; since winnowing
// keeps at least one k-gram in every window of W, any shared run of
// W+K-1 content tokens is guaranteed to produce a hit.
//
// Pure functions, no I/O; safe for concurrent use.
package fingerprint

import (
	"slices"

	"github.com/spintrace/spintrace/internal/textnorm"
)

// Params are the fingerprinting parameters. They are part of the index
// format: a store built with other parameters must be rebuilt.
type Params struct {
	K int // tokens per k-gram
	W int // winnowing window, in k-grams
}

// Default parameters, measured in docs/benchmarks.md.
var Default = Params{K: 3, W: 4}

// Content returns the canonical ids of the content tokens of t (stop words
// skipped) and their token indices.
func Content(t *textnorm.Text) (canon []uint64, idx []int32) {
	canon = make([]uint64, 0, len(t.Tokens))
	idx = make([]int32, 0, len(t.Tokens))
	for i, tok := range t.Tokens {
		if tok.Flags&textnorm.FlagStop != 0 {
			continue
		}
		canon = append(canon, tok.Canon)
		idx = append(idx, int32(i))
	}
	return canon, idx
}

// KGrams returns the hash of every k-gram of canon, in order.
func KGrams(canon []uint64, k int) []uint64 {
	if len(canon) < k {
		if len(canon) == 0 {
			return nil
		}
		return []uint64{combine(canon)}
	}
	out := make([]uint64, len(canon)-k+1)
	for i := range out {
		out[i] = combine(canon[i : i+k])
	}
	return out
}

func combine(ids []uint64) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, id := range ids {
		h ^= id
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	if h == 0 {
		h = 1
	}
	return h
}

// Winnow selects, in every window of w consecutive hashes, the minimum
// (the rightmost on ties), recording each selected position once. It
// returns the selected hashes in position order.
func Winnow(hashes []uint64, w int) []uint64 {
	if w <= 1 || len(hashes) <= w {
		if len(hashes) == 0 {
			return nil
		}
		if w <= 1 {
			return slices.Clone(hashes)
		}
		return []uint64{slices.Min(hashes)}
	}
	out := make([]uint64, 0, 2*len(hashes)/(w+1)+1)
	last := -1
	// monotone deque of positions with increasing hash values
	dq := make([]int, 0, w)
	for i, h := range hashes {
		for len(dq) > 0 && hashes[dq[len(dq)-1]] >= h {
			dq = dq[:len(dq)-1]
		}
		dq = append(dq, i)
		if dq[0] <= i-w {
			dq = dq[1:]
		}
		if i >= w-1 && dq[0] != last {
			last = dq[0]
			out = append(out, hashes[last])
		}
	}
	return out
}

// Document returns the distinct winnowed fingerprints of t, sorted: what
// the index stores.
func Document(t *textnorm.Text, p Params) []uint64 {
	canon, _ := Content(t)
	fp := Winnow(KGrams(canon, p.K), p.W)
	return dedup(fp)
}

// Query returns the distinct k-gram hashes of t, sorted: what a trace looks
// up (all k-grams, not only the winnowed ones).
func Query(t *textnorm.Text, p Params) []uint64 {
	canon, _ := Content(t)
	return dedup(KGrams(canon, p.K))
}

func dedup(h []uint64) []uint64 {
	slices.Sort(h)
	return slices.Compact(h)
}

// titleSalt keeps title-word hashes apart from k-gram hashes.
const titleSalt = 0x7469746c65776f72 // "titlewor"

// TitleWords returns the distinct hashes of the content words of a title,
// sorted: stored beside the k-grams so that a reworded title ("Kremlin says
// too early to speak of thaw in Russia-US ties") still finds the document
// whose title shares most of its words.
func TitleWords(t *textnorm.Text) []uint64 {
	canon, _ := Content(t)
	out := make([]uint64, len(canon))
	for i, c := range canon {
		out[i] = combine([]uint64{titleSalt, c})
	}
	return dedup(out)
}
