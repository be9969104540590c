package spingen

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFindQuotes(t *testing.T) {
	type q struct {
		Quote, Name string
		Lead        bool
	}
	tests := []struct {
		in   string
		want []q
	}{
		{`"We did not want this," said Tomas Ferreira, president of the union.`, []q{{`"We did not want this,"`, "Tomas Ferreira", false}}},
		{`"Leave now," Mayor Ellen Okafor said at a briefing.`, []q{{`"Leave now,"`, "Ellen Okafor", true}}},
		{`“Spring is busy,” Montaner said.`, []q{{`“Spring is busy,”`, "Montaner", true}}},
		{`"It is slow," he said.`, []q{{`"It is slow,"`, "", false}}},
		{`"Real pain," said Dr. Kenji Maruyama, an economist.`, []q{{`"Real pain,"`, "Kenji Maruyama", false}}},
		{`"No room," said board chair Evelyn Strand.`, []q{{`"No room,"`, "Evelyn Strand", false}}},
		{`"Go," Mayor Okafor said.`, []q{{`"Go,"`, "Okafor", true}}},
		{`"A. B," union president Tomas Ferreira told members.`, []q{{`"A. B,"`, "Tomas Ferreira", true}}},
		{`It was "watching closely" and more.`, []q{{`"watching closely"`, "", false}}},
		{`"One," said A. "Two," Bob Lee said.`, []q{{`"One,"`, "A", false}, {`"Two,"`, "Bob Lee", true}}},
		{"\"never closed\nnext", nil},
	}
	for _, tc := range tests {
		r := []rune(tc.in)
		var got []q
		for _, x := range findQuotes(r) {
			got = append(got, q{string(r[x.span.Start:x.span.End]), x.name, x.lead})
			if x.name != "" && string(r[x.speaker.Start:x.speaker.End]) != x.name {
				t.Errorf("%q: speaker span %+v does not hold %q", tc.in, x.speaker, x.name)
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("findQuotes(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestMatchCase(t *testing.T) {
	tests := []struct{ src, repl, want string }{
		{"said", "stated", "stated"},
		{"Said", "stated", "Stated"},
		{"SAID", "stated", "STATED"},
		{"A lot of", "many", "Many"},
		{"I", "me", "Me"},
		{"big", "Large", "Large"},
	}
	for _, tc := range tests {
		if got := matchCase(tc.src, tc.repl); got != tc.want {
			t.Errorf("matchCase(%q, %q) = %q, want %q", tc.src, tc.repl, got, tc.want)
		}
	}
}

func TestTables(t *testing.T) {
	if len(synonyms) < 300 {
		t.Errorf("synonym table has %d entries, want at least 300", len(synonyms))
	}
	for k, v := range synonyms {
		if len(v) < 1 || len(v) > 4 {
			t.Errorf("%q has %d replacements, want 1..4", k, len(v))
		}
	}
	for _, w := range []string{"said", "big", "help", "show", "important", "buy", "attack", "people", "country"} {
		if len(synonyms[w]) == 0 {
			t.Errorf("synonym table lacks %q", w)
		}
	}
	if maxPhrase < 2 {
		t.Errorf("no phrase keys (longest %d)", maxPhrase)
	}
	if w := Words(); len(w) != len(synonyms) || w[0] > w[len(w)-1] {
		t.Errorf("Words() = %d words, unsorted or incomplete", len(w))
	}
	bad := []string{"said stated", "said: ", "said: said", "x: a\nx: b"}
	for _, in := range bad {
		if _, _, err := parseTable(in); err == nil {
			t.Errorf("parseTable(%q) accepted", in)
		}
	}
}
