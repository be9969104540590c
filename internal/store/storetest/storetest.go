// Package storetest is the conformance suite for spintrace.Store: every
// backend runs Run against fresh stores of its own, so that all of them keep
// the same contract. It tests only what spintrace.Store documents (no refs
// values, no on-disk details), and times at microsecond precision in UTC,
// which every backend can hold.
//
// Concurrency: Run starts its own goroutines for the concurrency subtest and
// waits for them; the stores it opens are closed when each subtest ends.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spintrace/spintrace"
)

// Harness tells Run how to get stores.
type Harness struct {
	// Open returns a new, empty store. Run closes it.
	Open func(t *testing.T) spintrace.Store
	// Reopen closes s and opens the same store again. Nil skips the
	// persistence subtest.
	Reopen func(t *testing.T, s spintrace.Store) spintrace.Store
}

// Run runs the conformance suite as subtests of t.
func Run(t *testing.T, h Harness) {
	tests := []struct {
		name string
		fn   func(t *testing.T, h Harness)
	}{
		{"RoundTrip", testRoundTrip},
		{"GetUnknown", testGetUnknown},
		{"PutIdempotent", testPutIdempotent},
		{"DuplicatesInOneBatch", testDuplicatesInOneBatch},
		{"OriginReingested", testOriginReingested},
		{"Resolve", testResolve},
		{"Postings", testPostings},
		{"PostingsLimit", testPostingsLimit},
		{"Scan", testScan},
		{"Stats", testStats},
		{"Lexicon", testLexicon},
		{"Meta", testMeta},
		{"Concurrent", testConcurrent},
		{"CancelledPut", testCancelledPut},
		{"Reopen", testReopen},
		{"Closed", testClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, h) })
	}
}

// open returns a fresh store that is closed when t ends.
func open(t *testing.T, h Harness) spintrace.Store {
	t.Helper()
	s := h.Open(t)
	t.Cleanup(func() { _ = s.Close() }) // a second Close may fail; fine
	return s
}

// docDiff compares documents, times by instant.
func docDiff(want, got any) string {
	return cmp.Diff(want, got, cmpopts.EquateApproxTime(0))
}

// newDoc returns a document with every field set and a text unique to name.
func newDoc(name string) spintrace.Doc {
	text := fmt.Sprintf("The text of %s, with “curly quotes”, accents (é, ß) and more words.", name)
	return spintrace.Doc{
		ID:        spintrace.DocID(text),
		Origin:    "/corpus/" + name + ".txt",
		URL:       "https://example.com/" + name,
		Site:      "example.com",
		Title:     "Title of " + name,
		Byline:    "By " + name,
		Published: time.Date(2024, 3, 5, 10, 30, 15, 123456000, time.UTC),
		Lang:      "en",
		Text:      text,
		Copies:    1,
	}
}

func entry(d spintrace.Doc, fps ...uint64) spintrace.Entry {
	return spintrace.Entry{Doc: d, Fingerprints: fps}
}

func mustPut(t *testing.T, s spintrace.Store, es ...spintrace.Entry) spintrace.PutStats {
	t.Helper()
	st, err := s.Put(t.Context(), es)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return st
}

func mustGet(t *testing.T, s spintrace.Store, id string) spintrace.Doc {
	t.Helper()
	d, err := s.Get(t.Context(), id)
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	return d
}

// postings returns the postings of hashes as a map.
func postings(t *testing.T, s spintrace.Store, limit int, hashes ...uint64) map[uint64][]spintrace.Ref {
	t.Helper()
	got := map[uint64][]spintrace.Ref{}
	err := s.Postings(t.Context(), hashes, limit, func(h uint64, refs []spintrace.Ref) error {
		if _, dup := got[h]; dup {
			t.Errorf("Postings reported hash %x twice", h)
		}
		got[h] = slices.Clone(refs)
		return nil
	})
	if err != nil {
		t.Fatalf("Postings: %v", err)
	}
	return got
}

// refOf returns the ref of the only document holding hash.
func refOf(t *testing.T, s spintrace.Store, hash uint64) spintrace.Ref {
	t.Helper()
	refs := postings(t, s, 0, hash)[hash]
	if len(refs) != 1 {
		t.Fatalf("hash %x: refs %v, want exactly one", hash, refs)
	}
	return refs[0]
}

