package spingen

import (
	"math/rand"
	"time"

	"github.com/spintrace/spintrace"
)

// Farm makes one content-farm article from outlet articles the way the
// generated webs of the evaluations do: a verbatim copy (25%), a spun copy
// with entity renames half the time (35%), or a spun, shuffled stitch of 2-3
// sources with join noise (40%). It returns the derivative and the newest
// date of its sources (the farm publishes after it).
func Farm(rng *rand.Rand, outlets []spintrace.Doc) (Derived, time.Time) {
	k := 1
	opt := Options{Sources: 1}
	switch r := rng.Float64(); {
	case r < 0.25: // verbatim copy
	case r < 0.6:
		opt.SubstRate, opt.EntityRenames = 0.15+0.2*rng.Float64(), rng.Intn(2) == 0
	default:
		k = 2 + rng.Intn(2)
		opt.Sources, opt.Shuffle, opt.SubstRate, opt.JoinNoise = k, true, 0.2*rng.Float64(), true
	}
	srcs := make([]spintrace.Doc, k)
	var latest time.Time
	for j := range srcs {
		srcs[j] = outlets[rng.Intn(len(outlets))]
		if srcs[j].Published.After(latest) {
			latest = srcs[j].Published
		}
	}
	return Derive(rng, srcs, opt), latest
}
