package pebble

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"

	pb "github.com/cockroachdb/pebble/v2"

	"github.com/spintrace/spintrace"
)

// Put stores entries in one synced pebble batch: all or none. New
// documents get the next dense refs; a stored text from a new origin bumps
// the stored document's Copies; a text already stored from this origin is
// left alone. A cancelled ctx before the commit stores nothing.
func (db *DB) Put(ctx context.Context, entries []spintrace.Entry) (spintrace.PutStats, error) {
	if err := db.enterWrite(); err != nil {
		return spintrace.PutStats{}, err
	}
	defer db.leave()
	db.wmu.Lock()
	defer db.wmu.Unlock()

	p := putter{
		db:        db,
		b:         db.pdb.NewBatch(),
		lastRef:   db.lastRef,
		textBytes: db.textBytes,
		refs:      map[string]uint64{},
		postings:  db.postingBuf(),
		docs:      map[uint64]*spintrace.Doc{},
		origins:   map[string]string{},
	}
	defer p.b.Close()
	defer p.resetPostings()
	for i := range entries {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return spintrace.PutStats{}, fmt.Errorf("put: %w", err)
			}
		}
		if err := p.add(&entries[i]); err != nil {
			return spintrace.PutStats{}, fmt.Errorf("put %q: %w", entries[i].Doc.Origin, err)
		}
	}
	if p.stats == (spintrace.PutStats{Unchanged: p.stats.Unchanged}) {
		return p.stats, nil // nothing to write
	}
	// in bucket order: the batch's keys go into the memtable in order
	key := []byte{prefixPosting, 0, 0}
	for bucket, entries := range p.postings {
		if len(entries) == 0 {
			continue
		}
		binary.BigEndian.PutUint16(key[1:], uint16(bucket))
		if err := p.b.Merge(key, entries, nil); err != nil { // Merge copies key and value
			return spintrace.PutStats{}, fmt.Errorf("put: %w", err)
		}
	}
	if err := p.b.Set(stateKey, encodeState(p.lastRef, p.textBytes), nil); err != nil {
		return spintrace.PutStats{}, fmt.Errorf("put: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return spintrace.PutStats{}, fmt.Errorf("put: %w", err)
	}
	// Not synced: a batch is atomic in the write-ahead log either way, so a
	// crash loses at most the last batches whole, never half of one; Close
	// syncs the log, so a finished run is durable.
	if err := p.b.Commit(pb.NoSync); err != nil {
		return spintrace.PutStats{}, fmt.Errorf("put: commit: %w", err)
	}
	db.stateMu.Lock()
	db.lastRef, db.textBytes = p.lastRef, p.textBytes
	db.stateMu.Unlock()
	return p.stats, nil
}

// putter builds one Put batch. Its maps hold what the batch itself adds, so
// that entries repeating an earlier entry of the batch behave as if that
// entry were stored already.
type putter struct {
	db        *DB
	b         *pb.Batch
	lastRef   uint64
	textBytes int64
	refs      map[string]uint64         // id -> ref, added or rewritten in this batch
	docs      map[uint64]*spintrace.Doc // ref -> doc written in this batch
	origins   map[string]string         // origin -> id written in this batch
	postings  [][]byte                  // bucket -> entries to append (db.postings, reused)
	fps       []uint64
	stats     spintrace.PutStats
}

func (p *putter) add(e *spintrace.Entry) error {
	d := e.Doc
	if d.ID == "" {
		d.ID = spintrace.DocID(d.Text)
	}
	ref, ok, err := p.ref(d.ID)
	if err != nil {
		return err
	}
	if !ok {
		return p.addNew(&d, e.Fingerprints)
	}
	if d.Origin == "" {
		p.stats.Unchanged++
		return nil
	}
	cur, ok, err := p.origin(d.Origin)
	if err != nil {
		return err
	}
	if ok && cur == d.ID {
		p.stats.Unchanged++
		return nil
	}
	stored, err := p.doc(ref)
	if err != nil {
		return err
	}
	stored.Copies++
	if err := p.b.Set(docKey(ref), encodeDoc(nil, stored), nil); err != nil {
		return err
	}
	if err := p.setOrigin(d.Origin, d.ID); err != nil {
		return err
	}
	p.stats.Duplicates++
	return nil
}

