// Package spintrace holds the core vocabulary of the provenance engine: the
// document, the spans and passages a trace reports, the trace result, and the
// Store seam that every index backend implements. It imports only the
// standard library; every other package imports down into it.
//
// Concurrency: the types here are plain values. Store implementations state
// their own concurrency contract on the interface below.
package spintrace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"
)

// Sentinel errors shared by every backend. Wrap them with context; test with
// errors.Is.
var (
	// ErrNotFound: the document (or other object) is not in the store.
	ErrNotFound = errors.New("spintrace: not found")
	// ErrCorrupt: stored bytes could not be decoded. Distinct from I/O errors.
	ErrCorrupt = errors.New("spintrace: store is corrupt")
	// ErrIncompatible: the store was written with a format or canonicalization
	// version this build cannot read; it must be rebuilt.
	ErrIncompatible = errors.New("spintrace: incompatible store version")
	// ErrLocked: another process holds the store.
	ErrLocked = errors.New("spintrace: store is locked by another process")
	// ErrBadInput: the user's input is unusable (empty, binary, not UTF-8...).
	ErrBadInput = errors.New("spintrace: bad input")
)

// Doc is one article as stored in the index.
type Doc struct {
	// ID is the content hash of Text (see DocID): equal texts share an ID.
	ID string `json:"id"`
	// Origin is where the text was read from: a file path or a URL.
	Origin    string    `json:"origin,omitempty"`
	URL       string    `json:"url,omitempty"`
	Site      string    `json:"site,omitempty"`
	Title     string    `json:"title,omitempty"`
	Byline    string    `json:"byline,omitempty"`
	Published time.Time `json:"published,omitzero"` // zero when unknown
	Lang      string    `json:"lang,omitempty"`
	Text      string    `json:"text,omitempty"`
	// Copies counts how many times this exact text was ingested from
	// different origins (1 for a unique document).
	Copies int `json:"copies,omitempty"`
}

// DocID returns the stable content id of a text: the first 16 bytes of its
// SHA-256, in hex.
func DocID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:16])
}

// Span is a half-open range [Start, End) of character (Unicode code point)
// offsets into a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of characters in the span.
func (s Span) Len() int { return s.End - s.Start }

// Ref is a store-internal document number, dense and assigned at insertion.
// Refs are only meaningful within one store.
type Ref uint64

// Entry is a document with its fingerprints, ready to be stored.
type Entry struct {
	Doc Doc
	// Fingerprints are the document's distinct winnowed hashes.
	Fingerprints []uint64
}

// PutStats reports what a Put did.
type PutStats struct {
	Added      int // new documents stored
	Duplicates int // exact duplicates of stored documents from a new origin
	Unchanged  int // origin already stored with this very text (re-run)
}

// LexEntry is one spin-lexicon entry: a substitution From (source words) ->
// To (article words) seen Count times on Site.
type LexEntry struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Site  string `json:"site"`
	Count int    `json:"count"`
}

// Stats describes a store.
type Stats struct {
	Docs      int64 // distinct documents
	TextBytes int64 // bytes of document text stored
	DiskBytes int64 // bytes the store occupies (0 when unknown)
}

// Store is the index seam: documents plus fingerprint postings. The embedded
// store (internal/store/pebble) is the default; others follow the same
// contract, checked by internal/store/storetest.
//
// All methods are safe for concurrent use by multiple goroutines.
type Store interface {
	// Put stores entries atomically (all or none). It is idempotent: a
	// document whose ID is stored already is not stored again (counted as a
	// duplicate when its Origin is new, unchanged otherwise), so re-running an
	// interrupted index finishes it without adding anything twice.
	Put(ctx context.Context, entries []Entry) (PutStats, error)

	// Get returns the document with this ID, or an error wrapping ErrNotFound.
	Get(ctx context.Context, id string) (Doc, error)

	// Resolve returns the documents for refs, in the same order. A ref that is
	// not stored gives an error wrapping ErrNotFound.
	Resolve(ctx context.Context, refs []Ref) ([]Doc, error)

	// HasOrigin reports whether a document was stored from origin, and its ID.
	HasOrigin(ctx context.Context, origin string) (id string, ok bool, err error)

	// Postings calls fn once for every hash in hashes that has postings, with
	// the refs of the documents holding it in ascending order. At most
	// limit+1 refs are passed (limit <= 0: no limit), so callers can tell a
	// hash that is too common to be useful. fn must not retain refs.
	Postings(ctx context.Context, hashes []uint64, limit int, fn func(hash uint64, refs []Ref) error) error

	// Scan calls fn for every stored document in ref order, starting after
	// ref `after` (0 for the beginning). Returning a non-nil error stops it.
	Scan(ctx context.Context, after Ref, fn func(ref Ref, d Doc) error) error

	// AddLexicon adds the substitution pairs observed between one article
	// and one source to the spin lexicon. It is idempotent per pairKey (the
	// same article/source pair recorded twice counts once).
	AddLexicon(ctx context.Context, pairKey string, entries []LexEntry) error

	// Lexicon calls fn for every lexicon entry, for one site when site != "",
	// ordered by From, To, Site.
	Lexicon(ctx context.Context, site string, fn func(LexEntry) error) error

	// Meta returns a store-level setting (format and canonicalization
	// versions, ...); ok is false when unset.
	Meta(ctx context.Context, key string) (value string, ok bool, err error)

	// SetMeta sets a store-level setting.
	SetMeta(ctx context.Context, key, value string) error

	// Stats returns counts and sizes.
	Stats(ctx context.Context) (Stats, error)

	// Close releases the store. Calls after Close return errors.
	Close() error
}

// Superseded reports whether d is an older version of a page: its origin
// (URL or path) was indexed again with another text since. Stores keep
// both versions; readers skip the older one, so that re-ingesting a URL
// updates it rather than duplicating it.
func Superseded(ctx context.Context, st Store, d Doc) (bool, error) {
	if d.Origin == "" {
		return false, nil
	}
	id, ok, err := st.HasOrigin(ctx, d.Origin)
	if err != nil {
		return false, err
	}
	return ok && id != d.ID, nil
}
