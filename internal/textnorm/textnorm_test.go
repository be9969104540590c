package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

const tricky = "The U.S.\u00a0and the Russian Federation met in São Paulo \u2014 “We won’t back down,” Lavrov said.\n\n" +
	"Mr. Smith paid $1,000.50 (3.5%) to José Ñúñez; it's e.g. large.two.Assertive don't\u2011stop \"quoted\nline\" end"

func TestOffsetsRoundTrip(t *testing.T) {
	n := New(Default())
	for _, src := range []string{tricky, "", "   ", "a", "ÅÄÖ åäö", "x\x00y", string([]byte{0xff, 'a', 0xfe}), "日本語のテキスト and English"} {
		tx := n.Normalize(src)
		prev := int32(0)
		for i, tok := range tx.Tokens {
			if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(src) {
				t.Fatalf("%q: token %d has bad range [%d,%d)", src, i, tok.Start, tok.End)
			}
			w := src[tok.Start:tok.End]
			if strings.TrimSpace(w) != w || w == "" {
				t.Errorf("%q: token %d %q has surrounding space", src, i, w)
			}
			prev = tok.End
		}
		// every letter or digit of the text is inside some token
		covered := make([]bool, len(src))
		for _, tok := range tx.Tokens {
			for b := tok.Start; b < tok.End; b++ {
				covered[b] = true
			}
		}
		for b, r := range src {
			if isWordRune(r) && !covered[b] {
				t.Errorf("%q: word character %q at %d is in no token", src, r, b)
			}
		}
	}
}

func words(tx *Text) []string {
	var out []string
	for i := range tx.Tokens {
		out = append(out, tx.Word(i))
	}
	return out
}

func TestTokenize(t *testing.T) {
	n := New(Default())
	got := words(n.Normalize(tricky))
	want := []string{"The", "U.S.", "and", "the", "Russian Federation", "met", "in", "São", "Paulo", "We", "won’t", "back", "down",
		"Lavrov", "said", "Mr", "Smith", "paid", "1,000.50", "3.5", "to", "José", "Ñúñez", "it's", "e.g.", "large", "two",
		"Assertive", "don't", "stop", "quoted", "line", "end"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tokens (-want +got):\n%s", d)
	}
}

func TestSentences(t *testing.T) {
	n := New(Default())
	src := "Mr. Smith went to Washington. He met the U.S. envoy! Did it work? \"Yes,\" he said. " +
		"Prices rose 3.5 percent.the end.Assertive words\n\nNew paragraph without stop\nA headline line\nNext"
	tx := n.Normalize(src)
	var got []string
	for _, s := range tx.Sentences {
		got = append(got, src[s.ByteStart:s.ByteEnd])
	}
	want := []string{
		"Mr. Smith went to Washington",
		"He met the U.S. envoy",
		"Did it work",
		"Yes,\" he said",
		"Prices rose 3.5 percent",
		"the end", // "percent.the": glued sentences, a join artifact
		"Assertive words",
		"New paragraph without stop",
		"A headline line",
		"Next",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sentences (-want +got):\n%s", d)
	}
}

func TestQuotes(t *testing.T) {
	n := New(Default())
	src := "He said “we will win” and \"they lost\" today.\n\n\"First paragraph of a quote\n\n\"Second part,\" she said."
	tx := n.Normalize(src)
	var in []string
	for i, tok := range tx.Tokens {
		if tok.Is(FlagQuote) {
			in = append(in, tx.Word(i))
		}
	}
	want := []string{"we", "will", "win", "they", "lost", "First", "paragraph", "of", "a", "quote", "Second", "part"}
	if d := cmp.Diff(want, in); d != "" {
		t.Errorf("quoted tokens (-want +got):\n%s", d)
	}
}

// canon returns the canonical id of the single token (or phrase) s.
func canon(t *testing.T, n *Normalizer, s string) uint64 {
	t.Helper()
	tx := n.Normalize(s)
	if len(tx.Tokens) != 1 {
		t.Fatalf("%q is %d tokens, want 1 (%q)", s, len(tx.Tokens), words(tx))
	}
	return tx.Tokens[0].Canon
}

func TestCanonicalEquivalence(t *testing.T) {
	n := New(Default())
	same := [][2]string{
		{"Russia", "Russian Federation"},
		{"U.S.", "USA"},
		{"U.S.", "United States"},
		{"USA", "United States of America"},
		{"UK", "Britain"},
		{"U.N.", "United Nations"},
		{"EU", "European Union"},
		{"running", "runs"},
		{"Russia's", "Russia"},
		{"José", "JOSE"},
		{"ﬁnance", "finance"}, // compatibility ligature
		{"1,000", "1000"},
		{"three", "3"},
		{"big", "large"},
		{"buy", "purchase"},
		{"per cent", "percent"},
		{"won’t", "won't"},
		{"US", "U.S."},
		{"WHO", "World Health Organization"},
	}
	for _, p := range same {
		if canon(t, n, p[0]) != canon(t, n, p[1]) {
			t.Errorf("%q and %q should share a canonical form", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"Russia", "China"}, {"US", "us"}, {"WHO", "who"}, {"big", "small"}, {"attack", "defend"}, {"100", "1000"},
		{"South America", "America"}, {"up", "down"},
	}
	for _, p := range differ {
		if canon(t, n, p[0]) == canon(t, n, p[1]) {
			t.Errorf("%q and %q should differ", p[0], p[1])
		}
	}
}

func TestStopAndFlags(t *testing.T) {
	n := New(Default())
	tx := n.Normalize("The Minister said 12 things")
	want := []uint8{FlagStop | FlagCap, FlagCap, 0, FlagNumber, 0}
	var got []uint8
	for _, tok := range tx.Tokens {
		got = append(got, tok.Flags)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("flags (-want +got):\n%s", d)
	}
}

func TestAblationOptions(t *testing.T) {
	off := New(Options{})
	if canon(t, off, "running") == canon(t, off, "runs") {
		t.Error("without stemming, running and runs should differ")
	}
	if canon(t, off, "U.S.") == canon(t, off, "USA") {
		t.Error("without aliases, U.S. and USA should differ")
	}
	if canon(t, off, "Russia") != canon(t, off, "RUSSIA") {
		t.Error("case folding is always on")
	}
}

func TestCharIndex(t *testing.T) {
	src := "a€b😀c"
	ci := NewCharIndex(src)
	for b := range src {
		if got, want := ci.Char(b), utf8.RuneCountInString(src[:b]); got != want {
			t.Errorf("Char(%d) = %d, want %d", b, got, want)
		}
		if ByteOffset(src, ci.Char(b)) != b {
			t.Errorf("ByteOffset(Char(%d)) != %d", b, b)
		}
	}
	if ci.Char(len(src)) != 5 {
		t.Errorf("end = %d, want 5", ci.Char(len(src)))
	}
	if NewCharIndex("ascii").Char(3) != 3 {
		t.Error("ascii fast path")
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add(tricky)
	f.Add("U.S.A.B.C.D. x.y. ..\"\"“”")
	f.Add(string([]byte{0xff, 0xfe, 'U', '.', 'S'}))
	n := New(Default())
	f.Fuzz(func(t *testing.T, s string) {
		tx := n.Normalize(s)
		prev := int32(0)
		for _, tok := range tx.Tokens {
			if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(s) {
				t.Fatalf("bad token range [%d,%d) in %q", tok.Start, tok.End, s)
			}
			prev = tok.End
		}
		for _, se := range tx.Sentences {
			if se.Start >= se.End || int(se.End) > len(tx.Tokens) {
				t.Fatalf("bad sentence %+v", se)
			}
		}
	})
}
