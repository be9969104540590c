package pan

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// pairDets is one pair's truth and detections.
type pairDets struct {
	cases, dets []Case
}

// c builds a case whose suspicious and source spans are the same range.
func c(off, length int) Case { return Case{off, length, off, length} }

var approx = cmpopts.EquateApprox(0, 1e-9)

func TestMeasures(t *testing.T) {
	log3 := math.Log2(3)
	tests := []struct {
		name  string
		pairs []pairDets
		want  Measures
	}{
		{
			name:  "perfect detection",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{c(0, 100)}}},
			want:  Measures{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1, Cases: 1, Detections: 1},
		},
		{
			// 50+50 of 100+100 characters found; all detected characters are plagiarized.
			name:  "half a case",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{c(0, 50)}}},
			want:  Measures{Precision: 1, Recall: 0.5, Granularity: 1, Plagdet: 2.0 / 3, Cases: 1, Detections: 1},
		},
		{
			name:  "case in two pieces",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{c(0, 50), c(50, 50)}}},
			want:  Measures{Precision: 1, Recall: 1, Granularity: 2, Plagdet: 1 / log3, Cases: 1, Detections: 2},
		},
		{
			// Characters covered by both pieces count once.
			name:  "two overlapping pieces",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{c(0, 60), c(40, 60)}}},
			want:  Measures{Precision: 1, Recall: 1, Granularity: 2, Plagdet: 1 / log3, Cases: 1, Detections: 2},
		},
		{
			// Pair 2 has no truth: its detection scores precision 0.
			name: "false positive in a pair without cases",
			pairs: []pairDets{
				{[]Case{c(0, 100)}, []Case{c(0, 100)}},
				{nil, []Case{c(0, 10)}},
			},
			want: Measures{Precision: 0.5, Recall: 1, Granularity: 1, Plagdet: 2.0 / 3, Cases: 1, Detections: 2},
		},
		{
			// Same pair, a second detection away from the case.
			name:  "false positive beside the case",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{c(0, 100), c(500, 100)}}},
			want:  Measures{Precision: 0.5, Recall: 1, Granularity: 1, Plagdet: 2.0 / 3, Cases: 1, Detections: 2},
		},
		{
			// The detection covers 600 characters, 400 of them plagiarized;
			// each case is detected once.
			name:  "detection spanning two cases",
			pairs: []pairDets{{[]Case{c(0, 100), c(200, 100)}, []Case{c(0, 300)}}},
			want:  Measures{Precision: 2.0 / 3, Recall: 1, Granularity: 1, Plagdet: 0.8, Cases: 2, Detections: 1},
		},
		{
			// Overlap on the suspicious side only is no detection.
			name:  "source side disjoint",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{{0, 100, 500, 100}}}},
			want:  Measures{Precision: 0, Recall: 0, Granularity: 1, Plagdet: 0, Cases: 1, Detections: 1},
		},
		{
			// Suspicious [10,50) vs [30,70): 20 shared; source [100,160) vs
			// [120,140): 20 shared. Recall 40/100, precision 40/60.
			name:  "unequal sides",
			pairs: []pairDets{{[]Case{{10, 40, 100, 60}}, []Case{{30, 40, 120, 20}}}},
			want:  Measures{Precision: 2.0 / 3, Recall: 0.4, Granularity: 1, Plagdet: 2 * 0.4 * (2.0 / 3) / (0.4 + 2.0/3), Cases: 1, Detections: 1},
		},
		{
			// Detection twice as long as the case on the suspicious side only.
			name:  "detection too long on one side",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{{0, 200, 0, 100}}}},
			want:  Measures{Precision: 2.0 / 3, Recall: 1, Granularity: 1, Plagdet: 0.8, Cases: 1, Detections: 1},
		},
		{
			// One detection misses, the other holds the case and as much
			// again: precision (0 + 0.5) / 2; granularity counts the one
			// overlapping detection only.
			name:  "a miss and a half",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{c(100, 100), c(0, 200)}}},
			want:  Measures{Precision: 0.25, Recall: 1, Granularity: 1, Plagdet: 0.4, Cases: 1, Detections: 2},
		},
		{
			name:  "identical detections count once",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{c(0, 100), c(0, 100)}}},
			want:  Measures{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1, Cases: 1, Detections: 1},
		},
		{
			// A detection in pair 2 cannot match a case of pair 1.
			name: "detection in the wrong pair",
			pairs: []pairDets{
				{[]Case{c(0, 100)}, nil},
				{nil, []Case{c(0, 100)}},
			},
			want: Measures{Precision: 0, Recall: 0, Granularity: 1, Plagdet: 0, Cases: 1, Detections: 1},
		},
		{
			// Two cases, one found: recall averages over cases.
			name: "one of two cases",
			pairs: []pairDets{
				{[]Case{c(0, 100)}, []Case{c(0, 100)}},
				{[]Case{c(0, 300)}, nil},
			},
			want: Measures{Precision: 1, Recall: 0.5, Granularity: 1, Plagdet: 2.0 / 3, Cases: 2, Detections: 1},
		},
		{
			// Granularity averages over detected cases only: (2 + 1) / 2.
			name: "granularity over detected cases",
			pairs: []pairDets{
				{[]Case{c(0, 100), c(200, 100), c(400, 100)}, []Case{c(0, 50), c(50, 50), c(200, 100)}},
			},
			want: Measures{Precision: 1, Recall: 2.0 / 3, Granularity: 1.5, Plagdet: 0.8 / math.Log2(2.5), Cases: 3, Detections: 3},
		},
		{
			name: "nothing to find, nothing found",
			want: Measures{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1},
		},
		{
			name:  "no plagiarism pair, nothing found",
			pairs: []pairDets{{nil, nil}},
			want:  Measures{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1},
		},
		{
			name:  "cases, nothing found",
			pairs: []pairDets{{[]Case{c(0, 100)}, nil}},
			want:  Measures{Granularity: 1, Cases: 1},
		},
		{
			name:  "detections, no cases anywhere",
			pairs: []pairDets{{nil, []Case{c(0, 100)}}},
			want:  Measures{Granularity: 1, Detections: 1},
		},
		{
			// A detection of no characters finds nothing.
			name:  "empty detection inside a case",
			pairs: []pairDets{{[]Case{c(0, 100)}, []Case{c(50, 0)}}},
			want:  Measures{Precision: 0, Recall: 0, Granularity: 1, Plagdet: 0, Cases: 1, Detections: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tl Tally
			for _, p := range tt.pairs {
				tl.Add(p.cases, p.dets)
			}
			if diff := cmp.Diff(tt.want, tl.Measures(), approx); diff != "" {
				t.Errorf("measures (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPlagdet(t *testing.T) {
	tests := []struct {
		p, r, g, want float64
	}{
		{1, 1, 1, 1},
		{1, 0.5, 1, 2.0 / 3},
		{0.5, 1, 1, 2.0 / 3},
		{1, 1, 2, 1 / math.Log2(3)},
		{0.75, 0.25, 2, 0.375 / math.Log2(3)},
		{0, 0, 1, 0},
		{0, 1, 1, 0},
		{-1, 1, 1, 0},
		{1, 1, 0.5, 0},
	}
	for _, tt := range tests {
		if got := Plagdet(tt.p, tt.r, tt.g); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Plagdet(%v, %v, %v) = %v, want %v", tt.p, tt.r, tt.g, got, tt.want)
		}
	}
}

// TestMeasuresBruteForce checks the interval arithmetic against a direct
// count with one boolean per character, on random small pairs.
func TestMeasuresBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randCases := func(n int) []Case {
		var cs []Case
		for range n {
			cs = append(cs, Case{rng.IntN(40), rng.IntN(20), rng.IntN(40), rng.IntN(20)})
		}
		return cs
	}
	for iter := range 2000 {
		var pairs []pairDets
		for range 1 + rng.IntN(3) {
			pairs = append(pairs, pairDets{randCases(rng.IntN(3)), randCases(rng.IntN(4))})
		}
		var tl Tally
		for _, p := range pairs {
			tl.Add(p.cases, p.dets)
		}
		want := bruteMeasures(pairs)
		if diff := cmp.Diff(want, tl.Measures(), approx); diff != "" {
			t.Fatalf("iteration %d, pairs %+v (-brute +tally):\n%s", iter, pairs, diff)
		}
	}
}

// bruteMeasures computes the measures by marking characters one by one.
func bruteMeasures(pairs []pairDets) Measures {
	var recSum, precSum float64
	nCases, nDets, detected, onCases := 0, 0, 0, 0
	share := func(a Case, others []Case) float64 {
		if a.SuspLength+a.SrcLength == 0 {
			return 0
		}
		hit := 0
		for x := a.SuspOffset; x < a.SuspOffset+a.SuspLength; x++ {
			for _, o := range others {
				if overlaps(a, o) && x >= o.SuspOffset && x < o.SuspOffset+o.SuspLength {
					hit++
					break
				}
			}
		}
		for x := a.SrcOffset; x < a.SrcOffset+a.SrcLength; x++ {
			for _, o := range others {
				if overlaps(a, o) && x >= o.SrcOffset && x < o.SrcOffset+o.SrcLength {
					hit++
					break
				}
			}
		}
		return float64(hit) / float64(a.SuspLength+a.SrcLength)
	}
	for _, p := range pairs {
		cases, dets := distinct(p.cases), distinct(p.dets)
		nCases += len(cases)
		nDets += len(dets)
		for _, cs := range cases {
			recSum += share(cs, dets)
			k := 0
			for _, d := range dets {
				if overlaps(cs, d) {
					k++
				}
			}
			if k > 0 {
				detected++
				onCases += k
			}
		}
		for _, d := range dets {
			precSum += share(d, cases)
		}
	}
	m := Measures{Cases: nCases, Detections: nDets, Granularity: 1}
	if nCases == 0 && nDets == 0 {
		m.Precision, m.Recall = 1, 1
	} else if nCases > 0 && nDets > 0 {
		m.Recall, m.Precision = recSum/float64(nCases), precSum/float64(nDets)
	}
	if detected > 0 {
		m.Granularity = float64(onCases) / float64(detected)
	}
	if m.Precision+m.Recall > 0 {
		m.Plagdet = 2 * m.Precision * m.Recall / (m.Precision + m.Recall) / math.Log2(1+m.Granularity)
	}
	return m
}

func TestEvaluateDoesNotModifyInput(t *testing.T) {
	dets := []Case{c(50, 10), c(0, 10), c(50, 10)}
	orig := append([]Case(nil), dets...)
	Evaluate([]Case{c(0, 100)}, dets)
	if diff := cmp.Diff(orig, dets); diff != "" {
		t.Errorf("detections modified (-before +after):\n%s", diff)
	}
}
