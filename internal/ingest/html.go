package ingest

import (
	"errors"
	"fmt"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/ingest/html"
)

// readHTML reads one HTML page file.
func (s *source) readHTML() error {
	return s.whole(func(name string, b []byte) []Item {
		a, err := html.Extract(b, "", "")
		if errors.Is(err, html.ErrNoText) {
			return []Item{{Err: fmt.Errorf("%s: no main text in the HTML page", name)}}
		}
		if err != nil {
			return []Item{{Err: fmt.Errorf("%s: %w", name, err)}}
		}
		return []Item{docItem(articleDoc(a, name, a.URL, time.Time{}))}
	})
}

// articleDoc maps an extracted page to a document. The site is the URL's
// host when there is a URL (a stable key across formats), else the page's
// site name; fallbackDate is used when the page states no publication time.
func articleDoc(a html.Article, origin, pageURL string, fallbackDate time.Time) spintrace.Doc {
	d := spintrace.Doc{
		Origin: origin, URL: pageURL, Site: SiteOf(pageURL), Title: a.Title, Byline: a.Byline,
		Published: a.Published, Lang: a.Lang, Text: a.Text,
	}
	if d.Site == "" {
		d.Site = a.Site
	}
	if d.Published.IsZero() {
		d.Published = fallbackDate
	}
	return d
}