// scan returns the refs and docs of the store, in Scan order.
func scan(t *testing.T, s spintrace.Store, after spintrace.Ref) ([]spintrace.Ref, []spintrace.Doc) {
	t.Helper()
	var refs []spintrace.Ref
	var docs []spintrace.Doc
	err := s.Scan(t.Context(), after, func(r spintrace.Ref, d spintrace.Doc) error {
		refs = append(refs, r)
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return refs, docs
}

func testRoundTrip(t *testing.T, h Harness) {
	s := open(t, h)
	full := newDoc("full")
	undated := newDoc("undated")
	undated.Published = time.Time{}
	sparse := spintrace.Doc{Text: "only text", ID: spintrace.DocID("only text"), Copies: 1}
	long := newDoc("long")
	long.Text = strings.Repeat("A longer body of words that compresses well. ", 400) + "end"
	long.ID = spintrace.DocID(long.Text)
	st := mustPut(t, s, entry(full, 1), entry(undated, 2), entry(sparse, 3), entry(long, 4))
	if diff := cmp.Diff(spintrace.PutStats{Added: 4}, st); diff != "" {
		t.Errorf("PutStats (-want +got):\n%s", diff)
	}
	for _, want := range []spintrace.Doc{full, undated, sparse, long} {
		got := mustGet(t, s, want.ID)
		if diff := docDiff(want, got); diff != "" {
			t.Errorf("Get(%s) (-want +got):\n%s", want.ID, diff)
		}
	}
	if got := mustGet(t, s, undated.ID); !got.Published.IsZero() {
		t.Errorf("zero Published came back as %v", got.Published)
	}
}

func testGetUnknown(t *testing.T, h Harness) {
	s := open(t, h)
	mustPut(t, s, entry(newDoc("a"), 1))
	_, err := s.Get(t.Context(), spintrace.DocID("never stored"))
	if !errors.Is(err, spintrace.ErrNotFound) {
		t.Errorf("Get(unknown) = %v, want ErrNotFound", err)
	}
}

func testPutIdempotent(t *testing.T, h Harness) {
	s := open(t, h)
	a, b := newDoc("a"), newDoc("b")
	if st := mustPut(t, s, entry(a, 1, 2), entry(b, 3)); st != (spintrace.PutStats{Added: 2}) {
		t.Errorf("first Put: %+v, want Added 2", st)
	}
	if st := mustPut(t, s, entry(a, 1, 2), entry(b, 3)); st != (spintrace.PutStats{Unchanged: 2}) {
		t.Errorf("second Put: %+v, want Unchanged 2", st)
	}
	copyA := a
	copyA.Origin = "https://mirror.example.net/a"
	copyA.Site = "mirror.example.net"
	if st := mustPut(t, s, entry(copyA, 1, 2)); st != (spintrace.PutStats{Duplicates: 1}) {
		t.Errorf("Put of a copy: %+v, want Duplicates 1", st)
	}
	if st := mustPut(t, s, entry(copyA, 1, 2)); st != (spintrace.PutStats{Unchanged: 1}) {
		t.Errorf("Put of the copy again: %+v, want Unchanged 1", st)
	}
	want := a
	want.Copies = 2
	if diff := docDiff(want, mustGet(t, s, a.ID)); diff != "" {
		t.Errorf("Get after duplicate (-want +got):\n%s", diff)
	}
	if got := mustGet(t, s, b.ID).Copies; got != 1 {
		t.Errorf("b.Copies = %d, want 1", got)
	}
	for _, tc := range []struct {
		origin string
		id     string
		ok     bool
	}{
		{a.Origin, a.ID, true},
		{copyA.Origin, a.ID, true},
		{b.Origin, b.ID, true},
		{"/never/seen", "", false},
	} {
		id, ok, err := s.HasOrigin(t.Context(), tc.origin)
		if err != nil || ok != tc.ok || (ok && id != tc.id) {
			t.Errorf("HasOrigin(%q) = %q, %v, %v; want %q, %v", tc.origin, id, ok, err, tc.id, tc.ok)
		}
	}
	if refs := postings(t, s, 0, 1)[1]; len(refs) != 1 {
		t.Errorf("postings of hash 1 after duplicates: %v, want one ref", refs)
	}
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != 2 {
		t.Errorf("Stats.Docs = %d, want 2", st.Docs)
	}
}

// testOriginReingested: an origin stored again with another text keeps
// both documents, and HasOrigin names the newer one (readers skip the
// older version with spintrace.Superseded).
func testOriginReingested(t *testing.T, h Harness) {
	s := open(t, h)
	v1 := newDoc("page")
	v1.Origin = "https://example.org/page"
	v2 := v1
	v2.Text = v1.Text + " Updated later with a correction."
	v2.ID = spintrace.DocID(v2.Text)
	mustPut(t, s, entry(v1, 1, 2))
	mustPut(t, s, entry(v2, 1, 3))
	id, ok, err := s.HasOrigin(context.Background(), v1.Origin)
	if err != nil || !ok || id != v2.ID {
		t.Fatalf("HasOrigin = %q, %v, %v; want the newer version %q", id, ok, err, v2.ID)
	}
	for _, d := range []spintrace.Doc{v1, v2} {
		mustGet(t, s, d.ID)
	}
	if old, err := spintrace.Superseded(context.Background(), s, v1); err != nil || !old {
		t.Errorf("the older version is not superseded (%v)", err)
	}
	if old, err := spintrace.Superseded(context.Background(), s, v2); err != nil || old {
		t.Errorf("the newer version is superseded (%v)", err)
	}
}

func testDuplicatesInOneBatch(t *testing.T, h Harness) {
	s := open(t, h)
	a := newDoc("a")
	b := a
	b.Origin = "/other/place"
	st := mustPut(t, s, entry(a, 1), entry(b, 1), entry(a, 1))
	if diff := cmp.Diff(spintrace.PutStats{Added: 1, Duplicates: 1, Unchanged: 1}, st); diff != "" {
		t.Errorf("PutStats (-want +got):\n%s", diff)
	}
	if got := mustGet(t, s, a.ID).Copies; got != 2 {
		t.Errorf("Copies = %d, want 2", got)
	}
}

func testResolve(t *testing.T, h Harness) {
	s := open(t, h)
	a, b, c := newDoc("a"), newDoc("b"), newDoc("c")
	mustPut(t, s, entry(a, 10), entry(b, 20))
	mustPut(t, s, entry(c, 30))
	ra, rb, rc := refOf(t, s, 10), refOf(t, s, 20), refOf(t, s, 30)
	if ra == rb || rb == rc || ra == rc {
		t.Fatalf("refs not distinct: %d %d %d", ra, rb, rc)
	}
	got, err := s.Resolve(t.Context(), []spintrace.Ref{rc, ra, rb, ra})
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	if diff := docDiff([]spintrace.Doc{c, a, b, a}, got); diff != "" {
		t.Errorf("Resolve (-want +got):\n%s", diff)
	}
	got, err = s.Resolve(t.Context(), nil)
	if err != nil || len(got) != 0 {
		t.Errorf("Resolve(nil) = %v, %v; want empty", got, err)
	}
	unknown := max(ra, rb, rc) + 1000
	if _, err := s.Resolve(t.Context(), []spintrace.Ref{ra, unknown}); !errors.Is(err, spintrace.ErrNotFound) {
		t.Errorf("Resolve(unknown ref) = %v, want ErrNotFound", err)
	}
}

func testPostings(t *testing.T, h Harness) {
	s := open(t, h)
	mustPut(t, s, entry(newDoc("a"), 1, 2, 3, 1<<63))
	mustPut(t, s, entry(newDoc("b"), 2, 3))
	mustPut(t, s, entry(newDoc("c"), 3, 1<<63+5))
	ra, rc := refOf(t, s, 1), refOf(t, s, 1<<63+5)
	got := postings(t, s, 0, 3, 99, 2, 1, 1<<63, 1<<63+5, 1<<64-1)
	if _, ok := got[99]; ok {
		t.Errorf("hash 99 without postings was reported")
	}
	if _, ok := got[1<<64-1]; ok {
		t.Errorf("hash 2^64-1 without postings was reported")
	}
	if len(got) != 5 {
		t.Errorf("reported %d hashes, want 5: %v", len(got), got)
	}
	for h, refs := range got {
		if !slices.IsSorted(refs) {
			t.Errorf("hash %x: refs %v not ascending", h, refs)
		}
		if len(slices.Compact(slices.Clone(refs))) != len(refs) {
			t.Errorf("hash %x: repeated refs %v", h, refs)
		}
	}
	want := map[uint64]int{1: 1, 2: 2, 3: 3, 1 << 63: 1, 1<<63 + 5: 1}
	for h, n := range want {
		if len(got[h]) != n {
			t.Errorf("hash %x: %d refs, want %d", h, len(got[h]), n)
		}
	}
	if got[1<<63][0] != ra {
		t.Errorf("hash 2^63: ref %d, want %d (doc a)", got[1<<63][0], ra)
	}
	if !slices.Contains(got[3], ra) || !slices.Contains(got[3], rc) {
		t.Errorf("hash 3: refs %v miss a (%d) or c (%d)", got[3], ra, rc)
	}
	if slices.Contains(got[2], rc) {
		t.Errorf("hash 2: refs %v hold c (%d), which lacks it", got[2], rc)
	}
	if got := postings(t, s, 0); len(got) != 0 {
		t.Errorf("Postings of no hashes reported %v", got)
	}

	stop := errors.New("stop here")
	calls := 0
	err := s.Postings(t.Context(), []uint64{1, 2, 3}, 0, func(uint64, []spintrace.Ref) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) {
		t.Errorf("Postings with failing fn = %v, want %v", err, stop)
	}
	if calls != 1 {
		t.Errorf("fn called %d times after failing, want 1", calls)
	}
}

func testPostingsLimit(t *testing.T, h Harness) {
	s := open(t, h)
	const common, rare = 7, 8
	var all []spintrace.Ref
	for i := range 6 {
		mustPut(t, s, entry(newDoc(fmt.Sprint("doc", i)), common, uint64(100+i)))
	}
	mustPut(t, s, entry(newDoc("rare"), rare))
	for i := range 6 {
		all = append(all, refOf(t, s, uint64(100+i)))
	}
	slices.Sort(all)
	for _, tc := range []struct {
		limit, want int
	}{{0, 6}, {-1, 6}, {1, 2}, {3, 4}, {5, 6}, {6, 6}, {100, 6}} {
		got := postings(t, s, tc.limit, common, rare)
		refs := got[common]
		if len(refs) != tc.want {
			t.Errorf("limit %d: %d refs %v, want %d", tc.limit, len(refs), refs, tc.want)
		}
		if !slices.IsSorted(refs) {
			t.Errorf("limit %d: refs %v not ascending", tc.limit, refs)
		}
		for _, r := range refs {
			if !slices.Contains(all, r) {
				t.Errorf("limit %d: ref %d is not a document holding the hash", tc.limit, r)
			}
		}
		if len(got[rare]) != 1 {
			t.Errorf("limit %d: rare hash refs %v, want one", tc.limit, got[rare])
		}
	}
}

func testScan(t *testing.T, h Harness) {
	s := open(t, h)
	var want []spintrace.Doc
	for i := range 5 {
		d := newDoc(fmt.Sprint("scan", i))
		want = append(want, d)
		mustPut(t, s, entry(d, uint64(i+1)))
	}
	refs, docs := scan(t, s, 0)
	if !slices.IsSorted(refs) || len(slices.Compact(slices.Clone(refs))) != len(refs) {
		t.Errorf("Scan refs %v not strictly ascending", refs)
	}
	if diff := docDiff(want, docs); diff != "" {
		t.Errorf("Scan docs (-want +got):\n%s", diff)
	}
	for i := range 5 {
		if r := refOf(t, s, uint64(i+1)); r != refs[i] {
			t.Errorf("doc %d: Scan ref %d, Postings ref %d", i, refs[i], r)
		}
	}
	tail, tailDocs := scan(t, s, refs[1])
	if diff := cmp.Diff(refs[2:], tail); diff != "" {
		t.Errorf("Scan after %d refs (-want +got):\n%s", refs[1], diff)
	}
	if diff := docDiff(want[2:], tailDocs); diff != "" {
		t.Errorf("Scan after %d docs (-want +got):\n%s", refs[1], diff)
	}
	if rest, _ := scan(t, s, refs[4]); len(rest) != 0 {
		t.Errorf("Scan after the last ref gave %v", rest)
	}
	stop := errors.New("stop here")
	calls := 0
	err := s.Scan(t.Context(), 0, func(spintrace.Ref, spintrace.Doc) error {
		if calls++; calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 2 {
		t.Errorf("Scan with failing fn = %v after %d calls, want %v after 2", err, calls, stop)
	}
}

func testStats(t *testing.T, h Harness) {
	s := open(t, h)
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != 0 || st.TextBytes != 0 {
		t.Errorf("empty store Stats = %+v", st)
	}
	a, b := newDoc("a"), newDoc("b")
	b.Text = "ünïcödé text, counted in bytes"
	b.ID = spintrace.DocID(b.Text)
	dup := a
	dup.Origin = "/copy"
	mustPut(t, s, entry(a, 1), entry(b, 2))
	mustPut(t, s, entry(dup, 1))
	st, err = s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := spintrace.Stats{Docs: 2, TextBytes: int64(len(a.Text) + len(b.Text))}
	if diff := cmp.Diff(want, st, cmpopts.IgnoreFields(spintrace.Stats{}, "DiskBytes")); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
	if st.DiskBytes < 0 {
		t.Errorf("DiskBytes = %d", st.DiskBytes)
	}
}

// lexicon returns the lexicon (of one site when site != "").
func lexicon(t *testing.T, s spintrace.Store, site string) []spintrace.LexEntry {
	t.Helper()
	var got []spintrace.LexEntry
	if err := s.Lexicon(t.Context(), site, func(e spintrace.LexEntry) error {
		got = append(got, e)
		return nil
	}); err != nil {
		t.Fatalf("Lexicon(%q): %v", site, err)
	}
	return got
}

func testLexicon(t *testing.T, h Harness) {
	s := open(t, h)
	ctx := t.Context()
	if got := lexicon(t, s, ""); len(got) != 0 {
		t.Errorf("empty lexicon: %v", got)
	}
	add := func(key string, es ...spintrace.LexEntry) {
		t.Helper()
		if err := s.AddLexicon(ctx, key, es); err != nil {
			t.Fatalf("AddLexicon(%q): %v", key, err)
		}
	}
	add("art1/src1",
		spintrace.LexEntry{From: "said", To: "stated", Site: "b.com", Count: 2},
		spintrace.LexEntry{From: "big", To: "large", Site: "a.com", Count: 1},
	)
	add("art1/src1", spintrace.LexEntry{From: "said", To: "stated", Site: "b.com", Count: 2})
	add("art2/src1",
		spintrace.LexEntry{From: "said", To: "stated", Site: "b.com", Count: 3},
		spintrace.LexEntry{From: "said", To: "stated", Site: "a.com", Count: 1},
		spintrace.LexEntry{From: "said", To: "declared", Site: "b.com", Count: 1},
		spintrace.LexEntry{From: "big", To: "huge", Site: "b.com", Count: 4},
	)
	want := []spintrace.LexEntry{
		{From: "big", To: "huge", Site: "b.com", Count: 4},
		{From: "big", To: "large", Site: "a.com", Count: 1},
		{From: "said", To: "declared", Site: "b.com", Count: 1},
		{From: "said", To: "stated", Site: "a.com", Count: 1},
		{From: "said", To: "stated", Site: "b.com", Count: 5},
	}
	if diff := cmp.Diff(want, lexicon(t, s, "")); diff != "" {
		t.Errorf("Lexicon (-want +got):\n%s", diff)
	}
	var wantB []spintrace.LexEntry
	for _, e := range want {
		if e.Site == "b.com" {
			wantB = append(wantB, e)
		}
	}
	if diff := cmp.Diff(wantB, lexicon(t, s, "b.com")); diff != "" {
		t.Errorf("Lexicon(b.com) (-want +got):\n%s", diff)
	}
	if got := lexicon(t, s, "c.com"); len(got) != 0 {
		t.Errorf("Lexicon(c.com) = %v, want none", got)
	}
	stop := errors.New("stop here")
	if err := s.Lexicon(ctx, "", func(spintrace.LexEntry) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("Lexicon with failing fn = %v, want %v", err, stop)
	}
}

func testMeta(t *testing.T, h Harness) {
	s := open(t, h)
	ctx := t.Context()
	if v, ok, err := s.Meta(ctx, "canon.version"); err != nil || ok {
		t.Errorf("Meta(unset) = %q, %v, %v; want not ok", v, ok, err)
	}
	for _, v := range []string{"3", "4", ""} {
		if err := s.SetMeta(ctx, "canon.version", v); err != nil {
			t.Fatalf("SetMeta: %v", err)
		}
		got, ok, err := s.Meta(ctx, "canon.version")
		if err != nil || !ok || got != v {
			t.Errorf("Meta after SetMeta(%q) = %q, %v, %v", v, got, ok, err)
		}
	}
}

func testConcurrent(t *testing.T, h Harness) {
	s := open(t, h)
	ctx := t.Context()
	const writers, batches, perBatch = 4, 5, 5
	var wg sync.WaitGroup
	done := make(chan struct{})
	errc := make(chan error, writers+2)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				var es []spintrace.Entry
				for i := range perBatch {
					n := (w*batches+b)*perBatch + i
					es = append(es, entry(newDoc(fmt.Sprint("conc", n)), uint64(1000+n), 1))
				}
				if _, err := s.Put(ctx, es); err != nil {
					errc <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		}()
	}
	var readers sync.WaitGroup
	for r := range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				d := newDoc(fmt.Sprint("conc", (i*7+r)%(writers*batches*perBatch)))
				if _, err := s.Get(ctx, d.ID); err != nil && !errors.Is(err, spintrace.ErrNotFound) {
					errc <- fmt.Errorf("reader Get: %w", err)
					return
				}
				err := s.Postings(ctx, []uint64{1, uint64(1000 + i%100)}, 0, func(h uint64, refs []spintrace.Ref) error {
					if !slices.IsSorted(refs) {
						return fmt.Errorf("hash %d: refs not ascending", h)
					}
					return nil
				})
				if err != nil {
					errc <- fmt.Errorf("reader Postings: %w", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	readers.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	const total = writers * batches * perBatch
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != total {
		t.Errorf("Stats.Docs = %d, want %d", st.Docs, total)
	}
	refs := postings(t, s, 0, 1)[1]
	if len(refs) != total || len(slices.Compact(slices.Clone(refs))) != total {
		t.Errorf("shared hash: %d distinct refs, want %d", len(refs), total)
	}
	for n := range total {
		mustGet(t, s, newDoc(fmt.Sprint("conc", n)).ID)
		refOf(t, s, uint64(1000+n))
	}
	all, _ := scan(t, s, 0)
	if len(all) != total {
		t.Errorf("Scan: %d docs, want %d", len(all), total)
	}
}

func testCancelledPut(t *testing.T, h Harness) {
	s := open(t, h)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	a, b := newDoc("a"), newDoc("b")
	if _, err := s.Put(ctx, []spintrace.Entry{entry(a, 1), entry(b, 2)}); err == nil {
		t.Fatal("Put with a cancelled context succeeded")
	}
	if _, err := s.Get(t.Context(), a.ID); !errors.Is(err, spintrace.ErrNotFound) {
		t.Errorf("Get after cancelled Put = %v, want ErrNotFound", err)
	}
	if _, ok, err := s.HasOrigin(t.Context(), b.Origin); ok || err != nil {
		t.Errorf("HasOrigin after cancelled Put = %v, %v", ok, err)
	}
	if got := postings(t, s, 0, 1, 2); len(got) != 0 {
		t.Errorf("postings after cancelled Put: %v", got)
	}
	if st, err := s.Stats(t.Context()); err != nil || st.Docs != 0 || st.TextBytes != 0 {
		t.Errorf("Stats after cancelled Put = %+v, %v", st, err)
	}
	// The store is still usable, and the next ref is the first one.
	mustPut(t, s, entry(a, 1))
	if refs, _ := scan(t, s, 0); len(refs) != 1 {
		t.Errorf("after cancelled Put then Put: refs %v", refs)
	}
}

func testReopen(t *testing.T, h Harness) {
	if h.Reopen == nil {
		t.Skip("harness cannot reopen a store")
	}
	s := h.Open(t)
	ctx := t.Context()
	a, b := newDoc("a"), newDoc("b")
	mustPut(t, s, entry(a, 1, 2), entry(b, 2))
	dup := a
	dup.Origin = "/copy/of/a"
	mustPut(t, s, entry(dup, 1))
	lex := spintrace.LexEntry{From: "big", To: "large", Site: "a.com", Count: 2}
	if err := s.AddLexicon(ctx, "pair", []spintrace.LexEntry{lex}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeta(ctx, "canon.version", "7"); err != nil {
		t.Fatal(err)
	}
	before, _ := scan(t, s, 0)
	statsBefore, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	s = h.Reopen(t, s)
	t.Cleanup(func() { _ = s.Close() })

	wantA := a
	wantA.Copies = 2
	if diff := docDiff(wantA, mustGet(t, s, a.ID)); diff != "" {
		t.Errorf("Get after reopen (-want +got):\n%s", diff)
	}
	if id, ok, err := s.HasOrigin(ctx, dup.Origin); err != nil || !ok || id != a.ID {
		t.Errorf("HasOrigin after reopen = %q, %v, %v", id, ok, err)
	}
	if got := postings(t, s, 0, 2)[2]; len(got) != 2 {
		t.Errorf("postings after reopen: %v", got)
	}
	if v, ok, err := s.Meta(ctx, "canon.version"); err != nil || !ok || v != "7" {
		t.Errorf("Meta after reopen = %q, %v, %v", v, ok, err)
	}
	if diff := cmp.Diff([]spintrace.LexEntry{lex}, lexicon(t, s, "")); diff != "" {
		t.Errorf("Lexicon after reopen (-want +got):\n%s", diff)
	}
	if err := s.AddLexicon(ctx, "pair", []spintrace.LexEntry{lex}); err != nil {
		t.Fatal(err)
	}
	if got := lexicon(t, s, ""); len(got) != 1 || got[0].Count != 2 {
		t.Errorf("pair key forgotten across reopen: %v", got)
	}
	statsAfter, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if statsAfter.Docs != statsBefore.Docs || statsAfter.TextBytes != statsBefore.TextBytes {
		t.Errorf("Stats after reopen %+v, before %+v", statsAfter, statsBefore)
	}
	if st := mustPut(t, s, entry(a, 1, 2)); st != (spintrace.PutStats{Unchanged: 1}) {
		t.Errorf("Put of a stored doc after reopen: %+v, want Unchanged 1", st)
	}
	c := newDoc("c")
	mustPut(t, s, entry(c, 3))
	after, _ := scan(t, s, 0)
	if len(after) != 3 || !slices.Equal(after[:2], before) {
		t.Fatalf("refs after reopen %v, before %v", after, before)
	}
	if after[2] <= before[1] {
		t.Errorf("new ref %d reuses or precedes old refs %v", after[2], before)
	}
}

func testClosed(t *testing.T, h Harness) {
	s := h.Open(t)
	a := newDoc("a")
	mustPut(t, s, entry(a, 1))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	ctx := t.Context()
	if _, err := s.Get(ctx, a.ID); err == nil {
		t.Error("Get after Close succeeded")
	}
	if _, err := s.Put(ctx, []spintrace.Entry{entry(newDoc("b"), 2)}); err == nil {
		t.Error("Put after Close succeeded")
	}
	if err := s.Postings(ctx, []uint64{1}, 0, func(uint64, []spintrace.Ref) error { return nil }); err == nil {
		t.Error("Postings after Close succeeded")
	}
	if _, err := s.Stats(ctx); err == nil {
		t.Error("Stats after Close succeeded")
	}
}
