package corpus

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/analysis"
)

// Cluster is a reuse cluster: a passage and its reprints, grouped single
// link over aligned passages (two passages of one document that overlap
// are one node; clusters over the very same documents are merged).
type Cluster struct {
	ID      int      `json:"id"`
	Members []Member `json:"members"`
	Sites   []string `json:"sites"`
	// Earliest is the member with the earliest known date: the first
	// witness. Nil when no member is dated.
	Earliest *spintrace.DocRef `json:"earliest,omitempty"`
	// Undated counts members without a date: any of them could be earlier.
	Undated int `json:"undated"`
	// Dates says how far the earliest witness can be trusted.
	Dates      string      `json:"dates"`
	Alignments []Alignment `json:"alignments"`
}

// Member is one document of a cluster with its passages in it.
type Member struct {
	Doc   spintrace.DocRef `json:"doc"`
	Spans []spintrace.Span `json:"spans"`
	// Excerpt is the start of its longest passage.
	Excerpt string `json:"excerpt"`
	// Label is its verdict (empty for a document not traced yet).
	Label string `json:"label,omitempty"`
	// LagHours is how long after the earliest witness it was published
	// (nil when either date is unknown).
	LagHours *float64 `json:"lag_hours,omitempty"`
}

// Alignment is one aligned passage between two members (by document ID):
// Article was traced and found it in Source.
type Alignment struct {
	Article     string         `json:"article"`
	Source      string         `json:"source"`
	ArticleSpan spintrace.Span `json:"article_span"`
	SourceSpan  spintrace.Span `json:"source_span"`
	Words       int            `json:"words"`
	Matched     int            `json:"matched"`
}

// node is a span of one document.
type node struct {
	doc  string
	span spintrace.Span
	text string
}

// edge is an aligned pair: trace index, link index, pair index.
type edge struct{ t, l, p int }

// graph is the passage graph of some edges: nodes merged per document when
// they overlap, and components by union-find.
type graph struct {
	nodes  []node
	parent []int
	ends   [][2]int // node indices per edge
}

func (g *graph) find(i int) int {
	for g.parent[i] != i {
		g.parent[i] = g.parent[g.parent[i]]
		i = g.parent[i]
	}
	return i
}

func (g *graph) union(a, b int) {
	a, b = g.find(a), g.find(b)
	if a != b {
		if b < a {
			a, b = b, a
		}
		g.parent[b] = a
	}
}

// buildGraph links the two ends of every edge and the overlapping spans of
// each document.
func buildGraph(traces []Trace, edges []edge) *graph {
	g := &graph{}
	add := func(doc string, s spintrace.Span, text string) int {
		g.nodes = append(g.nodes, node{doc: doc, span: s, text: text})
		g.parent = append(g.parent, len(g.parent))
		return len(g.nodes) - 1
	}
	for _, e := range edges {
		t := &traces[e.t]
		l := &t.Sources[e.l]
		p := l.Passages[e.p]
		a := add(t.Doc.ID, p.Article, p.ArticleText)
		b := add(l.Doc.ID, p.Source, p.SourceText)
		g.ends = append(g.ends, [2]int{a, b})
		g.union(a, b)
	}
	order := make([]int, len(g.nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		na, nb := g.nodes[a], g.nodes[b]
		return cmp.Or(cmp.Compare(na.doc, nb.doc), cmp.Compare(na.span.Start, nb.span.Start))
	})
	// Spans of one document are one node when they overlap by at least
	// half the shorter: a seam where two stitched passages touch, each
	// widened by a few words, does not chain two reuse clusters together.
	open, start, end := -1, 0, 0
	for _, cur := range order {
		n := g.nodes[cur]
		if open >= 0 && g.nodes[open].doc == n.doc {
			overlap := min(end, n.span.End) - n.span.Start
			if 2*overlap >= min(n.span.Len(), end-start) && overlap > 0 {
				g.union(open, cur)
				end = max(end, n.span.End)
				continue
			}
			if n.span.End <= end {
				continue // inside the open node but not enough: keep it open
			}
		}
		open, start, end = cur, n.span.Start, n.span.End
	}
	return g
}

