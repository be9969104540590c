package corpus

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/spintrace/spintrace"
)

// Content-farm score weights (docs/design.md, "Corpus analysis"). They sum
// to 1, and every term is a share in [0,1], so the score is in [0,1].
const (
	WeightCopied   = 0.35 // share of articles copied (syndicated, spun or stitched)
	WeightSpun     = 0.15 // share of articles spun
	WeightStitched = 0.15 // share of articles stitched from several sources
	WeightFast     = 0.10 // copied share x share of dated copies published within FastLag of the first witness
	WeightBreadth  = 0.10 // copied share x min(1, distinct source sites / BroadSources)
	WeightMarked   = 0.15 // share of articles writing MarkedArticleNames names as spinning tools do
	// MarkedArticleNames uses of names written as spinning tools write them
	// ("Russian Federation", "USA" in running text) mark an article, copied
	// or not: a farm's spun articles whose sources are not indexed still
	// carry them.
	MarkedArticleNames = 2
	// FastLag is how soon after the first witness a copy counts as fast.
	FastLagHours = 48
	// BroadSources distinct source sites make a site's taking "broad".
	BroadSources = 3
)

// SiteScore describes what one site publishes and where it takes it from.
type SiteScore struct {
	Site     string `json:"site"`
	Articles int    `json:"articles"`
	// Counts by verdict class; SpunAny counts articles with the spun
	// modifier (spun copies and spun stitched compilations).
	Original   int `json:"original"`
	Syndicated int `json:"syndicated"`
	Spun       int `json:"spun"`
	Stitched   int `json:"stitched"`
	SpunAny    int `json:"spun_any"`
	// Marked counts articles (of any class) that write at least
	// MarkedArticleNames names the way spinning tools do.
	Marked int `json:"marked"`
	// Parallel counts articles traced as copies that are copies only
	// through sources that do not show who took from whom (see Sites):
	// not counted as copies in the shares or the score. An article with
	// other sources too is counted by the class those give.
	Parallel int `json:"parallel"`
	// Shares of Articles.
	CopiedShare   float64 `json:"copied_share"`
	SpunShare     float64 `json:"spun_share"`
	StitchedShare float64 `json:"stitched_share"`
	MarkedShare   float64 `json:"marked_share"`
	// TakesFrom lists the sites its copies take from, most used first.
	TakesFrom []SiteLink `json:"takes_from"`
	// Substitutions are its most used word swaps, most used first.
	Substitutions []SwapCount `json:"substitutions"`
	// Score is the content-farm score in [0,1]; Evidence explains it.
	Score    float64  `json:"score"`
	Evidence []string `json:"evidence"`
}

// SiteLink is a site another site takes from.
type SiteLink struct {
	Site string `json:"site"`
	// Articles of the taking site that have a source on Site.
	Articles int `json:"articles"`
	// MedianLagHours after the first witness of the reused passages, over
	// the Dated articles whose lag is known (nil when none).
	MedianLagHours *float64 `json:"median_lag_hours,omitempty"`
	Dated          int      `json:"dated"`
}

// SwapCount is a substitution with how often a site used it.
type SwapCount struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Kind  string `json:"kind"`
	Count int    `json:"count"`
}

// topSwaps is how many substitutions a site lists.
const topSwaps = 5

// parallelLinks returns, per document ID, the sources that do not show
// who took from whom: the two documents cannot be ordered by date (equal
// dates, or either unknown) and either each one's trace took from the
// other, or the source writes more names the way spinning tools do
// (Verdict.MarkedNames) than the article. Versions of one wire story that
// outlets publish the same day are the first kind; an undated farm page
// that spun the story an outlet's article also carries is the second (the
// outlet did not take its text from the spun copy). A pair where the
// article is the more marked side stays a copy, whichever way the traces
// went. (Which side other pages explain more does not tell: many stored
// pages are excerpts, wholly inside a longer version.)
func parallelLinks(traces []Trace) map[string]map[string]bool {
	takes := map[string]map[string]bool{}
	marked := map[string]int{}
	for _, t := range traces {
		marked[t.Doc.ID] = t.Verdict.MarkedNames
		for _, l := range t.Sources {
			if l.Boilerplate || !contributes(&l, t.Words) {
				continue
			}
			if takes[t.Doc.ID] == nil {
				takes[t.Doc.ID] = map[string]bool{}
			}
			takes[t.Doc.ID][l.Doc.ID] = true
		}
	}
	out := map[string]map[string]bool{}
	for _, t := range traces {
		a := t.Doc.ID
		for _, l := range t.Sources {
			b := l.Doc.ID
			if !takes[a][b] || !unordered(t.Doc.Published, l.Doc.Published) || marked[a] > marked[b] {
				continue
			}
			if takes[b][a] || marked[b] > marked[a] {
				if out[a] == nil {
					out[a] = map[string]bool{}
				}
				out[a][b] = true
			}
		}
	}
	return out
}

