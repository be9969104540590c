package main

import (
	"cmp"
	"slices"
	"strings"

	"github.com/kljensen/snowball/english"
)

// params steer how classes are built. The defaults were chosen by measuring
// the pair lists in synonym_test.go; see the package documentation.
type params struct {
	topK     int     // senses per part of speech that may join a class
	ratio    float64 // a sense after the first must have this share of the first's tag count
	minCount int     // ... and at least this many tagged occurrences
	maxClass int     // refuse a merge that would give a class more stems than this
	satellit bool    // join satellite adjectives to their head's words
	posShare float64 // a part of speech needs this share of a lemma's tag count to join a class
	reach    int     // a first sense may also link a word that has it among this many senses
	hyper    bool    // a verb whose first sense has no other member joins its hypernym's words
	relHyper bool    // Related: a verb is related to its hypernyms' words
	nearNear bool    // link two words that both have a synset within reach
	leaves   bool    // attach a word left alone to the class it links to most
	density  float64 // two clusters merge only if this share of their stem pairs are linked
	dominant float64 // a lemma links its stem only with this share of the stem's most frequent lemma
}

// stopWords are function words and vague light verbs whose WordNet senses
// (often abbreviations: "us", "it", "in") would glue unrelated words together.
var stopWords = strings.Fields(`
a about above after again against all also am an and any are as at be been
being before below between both but by can could did do does doing done down
during each even ever every few for from further get gets got had has have
having he her here hers him his how i if in into is it its just let like may
me might more most much must my no nor not now of off on once one only or
other our ours out over own per same she should so some still such than that
the their theirs them then there these they this those through thus to too
under until up upon us very was we well were what when where which while who
whom whose why will with would yet you your yours
go goes went gone make made take took taken give gave given come came put set
thing things way lot
zero two three four five six seven eight nine ten eleven twelve twenty thirty
forty fifty sixty seventy eighty ninety hundred thousand million billion
trillion first second third
`)

type lemmaInfo struct {
	word  string
	stem  string
	freq  int
	top   map[synsetKey]int // top senses -> rank
	near  map[synsetKey]int // senses within reach -> rank
	cnt   map[synsetKey]int // tag count of each sense
	rank  map[synsetKey]int // rank of each sense in its part of speech
	sense []synsetKey       // every non-proper sense, all parts of speech
	// links is false for a rare lemma sharing its stem with a frequent one
	// ("purchasable" beside "purchase"): it may not pull its stem into a class.
	links bool
}

type model struct {
	wn     *wordnet
	p      params
	lemmas map[string]*lemmaInfo
	stop   map[string]bool
}

func isPlainWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// memberForm returns how lemma is spelled in synset s, or "".
func memberForm(s *synset, lemma string) string {
	for _, w := range s.words {
		if strings.EqualFold(w, lemma) {
			return w
		}
	}
	return ""
}

