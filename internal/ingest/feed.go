package ingest

import (
	"bytes"
	"fmt"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/ingest/feed"
)

// readFeed reads a saved RSS/Atom/JSON feed: one document per item, Origin
// the item's link (or file#itemN without one).
func (s *source) readFeed() error {
	return s.whole(func(name string, b []byte) []Item {
		f, items, err := feed.Parse(bytes.NewReader(b))
		if err != nil {
			return []Item{{Err: fmt.Errorf("%s: %w", name, err)}}
		}
		if len(items) == 0 {
			return []Item{{Skip: "empty feed"}}
		}
		out := make([]Item, 0, len(items))
		for i, it := range items {
			origin := it.URL
			if origin == "" {
				origin = fmt.Sprintf("%s#item%d", name, i+1)
			}
			d := spintrace.Doc{
				Origin: origin, URL: it.URL, Site: SiteOf(it.URL), Title: it.Title, Byline: it.Byline,
				Published: it.Published, Lang: f.Lang, Text: it.Text,
			}
			if d.Site == "" {
				d.Site = SiteOf(f.Link)
			}
			out = append(out, docItem(d))
		}
		return out
	})
}
