package analysis

import (
	"fmt"
	"math"
	"strings"

	"github.com/spintrace/spintrace"
)

// Verdict thresholds (documented in docs/json.md, "verdict").
const (
	// MinCopiedCoverage: below this share of explained words an article
	// is original (it may quote or borrow a sentence).
	MinCopiedCoverage = 0.25
	// MinStitchShare: a source counts towards stitching when it explains
	// at least this share of the article, or MinStitchWords words.
	MinStitchShare = 0.08
	MinStitchWords = 15
	// MinStitchSources contributing sources make a stitched compilation
	// even below MinCopiedCoverage.
	MinStitchSources = 3
	// MinMarkedNames uses of names spinning tools substitute in ("Russian
	// Federation" for "Russia") make a copied article spun.
	MinMarkedNames = 3
	// SpinRate: swapped words per aligned article word above which the
	// article is spun; MinSwaps is the fewest swaps that can make it so.
	SpinRate = 0.02
	MinSwaps = 3
	// MinThesaurusSwaps synonym, alias or name swaps make an article spun
	// whatever the rate: editors fix facts, spinning tools swap synonyms.
	MinThesaurusSwaps = 2
)

// Contributes reports whether a source explaining share of an article of
// words words counts towards stitching.
func Contributes(share float64, words int) bool {
	return share >= MinStitchShare || int(math.Round(share*float64(words))) >= MinStitchWords
}

// Class is the verdict class before the spun modifier, from the coverage,
// the contributing sources and the number of sources (the rules of
// docs/json.md, "Verdict rules").
func Class(cov float64, contributing, sources int) string {
	switch {
	case contributing >= MinStitchSources && cov < MinCopiedCoverage:
		return spintrace.ClassStitched
	case sources == 0 || cov < MinCopiedCoverage:
		return spintrace.ClassOriginal
	case contributing >= 2:
		return spintrace.ClassStitched
	}
	return spintrace.ClassSyndicated
}

