package pebble

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"strings"

	pb "github.com/cockroachdb/pebble/v2"

	"github.com/spintrace/spintrace"
)

// AddLexicon adds entries to the spin lexicon in one synced batch, once per
// pairKey. From and To must be non-empty, Count at least 1, and no field may
// contain a NUL byte (errors wrap spintrace.ErrBadInput).
func (db *DB) AddLexicon(ctx context.Context, key string, entries []spintrace.LexEntry) error {
	for _, e := range entries {
		if e.From == "" || e.To == "" || e.Count < 1 ||
			strings.ContainsRune(e.From+e.To+e.Site, 0) {
			return fmt.Errorf("add lexicon %q: entry %+v: %w", key, e, spintrace.ErrBadInput)
		}
	}
	if err := db.enterWrite(); err != nil {
		return err
	}
	defer db.leave()
	db.wmu.Lock()
	defer db.wmu.Unlock()
	_, seen, err := db.get(pairKey(key))
	if err != nil {
		return fmt.Errorf("add lexicon %q: %w", key, err)
	}
	if seen {
		return nil
	}
	// Sum repeated entries first: the batch cannot be read back.
	sums := map[string]int{}
	var order []spintrace.LexEntry
	for _, e := range entries {
		k := string(lexKey(e))
		if _, ok := sums[k]; !ok {
			order = append(order, e)
		}
		sums[k] += e.Count
	}
	b := db.pdb.NewBatch()
	defer b.Close()
	for _, e := range order {
		lk := lexKey(e)
		old, _, err := db.get(lk)
		if err != nil {
			return fmt.Errorf("add lexicon %q: %w", key, err)
		}
		n := uint64(sums[string(lk)])
		if len(old) > 0 {
			c, m := binary.Uvarint(old)
			if m <= 0 || m != len(old) {
				return fmt.Errorf("add lexicon %q: count of %q: %w", key, lk, spintrace.ErrCorrupt)
			}
			n += c
		}
		v := binary.AppendUvarint(nil, n)
		if err := b.Set(lk, v, nil); err != nil {
			return err
		}
		if err := b.Set(siteLexKey(e), v, nil); err != nil {
			return err
		}
	}
	if err := b.Set(pairKey(key), nil, nil); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("add lexicon %q: %w", key, err)
	}
	if err := b.Commit(pb.Sync); err != nil {
		return fmt.Errorf("add lexicon %q: commit: %w", key, err)
	}
	return nil
}

// Lexicon calls fn for every entry (of one site when site != ""), ordered
// by From, To, Site.
func (db *DB) Lexicon(ctx context.Context, site string, fn func(spintrace.LexEntry) error) error {
	if err := db.enter(); err != nil {
		return err
	}
	defer db.leave()
	prefix := []byte{prefixLex}
	if site != "" {
		prefix = append(append([]byte{prefixSiteLex}, site...), 0)
	}
	it, err := db.pdb.NewIterWithContext(ctx, &pb.IterOptions{LowerBound: prefix, UpperBound: prefixEnd(prefix)})
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("lexicon: %w", err)
		}
		k := it.Key()
		if !bytes.HasPrefix(k, prefix) {
			break
		}
		e, err := decodeLexKey(k)
		if err != nil {
			return fmt.Errorf("lexicon: %w", err)
		}
		v, err := it.ValueAndErr()
		if err != nil {
			return fmt.Errorf("lexicon: %w", err)
		}
		c, m := binary.Uvarint(v)
		if m <= 0 || m != len(v) || c > 1<<62 {
			return fmt.Errorf("lexicon: count of %q: %w", k, spintrace.ErrCorrupt)
		}
		e.Count = int(c)
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	return nil
}
