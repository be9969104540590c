// Package pebble is the embedded default spintrace.Store: one directory
// holding a cockroachdb/pebble LSM with the documents, their fingerprint
// postings, the spin lexicon and store metadata.
//
// Key layout (one-byte prefix, then the fields below; BE = big-endian):
//
//	'd' ref(8 BE)                      -> document record (see record.go)
//	'i' id                             -> ref (uvarint)
//	'o' origin                         -> id
//	'p' bucket(2 BE)                   -> posting entries (see keys.go)
//	'l' from 0x00 to 0x00 site         -> count (uvarint), ordered From, To, Site
//	's' site 0x00 from 0x00 to         -> count (uvarint), the same entry by site
//	'k' pairKey                        -> empty (lexicon pair already recorded)
//	'm' key                            -> meta value; "pebble.format" holds FormatVersion
//	'c' "state"                        -> last ref, text bytes (uvarints)
//
// A 64-bit fingerprint is nearly always held by one document, so the
// postings are grouped: the bucket of a hash is its top 16 bits, and the
// bucket's value lists (low 48 bits, ref) for every posting in it, appended
// through pebble's concatenating Merger. Measured (pebble_bench_test.go),
// this costs 8-9 bytes a posting against 15.6 for one key per posting
// ('p' hash ref, empty value: pebble adds ~4 bytes of per-key overhead to a
// 12-byte key), and brought the BBC news set from 1.35x to 0.88x its raw
// text. A lookup reads its whole bucket, about 260 entries at 100k documents
// of 600 words; past a few million documents a wider bucket (a new
// FormatVersion) would keep lookups fast. Document text is stored raw; pebble
// moves document records into blob files at flush (value separation: they
// are compressed once, 32 KiB blocks with zstd, and never rewritten by
// compactions; see record.go and valueSeparation below). This is a pebble
// setting, not a change of FormatVersion: stores written with or without it
// read the same.
//
// Concurrency: a *DB is safe for concurrent use. Writes (Put, AddLexicon,
// SetMeta) are serialized by a mutex and each commits one atomic pebble
// batch (AddLexicon and SetMeta synced; Put batches reach the write-ahead
// log unsynced, so a crash loses at most the last batches whole, which a
// re-run of index adds again, and Close syncs the log); reads run
// concurrently with each other and with writes and
// see every batch either entirely or not at all. Only one process may open a
// store directory at a time.
package pebble

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	pb "github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/sstable/block"
	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/spintrace/spintrace"
)

// FormatVersion is the version of the key layout and record encoding this
// build writes; a store written by another version is refused with
// spintrace.ErrIncompatible.
//
// Changelog:
//
//	1: first layout (bucketed postings, binary doc records, zstd blocks).
const FormatVersion = 1

// formatKey is the meta key holding the store's FormatVersion.
const formatKey = "pebble.format"

// reservedMetaPrefix marks meta keys owned by this package.
const reservedMetaPrefix = "pebble."

// defaultCacheBytes is the block cache size when Options.CacheBytes is 0.
const defaultCacheBytes = 256 << 20

// Pebble tuning: memtable and sstable block sizes, and the batch bounds
// BatchHint suggests.
const (
	memTableBytes   = 32 << 20
	memTableReserve = 3 // memtables that may be alive at once (mutable + queued)
	blockBytes      = 32 << 10

	// A Put appends to nearly every posting bucket whatever its size, so
	// larger batches mean fewer, longer merge operands, and larger
	// memtables fewer flushes: measured on `spintrace bench --docs 30000`,
	// 1024 documents a batch with 32 MiB memtables took about 30% less CPU
	// than 512 with 16 MiB (each change alone 10-20%). A batch stays well
	// below half a memtable (~6.5 MiB at 1024 articles of 4.7 KB), above
	// which pebble would flush it on its own.
	batchDocs      = 1024
	batchTextBytes = 8 << 20
)

// valueSeparation moves document records (the text: most of a store's
// bytes) out of the LSM into blob files, written once at flush. Measured on
// `spintrace bench` (docs/benchmarks.md), this cut the CPU of indexing by
// 10-20% (10k to 100k documents) and the store's size at 30k documents from
// 0.87x to 0.80x the text. Postings, keys and small records stay in the
// tables (spanPolicy).
var valueSeparation = pb.ValueSeparationPolicy{
	Enabled:               true,
	MinimumSize:           1 << 10,
	MaxBlobReferenceDepth: 10,
	// blob files hold garbage only where a record was rewritten (Copies);
	// reclaim it lazily
	RewriteMinimumAge:  5 * time.Minute,
	TargetGarbageRatio: 0.2,
}

// spanPolicy separates values in the document span only: postings and the
// other keys are read on every trace and stay next to their keys.
func spanPolicy(start []byte) (pb.SpanPolicy, []byte, error) {
	inline := pb.SpanPolicy{ValueStoragePolicy: pb.ValueStorageLowReadLatency}
	switch {
	case len(start) > 0 && start[0] == prefixDoc:
		return pb.SpanPolicy{}, []byte{prefixDoc + 1}, nil
	case len(start) == 0 || start[0] < prefixDoc:
		return inline, []byte{prefixDoc}, nil
	}
	return inline, nil, nil
}

