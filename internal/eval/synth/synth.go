// Package synth generates synthetic news-like corpora on the fly for
// benchmarks (`spintrace bench`): articles of 500-700 words drawn from a
// Zipf-distributed vocabulary of about 30,000 made-up but pronounceable words,
// the common English function words and the words spinners replace, with
// fake sites, bylines, dates and the occasional attributed quotation.
// Generation is deterministic for a seed and fast (well over 50 MB of text per
// second on one core), so benchmarks need no stored data.
//
// Derivative makes a spun, stitched query article from one synthetic article
// through internal/eval/spingen; like spingen it exists for measurement only.
//
// Concurrency: the vocabulary is built once, on first use, and then only
// read; Corpus and Derivative are safe for concurrent use.
package synth

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spingen"
)

// VocabSize is the number of made-up words in the vocabulary.
const VocabSize = 30000

// zipfS is the Zipf exponent of word ranks.
const zipfS = 1.0

// functionWords lead the rank order.
var functionWords = strings.Fields(`the of and to a in that is was for on with as by at
it from be has have he she they his her their its are were been not but or an which
who this will would said had after about more than when also into over one two new
can could there up out what its all some other if them were year years last first
may people than only we our us no so any most such while during before under then
where how many those because through these both between against since told
percent week officials government city state`)

// vocab is the ranked word list and its Zipf alias table.
type vocab struct {
	// spaced holds " word" for every word, by rank, in one block so that
	// frequent words share cache lines; off[i]:off[i+1] is word i.
	spaced []byte
	off    []uint32
	caps   [][]byte // capitalized, for sentence starts and titles
	prob   []uint32 // alias method: keep i when coin < prob[i]
	alias  []uint32
	names  [][]byte // capitalized words used as given names and surnames
}

var (
	vocabOnce sync.Once
	theVocab  *vocab
)

func getVocab() *vocab {
	vocabOnce.Do(func() { theVocab = buildVocab() })
	return theVocab
}

var (
	onsets = strings.Fields("b br c ch cl d dr f fl g gr h j k kl l m n p pl pr r s sh st t tr v w z")
	vowels = strings.Fields("a e i o u ai ea io ou")
	codas  = []string{"", "", "", "n", "r", "l", "s", "m", "th", "nd", "st", "k"}
)

func buildVocab() *vocab {
	r := newRNG(0x5eed5eed)
	seen := map[string]bool{}
	var ranked []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			ranked = append(ranked, w)
		}
	}
	for _, w := range functionWords {
		add(w)
	}
	var spin []string
	for _, w := range spingen.Words() {
		if !strings.Contains(w, " ") {
			spin = append(spin, w)
		}
	}
	made := make([]string, 0, VocabSize)
	for len(made) < VocabSize {
		var sb strings.Builder
		for s := 2 + int(r.next()%3); s > 0; s-- {
			sb.WriteString(onsets[r.next()%uint64(len(onsets))])
			sb.WriteString(vowels[r.next()%uint64(len(vowels))])
			if s == 1 || r.next()%3 == 0 {
				sb.WriteString(codas[r.next()%uint64(len(codas))])
			}
		}
		w := sb.String()
		if !seen[w] {
			seen[w] = true
			made = append(made, w)
		}
	}
	// Spinnable English words are spread over the first ranks of the
	// made-up words, one in eight.
	for i, w := range made {
		if i%8 == 0 && len(spin) > 0 {
			add(spin[0])
			spin = spin[1:]
		}
		ranked = append(ranked, w)
	}
	for _, w := range spin {
		add(w)
	}
	v := &vocab{caps: make([][]byte, len(ranked)), off: make([]uint32, 0, len(ranked)+1)}
	for i, w := range ranked {
		v.off = append(v.off, uint32(len(v.spaced)))
		v.spaced = append(append(v.spaced, ' '), w...)
		v.caps[i] = []byte(strings.ToUpper(w[:1]) + w[1:])
	}
	v.off = append(v.off, uint32(len(v.spaced)))
	for i := len(made) - 2000; i < len(made); i++ {
		c := []byte(strings.ToUpper(made[i][:1]) + made[i][1:])
		v.names = append(v.names, c)
	}
	weights := make([]float64, len(ranked))
	for i := range weights {
		weights[i] = 1 / math.Pow(float64(i+1), zipfS)
	}
	v.prob, v.alias = aliasTable(weights)
	return v
}

// aliasTable builds Vose's alias tables for sampling index i with
// probability weights[i]/sum.
func aliasTable(weights []float64) ([]uint32, []uint32) {
	n := len(weights)
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	scaled := make([]float64, n)
	var small, large []int
	for i, w := range weights {
		scaled[i] = w * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	prob := make([]uint32, n)
	alias := make([]uint32, n)
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		prob[s] = uint32(scaled[s] * (1<<32 - 1))
		alias[s] = uint32(l)
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		prob[i] = math.MaxUint32
		alias[i] = uint32(i)
	}
	return prob, alias
}

// rng is splitmix64: tiny, fast and good enough for text.
type rng struct{ s uint64 }

func newRNG(seed uint64) *rng { return &rng{s: seed} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0, n).
func (r *rng) intn(n int) int { return int((r.next() >> 32) * uint64(n) >> 32) }

