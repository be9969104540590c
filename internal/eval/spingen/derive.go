package spingen

import (
	"math/rand"
	"sort"
	"strings"
	"time"

	"github.com/spintrace/spintrace"
)

// Options control one derivative.
type Options struct {
	// Seed seeds the generator when Derive is given a nil *rand.Rand.
	Seed int64
	// SubstRate is the share of eligible words (those in the synonym table,
	// outside proper names) replaced, clamped to 0..0.5.
	SubstRate float64
	// Sources is how many of the given sources are stitched, clamped to
	// 1..len(sources). With one source the whole text is taken; with more,
	// one to three runs of one to four consecutive sentences from each.
	Sources int
	// Shuffle puts the sentence runs in random order.
	Shuffle bool
	// EntityRenames applies the entity table and drops first names.
	EntityRenames bool
	// QuoteSwaps re-attributes some quotations to another speaker.
	QuoteSwaps bool
	// DropQuotes removes some quotations but keeps "Name said".
	DropQuotes bool
	// JoinNoise damages some seams between runs (glue, dup, cut).
	JoinNoise bool
	// Boilerplate adds a header line and a fake byline footer.
	Boilerplate bool
}

// src is one source prepared for derivation.
type src struct {
	r      []rune
	sents  []spintrace.Span
	quotes []quote
	edits  []edit
}

// run is a range of consecutive sentences of one source.
type run struct {
	src        int
	start, end int
	join       string // join artifact on the seam before this run
}

type editKind int

const (
	editSubst editKind = iota
	editSpeaker
	editDrop
)

type edit struct {
	kind       editKind
	start, end int
	text       string // replacement (editSubst, editSpeaker)
	subKind    string // editSubst
	q          *quote // editSpeaker, editDrop
}

// Derive builds one derivative of sources[:o.Sources] with its truth. rng
// supplies all randomness (nil: rand.New(rand.NewSource(o.Seed))), so the
// same rng state, sources and options give the same result. Derive panics
// when sources is empty.
func Derive(rng *rand.Rand, sources []spintrace.Doc, o Options) Derived {
	if len(sources) == 0 {
		panic("spingen: Derive needs at least one source")
	}
	if rng == nil {
		rng = rand.New(rand.NewSource(o.Seed))
	}
	k := min(max(o.Sources, 1), len(sources))
	rate := min(max(o.SubstRate, 0), 0.5)
	sources = sources[:k]

	srcs := make([]*src, k)
	for i, d := range sources {
		r := []rune(d.Text)
		srcs[i] = &src{r: r, sents: sentences(r), quotes: findQuotes(r)}
	}
	runs := chooseRuns(rng, srcs)
	if o.Shuffle {
		rng.Shuffle(len(runs), func(i, j int) { runs[i], runs[j] = runs[j], runs[i] })
	}
	if o.JoinNoise {
		chooseJoins(rng, srcs, runs)
	}
	if o.DropQuotes {
		chooseDrops(rng, srcs, runs)
	}
	if o.QuoteSwaps {
		chooseSwaps(rng, srcs, runs)
	}
	if o.EntityRenames {
		chooseEntities(rng, srcs, runs)
	}
	if rate > 0 {
		chooseSynonyms(rng, srcs, runs, rate)
	}
	for _, s := range srcs {
		sort.Slice(s.edits, func(i, j int) bool { return s.edits[i].start < s.edits[j].start })
	}

	b := newBuilder(srcs)
	if o.Boilerplate && rng.Intn(2) == 0 {
		b.boiler(headers[rng.Intn(len(headers))])
		b.insert("\n\n")
	}
	for i, ru := range runs {
		if i > 0 {
			b.seam(rng, runs[i-1], ru)
		}
		b.emitRun(ru)
	}
	if o.Boilerplate {
		b.insert("\n\n")
		b.boiler(bylines[rng.Intn(len(bylines))] + "\n" + footers[rng.Intn(len(footers))])
	}
	b.flush()

	t := b.truth
	t.TitleSource = rng.Intn(k)
	used := 0
	for i, d := range sources {
		t.Sources[i].ID = d.ID
		if len(t.Sources[i].Passages) > 0 {
			used++
		}
	}
	t.Spun = len(t.Substitutions) > 0
	switch {
	case used > 1:
		t.Verdict = VerdictStitched
	case t.Spun:
		t.Verdict = VerdictSpun
	default:
		t.Verdict = VerdictSyndicated
	}
	text := string(b.art)
	doc := spintrace.Doc{
		ID:    spintrace.DocID(text),
		Title: sources[t.TitleSource].Title,
		Lang:  "en",
		Text:  text,
	}
	var latest time.Time
	for _, d := range sources {
		if d.Published.After(latest) {
			latest = d.Published
		}
	}
	if !latest.IsZero() {
		doc.Published = latest.Add(time.Duration(1+rng.Intn(47)) * time.Hour)
	}
	return Derived{Doc: doc, Truth: t}
}

