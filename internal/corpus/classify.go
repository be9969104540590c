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
	if v, ok := verdictWithout(t, func(l *Link) bool { return l.Boilerplate }, "site boilerplate"); ok {
		t.Verdict = v
	}
}

// verdictWithout recomputes t's verdict without the sources drop selects
// (why names them in the evidence), with the thresholds of
// internal/analysis. ok is false when drop selects none.
func verdictWithout(t *Trace, drop func(*Link) bool, why string) (spintrace.Verdict, bool) {
	var kept []Link
	dropped := 0
	for i := range t.Sources {
		if drop(&t.Sources[i]) {
			dropped++
			continue
		}
		kept = append(kept, t.Sources[i])
	}
	if dropped == 0 {
		return t.Verdict, false
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
	v := spintrace.Verdict{Evidence: []string{fmt.Sprintf("%d source(s) left out as %s", dropped, why)}}
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
	return v, true
}