func (v *vocab) sample(r *rng) int {
	x := r.next()
	i := uint32((x >> 32) * uint64(len(v.prob)) >> 32)
	if uint32(x) < v.prob[i] {
		return int(i)
	}
	return int(v.alias[i])
}

// docSeed mixes the corpus seed and the article number.
func docSeed(seed int64, i int) uint64 {
	r := newRNG(uint64(seed)*0x2545f4914f6cdd1d ^ uint64(i))
	return r.next()
}

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Corpus calls fn for n synthetic articles, numbered 0..n-1, in order. The
// same seed gives the same articles; article i does not depend on n. A
// non-nil error from fn stops the stream and is returned, wrapped.
func Corpus(seed int64, n int, fn func(i int, d spintrace.Doc) error) error {
	g := &gen{v: getVocab(), buf: make([]byte, 0, 8<<10)}
	for i := 0; i < n; i++ {
		if err := fn(i, g.article(seed, i)); err != nil {
			return fmt.Errorf("synth: article %d: %w", i, err)
		}
	}
	return nil
}

// Article returns article i of the corpus with this seed, as Corpus would.
func Article(seed int64, i int) spintrace.Doc {
	g := &gen{v: getVocab(), buf: make([]byte, 0, 8<<10)}
	return g.article(seed, i)
}

type gen struct {
	v   *vocab
	buf []byte
}

func (g *gen) article(seed int64, i int) spintrace.Doc {
	r := newRNG(docSeed(seed, i))
	v := g.v
	// Title.
	b := g.buf[:0]
	for k, nw := 0, 5+r.intn(5); k < nw; k++ {
		if k > 0 {
			b = append(b, ' ')
		}
		b = append(b, v.caps[v.sample(r)]...)
	}
	title := string(b)
	// Body.
	b = b[:0]
	target := 500 + r.intn(201)
	words := 0
	for words < target {
		if len(b) > 0 {
			b = append(b, '\n', '\n')
		}
		for s, ns := 0, 3+r.intn(4); s < ns && words < target; s++ {
			if s > 0 {
				b = append(b, ' ')
			}
			n := 10 + r.intn(21)
			if r.intn(8) == 0 {
				// `"...," Given Surname said.`
				b = append(b, '"')
				b = g.words(r, b, n-3)
				b = append(b, ',', '"', ' ')
				b = append(b, v.names[r.intn(len(v.names))]...)
				b = append(b, ' ')
				b = append(b, v.names[r.intn(len(v.names))]...)
				b = append(b, " said."...)
			} else {
				b = g.words(r, b, n)
				b = append(b, '.')
			}
			words += n
		}
	}
	text := string(b)
	g.buf = b
	site := "site" + strconv.Itoa(r.intn(300)) + ".example"
	pub := epoch.Add(time.Duration(r.intn(365*24*60)) * time.Minute)
	return spintrace.Doc{
		ID:        spintrace.DocID(text),
		Origin:    "synth:" + strconv.FormatInt(seed, 10) + "/" + strconv.Itoa(i),
		URL:       "https://" + site + pub.Format("/2006/01/02/") + "story-" + strconv.Itoa(i),
		Site:      site,
		Title:     title,
		Byline:    "By " + string(v.names[r.intn(len(v.names))]) + " " + string(v.names[r.intn(len(v.names))]),
		Published: pub,
		Lang:      "en",
		Text:      text,
	}
}

// words appends n words, the first capitalized, with an occasional comma.
func (g *gen) words(r *rng, b []byte, n int) []byte {
	v := g.v
	for k := 0; k < n; k++ {
		w := v.sample(r)
		if k == 0 {
			b = append(b, v.caps[w]...)
			continue
		}
		b = appendShort(b, v.spaced[v.off[w]:v.off[w+1]])
		if k < n-2 && r.intn(14) == 0 {
			b = append(b, ',')
		}
	}
	return b
}

// Derivative returns a query article made from src for trace-latency
// measurements: a stitched compilation of sentence runs from src and from a
// fresh synthetic article that is in no corpus (so part of the query is
// original), shuffled, with a fifth of the eligible words spun and join
// noise. The same seed and src give the same derivative.
func Derivative(seed int64, src spintrace.Doc) spintrace.Doc {
	filler := Article(seed^0x6a09e667f3bcc908, -1-int(uint64(seed)%1000003))
	rnd := rand.New(rand.NewSource(seed))
	d := spingen.Derive(rnd, []spintrace.Doc{src, filler}, spingen.Options{
		SubstRate: 0.2, Sources: 2, Shuffle: true, EntityRenames: true, JoinNoise: true,
	})
	doc := d.Doc
	doc.Origin = "synth-derivative:" + strconv.FormatInt(seed, 10)
	doc.Site = "derived.example"
	doc.Title = src.Title
	return doc
}

// appendShort appends a short word; a plain loop beats memmove's call
// overhead for the few bytes of a word.
func appendShort(b, w []byte) []byte {
	n := len(b)
	if cap(b)-n < len(w) {
		return append(b, w...)
	}
	b = b[:n+len(w)]
	for i, c := range w {
		b[n+i] = c
	}
	return b
}
