package analysis

import (
	"github.com/spintrace/spintrace"
)

// dateSlack tolerates sources dated up to a day after the article: dates
// often lack a time and a time zone.
const dateSlackHours = 24

// timeOrder checks that no source is newer than the article.
func timeOrder(article spintrace.Doc, sources []spintrace.Source) spintrace.TimeOrder {
	t := spintrace.TimeOrder{ArticleDateKnown: !article.Published.IsZero(), Undated: []int{}, Newer: []int{}}
	for _, s := range sources {
		switch {
		case s.Doc.Published.IsZero():
			t.Undated = append(t.Undated, s.Rank)
		case t.ArticleDateKnown && s.Doc.Published.Sub(article.Published).Hours() > dateSlackHours:
			t.Newer = append(t.Newer, s.Rank)
		}
	}
	switch {
	case len(sources) == 0:
		t.Note = "no sources"
	case !t.ArticleDateKnown:
		t.Note = "the article has no date: time order cannot be checked"
	case len(t.Newer) > 0:
		t.Note = "some sources are newer than the article: they may have copied it rather than the reverse"
	case len(t.Undated) > 0:
		t.Note = "some sources have no date: their order is unknown"
	default:
		t.Note = "every source predates the article"
	}
	return t
}
