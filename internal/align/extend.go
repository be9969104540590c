package align

import (
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Local alignment scores. A matched content word outweighs a substitution
// and two gaps, so spun sentences (a third of their words replaced) still
// align end to end; stop words count for less either way.
const (
	scoreMatch     = 4
	scoreMatchStop = 2
	scoreSub       = -2
	scoreGap       = -2
	scoreGapStop   = -1
	margin         = 16      // tokens the alignment may reach beyond the seeds, within their sentences
	maxCells       = 1 << 24 // larger passages keep their seed box, without edits
)

const (
	dirStop byte = iota
	dirDiag
	dirUp   // article token with no source counterpart
	dirLeft // source token with no article counterpart
)

// extend runs a Smith-Waterman local alignment over the passage's tokens
// (widened by a small margin) and replaces its ranges with the best local
// alignment and its edit script. It reports false when nothing aligns.
func extend(a, b *textnorm.Text, p *Passage) bool {
	a0, a1 := widen(a, p.A)
	b0, b1 := widen(b, p.B)
	n, m := a1-a0, b1-b0
	if n*m > maxCells {
		p.Matched = matchedInBox(a, b, p)
		return true
	}
	ta, tb := a.Tokens[a0:a1], b.Tokens[b0:b1]
	dir := make([]byte, (n+1)*(m+1))
	prev := make([]int32, m+1)
	cur := make([]int32, m+1)
	var best int32
	bi, bj := 0, 0
	for i := 1; i <= n; i++ {
		x := ta[i-1]
		gapA := int32(scoreGap)
		if x.Flags&textnorm.FlagStop != 0 {
			gapA = scoreGapStop
		}
		cur[0] = 0
		row := dir[i*(m+1):]
		for j := 1; j <= m; j++ {
			y := tb[j-1]
			var s int32
			switch {
			case x.Canon != y.Canon:
				s = scoreSub
			case x.Flags&textnorm.FlagStop != 0:
				s = scoreMatchStop
			default:
				s = scoreMatch
			}
			h, d := prev[j-1]+s, dirDiag
			if v := prev[j] + gapA; v > h {
				h, d = v, dirUp
			}
			gapB := int32(scoreGap)
			if y.Flags&textnorm.FlagStop != 0 {
				gapB = scoreGapStop
			}
			if v := cur[j-1] + gapB; v > h {
				h, d = v, dirLeft
			}
			if h <= 0 {
				h, d = 0, dirStop
			}
			cur[j] = h
			row[j] = d
			if h > best {
				best, bi, bj = h, i, j
			}
		}
		prev, cur = cur, prev
	}
	if best <= 0 {
		return false
	}
	// trace back from the best cell
	var rev []Op
	i, j := bi, bj
	for i > 0 && j > 0 {
		d := dir[i*(m+1)+j]
		if d == dirStop {
			break
		}
		switch d {
		case dirDiag:
			x, y := ta[i-1], tb[j-1]
			k := byte(OpSub)
			if x.Canon == y.Canon {
				k = OpCanon
				if x.Norm == y.Norm {
					k = OpMatch
				}
			}
			rev = append(rev, Op{k, int32(a0 + i - 1), int32(b0 + j - 1)})
			i, j = i-1, j-1
		case dirUp:
			rev = append(rev, Op{OpIns, int32(a0 + i - 1), -1})
			i--
		case dirLeft:
			rev = append(rev, Op{OpDel, -1, int32(b0 + j - 1)})
			j--
		}
	}
	ops := make([]Op, len(rev))
	for k := range rev {
		ops[k] = rev[len(rev)-1-k]
	}
	p.Ops = ops
	p.A = Range{a0 + i, a0 + bi}
	p.B = Range{b0 + j, b0 + bj}
	p.Matched = 0
	for _, op := range ops {
		if (op.Kind == OpMatch || op.Kind == OpCanon) && a.Tokens[op.A].Flags&textnorm.FlagStop == 0 {
			p.Matched++
		}
	}
	return true
}

// matchedInBox counts article content tokens whose canonical class occurs
// in the source range: a cheap stand-in for huge passages.
func matchedInBox(a, b *textnorm.Text, p *Passage) int {
	in := make(map[uint64]bool, p.B.Len())
	for _, t := range b.Tokens[p.B.Start:p.B.End] {
		in[t.Canon] = true
	}
	n := 0
	for _, t := range a.Tokens[p.A.Start:p.A.End] {
		if t.Flags&textnorm.FlagStop == 0 && in[t.Canon] {
			n++
		}
	}
	return n
}

// widen extends r by up to margin tokens on each side, without leaving the
// sentences r starts and ends in.
func widen(t *textnorm.Text, r Range) (int, int) {
	lo, hi := r.Start, r.End
	first, last := t.Tokens[r.Start].Sent, t.Tokens[r.End-1].Sent
	for k := 0; k < margin && lo > 0 && t.Tokens[lo-1].Sent == first; k++ {
		lo--
	}
	for k := 0; k < margin && hi < len(t.Tokens) && t.Tokens[hi].Sent == last; k++ {
		hi++
	}
	return lo, hi
}
