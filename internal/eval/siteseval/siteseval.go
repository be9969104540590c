// Package siteseval measures the corpus analysis (internal/corpus) on a
// generated web: "outlet" sites publish real articles, "farm" sites copy,
// spin and stitch them (internal/eval/spingen), and "honest" sites publish
// their own articles that merely quote a speaker an outlet quoted. It
// reports the ROC AUC of the content-farm score (farms against every other
// site), cluster purity and completeness against the generator's truth,
// and the clustering throughput.
//
// Run is not safe to call with a shared Options.Progress from several
// goroutines; everything else is local to a call.
package siteseval

import (
	"cmp"
	"context"
	"fmt"
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/corpus"
	"github.com/spintrace/spintrace/internal/eval/spineval"
	"github.com/spintrace/spintrace/internal/eval/spingen"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/store/mem"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Options describe the generated web.
type Options struct {
	Seed int64
	// Docs is the total number of documents to generate (outlets, honest
	// sites and farms); farm articles fill what the real articles leave.
	Docs int
	// Outlets, Honest and Farms are the numbers of sites of each kind.
	Outlets, Honest, Farms int
	// FarmShare is the share of Docs published by farms (default 0.3).
	FarmShare float64
	// Undated is the share of documents, of every kind, published without
	// a date (default 0): pages whose date the crawl could not read.
	Undated float64
	// Progress is passed to corpus.Analyze.
	Progress func(done, total int)
}

// Report is what Run measured.
type Report struct {
	Version int     `json:"version"`
	Docs    int     `json:"docs"`
	Sites   int     `json:"sites"`
	Farms   int     `json:"farms"`
	AUC     float64 `json:"auc"`
	// Purity: per predicted cluster, the largest share of its members from
	// one truth family (an outlet article and the farm articles made from
	// it), averaged weighted by size. Completeness: per truth family of 2+
	// members, the largest share of it in one cluster, weighted by size.
	Purity       float64 `json:"purity"`
	Completeness float64 `json:"completeness"`
	// PairRecall: the share of true (derivative, source) pairs that share a
	// cluster. Completeness counts a family split into clusters over
	// different passages of its source as incomplete; PairRecall does not.
	PairRecall float64   `json:"pair_recall"`
	Clusters   int       `json:"clusters"`
	Largest    int       `json:"largest_cluster"` // members
	Families   int       `json:"families"`
	Seconds    float64   `json:"seconds"`
	DocsPerSec float64   `json:"docs_per_sec"`
	Scores     []SiteRow `json:"scores"`
}

// SiteRow is one site's score and kind.
type SiteRow struct {
	Site  string  `json:"site"`
	Kind  string  `json:"kind"` // outlet, honest, farm
	Score float64 `json:"score"`
}

// web is the generated corpus with its truth.
type web struct {
	docs []spintrace.Doc
	kind map[string]string   // site -> kind
	fam  map[string][]string // doc id -> truth families (outlet doc ids)
}

var quoteRe = regexp.MustCompile(`"[^"]{40,300}"`)

// generate builds the web from real articles.
func generate(arts []spineval.Article, o Options) web {
	rng := rand.New(rand.NewSource(o.Seed))
	w := web{kind: map[string]string{}, fam: map[string][]string{}}
	pool := slices.Clone(arts)
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	farmDocs := int(float64(o.Docs) * o.FarmShare)
	real := min(len(pool), o.Docs-farmDocs)
	nHonest := real / 6
	outletArts, honestArts := pool[:real-nHonest], pool[real-nHonest:real]
	if farmDocs < o.Docs-real {
		farmDocs = o.Docs - real
	}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var outlets []spintrace.Doc
	for i, a := range outletArts {
		site := fmt.Sprintf("outlet-%d.example", i%o.Outlets+1)
		d := mkDoc(site, i, a.Doc.Title, a.Doc.Text, base.Add(time.Duration(rng.Intn(365*24))*time.Hour))
		w.kind[site] = "outlet"
		w.fam[d.ID] = []string{d.ID}
		outlets = append(outlets, d)
		w.docs = append(w.docs, d)
	}
	for i, a := range honestArts {
		site := fmt.Sprintf("honest-%d.example", i%o.Honest+1)
		w.kind[site] = "honest"
		text, date := a.Doc.Text, base.Add(time.Duration(rng.Intn(365*24))*time.Hour)
		// quote a speaker an outlet quoted, in its own words around it
		for try := 0; try < 20; try++ {
			src := outlets[rng.Intn(len(outlets))]
			if q := quoteRe.FindString(src.Text); q != "" {
				paras := strings.SplitN(text, "\n\n", 2)
				text = paras[0] + "\n\nAs one official put it: " + q + "\n\n" + strings.Join(paras[1:], "\n\n")
				date = src.Published.Add(time.Duration(1+rng.Intn(48)) * time.Hour)
				break
			}
		}
		w.docs = append(w.docs, mkDoc(site, i, a.Doc.Title, text, date))
	}
	for i := 0; i < farmDocs; i++ {
		site := fmt.Sprintf("farm-%d.example", i%o.Farms+1)
		w.kind[site] = "farm"
		der, latest := spingen.Farm(rng, outlets)
		text := der.Doc.Text + "\n\nShared by " + site + " staff."
		d := mkDoc(site, i, der.Doc.Title, text, latest.Add(time.Duration(1+rng.Intn(72))*time.Hour))
		for _, s := range der.Truth.Sources {
			if len(s.Passages) > 0 && !slices.Contains(w.fam[d.ID], s.ID) {
				w.fam[d.ID] = append(w.fam[d.ID], s.ID)
			}
		}
		w.docs = append(w.docs, d)
	}
	for i := range w.docs {
		if o.Undated > 0 && rng.Float64() < o.Undated {
			w.docs[i].Published = time.Time{}
		}
	}
	return w
}

func mkDoc(site string, i int, title, text string, date time.Time) spintrace.Doc {
	origin := fmt.Sprintf("https://%s/%d", site, i)
	return spintrace.Doc{ID: spintrace.DocID(text), Origin: origin, URL: origin, Site: site, Title: title, Published: date, Text: text, Lang: "en", Copies: 1}
}

// build applies the defaults of o and generates the web from the usable
// articles of arts (near duplicates and articles reusing others' text
// dropped).
func build(arts []spineval.Article, o Options) (web, Options, error) {
	o.Outlets, o.Honest, o.Farms = cmp.Or(o.Outlets, 8), cmp.Or(o.Honest, 4), cmp.Or(o.Farms, 4)
	o.FarmShare = cmp.Or(o.FarmShare, 0.3)
	if o.Docs <= 0 {
		o.Docs = len(arts) * 10 / 7
	}
	arts, _ = spineval.Dedup(arts)
	reuse := spineval.Reusing(arts)
	clean := arts[:0:0]
	for i, a := range arts {
		if !reuse[i] {
			clean = append(clean, a)
		}
	}
	if len(clean) < o.Outlets+o.Honest {
		return web{}, o, fmt.Errorf("corpus too small: %d usable articles: %w", len(clean), spintrace.ErrBadInput)
	}
	return generate(clean, o), o, nil
}

// Run generates the web from arts, indexes it in memory, runs the corpus
// analysis and measures it.
func Run(ctx context.Context, arts []spineval.Article, o Options) (*Report, error) {
	w, o, err := build(arts, o)
	if err != nil {
		return nil, err
	}
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	st := mem.New()
	defer st.Close()
	if err := index.Check(ctx, st, cfg); err != nil {
		return nil, err
	}
	for i := 0; i < len(w.docs); i += 500 {
		var entries []spintrace.Entry
		for _, d := range w.docs[i:min(i+500, len(w.docs))] {
			entries = append(entries, index.Prepare(norm, cfg, d))
		}
		if _, err := st.Put(ctx, entries); err != nil {
			return nil, fmt.Errorf("index generated web: %w", err)
		}
	}
	tracer := func(ctx context.Context, view spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
		return search.New(view, norm, cfg, search.DefaultOptions()).Trace(ctx, d)
	}
	t0 := time.Now()
	a, err := corpus.Analyze(ctx, st, tracer, corpus.Options{Progress: o.Progress})
	if err != nil {
		return nil, err
	}
	secs := time.Since(t0).Seconds()
	rep := &Report{Version: 1, Docs: len(a.Traces), Clusters: len(a.Clusters), Seconds: round(secs, 1), DocsPerSec: round(float64(len(a.Traces))/secs, 1)}
	for _, s := range corpus.Sites(a) {
		rep.Scores = append(rep.Scores, SiteRow{Site: s.Site, Kind: w.kind[s.Site], Score: s.Score})
		if w.kind[s.Site] == "farm" {
			rep.Farms++
		}
	}
	rep.Sites = len(rep.Scores)
	rep.AUC = round(auc(rep.Scores), 3)
	rep.Purity, rep.Completeness, rep.Families = clusterQuality(a.Clusters, w.fam)
	rep.PairRecall = pairRecall(a.Clusters, w.fam)
	if len(a.Clusters) > 0 {
		rep.Largest = len(a.Clusters[0].Members)
	}
	return rep, nil
}

// auc is the ROC AUC of the score for farms against the other sites
// (Mann-Whitney, ties count one half).
func auc(rows []SiteRow) float64 {
	var pos, neg []float64
	for _, r := range rows {
		if r.Kind == "farm" {
			pos = append(pos, r.Score)
		} else {
			neg = append(neg, r.Score)
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return 0
	}
	s := 0.0
	for _, p := range pos {
		for _, n := range neg {
			switch {
			case p > n:
				s++
			case p == n:
				s += 0.5
			}
		}
	}
	return s / float64(len(pos)*len(neg))
}

// clusterQuality compares the clusters with the truth families.
func clusterQuality(cs []corpus.Cluster, fam map[string][]string) (purity, completeness float64, families int) {
	size := map[string]int{} // family -> members
	for _, fs := range fam {
		for _, f := range fs {
			size[f]++
		}
	}
	best := map[string]int{} // family -> most members in one cluster
	num, den := 0, 0
	for _, c := range cs {
		count := map[string]int{}
		for _, m := range c.Members {
			for _, f := range fam[m.Doc.ID] {
				count[f]++
			}
		}
		top := 0
		for f, n := range count {
			top = max(top, n)
			best[f] = max(best[f], n)
		}
		num += top
		den += len(c.Members)
	}
	if den > 0 {
		purity = float64(num) / float64(den)
	}
	num, den = 0, 0
	for f, n := range size {
		if n < 2 {
			continue
		}
		families++
		num += best[f]
		den += n
	}
	if den > 0 {
		completeness = float64(num) / float64(den)
	}
	return round(purity, 3), round(completeness, 3), families
}

func round(x float64, d int) float64 {
	p := 1.0
	for range d {
		p *= 10
	}
	return float64(int64(x*p+0.5)) / p
}

// pairRecall is the share of (derivative, source) truth pairs found in one
// cluster together.
func pairRecall(cs []corpus.Cluster, fam map[string][]string) float64 {
	in := map[string][]int{} // doc id -> clusters
	for i, c := range cs {
		for _, m := range c.Members {
			in[m.Doc.ID] = append(in[m.Doc.ID], i)
		}
	}
	found, total := 0, 0
	for d, fs := range fam {
		for _, f := range fs {
			if f == d {
				continue
			}
			total++
			for _, i := range in[d] {
				if slices.Contains(in[f], i) {
					found++
					break
				}
			}
		}
	}
	if total == 0 {
		return 0
	}
	return round(float64(found)/float64(total), 3)
}