// chooseRuns partitions each source's sentences into runs of 1..4 and keeps
// all of them (one source) or 1..3 of them per source (stitching).
func chooseRuns(rng *rand.Rand, srcs []*src) []run {
	var out []run
	for si, s := range srcs {
		var all []run
		for i := 0; i < len(s.sents); {
			n := min(1+rng.Intn(4), len(s.sents)-i)
			all = append(all, run{src: si, start: s.sents[i].Start, end: s.sents[i+n-1].End})
			i += n
		}
		if len(srcs) == 1 || len(all) == 0 {
			out = append(out, all...)
			continue
		}
		m := 1 + rng.Intn(min(3, len(all)))
		idx := rng.Perm(len(all))[:m]
		sort.Ints(idx)
		for _, i := range idx {
			out = append(out, all[i])
		}
	}
	return out
}

// chooseJoins damages some seams; at least one when there is a seam.
func chooseJoins(rng *rand.Rand, srcs []*src, runs []run) {
	any := false
	for i := 1; i < len(runs); i++ {
		if rng.Float64() >= 0.35 && (any || i < len(runs)-1) {
			continue
		}
		any = true
		kinds := []string{JoinGlue}
		r := srcs[runs[i].src].r
		if ws := words(r, runs[i].start, runs[i].end); len(ws) >= 3 {
			kinds = append(kinds, JoinDup, JoinCut)
		} else if len(ws) > 0 {
			kinds = append(kinds, JoinDup)
		}
		runs[i].join = kinds[rng.Intn(len(kinds))]
		if runs[i].join == JoinCut {
			// The run now starts at its second word.
			runs[i].start = words(r, runs[i].start, runs[i].end)[1].start
		}
	}
}

// inRuns reports whether [s, e) of source si lies inside one run.
func inRuns(runs []run, si, s, e int) bool {
	for _, ru := range runs {
		if ru.src == si && ru.start <= s && e <= ru.end {
			return true
		}
	}
	return false
}

func (s *src) free(a, b int) bool {
	for _, e := range s.edits {
		if a < e.end && e.start < b {
			return false
		}
	}
	return true
}

// pickSome chooses each of n candidates with probability p, and at least one.
func pickSome(rng *rand.Rand, n int, p float64) []int {
	var out []int
	for i := 0; i < n; i++ {
		if rng.Float64() < p {
			out = append(out, i)
		}
	}
	if len(out) == 0 && n > 0 {
		out = append(out, rng.Intn(n))
	}
	return out
}

type qref struct {
	src int
	q   *quote
}

func chooseDrops(rng *rand.Rand, srcs []*src, runs []run) {
	var cands []qref
	for si, s := range srcs {
		starts := map[int]bool{}
		for _, ru := range runs {
			if ru.src == si {
				starts[ru.start] = true
			}
		}
		for _, st := range s.sents {
			starts[st.Start] = true
		}
		for qi := range s.quotes {
			q := &s.quotes[qi]
			if q.name == "" || !starts[q.span.Start] || !inRuns(runs, si, q.span.Start, q.speaker.End) {
				continue
			}
			cands = append(cands, qref{si, q})
		}
	}
	for _, i := range pickSome(rng, len(cands), 0.35) {
		c := cands[i]
		s := srcs[c.src]
		end := c.q.span.End
		for end < len(s.r) && s.r[end] == ' ' {
			end++
		}
		s.edits = append(s.edits, edit{kind: editDrop, start: c.q.span.Start, end: end, q: c.q})
	}
}

func chooseSwaps(rng *rand.Rand, srcs []*src, runs []run) {
	names := map[string]bool{}
	for _, s := range srcs {
		for _, q := range s.quotes {
			if q.name != "" {
				names[q.name] = true
			}
		}
	}
	pool := make([]string, 0, len(names))
	for n := range names {
		pool = append(pool, n)
	}
	sort.Strings(pool)
	var cands []qref
	for si, s := range srcs {
		for qi := range s.quotes {
			q := &s.quotes[qi]
			if q.name == "" || !inRuns(runs, si, q.span.Start, q.speaker.End) ||
				!s.free(q.span.Start, q.speaker.End) || len(others(pool, q.name)) == 0 {
				continue
			}
			cands = append(cands, qref{si, q})
		}
	}
	for _, i := range pickSome(rng, len(cands), 0.5) {
		c := cands[i]
		alt := others(pool, c.q.name)
		s := srcs[c.src]
		s.edits = append(s.edits, edit{kind: editSpeaker, start: c.q.speaker.Start, end: c.q.speaker.End,
			text: alt[rng.Intn(len(alt))], q: c.q})
	}
}

