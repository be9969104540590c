package pebble

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/spintrace/spintrace"
)

// Key prefixes; the layout is described in the package comment.
const (
	prefixState   = 'c'
	prefixDoc     = 'd'
	prefixID      = 'i'
	prefixPair    = 'k'
	prefixLex     = 'l'
	prefixMeta    = 'm'
	prefixOrigin  = 'o'
	prefixPosting = 'p'
	prefixSiteLex = 's'
)

var stateKey = []byte{prefixState, 's', 't', 'a', 't', 'e'}

func docKey(ref uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixDoc}, ref)
}

func idKey(id string) []byte { return append([]byte{prefixID}, id...) }

func originKey(origin string) []byte { return append([]byte{prefixOrigin}, origin...) }

func metaKey(key string) []byte { return append([]byte{prefixMeta}, key...) }

func pairKey(key string) []byte { return append([]byte{prefixPair}, key...) }

// Postings live in 2^16 buckets by the hash's top 16 bits. A bucket's
// value is a concatenation of entries, each the hash's low 48 bits (6 bytes
// BE) then the ref (uvarint); a Put appends one entry per posting through
// pebble's concatenating Merger, so entries of one hash are in ascending ref
// order.
const (
	bucketBits  = 16
	suffixBytes = (64 - bucketBits) / 8 // 6; nextPosting relies on it
)

// bucketOf returns the bucket of hash.
func bucketOf(hash uint64) uint16 { return uint16(hash >> (64 - bucketBits)) }

// bucketKey is 'p' and the bucket (2 bytes BE).
func bucketKey(bucket uint16) []byte {
	return binary.BigEndian.AppendUint16([]byte{prefixPosting}, bucket)
}

// appendPosting appends the bucket entry of (hash, ref) to dst.
func appendPosting(dst []byte, hash, ref uint64) []byte {
	for i := suffixBytes - 1; i >= 0; i-- {
		dst = append(dst, byte(hash>>(8*i)))
	}
	return binary.AppendUvarint(dst, ref)
}

// nextPosting decodes the entry at the start of b: the hash's low 48 bits,
// the ref, and the entry's length.
func nextPosting(b []byte) (suffix, ref uint64, n int, err error) {
	if len(b) < suffixBytes+1 {
		return 0, 0, 0, fmt.Errorf("truncated posting: %w", spintrace.ErrCorrupt)
	}
	_ = b[6]
	suffix = uint64(b[0])<<40 | uint64(b[1])<<32 | uint64(b[2])<<24 |
		uint64(b[3])<<16 | uint64(b[4])<<8 | uint64(b[5])
	if c := b[suffixBytes]; c < 0x80 {
		return suffix, uint64(c), suffixBytes + 1, nil
	}
	ref, m := binary.Uvarint(b[suffixBytes:])
	if m <= 0 {
		return 0, 0, 0, fmt.Errorf("bad posting ref: %w", spintrace.ErrCorrupt)
	}
	return suffix, ref, suffixBytes + m, nil
}

// suffixOf returns the low 48 bits of hash, as stored in its bucket.
func suffixOf(hash uint64) uint64 { return hash & (1<<(8*suffixBytes) - 1) }

// lexKey is 'l' from 0 to 0 site.
func lexKey(e spintrace.LexEntry) []byte {
	k := append([]byte{prefixLex}, e.From...)
	k = append(append(k, 0), e.To...)
	return append(append(k, 0), e.Site...)
}

// siteLexKey is 's' site 0 from 0 to.
func siteLexKey(e spintrace.LexEntry) []byte {
	k := append([]byte{prefixSiteLex}, e.Site...)
	k = append(append(k, 0), e.From...)
	return append(append(k, 0), e.To...)
}

// decodeLexKey decodes a lexKey or siteLexKey (without its count).
func decodeLexKey(k []byte) (spintrace.LexEntry, error) {
	if len(k) == 0 {
		return spintrace.LexEntry{}, fmt.Errorf("lexicon key: %w", spintrace.ErrCorrupt)
	}
	parts := bytes.Split(k[1:], []byte{0})
	if len(parts) != 3 {
		return spintrace.LexEntry{}, fmt.Errorf("lexicon key %q: %w", k, spintrace.ErrCorrupt)
	}
	if k[0] == prefixSiteLex {
		return spintrace.LexEntry{Site: string(parts[0]), From: string(parts[1]), To: string(parts[2])}, nil
	}
	return spintrace.LexEntry{From: string(parts[0]), To: string(parts[1]), Site: string(parts[2])}, nil
}

// prefixEnd returns the smallest key greater than every key with prefix p.
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// encodeState and decodeState (de)serialize the writer state.
func encodeState(lastRef uint64, textBytes int64) []byte {
	b := binary.AppendUvarint(nil, lastRef)
	return binary.AppendUvarint(b, uint64(textBytes))
}

func decodeState(b []byte) (lastRef uint64, textBytes int64, err error) {
	lastRef, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, 0, fmt.Errorf("store state: %w", spintrace.ErrCorrupt)
	}
	tb, m := binary.Uvarint(b[n:])
	if m <= 0 || n+m != len(b) || tb > 1<<62 {
		return 0, 0, fmt.Errorf("store state: %w", spintrace.ErrCorrupt)
	}
	return lastRef, int64(tb), nil
}