func verdict(in Input, res *spintrace.Result) spintrace.Verdict {
	v := spintrace.Verdict{Evidence: []string{}}
	swapped, aligned := 0, 0
	kinds := map[string]int{}
	for _, s := range res.Sources {
		for _, p := range s.Passages {
			aligned += p.Words
		}
		for _, sub := range s.Substitutions {
			if sub.Kind == spintrace.SubstInflection || sub.Kind == spintrace.SubstRewrite || StyleVariant(sub.From, sub.To) {
				continue
			}
			swapped += len(strings.Fields(sub.To))
			kinds[sub.Kind]++
		}
	}
	if aligned > 0 {
		v.SpinRate = float64(swapped) / float64(aligned)
	}
	contributing := 0
	for _, s := range res.Sources {
		if Contributes(s.Share, res.Article.Words) {
			contributing++
		}
	}
	cov := res.Coverage
	v.Class = Class(cov, contributing, len(res.Sources))
	switch {
	case v.Class == spintrace.ClassStitched && cov < MinCopiedCoverage:
		// Many outlets each sharing a stretch of prose is not original
		// reporting, even when most of the text is from sources not indexed.
		v.Confidence = clamp(0.5 + 0.1*float64(contributing-MinStitchSources) + cov)
		v.Evidence = append(v.Evidence, fmt.Sprintf("%d indexed documents each share a passage of prose (%.0f%% of the words); the rest may come from documents not in the index",
			contributing, 100*cov))
	case v.Class == spintrace.ClassOriginal:
		v.Confidence = clamp(1 - cov/MinCopiedCoverage*0.5)
		if len(res.Sources) == 0 {
			v.Evidence = append(v.Evidence, "no indexed document explains any passage")
		} else {
			v.Evidence = append(v.Evidence, fmt.Sprintf("only %.0f%% of the words are shared with indexed documents (below %.0f%%): %d related document(s), no source",
				100*cov, 100*MinCopiedCoverage, len(res.Sources)))
		}
	case v.Class == spintrace.ClassStitched:
		second := res.Sources[1].Share
		v.Confidence = clamp(0.55 + 0.3*math.Min(1, cov/0.6) + 0.15*math.Min(1, second/(2*MinStitchShare)))
		v.Evidence = append(v.Evidence, fmt.Sprintf("%.0f%% of the words come from %d sources, %d of them contributing at least %.0f%% or %d words",
			100*cov, len(res.Sources), contributing, 100*MinStitchShare, MinStitchWords))
	default:
		v.Confidence = clamp(0.5 + 0.5*math.Min(1, cov/0.7))
		v.Evidence = append(v.Evidence, fmt.Sprintf("%.0f%% of the words come from one source (%s)", 100*res.Sources[0].Share, name(res.Sources[0].Doc)))
	}
	marked := markedNames(in.Text.Src)
	v.MarkedNames = marked.total
	thesaurus := kinds[spintrace.SubstSynonym] + kinds[spintrace.SubstAlias] + kinds[spintrace.SubstEntity]
	if v.Class != spintrace.ClassOriginal && (thesaurus >= MinThesaurusSwaps || swapped >= MinSwaps && v.SpinRate >= SpinRate || marked.total >= MinMarkedNames) {
		v.Spun = true
		if v.Class == spintrace.ClassSyndicated {
			v.Class = spintrace.ClassSpun
		}
		if swapped > 0 {
			v.Evidence = append(v.Evidence, fmt.Sprintf("%d words swapped, %.1f%% of the aligned words (%s)", swapped, 100*v.SpinRate, kindList(kinds)))
		}
		if marked.total >= MinMarkedNames {
			v.Evidence = append(v.Evidence, fmt.Sprintf("names as spinning tools write them: %s", marked))
		}
	} else if v.Class != spintrace.ClassOriginal && swapped > 0 {
		v.Evidence = append(v.Evidence, fmt.Sprintf("%d words changed, %.1f%% of the aligned words: light editing, not spinning", swapped, 100*v.SpinRate))
	}
	if len(res.Stitching.Joins) > 0 {
		v.Evidence = append(v.Evidence, fmt.Sprintf("%d join artifact(s), e.g. %q", len(res.Stitching.Joins), res.Stitching.Joins[0].Text))
	}
	if len(res.Stitching.Reordered) > 0 {
		v.Evidence = append(v.Evidence, fmt.Sprintf("sentence order changed from source(s) %v", res.Stitching.Reordered))
	}
	if n := len(res.Quotes); n > 0 {
		v.Evidence = append(v.Evidence, fmt.Sprintf("%d quotation(s) with changed attribution, e.g. %s", n, strings.ReplaceAll(res.Quotes[0].Flag, "_", " ")))
	}
	if len(res.TimeOrder.Newer) > 0 {
		v.Evidence = append(v.Evidence, fmt.Sprintf("source(s) %v are newer than the article", res.TimeOrder.Newer))
		v.Confidence = clamp(v.Confidence - 0.2)
	}
	v.Label = v.Class
	if v.Spun && v.Class != spintrace.ClassSpun {
		v.Label += ", spun"
	}
	v.Confidence = math.Round(math.Min(v.Confidence, 0.99)*100) / 100
	return v
}

func name(d spintrace.DocRef) string {
	if d.Site != "" {
		return d.Site
	}
	if d.Title != "" {
		return d.Title
	}
	return d.Origin
}

func kindList(kinds map[string]int) string {
	var parts []string
	for _, k := range []string{spintrace.SubstSynonym, spintrace.SubstAlias, spintrace.SubstEntity, spintrace.SubstWord} {
		if kinds[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", kinds[k], k))
		}
	}
	return strings.Join(parts, ", ")
}

func clamp(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// TitleEvidence adds the title check's finding to the verdict's evidence,
// once res.Title is filled.
func TitleEvidence(res *spintrace.Result) {
	t := res.Title
	switch {
	case !t.Mismatch:
	case !t.SupportedByBody:
		res.Verdict.Evidence = append(res.Verdict.Evidence, fmt.Sprintf("the title is not supported by any sentence of the body (best match %.0f%% of its words)", 100*t.BodySimilarity))
	default:
		res.Verdict.Evidence = append(res.Verdict.Evidence, fmt.Sprintf("the title comes from %q, which is not a source of the body", t.From.Title))
	}
}

// StyleVariant reports whether two spellings differ only in house style:
// periods, hyphens, apostrophes and case ("U.S." / "US", "e-mail" /
// "email"). An outlet's copy desk makes such changes to wire copy; they are
// not spinning.
func StyleVariant(a, b string) bool {
	strip := strings.NewReplacer(".", "", "-", "", "'", "", "’", "")
	return a != b && strings.EqualFold(strip.Replace(a), strip.Replace(b))
}
