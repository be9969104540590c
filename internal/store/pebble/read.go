package pebble

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"

	pb "github.com/cockroachdb/pebble/v2"

	"github.com/spintrace/spintrace"
)

// Get returns the document with this ID, or an error wrapping
// spintrace.ErrNotFound.
func (db *DB) Get(ctx context.Context, id string) (spintrace.Doc, error) {
	if err := db.enter(); err != nil {
		return spintrace.Doc{}, err
	}
	defer db.leave()
	ref, ok, err := db.lookupRef(id)
	if err != nil {
		return spintrace.Doc{}, fmt.Errorf("get %s: %w", id, err)
	}
	if !ok {
		return spintrace.Doc{}, fmt.Errorf("get %s: %w", id, spintrace.ErrNotFound)
	}
	d, err := db.docAt(ref)
	if err != nil {
		return spintrace.Doc{}, fmt.Errorf("get %s: %w", id, err)
	}
	return d, nil
}

// Resolve returns the documents for refs, in the same order.
func (db *DB) Resolve(ctx context.Context, refs []spintrace.Ref) ([]spintrace.Doc, error) {
	if err := db.enter(); err != nil {
		return nil, err
	}
	defer db.leave()
	docs := make([]spintrace.Doc, len(refs))
	for i, ref := range refs {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("resolve: %w", err)
			}
		}
		d, err := db.docAt(uint64(ref))
		if err != nil {
			return nil, fmt.Errorf("resolve: %w", err)
		}
		docs[i] = d
	}
	return docs, nil
}

// HasOrigin reports whether a document was stored from origin, and the ID
// of the latest one.
func (db *DB) HasOrigin(ctx context.Context, origin string) (string, bool, error) {
	if err := db.enter(); err != nil {
		return "", false, err
	}
	defer db.leave()
	v, ok, err := db.get(originKey(origin))
	if err != nil {
		return "", false, fmt.Errorf("origin %q: %w", origin, err)
	}
	return string(v), ok, nil
}

// Postings sorts the hashes and reads each bucket they fall in once, with
// one iterator moving forward through the LSM. fn is called in ascending
// hash order, once per distinct hash that has postings; refs is reused
// between calls.
func (db *DB) Postings(ctx context.Context, hashes []uint64, limit int, fn func(hash uint64, refs []spintrace.Ref) error) error {
	if err := db.enter(); err != nil {
		return err
	}
	defer db.leave()
	sorted := slices.Clone(hashes)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	it, err := db.pdb.NewIterWithContext(ctx, &pb.IterOptions{
		LowerBound: []byte{prefixPosting},
		UpperBound: []byte{prefixPosting + 1},
	})
	if err != nil {
		return fmt.Errorf("postings: %w", err)
	}
	defer it.Close()
	lists := make([][]spintrace.Ref, 0, 8)
	for lo := 0; lo < len(sorted); {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("postings: %w", err)
		}
		bucket := bucketOf(sorted[lo])
		hi := lo + 1
		for hi < len(sorted) && bucketOf(sorted[hi]) == bucket {
			hi++
		}
		group := sorted[lo:hi]
		lo = hi
		key := bucketKey(bucket)
		if !it.SeekGE(key) || !bytes.Equal(it.Key(), key) {
			if err := it.Error(); err != nil {
				return fmt.Errorf("postings bucket %04x: %w", bucket, err)
			}
			continue
		}
		v, err := it.ValueAndErr()
		if err != nil {
			return fmt.Errorf("postings bucket %04x: %w", bucket, err)
		}
		lists = lists[:0]
		for range group {
			lists = append(lists, nil)
		}
		if err := collect(v, group, limit, lists); err != nil {
			return fmt.Errorf("postings bucket %04x: %w", bucket, err)
		}
		for i, refs := range lists {
			if len(refs) > 0 {
				if err := fn(group[i], refs); err != nil {
					return err
				}
			}
		}
	}
	return it.Error()
}

// collect scans a bucket value and appends to lists[i] the refs of
// group[i] (hashes of this bucket, ascending), at most limit+1 of them.
// It is the inner loop of a lookup, so the common one-hash case and one-byte
// refs take a fast path.
func collect(v []byte, group []uint64, limit int, lists [][]spintrace.Ref) error {
	want := suffixOf(group[0])
	for off := 0; off < len(v); {
		suffix, ref, n, err := nextPosting(v[off:])
		if err != nil {
			return err
		}
		off += n
		i := 0
		if len(group) == 1 {
			if suffix != want {
				continue
			}
		} else {
			i = searchSuffix(group, suffix)
			if i < 0 {
				continue
			}
		}
		if limit <= 0 || len(lists[i]) <= limit {
			lists[i] = append(lists[i], spintrace.Ref(ref))
		}
	}
	return nil
}

// searchSuffix returns the index of the hash in group (ascending, one
// bucket) whose low bits are suffix, or -1.
func searchSuffix(group []uint64, suffix uint64) int {
	lo, hi := 0, len(group)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if suffixOf(group[m]) < suffix {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(group) && suffixOf(group[lo]) == suffix {
		return lo
	}
	return -1
}

// Scan calls fn for every document after ref `after`, in ref order, on a
// consistent snapshot taken when Scan starts.
func (db *DB) Scan(ctx context.Context, after spintrace.Ref, fn func(ref spintrace.Ref, d spintrace.Doc) error) error {
	if err := db.enter(); err != nil {
		return err
	}
	defer db.leave()
	it, err := db.pdb.NewIterWithContext(ctx, &pb.IterOptions{
		LowerBound: docKey(uint64(after) + 1),
		UpperBound: []byte{prefixDoc + 1},
	})
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer it.Close()
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		if n++; n%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("scan: %w", err)
			}
		}
		k := it.Key()
		if len(k) != 9 {
			return fmt.Errorf("scan: doc key %x: %w", k, spintrace.ErrCorrupt)
		}
		ref := binary.BigEndian.Uint64(k[1:])
		v, err := it.ValueAndErr()
		if err != nil {
			return fmt.Errorf("scan: doc %d: %w", ref, err)
		}
		d, err := decodeDoc(v)
		if err != nil {
			return fmt.Errorf("scan: doc %d: %w", ref, err)
		}
		if err := fn(spintrace.Ref(ref), d); err != nil {
			return err
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	return nil
}
