package corpus

import (
	"fmt"
	"math"
	"strings"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/analysis"
)

// reclassify recomputes a trace's verdict without its boilerplate
// sources, with the thresholds of internal/analysis. A trace without
// boilerplate keeps (or gets back) the verdict the trace gave.
func reclassify(t *Trace) {
	if t.AsTraced.Class != "" {
		t.Verdict = t.AsTraced
	}
	var kept []Link
	dropped := 0
	for _, l := range t.Sources {
		if l.Boilerplate {
			dropped++
			continue
		}
		kept = append(kept, l)
	}
	if dropped == 0 {
		return
	}
	cov, contributing, aligned, swapped, thesaurus := 0.0, 0, 0, 0, 0
	for _, l := range kept {
		cov += l.Share
		if l.Share >= analysis.MinStitchShare || int(math.Round(l.Share*float64(t.Words))) >= analysis.MinStitchWords {
			contributing++
		}
		for _, p := range l.Passages {
			aligned += p.Words
		}
		for _, s := range l.Substitutions {
			if analysis.StyleVariant(s.From, s.To) {
				continue
			}
			swapped += len(strings.Fields(s.To))
			if s.Kind == spintrace.SubstSynonym || s.Kind == spintrace.SubstAlias || s.Kind == spintrace.SubstEntity {
				thesaurus++
			}
		}
	}
	v := spintrace.Verdict{Evidence: []string{fmt.Sprintf("%d source(s) left out as site boilerplate", dropped)}}
	if aligned > 0 {
		v.SpinRate = float64(swapped) / float64(aligned)
	}
	switch {
	case contributing >= analysis.MinStitchSources && cov < analysis.MinCopiedCoverage:
		v.Class = spintrace.ClassStitched
	case len(kept) == 0 || cov < analysis.MinCopiedCoverage:
		v.Class = spintrace.ClassOriginal
	case contributing >= 2:
		v.Class = spintrace.ClassStitched
	default:
		v.Class = spintrace.ClassSyndicated
	}
	v.Evidence = append(v.Evidence, fmt.Sprintf("%.0f%% of the words come from %d other source(s)", 100*cov, len(kept)))
	if v.Class != spintrace.ClassOriginal && (thesaurus >= analysis.MinThesaurusSwaps || swapped >= analysis.MinSwaps && v.SpinRate >= analysis.SpinRate) {
		v.Spun = true
		if v.Class == spintrace.ClassSyndicated {
			v.Class = spintrace.ClassSpun
		}
		v.Evidence = append(v.Evidence, fmt.Sprintf("%d words swapped, %.1f%% of the aligned words", swapped, 100*v.SpinRate))
	}
	v.Label = v.Class
	if v.Spun && v.Class != spintrace.ClassSpun {
		v.Label += ", spun"
	}
	v.Confidence = t.Verdict.Confidence
	v.MarkedNames = t.Verdict.MarkedNames
	t.Verdict = v
}