// compression is pebble's "Good" settings (fast compression on the levels
// that compactions rewrite often, zstd on the last two) with zstd level 1
// for value blocks on every level: blob files are written by flushes into
// L0 and never recompressed, so the document text gets zstd once.
var compression = func() pb.DBCompressionSettings {
	cs := pb.DBCompressionGood
	cs.Name = "spintrace"
	for i, l := range cs.Levels {
		p := *l
		p.Name = "spintrace-" + l.Name
		p.ValueBlocks = block.BalancedCompression.ValueBlocks // zstd level 1
		cs.Levels[i] = &p
	}
	return cs
}()

// Options configures Open.
type Options struct {
	// CacheBytes is the size of the block cache (0: 256 MiB, allocated as
	// used; a 100k-document store holds ~150 MiB of postings), on top of
	// the 96 MiB of memtables.
	CacheBytes int64
	// ReadOnly opens an existing store without writing to it; writes fail.
	ReadOnly bool
}

// DB is a spintrace.Store in one pebble directory.
type DB struct {
	dir      string
	readOnly bool

	// closeMu is held shared by every operation and exclusively by Close.
	closeMu sync.RWMutex
	closed  bool
	pdb     *pb.DB
	lock    *pb.Lock

	// wmu serializes writers; it guards the state below, which readers
	// access under stateMu.
	wmu       sync.Mutex
	stateMu   sync.RWMutex
	lastRef   uint64
	textBytes int64
	postings  [][]byte // Put's per-bucket buffers, guarded by wmu
}

var _ spintrace.Store = (*DB)(nil)

// errClosed is returned by every call after Close.
var errClosed = errors.New("pebble store: closed")

