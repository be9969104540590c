package textnorm

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"

	"github.com/spintrace/spintrace/internal/synonym"
)

// Version identifies the canonicalization. Fingerprints depend on it, so a
// store built with another version must be rebuilt. Bump on any change to
// tokenization, folding, stop words, aliases, synonyms or stemming.
//
//	1: first version
const Version = 1

// Options select the canonicalization stages; the zero value disables all
// of them except case folding (used for ablations). Default() enables all.
type Options struct {
	Stem     bool // Snowball English stemming
	Synonyms bool // WordNet synonym classes
	Aliases  bool // entity aliases, single words and phrases
	Numbers  bool // "1,000" = "1000", "three" = "3"
}

// Default returns the full canonicalization.
func Default() Options { return Options{Stem: true, Synonyms: true, Aliases: true, Numbers: true} }

// Normalizer tokenizes and canonicalizes texts. Safe for concurrent use; it
// caches word canonicalizations (bounded).
type Normalizer struct {
	opts   Options
	shards [64]cacheShard
	locals sync.Pool // of *local; per Normalizer, since words canonicalize by opts
}

type cacheShard struct {
	mu sync.RWMutex
	m  map[uint64]wordInfo // by hash of the raw word: 64 bits, collisions negligible
}

type wordInfo struct {
	canon, norm uint64
	flags       uint8
	phraseHead  bool
}

const maxShardEntries = 1 << 14

// New returns a Normalizer with the given options.
func New(o Options) *Normalizer {
	n := &Normalizer{opts: o}
	for i := range n.shards {
		n.shards[i].m = make(map[uint64]wordInfo)
	}
	return n
}

// cacheSeed keys the in-memory word cache (never stored, so a per-process
// seed is fine and maphash is fast).
var cacheSeed = maphash.MakeSeed()

// hashString hashes canonical strings identically across processes and
// builds: fingerprints are stored, so the hash must be stable.
func hashString(s string) uint64 {
	// FNV-1a 64, then a final mix.
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	if h == 0 {
		h = 1
	}
	return h
}

// local is per-call scratch space, pooled: the raw tokens and a small,
// lock-free, direct-mapped cache in front of the shared word cache. Most
// words of a text are among the few thousand most frequent ones, which stay
// in it.
type local struct {
	raws []rawToken
	l1   [l1Entries]l1Entry
}

const l1Entries = 1 << 13 // 256 KiB: fits a core's L2 cache

type l1Entry struct {
	key  uint64 // word cache key; 0: empty
	info wordInfo
}

// Normalize tokenizes and canonicalizes src.
func (n *Normalizer) Normalize(src string) *Text {
	lc, _ := n.locals.Get().(*local)
	if lc == nil {
		lc = new(local)
	}
	defer n.locals.Put(lc)
	raws := scan(src, lc.raws[:0])
	lc.raws = raws[:0]
	t := &Text{Src: src, Tokens: make([]Token, 0, len(raws))}
	var q quoteState
	sent := int32(0)
	sentStart := 0
	prevEnd := 0
	for i := 0; i < len(raws); i++ {
		r := raws[i]
		if i > 0 && breakBetween(src, raws[i-1], r) {
			t.closeSentence(sentStart, sent)
			sent++
			sentStart = len(t.Tokens)
		}
		q.gap(src[prevEnd:r.start])
		info := n.cachedWord(lc, src[r.start:r.end], r.kind)
		tok := Token{Start: int32(r.start), End: int32(r.end), Canon: info.canon, Norm: info.norm, Sent: sent, Flags: info.flags}
		if q.open {
			tok.Flags |= FlagQuote
		}
		if info.phraseHead && n.opts.Aliases {
			if k, key, ok := matchPhrase(src, raws[i:]); ok {
				tok.End = int32(raws[i+k-1].end)
				tok.Canon = hashString("@" + key)
				tok.Norm = hashString(foldPhrase(src[tok.Start:tok.End]))
				tok.Flags = tok.Flags&(FlagCap|FlagQuote) | FlagAlias
				i += k - 1
				r = raws[i]
			}
		}
		t.Tokens = append(t.Tokens, tok)
		prevEnd = r.end
	}
	if len(t.Tokens) > sentStart {
		t.closeSentence(sentStart, sent)
	}
	return t
}

func (t *Text) closeSentence(start int, sent int32) {
	if start >= len(t.Tokens) {
		return
	}
	t.Sentences = append(t.Sentences, Sentence{
		Start: int32(start), End: int32(len(t.Tokens)),
		ByteStart: t.Tokens[start].Start, ByteEnd: t.Tokens[len(t.Tokens)-1].End,
	})
}