func newModel(wn *wordnet, p params) *model {
	m := &model{wn: wn, p: p, lemmas: make(map[string]*lemmaInfo), stop: make(map[string]bool)}
	for _, w := range stopWords {
		m.stop[w] = true
	}
	for _, ps := range poses {
		for lemma, se := range wn.index[ps.pos] {
			if !isPlainWord(lemma) || m.stop[lemma] {
				continue
			}
			li := m.lemmas[lemma]
			if li == nil {
				li = &lemmaInfo{word: lemma, stem: english.Stem(lemma, false),
					top: make(map[synsetKey]int), near: make(map[synsetKey]int),
					cnt: make(map[synsetKey]int), rank: make(map[synsetKey]int)}
				m.lemmas[lemma] = li
			}
			for r, k := range se.keys {
				s := wn.synsets[k]
				if s == nil || memberForm(s, lemma) != lemma {
					continue // missing or a proper-noun sense ("China")
				}
				li.sense = append(li.sense, k)
				li.cnt[k], li.rank[k] = se.counts[r], r
				if m.isTop(se, r) {
					li.top[k] = r
				}
				if r < m.p.reach {
					li.near[k] = r
				}
			}
		}
	}
	posFreq := make(map[string]map[byte]int)
	for _, ps := range poses {
		for lemma, se := range wn.index[ps.pos] {
			if li := m.lemmas[lemma]; li != nil {
				if posFreq[lemma] == nil {
					posFreq[lemma] = make(map[byte]int)
				}
				for _, c := range se.counts {
					li.freq += c
					posFreq[lemma][ps.pos] += c
				}
			}
		}
	}
	for w, li := range m.lemmas {
		if len(li.sense) == 0 {
			delete(m.lemmas, w)
			continue
		}
		for _, sets := range []map[synsetKey]int{li.top, li.near} {
			for k := range sets {
				if float64(posFreq[w][k.pos]) < m.p.posShare*float64(li.freq) {
					delete(sets, k)
				}
			}
		}
	}
	// An irregular form that is also a lemma ("said", "found") reads as the
	// inflection when its base is more frequent: "said" is "say".
	var inflections []string // decided first, so map order cannot matter
	for f, bases := range wn.exc {
		li := m.lemmas[f]
		if li == nil {
			continue
		}
		for _, b := range bases {
			if bi := m.lemmas[b]; bi != nil && b != f && (bi.freq >= li.freq || li.freq <= 2) {
				inflections = append(inflections, f)
				break
			}
		}
	}
	for _, f := range inflections {
		delete(m.lemmas, f)
	}
	top := make(map[string]int)
	for _, li := range m.lemmas {
		top[li.stem] = max(top[li.stem], li.freq)
	}
	for _, li := range m.lemmas {
		li.links = float64(li.freq) >= m.p.dominant*float64(top[li.stem])
	}
	return m
}

func (m *model) isTop(se *senses, r int) bool {
	if r == 0 {
		return true
	}
	if r >= m.p.topK {
		return false
	}
	c := se.counts[r]
	return c >= m.p.minCount && float64(c) >= m.p.ratio*float64(se.counts[0])
}

type edge struct {
	a, b   string  // lemmas, a < b
	weight float64 // higher is stronger
}

// share estimates how much of li's use is sense k: its tag count over the
// lemma's, with a rank-based prior for senses the corpus never tagged.
func (li *lemmaInfo) share(k synsetKey) float64 {
	return (float64(li.cnt[k]) + 0.5/float64(li.rank[k]+1)) / float64(li.freq+1)
}

// edges lists candidate merges: two lemmas that share a synset among both of
// their top senses, or (adjectives) a satellite and its head.
func (m *model) edges() []edge {
	best := make(map[[2]string]edge)
	add := func(a, b string, weight float64) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		e := edge{a: a, b: b, weight: weight}
		if old, ok := best[[2]string{a, b}]; !ok || weight > old.weight {
			best[[2]string{a, b}] = e
		}
	}
	for _, li := range m.lemmas {
		if !li.links {
			continue
		}
		if m.p.nearNear {
			for k := range li.near {
				for _, w := range m.wn.synsets[k].words {
					if o := m.lemmas[w]; o != nil && o.links {
						if _, ok := o.near[k]; ok {
							add(li.word, w, 0.6*(li.share(k)+o.share(k)))
						}
					}
				}
			}
		}
		for k, r := range li.top {
			s := m.wn.synsets[k]
			for _, w := range s.words {
				if o := m.lemmas[w]; o != nil && o.links {
					if _, ok := o.top[k]; ok {
						add(li.word, w, li.share(k)+o.share(k))
					} else if _, ok := o.near[k]; ok && r == 0 {
						add(li.word, w, 0.8*(li.share(k)+o.share(k)))
					}
				}
			}
			if m.p.hyper && r == 0 && m.alone(s, li.word) {
				for _, hk := range s.hypers {
					for _, w := range m.wn.synsets[hk].words {
						if o := m.lemmas[w]; o != nil && o.links {
							if _, ok := o.top[hk]; ok {
								add(li.word, w, 0.4*(li.share(k)+o.share(hk)))
							}
						}
					}
				}
			}
			if !m.p.satellit {
				continue
			}
			for _, hk := range s.heads {
				for _, w := range m.wn.synsets[hk].words {
					if o := m.lemmas[w]; o != nil && o.links {
						if _, ok := o.top[hk]; ok {
							add(li.word, w, 0.5*(li.share(k)+o.share(hk)))
						}
					}
				}
			}
		}
	}
	out := make([]edge, 0, len(best))
	for _, e := range best {
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.weight, x.weight), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	return out
}