// Open opens the store in dir, creating the directory and an empty store
// when dir is missing or empty. A non-empty directory that is not a pebble
// database is refused without touching its files; a store held by another
// process gives an error wrapping spintrace.ErrLocked; a store written with
// another FormatVersion gives spintrace.ErrIncompatible.
func Open(ctx context.Context, dir string, opts Options) (*DB, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	fresh, err := prepareDir(dir, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	lock, err := pb.LockDirectory(dir, vfs.Default)
	if err != nil {
		if isLockConflict(err) {
			return nil, fmt.Errorf("open store %s: %w", dir, spintrace.ErrLocked)
		}
		return nil, fmt.Errorf("open store %s: lock: %w", dir, err)
	}
	cacheBytes := opts.CacheBytes
	if cacheBytes <= 0 {
		cacheBytes = defaultCacheBytes
	}
	po := &pb.Options{
		// Pebble reserves its memtables out of the block cache.
		CacheSize:          cacheBytes + memTableReserve*memTableBytes,
		FormatMajorVersion: pb.FormatNewest,
		Lock:               lock,
		Logger:             quietLogger{},
		ReadOnly:           opts.ReadOnly,
		ErrorIfNotExists:   !fresh,
		// Large memtables absorb Put batches (~0.65 MB per 100 docs)
		// without turning them into flushable batches.
		MemTableStopWritesThreshold: memTableReserve - 1,
		MemTableSize:                memTableBytes,
		Merger:                      pb.DefaultMerger, // concatenates posting operands
	}
	// Document records go to blob files when flushed, compressed once with
	// zstd (32 KiB blocks; see record.go), and compactions move only their
	// keys and references: the bulk of a store is never rewritten.
	po.Experimental.ValueSeparationPolicy = func() pb.ValueSeparationPolicy { return valueSeparation }
	po.Experimental.SpanPolicyFunc = spanPolicy
	po.ApplyCompressionSettings(func() pb.DBCompressionSettings { return compression })
	for i := range po.Levels {
		po.Levels[i].BlockSize = blockBytes
	}
	pdb, err := pb.Open(dir, po)
	if err != nil {
		_ = lock.Close()
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	db := &DB{dir: dir, readOnly: opts.ReadOnly, pdb: pdb, lock: lock}
	if err := db.init(); err != nil {
		_ = pdb.Close()
		_ = lock.Close()
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return db, nil
}

// prepareDir creates dir when missing and reports whether the store is to
// be created. A non-empty directory must hold a pebble database.
func prepareDir(dir string, readOnly bool) (fresh bool, err error) {
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if readOnly {
			return false, fmt.Errorf("open store %s: %w", dir, spintrace.ErrNotFound)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("create store %s: %w", dir, err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("open store %s: %w", dir, err)
	case len(ents) == 0:
		if readOnly {
			return false, fmt.Errorf("open store %s: empty directory: %w", dir, spintrace.ErrNotFound)
		}
		return true, nil
	}
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, "MANIFEST-") || strings.HasPrefix(n, "marker.manifest.") || n == "CURRENT" {
			return false, nil
		}
	}
	return false, fmt.Errorf("open store %s: directory is not empty and is not a spintrace store", dir)
}

// isLockConflict reports whether err from LockDirectory means someone else
// holds the lock (another process, or another DB in this process).
func isLockConflict(err error) bool {
	return errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) ||
		strings.Contains(err.Error(), "held by current process")
}

// init checks the format version (writing it into a new store) and loads
// the writer state.
func (db *DB) init() error {
	v, ok, err := db.get(metaKey(formatKey))
	if err != nil {
		return err
	}
	if !ok {
		empty, err := db.isEmpty()
		if err != nil {
			return err
		}
		if !empty {
			return errors.New("pebble database is not a spintrace store (no format version)")
		}
		if db.readOnly {
			return fmt.Errorf("store was never initialized: %w", spintrace.ErrNotFound)
		}
		if err := db.pdb.Set(metaKey(formatKey), []byte(strconv.Itoa(FormatVersion)), pb.Sync); err != nil {
			return fmt.Errorf("write format version: %w", err)
		}
		return nil
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n != FormatVersion {
		return fmt.Errorf("format version %q, this build reads %d: %w", v, FormatVersion, spintrace.ErrIncompatible)
	}
	st, ok, err := db.get(stateKey)
	if err != nil {
		return err
	}
	if ok {
		if db.lastRef, db.textBytes, err = decodeState(st); err != nil {
			return err
		}
	}
	return nil
}

// isEmpty reports whether the database holds no key at all.
func (db *DB) isEmpty() (bool, error) {
	it, err := db.pdb.NewIter(nil)
	if err != nil {
		return false, err
	}
	empty := !it.First()
	if err := it.Close(); err != nil {
		return false, err
	}
	return empty, nil
}

// get returns a copy of the value of key; ok is false when it is absent.
func (db *DB) get(key []byte) (v []byte, ok bool, err error) {
	val, closer, err := db.pdb.Get(key)
	if errors.Is(err, pb.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	v = append([]byte(nil), val...)
	return v, true, closer.Close()
}

// enter takes the shared close lock; it fails once the store is closed.
func (db *DB) enter() error {
	db.closeMu.RLock()
	if db.closed {
		db.closeMu.RUnlock()
		return errClosed
	}
	return nil
}

func (db *DB) leave() { db.closeMu.RUnlock() }

// enterWrite is enter for writers: it also refuses read-only stores.
func (db *DB) enterWrite() error {
	if err := db.enter(); err != nil {
		return err
	}
	if db.readOnly {
		db.leave()
		return fmt.Errorf("pebble store %s: opened read-only", db.dir)
	}
	return nil
}

// Close syncs the write-ahead log (Put batches are committed unsynced) and
// releases the store and its directory lock. Calls after Close, Close included, return errors.
func (db *DB) Close() error {
	db.closeMu.Lock()
	defer db.closeMu.Unlock()
	if db.closed {
		return errClosed
	}
	db.closed = true
	var err error
	if !db.readOnly {
		err = db.pdb.LogData(nil, pb.Sync) // make every Put durable
	}
	if cerr := db.pdb.Close(); err == nil {
		err = cerr
	}
	if lerr := db.lock.Close(); err == nil {
		err = lerr
	}
	if err != nil {
		return fmt.Errorf("close store %s: %w", db.dir, err)
	}
	return nil
}

// BatchHint returns the batch bounds (documents, bytes of text) that
// index.Builder uses for this store.
func (db *DB) BatchHint() (docs, textBytes int) { return batchDocs, batchTextBytes }

// LiveBytes flushes the memtables and returns the bytes of the live table
// and blob files: the index's size at rest, without write-ahead logs or
// files that compactions made obsolete (benchmarks report it).
func (db *DB) LiveBytes() (int64, error) {
	if err := db.enter(); err != nil {
		return 0, err
	}
	defer db.leave()
	if err := db.pdb.Flush(); err != nil {
		return 0, fmt.Errorf("flush store %s: %w", db.dir, err)
	}
	m := db.pdb.Metrics()
	return m.Total().TablesSize + int64(m.BlobFiles.LiveSize), nil
}

// Stats returns the document count and text bytes (kept by the writer) and
// the bytes the store occupies on disk.
func (db *DB) Stats(ctx context.Context) (spintrace.Stats, error) {
	if err := db.enter(); err != nil {
		return spintrace.Stats{}, err
	}
	defer db.leave()
	db.stateMu.RLock()
	s := spintrace.Stats{Docs: int64(db.lastRef), TextBytes: db.textBytes}
	db.stateMu.RUnlock()
	s.DiskBytes = int64(db.pdb.Metrics().DiskSpaceUsage())
	return s, nil
}

// quietLogger drops pebble's informational logging; errors still surface
// through return values.
type quietLogger struct{}

func (quietLogger) Infof(string, ...interface{})  {}
func (quietLogger) Errorf(string, ...interface{}) {}
func (quietLogger) Fatalf(format string, args ...interface{}) {
	panic(fmt.Sprintf(format, args...))
}