// others returns the names of pool that share no word with name.
func others(pool []string, name string) []string {
	var out []string
	mine := strings.Fields(name)
outer:
	for _, p := range pool {
		for _, w := range strings.Fields(p) {
			for _, m := range mine {
				if w == m {
					continue outer
				}
			}
		}
		out = append(out, p)
	}
	return out
}

func chooseEntities(rng *rand.Rand, srcs []*src, runs []run) {
	for _, ent := range entities {
		from := []rune(ent.from)
		to := ""
		for si, s := range srcs {
			for i := 0; i+len(from) <= len(s.r); i++ {
				e := i + len(from)
				if s.r[i] != from[0] || string(s.r[i:e]) != ent.from || !boundaryAt(s.r, i, e) ||
					!inRuns(runs, si, i, e) || !s.free(i, e) {
					continue
				}
				if to == "" {
					to = ent.to[rng.Intn(len(ent.to))]
				}
				repl := to
				if strings.HasSuffix(ent.from, ".") && endsSentence(s, e) {
					repl += "."
				}
				s.edits = append(s.edits, edit{kind: editSubst, start: i, end: e, text: repl, subKind: KindEntity})
			}
		}
	}
	// First-name drops: "Ellen Okafor" -> "Okafor".
	for si, s := range srcs {
		for _, ru := range runs {
			if ru.src != si {
				continue
			}
			ws := words(s.r, ru.start, ru.end)
			for i := 0; i+1 < len(ws); i++ {
				g, sn := ws[i], ws[i+1]
				if !givenNameOK[string(s.r[g.start:g.end])] || !isCapWord(s.r, sn) ||
					sn.start != g.end+1 || s.r[g.end] != ' ' || !s.free(g.start, sn.end) {
					continue
				}
				s.edits = append(s.edits, edit{kind: editSubst, start: g.start, end: sn.end,
					text: string(s.r[sn.start:sn.end]), subKind: KindEntity})
				i++
			}
		}
	}
}

func endsSentence(s *src, e int) bool {
	for _, st := range s.sents {
		if st.End == e {
			return true
		}
	}
	return false
}

type cand struct {
	src        int
	start, end int
	key        string
}

func chooseSynonyms(rng *rand.Rand, srcs []*src, runs []run, rate float64) {
	var cands []cand
	for si, s := range srcs {
		first := map[int]bool{}
		for _, st := range s.sents {
			if ws := words(s.r, st.Start, st.End); len(ws) > 0 {
				first[ws[0].start] = true
			}
		}
		for _, ru := range runs {
			if ru.src != si {
				continue
			}
			ws := words(s.r, ru.start, ru.end)
			for i := 0; i < len(ws); {
				n := 0
				for l := min(maxPhrase, len(ws)-i); l >= 1; l-- {
					if key, ok := phrase(s.r, ws[i:i+l]); ok {
						if _, ok := synonyms[key]; ok {
							st, en := ws[i].start, ws[i+l-1].end
							if (!isCapWord(s.r, ws[i]) || first[st]) && s.free(st, en) {
								cands = append(cands, cand{si, st, en, key})
								n = l
								break
							}
						}
					}
				}
				i += max(n, 1)
			}
		}
	}
	n := int(rate*float64(len(cands)) + 0.5)
	for _, i := range rng.Perm(len(cands))[:n] {
		c := cands[i]
		s := srcs[c.src]
		syns := synonyms[c.key]
		from := string(s.r[c.start:c.end])
		s.edits = append(s.edits, edit{kind: editSubst, start: c.start, end: c.end,
			text: matchCase(from, syns[rng.Intn(len(syns))]), subKind: KindSynonym})
	}
}

// phrase joins words separated by single spaces into a lower-case key.
func phrase(r []rune, ws []word) (string, bool) {
	if len(ws) == 1 {
		return strings.ToLower(string(r[ws[0].start:ws[0].end])), true
	}
	var sb strings.Builder
	for i, w := range ws {
		if i > 0 {
			if w.start != ws[i-1].end+1 || r[ws[i-1].end] != ' ' {
				return "", false
			}
			sb.WriteByte(' ')
		}
		sb.WriteString(strings.ToLower(string(r[w.start:w.end])))
	}
	return sb.String(), true
}

var headers = []string{"Trending Now", "Latest Headlines", "You May Also Like", "Breaking News Update"}
var bylines = []string{"By Staff Reporter", "By News Desk", "By Daniel Moore", "By Sarah Whitfield", "By Web Editor"}
var footers = []string{
	"© 2026 Global News Digest. All rights reserved.",
	"Copyright 2026 World Report Network.",
	"Share this story with your friends.",
}