// markBoilerplate flags the links that only repeat a passage one site
// prints on many of its own pages (mastheads, footers, related stories):
// a same-site link whose every passage lies in a same-site component
// spanning at least minDocs documents of that site and shared with no
// other site.
func markBoilerplate(traces []Trace, minDocs int) {
	var edges []edge
	for i := range traces {
		t := &traces[i]
		for j := range t.Sources {
			l := &t.Sources[j]
			l.Boilerplate = false
			if t.Doc.Site == "" || l.Doc.Site != t.Doc.Site {
				continue
			}
			for k := range l.Passages {
				edges = append(edges, edge{i, j, k})
			}
		}
	}
	if len(edges) == 0 {
		return
	}
	g := buildGraph(traces, edges)
	docs := map[int]map[string]bool{}
	for i, n := range g.nodes {
		r := g.find(i)
		if docs[r] == nil {
			docs[r] = map[string]bool{}
		}
		docs[r][n.doc] = true
	}
	shared := sharedRoots(traces, g)
	type key struct{ t, l int }
	all := map[key]bool{}
	for k, e := range edges {
		kk := key{e.t, e.l}
		r := g.find(g.ends[k][0])
		bp := len(docs[r]) >= minDocs && !shared[r]
		if v, seen := all[kk]; !seen {
			all[kk] = bp
		} else {
			all[kk] = v && bp
		}
	}
	for kk, bp := range all {
		traces[kk.t].Sources[kk.l].Boilerplate = bp
	}
}

// MinPairWords is the fewest article words an aligned passage needs to
// join a cluster: shorter shared phrases ("told the BBC News website") are
// the common language of news, and single-link chaining over them would
// glue unrelated stories together.
const MinPairWords = 10

// contributes reports whether a link explains enough of its article to
// count as reuse: the stitching thresholds of internal/analysis.
func contributes(l *Link, words int) bool {
	return l.Share >= analysis.MinStitchShare || int(math.Round(l.Share*float64(words))) >= analysis.MinStitchWords
}

// sharedRoots returns the components of the same-site graph g that another
// site shares: a cross-site link's passage overlaps one of their nodes by at
// least half the shorter. Text a site repeats and others reprint too is
// reused prose, not that site's boilerplate.
func sharedRoots(traces []Trace, g *graph) map[int]bool {
	byDoc := map[string][]int{}
	for i, n := range g.nodes {
		byDoc[n.doc] = append(byDoc[n.doc], i)
	}
	shared := map[int]bool{}
	touch := func(doc string, s spintrace.Span) {
		for _, i := range byDoc[doc] {
			n := g.nodes[i].span
			if o := min(n.End, s.End) - max(n.Start, s.Start); o > 0 && 2*o >= min(n.Len(), s.Len()) {
				shared[g.find(i)] = true
			}
		}
	}
	for i := range traces {
		t := &traces[i]
		for _, l := range t.Sources {
			if l.Doc.Site == t.Doc.Site || !contributes(&l, t.Words) {
				continue
			}
			for _, p := range l.Passages {
				touch(t.Doc.ID, p.Article)
				touch(l.Doc.ID, p.Source)
			}
		}
	}
	return shared
}

