package pebble

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
)

func TestRecordRoundTrip(t *testing.T) {
	long := strings.Repeat("words that repeat and compress ", 100)
	tests := []struct {
		name string
		doc  spintrace.Doc
	}{
		{"empty", spintrace.Doc{}},
		{"short", spintrace.Doc{ID: "x", Text: "short text", Copies: 1}},
		{"full", spintrace.Doc{
			ID: spintrace.DocID(long), Origin: "o", URL: "u", Site: "s", Title: "t",
			Byline: "b", Lang: "en", Text: long, Copies: 3,
			Published: time.Date(1969, 7, 20, 20, 17, 40, 999, time.UTC),
		}},
		{"binary text", spintrace.Doc{Text: randomText(400), Lang: "xx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := encodeDoc(nil, &tt.doc)
			got, err := decodeDoc(rec)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if diff := cmp.Diff(tt.doc, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			// Every cut before the text is detected (a cut text is not).
			for i := range len(rec) - len(tt.doc.Text) {
				if _, err := decodeDoc(rec[:i]); !errors.Is(err, spintrace.ErrCorrupt) {
					t.Fatalf("truncated to %d bytes: err = %v, want ErrCorrupt", i, err)
				}
			}
		})
	}
}

// randomText returns n pseudo-random bytes.
func randomText(n int) string {
	b := make([]byte, n)
	x := uint64(88172645463325252)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x)
	}
	return string(b)
}

func TestPostingEntry(t *testing.T) {
	for _, tc := range []struct{ hash, ref uint64 }{
		{0, 1}, {1<<64 - 1, 1<<64 - 1}, {0xabcdef0123456789, 300}, {1 << 48, 5},
	} {
		b := appendPosting([]byte{0xee}, tc.hash, tc.ref)[1:]
		suffix, ref, n, err := nextPosting(append(b, 0xff))
		if err != nil || n != len(b) || ref != tc.ref || suffix != suffixOf(tc.hash) {
			t.Errorf("posting (%x, %d): got suffix %x ref %d n %d err %v", tc.hash, tc.ref, suffix, ref, n, err)
		}
		if got := bucketKey(bucketOf(tc.hash)); got[1] != byte(tc.hash>>56) || got[2] != byte(tc.hash>>48) {
			t.Errorf("bucket key of %x = %x", tc.hash, got)
		}
		for i := range b {
			if _, _, _, err := nextPosting(b[:i]); !errors.Is(err, spintrace.ErrCorrupt) {
				t.Errorf("truncated posting %x: err = %v, want ErrCorrupt", b[:i], err)
			}
		}
	}
}

func FuzzDecodeDoc(f *testing.F) {
	f.Add(encodeDoc(nil, &spintrace.Doc{ID: "id", Text: "text", Copies: 1}))
	f.Add(encodeDoc(nil, &spintrace.Doc{Text: strings.Repeat("abc ", 200), Published: time.Unix(5, 6)}))
	f.Add([]byte{recordVersion, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0xff, 0xff, 0x03})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decodeDoc(b)
		if err != nil {
			if !errors.Is(err, spintrace.ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		again, err := decodeDoc(encodeDoc(nil, &d))
		if err != nil {
			t.Fatalf("re-encoded record: %v", err)
		}
		if diff := cmp.Diff(d, again); diff != "" {
			t.Fatalf("re-encode round trip (-want +got):\n%s", diff)
		}
	})
}
