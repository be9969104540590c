package pan

import (
	"cmp"
	"math"
	"slices"
)

// Case is one plagiarism case or one detection within a document pair: a
// passage of the suspicious document and the passage of the source document
// it was taken from. All four fields count characters (code points).
type Case struct {
	SuspOffset int `json:"susp_offset"`
	SuspLength int `json:"susp_length"`
	SrcOffset  int `json:"src_offset"`
	SrcLength  int `json:"src_length"`
}

func (c Case) suspEnd() int { return c.SuspOffset + c.SuspLength }
func (c Case) srcEnd() int  { return c.SrcOffset + c.SrcLength }

// overlaps reports whether b overlaps a on both the suspicious and the source
// side. This is the "detects" relation of the framework: a detection counts
// for a case only when it shares characters with it on both sides.
func overlaps(a, b Case) bool {
	return b.suspEnd() > a.SuspOffset && b.SuspOffset < a.suspEnd() &&
		b.srcEnd() > a.SrcOffset && b.SrcOffset < a.srcEnd()
}

// Measures are the PAN text-alignment measures for a set of pairs.
type Measures struct {
	// Precision is the macro-averaged character precision: the mean, over
	// detections, of the share of each detection's characters (suspicious
	// plus source side) that lie in a case it overlaps.
	Precision float64 `json:"precision"`
	// Recall is the macro-averaged character recall: the mean, over cases,
	// of the share of each case's characters (suspicious plus source side)
	// covered by detections that overlap it.
	Recall float64 `json:"recall"`
	// Granularity is the mean number of detections overlapping a case, over
	// the cases that at least one detection overlaps (1 when none is).
	Granularity float64 `json:"granularity"`
	// Plagdet is F1(Precision, Recall) / log2(1 + Granularity).
	Plagdet float64 `json:"plagdet"`
	// Cases and Detections count the distinct cases and detections scored.
	Cases      int `json:"cases"`
	Detections int `json:"detections"`
}

// Tally accumulates the measures over document pairs. The zero value is an
// empty tally, ready to use. Because the framework's averages are over cases
// and detections (not over pairs), adding pairs one by one and calling
// Measures once gives the same result as scoring all of them together.
type Tally struct {
	cases, detections int
	recallSum         float64 // sum over cases of per-case recall
	precisionSum      float64 // sum over detections of per-detection precision
	detectedCases     int     // cases overlapped by at least one detection
	detectionsOnCases int     // sum over cases of overlapping detections
}

// Add scores one document pair: its true cases and the detections reported
// for it. Identical cases, and identical detections, count once (the
// reference implementation treats them as sets). A pair with no cases and
// some detections adds false positives; a pair with cases and no detections
// adds misses. Add does not modify or retain its arguments.
func (t *Tally) Add(cases, detections []Case) {
	cases = distinct(cases)
	detections = distinct(detections)
	t.cases += len(cases)
	t.detections += len(detections)
	for _, c := range cases {
		t.recallSum += coverage(c, detections)
		n := 0
		for _, d := range detections {
			if overlaps(c, d) {
				n++
			}
		}
		if n > 0 {
			t.detectedCases++
			t.detectionsOnCases += n
		}
	}
	// Precision mirrors recall with the roles swapped.
	for _, d := range detections {
		t.precisionSum += coverage(d, cases)
	}
}

// Measures returns the measures of everything added so far. With no cases
// and no detections precision and recall are 1 (nothing to find, nothing
// wrongly found); with either side empty and not the other, both are 0.
func (t *Tally) Measures() Measures {
	m := Measures{Cases: t.cases, Detections: t.detections, Granularity: 1}
	switch {
	case t.cases == 0 && t.detections == 0:
		m.Precision, m.Recall = 1, 1
	case t.cases == 0 || t.detections == 0:
		// Both stay 0.
	default:
		m.Recall = t.recallSum / float64(t.cases)
		m.Precision = t.precisionSum / float64(t.detections)
	}
	if t.detectedCases > 0 {
		m.Granularity = float64(t.detectionsOnCases) / float64(t.detectedCases)
	}
	m.Plagdet = Plagdet(m.Precision, m.Recall, m.Granularity)
	return m
}

// Evaluate scores a single pair; see Tally.Add.
func Evaluate(cases, detections []Case) Measures {
	var t Tally
	t.Add(cases, detections)
	return t.Measures()
}

// Plagdet combines precision, recall and granularity:
// F1 / log2(1 + granularity). It is 0 when precision and recall are both 0
// or when an argument is out of range (negative, or granularity below 1).
func Plagdet(precision, recall, granularity float64) float64 {
	if precision < 0 || recall < 0 || granularity < 1 || precision+recall == 0 {
		return 0
	}
	f1 := 2 * precision * recall / (precision + recall)
	return f1 / math.Log2(1+granularity)
}

// coverage returns the share of a's characters, suspicious plus source side,
// that lie in the union of the passages in others that overlap a. A passage
// of no characters on either side has coverage 0.
func coverage(a Case, others []Case) float64 {
	total := a.SuspLength + a.SrcLength
	if total <= 0 {
		return 0
	}
	var susp, src []span
	for _, o := range others {
		if !overlaps(a, o) {
			continue
		}
		susp = append(susp, clip(o.SuspOffset, o.suspEnd(), a.SuspOffset, a.suspEnd()))
		src = append(src, clip(o.SrcOffset, o.srcEnd(), a.SrcOffset, a.srcEnd()))
	}
	return float64(unionLen(susp)+unionLen(src)) / float64(total)
}

// span is a half-open character range [start, end).
type span struct{ start, end int }

func clip(start, end, lo, hi int) span {
	return span{max(start, lo), min(end, hi)}
}

// unionLen returns the number of characters in the union of spans. It sorts
// spans in place.
func unionLen(spans []span) int {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	n, curStart, curEnd := 0, 0, 0
	open := false
	for _, s := range spans {
		if s.end <= s.start {
			continue
		}
		if open && s.start <= curEnd {
			curEnd = max(curEnd, s.end)
			continue
		}
		if open {
			n += curEnd - curStart
		}
		curStart, curEnd, open = s.start, s.end, true
	}
	if open {
		n += curEnd - curStart
	}
	return n
}

// distinct returns cs without repeated elements, in first-seen order. It
// returns cs itself when there is nothing to drop.
func distinct(cs []Case) []Case {
	if len(cs) < 2 {
		return cs
	}
	seen := make(map[Case]bool, len(cs))
	out := cs[:0:0]
	for _, c := range cs {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	if len(out) == len(cs) {
		return cs
	}
	return out
}