// unordered reports whether two publication dates cannot tell which came
// first.
func unordered(a, b time.Time) bool {
	return a.IsZero() || b.IsZero() || a.Equal(b)
}

// Sites scores every site of the analysis, highest score first. Sources
// that do not show who took from whom (parallelLinks) do not count as
// taking: an article is counted by the verdict its other sources give
// (verdictWithout), and in SiteScore.Parallel when that is original.
func Sites(a *Analysis) []SiteScore {
	parallel := parallelLinks(a.Traces)
	// the first witness of every document's clusters
	earliest := map[string][]int{} // doc id -> clusters
	for i, c := range a.Clusters {
		for _, m := range c.Members {
			earliest[m.Doc.ID] = append(earliest[m.Doc.ID], i)
		}
	}
	lagOf := func(doc, src spintrace.DocRef) (float64, bool) {
		for _, i := range earliest[doc.ID] {
			c := a.Clusters[i]
			if c.Earliest == nil || !slices.ContainsFunc(c.Members, func(m Member) bool { return m.Doc.ID == src.ID }) {
				continue
			}
			return lagHours(c.Earliest.Published, doc.Published)
		}
		return 0, false
	}
	type acc struct {
		s       SiteScore
		from    map[string]*SiteLink
		lags    map[string][]float64
		swaps   map[Swap]int
		fast    int
		dated   int
		sources map[string]bool
	}
	bySite := map[string]*acc{}
	for _, t := range a.Traces {
		x := bySite[t.Doc.Site]
		if x == nil {
			x = &acc{s: SiteScore{Site: t.Doc.Site}, from: map[string]*SiteLink{}, lags: map[string][]float64{}, swaps: map[Swap]int{}, sources: map[string]bool{}}
			bySite[t.Doc.Site] = x
		}
		x.s.Articles++
		if t.Verdict.MarkedNames >= MarkedArticleNames {
			x.s.Marked++
		}
		v := t.Verdict
		if par := parallel[t.Doc.ID]; len(par) > 0 && v.Class != spintrace.ClassOriginal {
			// the class and spin the other sources give
			v, _ = verdictWithout(&t, func(l *Link) bool { return l.Boilerplate || par[l.Doc.ID] }, "parallel versions")
			if v.Class == spintrace.ClassOriginal {
				x.s.Parallel++
				continue
			}
		}
		switch v.Class {
		case spintrace.ClassSyndicated:
			x.s.Syndicated++
		case spintrace.ClassSpun:
			x.s.Spun++
		case spintrace.ClassStitched:
			x.s.Stitched++
		default:
			x.s.Original++
			continue
		}
		if v.Spun || v.Class == spintrace.ClassSpun {
			x.s.SpunAny++
		}
		minLag, known := math.Inf(1), false
		seen := map[string]bool{}
		for _, l := range t.Sources {
			if l.Boilerplate || parallel[t.Doc.ID][l.Doc.ID] {
				continue
			}
			for _, sw := range l.Substitutions {
				x.swaps[sw]++
			}
			site := l.Doc.Site
			lag, ok := lagOf(t.Doc, l.Doc)
			if ok {
				minLag, known = math.Min(minLag, lag), true
			}
			if seen[site] {
				continue
			}
			seen[site] = true
			x.sources[site] = true
			sl := x.from[site]
			if sl == nil {
				sl = &SiteLink{Site: site}
				x.from[site] = sl
			}
			sl.Articles++
			if ok {
				sl.Dated++
				x.lags[site] = append(x.lags[site], lag)
			}
		}
		if known {
			x.dated++
			if minLag <= FastLagHours {
				x.fast++
			}
		}
	}
	out := make([]SiteScore, 0, len(bySite))
	for _, x := range bySite {
		s := x.s
		for site, sl := range x.from {
			if l := x.lags[site]; len(l) > 0 {
				m := median(l)
				sl.MedianLagHours = &m
			}
			s.TakesFrom = append(s.TakesFrom, *sl)
		}
		if s.TakesFrom == nil {
			s.TakesFrom = []SiteLink{}
		}
		slices.SortFunc(s.TakesFrom, func(a, b SiteLink) int {
			return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(a.Site, b.Site))
		})
		s.Substitutions = []SwapCount{}
		for sw, n := range x.swaps {
			s.Substitutions = append(s.Substitutions, SwapCount{From: sw.From, To: sw.To, Kind: sw.Kind, Count: n})
		}
		slices.SortFunc(s.Substitutions, func(a, b SwapCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Kind, b.Kind))
		})
		if len(s.Substitutions) > topSwaps {
			s.Substitutions = s.Substitutions[:topSwaps]
		}
		score(&s, x.fast, x.dated, len(x.sources))
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b SiteScore) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Site, b.Site))
	})
	return out
}