// matchPhrase tries the alias phrases starting at raws[0] and returns how
// many raw tokens the longest match spans.
func matchPhrase(src string, raws []rawToken) (int, string, bool) {
	head := Fold(src[raws[0].start:raws[0].end])
	for _, p := range aliasPhrase[head] {
		if len(p.words) > len(raws) {
			continue
		}
		ok := true
		for k := 1; k < len(p.words) && ok; k++ {
			gap := src[raws[k-1].end:raws[k].start]
			ok = strings.TrimSpace(gap) == "" && !strings.Contains(gap, "\n\n") &&
				Fold(src[raws[k].start:raws[k].end]) == p.words[k]
		}
		if ok {
			return len(p.words), p.key, true
		}
	}
	return 0, "", false
}

func foldPhrase(s string) string { return strings.Join(strings.Fields(Fold(s)), " ") }

// cachedWord is word through lc's direct-mapped cache.
func (n *Normalizer) cachedWord(lc *local, raw string, kind byte) wordInfo {
	h := maphash.String(cacheSeed, raw) ^ uint64(kind)
	if h == 0 {
		return n.word(h, raw, kind)
	}
	e := &lc.l1[(h>>6)&(l1Entries-1)] // the low 6 bits pick the shard
	if e.key == h {
		return e.info
	}
	info := n.word(h, raw, kind)
	*e = l1Entry{key: h, info: info}
	return info
}

// word canonicalizes one raw token whose cache key is h, through the cache.
func (n *Normalizer) word(h uint64, raw string, kind byte) wordInfo {
	sh := &n.shards[h&63]
	sh.mu.RLock()
	info, ok := sh.m[h]
	sh.mu.RUnlock()
	if ok {
		return info
	}
	info = n.canonical(raw, kind)
	sh.mu.Lock()
	if len(sh.m) >= maxShardEntries {
		clear(sh.m)
	}
	sh.m[h] = info
	sh.mu.Unlock()
	return info
}

// Canonical returns the canonical form of one word as a string (for tests,
// the lexicon and debugging).
func (n *Normalizer) Canonical(word string) string {
	s, _ := n.canonicalString(word, kindOf(word))
	return s
}

func kindOf(w string) byte {
	if end, ok := scanAbbrev(w, 0); ok && end == len(w) {
		return 'a'
	}
	for _, r := range w {
		if !unicode.IsDigit(r) && r != ',' && r != '.' {
			return 'w'
		}
	}
	return 'n'
}

func (n *Normalizer) canonical(raw string, kind byte) wordInfo {
	c, f := n.canonicalString(raw, kind)
	folded := Fold(raw)
	info := wordInfo{canon: hashString(c), norm: hashString(stripPossessive(folded)), flags: f}
	if r, _ := utf8.DecodeRuneInString(raw); unicode.IsUpper(r) {
		info.flags |= FlagCap
	}
	_, info.phraseHead = aliasPhrase[folded]
	return info
}

// canonicalString is the canonicalization pipeline for one word. The prefix
// of the result names the stage that decided it: '#' number, '=' stop word,
// '@' alias, '~' synonym class, '^' stem.
func (n *Normalizer) canonicalString(raw string, kind byte) (string, uint8) {
	w := Fold(raw)
	if kind == 'n' {
		if n.opts.Numbers {
			return "#" + strings.ReplaceAll(w, ",", ""), FlagNumber
		}
		return "#" + w, FlagNumber
	}
	if kind == 'a' {
		if key, ok := aliasWord[w]; ok && n.opts.Aliases {
			return "@" + key, 0
		}
		w = strings.ReplaceAll(w, ".", "")
	}
	w = stripPossessive(w)
	if key, ok := capsAliases[raw]; ok && n.opts.Aliases {
		return "@" + key, 0 // "US", "WHO": capitals tell them from "us", "who"
	}
	if stopWords[w] {
		return "=" + w, FlagStop
	}
	if n.opts.Numbers {
		if d, ok := numberWords[w]; ok {
			return "#" + d, FlagNumber
		}
	}
	if n.opts.Aliases {
		if key, ok := aliasWord[w]; ok {
			return "@" + key, 0
		}
	}
	if n.opts.Synonyms {
		if rep, ok := synonym.Class(w); ok {
			return "~" + rep, 0
		}
	}
	if n.opts.Stem {
		return "^" + english.Stem(w, false), 0
	}
	return "^" + w, 0
}

func stripPossessive(w string) string {
	if strings.HasSuffix(w, "'s") && len(w) > 2 {
		return w[:len(w)-2]
	}
	return strings.TrimSuffix(w, "'")
}

var numberWords = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
	"eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
	"nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
	"fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
	"ninety": "90", "hundred": "100", "thousand": "1000", "million": "1000000",
	"billion": "1000000000", "trillion": "1000000000000", "dozen": "12",
	"first": "1st", "second": "2nd", "third": "3rd",
}

// Fold lower-cases a word, applies Unicode compatibility normalization,
// removes diacritics and turns typographic apostrophes into "'".
func Fold(s string) string {
	ascii := true
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if ascii {
		if lower {
			return s
		}
		return strings.ToLower(s)
	}
	d := norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\u2019' || r == '\u02bc' || r == '\u2018':
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Stem returns the Snowball English stem of a word, after folding.
func Stem(word string) string {
	return english.Stem(stripPossessive(Fold(word)), false)
}
