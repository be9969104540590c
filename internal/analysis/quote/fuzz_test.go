package quote

import (
	"testing"
)

// FuzzFind checks that Find and Attributions never panic and that every
// offset they return is in range, on rune boundaries where it matters, and
// ordered. Seeds are in testdata/fuzz/FuzzFind; run longer with
//
//	go test -fuzz FuzzFind -fuzztime 60s ./internal/analysis/quote
func FuzzFind(f *testing.F) {
	f.Add(`"We will respond," Lavrov said.`)
	f.Add("Russia: 'Too Early Yet' to Know\n\n\"One.\n\n\"Two,\" he said.")
	f.Add(`Trump said in a note on Twitter.`)
	f.Fuzz(func(t *testing.T, text string) {
		qs := Find(text)
		prev := 0
		for i, q := range qs {
			if !(prev <= q.Start && q.Start <= q.InnerStart && q.InnerStart <= q.InnerEnd && q.InnerEnd <= q.End && q.End <= len(text)) {
				t.Fatalf("quote %d: bad offsets %+v (len %d, previous end %d)", i, q, len(text), prev)
			}
			prev = q.End
			if q.SpeakerStart < 0 || q.SpeakerEnd < q.SpeakerStart || q.SpeakerEnd > len(text) {
				t.Fatalf("quote %d: bad speaker offsets %+v", i, q)
			}
			if (q.Speaker == "") != (q.Via == "") && q.Via != "pronoun" {
				t.Fatalf("quote %d: speaker %q with via %q", i, q.Speaker, q.Via)
			}
			if q.Speaker != "" && q.Via != "pronoun" && text[q.SpeakerStart:q.SpeakerEnd] != q.Speaker {
				t.Fatalf("quote %d: speaker %q is not the text at its offsets", i, q.Speaker)
			}
		}
		prevA := 0
		for i, a := range Attributions(text) {
			if a.Start < prevA || a.End < a.Start || a.End > len(text) || a.SpeakerStart < 0 || a.SpeakerEnd < a.SpeakerStart || a.SpeakerEnd > len(text) || a.Speaker == "" {
				t.Fatalf("attribution %d: bad %+v (len %d)", i, a, len(text))
			}
			prevA = a.Start
		}
		SameSpeaker(text, "Lavrov")
	})
}
