package search

import (
	"context"
	"strings"
	"testing"

	"github.com/spintrace/spintrace"
)

func TestLoadLexiconTurnsLearnedSwapsIntoAliases(t *testing.T) {
	ctx := context.Background()
	e := newIndexed(t, doc("trade", 3, srcTrade...))
	art := strings.Replace(strings.Join(srcTrade, " "), "criticized", "slammed", 1)
	kindOf := func() string {
		res, err := e.Trace(ctx, spintrace.Doc{Text: art})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Sources {
			for _, sub := range s.Substitutions {
				if sub.From == "criticized" && sub.To == "slammed" {
					return sub.Kind
				}
			}
		}
		return "none"
	}
	if k := kindOf(); k != spintrace.SubstWord {
		t.Fatalf("before learning: kind %q, want word", k)
	}
	// seen twice: below the threshold
	for i, n := range []int{2, 1} {
		err := e.store.AddLexicon(ctx, string(rune('a'+i)), []spintrace.LexEntry{{From: "criticized", To: "slammed", Site: "farm", Count: n}})
		if err != nil {
			t.Fatal(err)
		}
		loaded, err := e.LoadLexicon(ctx, MinLearnedCount)
		if err != nil {
			t.Fatal(err)
		}
		if want := i; loaded != want {
			t.Errorf("after %d records: %d pairs loaded, want %d", i+1, loaded, want)
		}
	}
	if k := kindOf(); k != spintrace.SubstSynonym {
		t.Errorf("after learning: kind %q, want synonym", k)
	}
}