// clusters groups every aligned passage that is not boilerplate, of links
// that contribute to their article.
func clusters(traces []Trace) []Cluster {
	var edges []edge
	refs := map[string]spintrace.DocRef{}
	labels := map[string]string{}
	for i := range traces {
		t := &traces[i]
		refs[t.Doc.ID] = t.Doc
		labels[t.Doc.ID] = t.Verdict.Label
		for j := range t.Sources {
			l := &t.Sources[j]
			if l.Boilerplate || !contributes(l, t.Words) {
				continue
			}
			if _, ok := refs[l.Doc.ID]; !ok {
				refs[l.Doc.ID] = l.Doc
			}
			for k, p := range l.Passages {
				if p.Words >= MinPairWords {
					edges = append(edges, edge{i, j, k})
				}
			}
		}
	}
	if len(edges) == 0 {
		return []Cluster{}
	}
	g := buildGraph(traces, edges)
	// nodes and alignments per component
	comps := map[int]*comp{}
	get := func(r int) *comp {
		c := comps[r]
		if c == nil {
			c = &comp{spans: map[string][]node{}}
			comps[r] = c
		}
		return c
	}
	for i, n := range g.nodes {
		c := get(g.find(i))
		c.spans[n.doc] = append(c.spans[n.doc], n)
	}
	for k, e := range edges {
		t := &traces[e.t]
		l := &t.Sources[e.l]
		p := l.Passages[e.p]
		c := get(g.find(g.ends[k][0]))
		c.aligns = append(c.aligns, Alignment{Article: t.Doc.ID, Source: l.Doc.ID, ArticleSpan: p.Article, SourceSpan: p.Source, Words: p.Words, Matched: p.Matched})
	}
	// merge components over the very same documents (one reprint aligned
	// in several pieces, e.g. reordered paragraphs)
	bySet := map[string]*comp{}
	var list []*comp
	roots := make([]int, 0, len(comps))
	for r := range comps {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	for _, r := range roots {
		c := comps[r]
		ids := make([]string, 0, len(c.spans))
		for id := range c.spans {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		key := ""
		for _, id := range ids {
			key += id + ","
		}
		if m := bySet[key]; m != nil {
			for id, ns := range c.spans {
				m.spans[id] = append(m.spans[id], ns...)
			}
			m.aligns = append(m.aligns, c.aligns...)
			continue
		}
		bySet[key] = c
		list = append(list, c)
	}
	out := make([]Cluster, 0, len(list))
	for _, c := range list {
		out = append(out, c.cluster(refs, labels))
	}
	slices.SortStableFunc(out, func(a, b Cluster) int {
		return cmp.Or(cmp.Compare(len(b.Members), len(a.Members)), cmp.Compare(a.Members[0].Doc.ID, b.Members[0].Doc.ID))
	})
	for i := range out {
		out[i].ID = i + 1
	}
	return out
}

type comp struct {
	spans  map[string][]node
	aligns []Alignment
}

func (c *comp) cluster(refs map[string]spintrace.DocRef, labels map[string]string) Cluster {
	cl := Cluster{Members: []Member{}, Sites: []string{}, Alignments: c.aligns}
	sites := map[string]bool{}
	for id, ns := range c.spans {
		m := Member{Doc: refs[id], Label: labels[id]}
		slices.SortFunc(ns, func(a, b node) int { return cmp.Compare(a.span.Start, b.span.Start) })
		best := 0
		for _, n := range ns {
			if k := len(m.Spans) - 1; k >= 0 && n.span.Start <= m.Spans[k].End {
				m.Spans[k].End = max(m.Spans[k].End, n.span.End)
			} else {
				m.Spans = append(m.Spans, n.span)
			}
			if n.span.Len() > best {
				best, m.Excerpt = n.span.Len(), n.text
			}
		}
		if m.Doc.Site != "" && !sites[m.Doc.Site] {
			sites[m.Doc.Site] = true
			cl.Sites = append(cl.Sites, m.Doc.Site)
		}
		cl.Members = append(cl.Members, m)
	}
	slices.Sort(cl.Sites)
	slices.SortFunc(cl.Members, func(a, b Member) int {
		az, bz := a.Doc.Published.IsZero(), b.Doc.Published.IsZero()
		switch {
		case az != bz:
			if az {
				return 1
			}
			return -1
		case !a.Doc.Published.Equal(b.Doc.Published):
			return a.Doc.Published.Compare(b.Doc.Published)
		}
		return cmp.Compare(a.Doc.ID, b.Doc.ID)
	})
	slices.SortFunc(cl.Alignments, func(a, b Alignment) int {
		return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Source, b.Source), cmp.Compare(a.ArticleSpan.Start, b.ArticleSpan.Start))
	})
	for _, m := range cl.Members {
		if m.Doc.Published.IsZero() {
			cl.Undated++
		}
	}
	if first := cl.Members[0].Doc; !first.Published.IsZero() {
		f := first
		cl.Earliest = &f
		for i := range cl.Members {
			if p := cl.Members[i].Doc.Published; !p.IsZero() {
				h := p.Sub(first.Published).Hours()
				cl.Members[i].LagHours = &h
			}
		}
	}
	tie := len(cl.Members) > 1 && !cl.Members[1].Doc.Published.IsZero() && cl.Members[1].Doc.Published.Equal(cl.Members[0].Doc.Published)
	switch {
	case cl.Earliest == nil:
		cl.Dates = "no member is dated: the earliest witness is unknown"
	case cl.Undated > 0:
		cl.Dates = "some members are undated: one of them could be earlier"
	case tie:
		cl.Dates = "several members share the earliest date"
	default:
		cl.Dates = "all members dated"
	}
	return cl
}

// lagHours is b - a in hours, ok false when either is unknown.
func lagHours(a, b time.Time) (float64, bool) {
	if a.IsZero() || b.IsZero() {
		return 0, false
	}
	return b.Sub(a).Hours(), true
}