// score fills the shares, the content-farm score and its evidence.
func score(s *SiteScore, fast, dated, sources int) {
	n := float64(s.Articles)
	copied := s.Syndicated + s.Spun + s.Stitched
	s.CopiedShare = round3(float64(copied) / n)
	s.SpunShare = round3(float64(s.SpunAny) / n)
	s.StitchedShare = round3(float64(s.Stitched) / n)
	s.MarkedShare = round3(float64(s.Marked) / n)
	c := float64(copied) / n
	fastShare := 0.0
	if dated > 0 {
		fastShare = float64(fast) / float64(dated)
	}
	breadth := math.Min(1, float64(sources)/BroadSources)
	sc := WeightCopied*c + WeightSpun*float64(s.SpunAny)/n + WeightStitched*float64(s.Stitched)/n +
		WeightFast*c*fastShare + WeightBreadth*c*breadth + WeightMarked*float64(s.Marked)/n
	s.Score = round3(math.Max(0, math.Min(1, sc)))
	s.Evidence = []string{fmt.Sprintf("%d of %d articles copied (%.0f%%): %d syndicated, %d spun, %d stitched",
		copied, s.Articles, 100*c, s.Syndicated, s.Spun, s.Stitched)}
	if s.Parallel > 0 {
		s.Evidence = append(s.Evidence, fmt.Sprintf("%d article(s) share text only with pages they cannot be ordered against by date that took from them in turn or are the spun side: not counted as copies", s.Parallel))
	}
	if s.Marked > 0 {
		s.Evidence = append(s.Evidence, fmt.Sprintf("%d article(s) write names the way spinning tools do (\"Russian Federation\", \"USA\")", s.Marked))
	}
	if copied == 0 {
		return
	}
	if s.SpunAny > 0 {
		s.Evidence = append(s.Evidence, fmt.Sprintf("%d article(s) spun (%.0f%%)", s.SpunAny, 100*float64(s.SpunAny)/n))
	}
	switch {
	case dated > 0:
		s.Evidence = append(s.Evidence, fmt.Sprintf("%d of %d dated copies published within %d hours of the first witness", fast, dated, FastLagHours))
	default:
		s.Evidence = append(s.Evidence, "no copy has a known lag: dates are missing")
	}
	s.Evidence = append(s.Evidence, fmt.Sprintf("takes from %d site(s)", sources))
	if len(s.Substitutions) > 0 {
		sw := s.Substitutions[0]
		s.Evidence = append(s.Evidence, fmt.Sprintf("most used swap %q -> %q (%d times)", sw.From, sw.To, sw.Count))
	}
}

func median(x []float64) float64 {
	y := slices.Clone(x)
	slices.Sort(y)
	n := len(y)
	if n%2 == 1 {
		return y[n/2]
	}
	return (y[n/2-1] + y[n/2]) / 2
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