// alone reports whether word is the only eligible member of s.
func (m *model) alone(s *synset, word string) bool {
	for _, w := range s.words {
		if w != word && m.lemmas[w] != nil {
			return false
		}
	}
	return true
}

// classes unions stems along the edges, strongest first. A merge is refused
// when the joined class would exceed the size cap, or when too few of the
// stem pairs across the two clusters are linked by an edge (a single
// polysemous word must not bridge two unrelated cliques). It returns stem ->
// class members (sorted), only for classes of two stems or more.
func (m *model) classes() map[string][]string {
	edges := m.edges()
	adj := make(map[string]map[string]bool)
	link := func(a, b string) {
		if adj[a] == nil {
			adj[a] = make(map[string]bool)
		}
		adj[a][b] = true
	}
	for _, e := range edges {
		a, b := m.lemmas[e.a].stem, m.lemmas[e.b].stem
		if a != b {
			link(a, b)
			link(b, a)
		}
	}
	member := make(map[string][]string) // root -> stems
	root := make(map[string]string)
	find := func(s string) string {
		if r, ok := root[s]; ok {
			return r
		}
		root[s] = s
		member[s] = []string{s}
		return s
	}
	for _, e := range edges {
		ra, rb := find(m.lemmas[e.a].stem), find(m.lemmas[e.b].stem)
		if ra == rb {
			continue
		}
		A, B := member[ra], member[rb]
		if len(A)+len(B) > m.p.maxClass {
			continue
		}
		linked := 0
		for _, a := range A {
			for _, b := range B {
				if adj[a][b] {
					linked++
				}
			}
		}
		if float64(linked) < m.p.density*float64(len(A)*len(B)) {
			continue
		}
		if rb < ra {
			ra, rb = rb, ra
			A, B = B, A
		}
		for _, b := range B {
			root[b] = ra
		}
		member[ra] = append(A, B...)
		delete(member, rb)
	}
	if m.p.leaves {
		m.attachLeaves(edges, adj, root, member)
	}
	out := make(map[string][]string)
	for _, g := range member {
		if len(g) < 2 {
			continue
		}
		slices.Sort(g)
		for _, s := range g {
			out[s] = g
		}
	}
	return out
}

// attachLeaves gives each stem still alone the class it has most edges to,
// strongest edge first: a stem with no other class cannot bridge two.
func (m *model) attachLeaves(edges []edge, adj map[string]map[string]bool, root map[string]string, member map[string][]string) {
	alone := func(s string) bool { return len(member[root[s]]) == 1 }
	var order []string // leaves in order of their strongest edge
	seen := make(map[string]bool)
	for _, e := range edges {
		for _, w := range []string{e.a, e.b} {
			s := m.lemmas[w].stem
			if alone(s) && !seen[s] {
				seen[s] = true
				order = append(order, s)
			}
		}
	}
	for _, s := range order {
		// Candidate classes in sorted order, so ties resolve the same way
		// on every run.
		var cands []string
		for o := range adj[s] {
			cands = append(cands, root[o])
		}
		slices.Sort(cands)
		best, bestN := "", 0
		for _, r := range slices.Compact(cands) {
			if len(member[r]) < 2 || len(member[r]) >= m.p.maxClass {
				continue
			}
			n := 0
			for _, x := range member[r] {
				if adj[s][x] {
					n++
				}
			}
			if n > bestN {
				best, bestN = r, n
			}
		}
		if best != "" {
			root[s] = best
			member[best] = append(member[best], s)
			delete(member, s)
		}
	}
}

// stemFreq sums lemma frequencies per stem.
func (m *model) stemFreq() map[string]int {
	f := make(map[string]int)
	for _, li := range m.lemmas {
		f[li.stem] += li.freq
	}
	return f
}