func (p *putter) addNew(d *spintrace.Doc, fps []uint64) error {
	p.lastRef++
	ref := p.lastRef
	d.Copies = 1
	if err := p.b.Set(docKey(ref), encodeDoc(nil, d), nil); err != nil {
		return err
	}
	if err := p.b.Set(idKey(d.ID), binary.AppendUvarint(nil, ref), nil); err != nil {
		return err
	}
	if d.Origin != "" {
		if err := p.setOrigin(d.Origin, d.ID); err != nil {
			return err
		}
	}
	if !strictlyIncreasing(fps) {
		p.fps = append(p.fps[:0], fps...)
		slices.Sort(p.fps)
		fps = slices.Compact(p.fps)
	}
	for _, h := range fps {
		b := bucketOf(h)
		p.postings[b] = appendPosting(p.postings[b], h, ref)
	}
	p.refs[d.ID] = ref
	p.docs[ref] = d
	p.textBytes += int64(len(d.Text))
	p.stats.Added++
	return nil
}

// strictlyIncreasing reports whether fps is sorted without duplicates, as
// index.Prepare returns them.
func strictlyIncreasing(fps []uint64) bool {
	for i := 1; i < len(fps); i++ {
		if fps[i] <= fps[i-1] {
			return false
		}
	}
	return true
}

// postingBuf returns the per-bucket posting buffers, one per bucket, all
// empty; the caller holds wmu. Reusing them across Puts saves a map and
// 2^16 small allocations a batch.
func (db *DB) postingBuf() [][]byte {
	if db.postings == nil {
		db.postings = make([][]byte, 1<<bucketBits)
	}
	return db.postings
}

// resetPostings empties the posting buffers, keeping their capacity.
func (p *putter) resetPostings() {
	for i := range p.postings {
		p.postings[i] = p.postings[i][:0]
	}
}

func (p *putter) setOrigin(origin, id string) error {
	p.origins[origin] = id
	return p.b.Set(originKey(origin), []byte(id), nil)
}

// ref returns the ref of id, stored or added by this batch.
func (p *putter) ref(id string) (uint64, bool, error) {
	if ref, ok := p.refs[id]; ok {
		return ref, true, nil
	}
	return p.db.lookupRef(id)
}

// origin returns the id stored for origin, as of this batch.
func (p *putter) origin(origin string) (string, bool, error) {
	if id, ok := p.origins[origin]; ok {
		return id, true, nil
	}
	v, ok, err := p.db.get(originKey(origin))
	return string(v), ok, err
}

// doc returns the document at ref as of this batch, for rewriting.
func (p *putter) doc(ref uint64) (*spintrace.Doc, error) {
	if d, ok := p.docs[ref]; ok {
		return d, nil
	}
	d, err := p.db.docAt(ref)
	if err != nil {
		return nil, err
	}
	p.docs[ref] = &d
	return &d, nil
}

// lookupRef returns the stored ref of id.
func (db *DB) lookupRef(id string) (uint64, bool, error) {
	v, ok, err := db.get(idKey(id))
	if err != nil || !ok {
		return 0, false, err
	}
	ref, n := binary.Uvarint(v)
	if n <= 0 || n != len(v) {
		return 0, false, fmt.Errorf("ref of %s: %w", id, spintrace.ErrCorrupt)
	}
	return ref, true, nil
}

// docAt returns the stored document at ref.
func (db *DB) docAt(ref uint64) (spintrace.Doc, error) {
	v, ok, err := db.get(docKey(ref))
	if err != nil {
		return spintrace.Doc{}, fmt.Errorf("read doc %d: %w", ref, err)
	}
	if !ok {
		return spintrace.Doc{}, fmt.Errorf("doc %d: %w", ref, spintrace.ErrNotFound)
	}
	d, err := decodeDoc(v)
	if err != nil {
		return spintrace.Doc{}, fmt.Errorf("doc %d: %w", ref, err)
	}
	return d, nil
}
