package synonym

import (
	"bytes"
	"compress/gzip"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kljensen/snowball/english"
)

func TestEmbeddedTable(t *testing.T) {
	if n := len(tableGz); n > 1500<<10 {
		t.Errorf("table is %d bytes, want under 1.5 MB", n)
	}
	start := time.Now()
	tb, err := decode(tableGz)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("decoded %d bytes in %v: %d stems, %d forms, %d classes, %d related ids",
		len(tableGz), time.Since(start), len(tb.stems), len(tb.forms), len(tb.reps), len(tb.related))
	if len(tb.reps) < 1000 || len(tb.stems) < 10000 {
		t.Errorf("table too small: %d classes, %d stems", len(tb.reps), len(tb.stems))
	}
}

// TestRepresentativeIsMember checks that every member of a class gets the
// same representative, and that the representative is itself a member stem.
func TestRepresentativeIsMember(t *testing.T) {
	tb := get()
	members := make(map[int32][]string)
	for s, e := range tb.stems {
		if c := tb.entries[e].class; c >= 0 {
			members[c] = append(members[c], s)
		}
	}
	for c, rep := range tb.reps {
		ms := members[int32(c)]
		if len(ms) < 2 {
			t.Errorf("class %d (%s) has %d members", c, rep, len(ms))
		}
		if e, ok := tb.stems[rep]; !ok || tb.entries[e].class != int32(c) {
			t.Errorf("representative %q is not a member of class %d", rep, c)
		}
		for _, s := range ms {
			if english.Stem(s, false) != s {
				continue // not a word; Class would stem it again
			}
			if got, ok := Class(s); !ok || got != rep {
				t.Errorf("Class(%q) = %q, %v; want %q", s, got, ok, rep)
			}
		}
	}
	for f, e := range tb.forms {
		want, wantOK := "", false
		if c := tb.entries[e].class; c >= 0 {
			want, wantOK = tb.reps[c], true
		}
		if got, ok := Class(f); got != want || ok != wantOK {
			t.Errorf("Class(%q) = %q, %v; want %q, %v", f, got, ok, want, wantOK)
		}
	}
}

func TestClassExamples(t *testing.T) {
	tests := []struct {
		words []string // all in one class
	}{
		{[]string{"big", "bigger", "large", "larger", "largest"}},
		{[]string{"buy", "buys", "buying", "bought", "purchase", "purchased", "purchasing"}},
		{[]string{"say", "says", "said", "state", "stated"}},
		{[]string{"help", "helped", "helping", "assist", "assisted"}},
	}
	for _, tt := range tests {
		var reps []string
		for _, w := range tt.words {
			rep, ok := Class(w)
			if !ok {
				t.Errorf("Class(%q): no class", w)
			}
			reps = append(reps, rep)
		}
		want := make([]string, len(reps))
		for i := range want {
			want[i] = reps[0]
		}
		if diff := cmp.Diff(want, reps); diff != "" {
			t.Errorf("classes of %v differ (-want +got):\n%s", tt.words, diff)
		}
	}
	for _, w := range []string{"", "the", "zzzqx", "washington", "of"} {
		if rep, ok := Class(w); ok {
			t.Errorf("Class(%q) = %q, want no class", w, rep)
		}
	}
}

func TestRelated(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"buy", "purchase", true},
		{"buying", "buy", true},
		{"killed", "slain", true},
		{"zzzqx", "zzzqx", false},
		{"russia", "china", false},
		{"big", "small", false},
		{"up", "down", false},
		{"the", "a", false},
	}
	for _, tt := range tests {
		if got := Related(tt.a, tt.b); got != tt.want {
			t.Errorf("Related(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestConcurrent runs lookups from many goroutines, so that -race checks the
// cache publication.
func TestConcurrent(t *testing.T) {
	want := make(map[string]string)
	words := []string{"purchased", "purchasing", "bigger", "largest", "assisting", "negotiating", "xyzzying"}
	for _, w := range words {
		want[w], _ = Class(w)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				w := words[(g+i)%len(words)]
				if i%3 == 0 {
					w = w + "s" // mostly unseen words: exercise the cache
				}
				got, _ := Class(w)
				if i%3 != 0 && got != want[w] {
					t.Errorf("Class(%q) = %q, want %q", w, got, want[w])
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestDecodeRejectsCorruption(t *testing.T) {
	raw := gunzip(t, tableGz)
	cases := map[string][]byte{
		"not gzip":  []byte("hello"),
		"bad magic": gz(t, append([]byte("x"), raw[1:]...)),
		"truncated": gz(t, raw[:len(raw)/2]),
		"trailing":  gz(t, append(append([]byte{}, raw...), 0)),
		"empty":     gz(t, nil),
	}
	for name, in := range cases {
		if _, err := decode(in); !errors.Is(err, errCorrupt) {
			t.Errorf("%s: err = %v, want errCorrupt", name, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	raw := gunzip(f, tableGz)
	f.Add(gz(f, raw[:200]))
	f.Add(gz(f, []byte(magic+"\x01\x02\x01\x01a\x01\x01\x00\x01\x00\x00")))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		tb, err := decode(in)
		if err != nil {
			if !errors.Is(err, errCorrupt) {
				t.Fatalf("error %v does not wrap errCorrupt", err)
			}
			return
		}
		for _, e := range tb.entries {
			if e.relStart > e.relEnd || int(e.relEnd) > len(tb.related) {
				t.Fatalf("bad related range %d..%d", e.relStart, e.relEnd)
			}
		}
	})
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
