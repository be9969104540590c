package corpus

import (
	"fmt"
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
		if analysis.Contributes(l.Share, t.Words) {
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
	v.Class = analysis.Class(cov, contributing, len(kept))
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
