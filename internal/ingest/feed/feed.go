// Package feed reads saved RSS, Atom and JSON Feed files. It is a thin
// wrapper over github.com/mmcdole/gofeed: every feed item becomes one Item
// with its full content (or its summary when the feed has no content) as
// plain text, HTML markup removed.
//
// Concurrency: Parse is safe for concurrent use; it keeps no state.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/spintrace/spintrace/internal/ingest/html"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/charmap"
)

// Feed is the channel-level metadata of a feed.
type Feed struct {
	Title string
	Link  string
	Lang  string
}

// Item is one feed entry.
type Item struct {
	Title     string
	URL       string
	Byline    string
	Published time.Time // zero when the item has no readable date
	Text      string    // content, else summary, as plain text
}

// Parse reads a whole feed. A document that is not a feed gives an error;
// a feed without items gives no items and no error. A feed whose XML
// declaration names a charset is decoded by the library; one that is not
// valid UTF-8 and declares nothing else is read as windows-1252.
func Parse(r io.Reader) (Feed, []Item, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return Feed{}, nil, fmt.Errorf("read feed: %w", err)
	}
	if !utf8.Valid(b) && !declaresCharset(b) {
		if d, err := charmap.Windows1252.NewDecoder().Bytes(b); err == nil {
			b = d
		}
	}
	p := gofeed.NewParser()
	f, err := p.Parse(bytes.NewReader(b))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return Feed{}, nil, fmt.Errorf("not an RSS, Atom or JSON feed")
		}
		return Feed{}, nil, fmt.Errorf("parse feed: %w", err)
	}
	out := Feed{Title: f.Title, Link: f.Link, Lang: f.Language}
	items := make([]Item, 0, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		item := Item{
			Title: Strip(it.Title),
			URL:   strings.TrimSpace(it.Link),
			Text:  Strip(body),
		}
		if item.URL == "" && strings.HasPrefix(it.GUID, "http") {
			item.URL = strings.TrimSpace(it.GUID)
		}
		var names []string
		for _, a := range it.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				names = append(names, strings.TrimSpace(a.Name))
			}
		}
		item.Byline = strings.Join(names, ", ")
		switch {
		case it.PublishedParsed != nil:
			item.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			item.Published = *it.UpdatedParsed
		}
		items = append(items, item)
	}
	return out, items, nil
}

// declaresCharset reports whether an XML declaration names an encoding
// other than UTF-8.
func declaresCharset(b []byte) bool {
	head := b
	if len(head) > 200 {
		head = head[:200]
	}
	end := bytes.Index(head, []byte("?>"))
	if !bytes.HasPrefix(bytes.TrimSpace(head), []byte("<?xml")) || end < 0 {
		return false
	}
	decl := strings.ToLower(string(head[:end]))
	i := strings.Index(decl, "encoding")
	return i >= 0 && !strings.Contains(decl[i:], "utf-8")
}

// Strip returns the text of an HTML fragment: tags removed, entities
// decoded, one line per block element, whitespace collapsed. Plain text
// passes through with its entities decoded.
func Strip(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return html.CleanText(fragment)
	}
	z := xhtml.NewTokenizer(bytes.NewReader([]byte(fragment)))
	var b strings.Builder
	skip := 0 // depth inside script/style
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return html.CleanText(b.String())
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.Script, atom.Style:
				skip++
			default:
				if block(a) {
					b.WriteByte('\n')
				}
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.Script, atom.Style:
				if skip > 0 {
					skip--
				}
			default:
				if block(a) {
					b.WriteByte('\n')
				}
			}
		}
	}
}

func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.Blockquote, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Tr, atom.Table, atom.Pre, atom.Section,
		atom.Article, atom.Figure, atom.Figcaption, atom.Hr:
		return true
	}
	return false
}
