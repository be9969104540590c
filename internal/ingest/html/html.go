// Package html extracts the main text and metadata of a web page. It is a
// thin wrapper over github.com/markusmobius/go-trafilatura (chosen over
// codeberg.org/readeck/go-readability after measuring both on the pages in
// testdata; see docs/benchmarks.md): navigation, ads, cookie banners,
// comments and "related stories" are dropped, and title, byline, published
// time, canonical URL, site name and language are kept. This package owns
// charset handling: pages are decoded to UTF-8 (declared charset, else UTF-8
// when valid, else windows-1252) before the extractor sees them.
//
// Concurrency: Extract is safe for concurrent use; it keeps no state.
package html

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// ErrNoText is returned (wrapped) when a page has no extractable main text.
var ErrNoText = errors.New("html: no main text found")

// Article is the main content of a page and its metadata. Fields the page
// does not state are empty (Published is the zero time).
type Article struct {
	Title     string
	Byline    string
	URL       string // canonical URL when the page declares one, else the page URL
	Site      string // site name (og:site_name and the like)
	Lang      string
	Published time.Time
	Text      string // paragraphs separated by "\n"
}

// Extract returns the main text of an HTML page. contentType is the HTTP
// Content-Type header when known ("" otherwise) and pageURL the address the
// page was fetched from ("" when unknown); both help decoding and metadata.
// A page without main text gives an error wrapping ErrNoText.
func Extract(page []byte, contentType, pageURL string) (Article, error) {
	doc, err := xhtml.Parse(bytes.NewReader(Decode(page, contentType)))
	if err != nil {
		return Article{}, fmt.Errorf("parse html: %w", err)
	}
	head := scanHead(doc, pageURL)
	opts := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  true,
		Deduplicate:     true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return Article{}, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	a := Article{
		Title:     res.Metadata.Title,
		Byline:    res.Metadata.Author,
		URL:       head.canonical,
		Site:      res.Metadata.Sitename,
		Lang:      head.lang,
		Published: head.published,
		Text:      contentText(res),
	}
	if a.Title == "" {
		a.Title = head.title
	}
	if a.Published.IsZero() {
		a.Published = res.Metadata.Date
	}
	if a.URL == "" {
		a.URL = res.Metadata.URL
	}
	if a.URL == "" {
		a.URL = pageURL
	}
	if a.Lang == "" {
		a.Lang = res.Metadata.Language
	}
	if a.Text == "" || a.Text == a.Title || a.Text == head.title {
		// Extractors fall back to the <title> when a page has no body text.
		return a, ErrNoText
	}
	return a, nil
}

// Decode returns page as UTF-8. The charset comes from a byte order mark,
// contentType or a <meta> declaration; a page that is valid UTF-8 is read
// as UTF-8 even when it claims a single-byte charset (a frequent mislabel),
// and a page that is not valid UTF-8 and declares nothing (or UTF-8) is read
// as windows-1252, the superset of ISO-8859-1 that browsers use.
func Decode(page []byte, contentType string) []byte {
	enc, name, _ := charset.DetermineEncoding(page, contentType)
	valid := utf8.Valid(page)
	switch {
	case valid && (name == "utf-8" || name == "windows-1252" || name == "iso-8859-1"):
		return page
	case name == "utf-8":
		enc = charmap.Windows1252
	}
	out, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return []byte(strings.ToValidUTF8(string(page), "\uFFFD"))
	}
	return out
}

// headInfo is metadata read directly from the document, which the
// extractors do not report reliably.
type headInfo struct {
	title     string
	canonical string
	lang      string
	published time.Time
}

// publishedMeta are <meta> names and properties that carry the publication
// time, most specific first.
var publishedMeta = []string{
	"article:published_time", "og:article:published_time", "datepublished",
	"publishdate", "pubdate", "date", "dc.date.issued", "dc.date", "dcterms.created",
	"sailthru.date", "parsely-pub-date",
}

func scanHead(doc *xhtml.Node, pageURL string) headInfo {
	var h headInfo
	var ogURL string
	dates := map[string]string{}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				h.lang = attr(n, "lang")
			case atom.Title:
				if h.title == "" && n.FirstChild != nil {
					h.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && h.canonical == "" {
					h.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				if attr(n, "property") == "og:url" && ogURL == "" {
					ogURL = strings.TrimSpace(attr(n, "content"))
				}
				for _, k := range []string{"property", "name", "itemprop"} {
					if v := strings.ToLower(attr(n, k)); v != "" {
						if _, ok := dates[v]; !ok {
							dates[v] = attr(n, "content")
						}
					}
				}
				if strings.EqualFold(attr(n, "http-equiv"), "content-language") && h.lang == "" {
					h.lang = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Body:
				return // metadata lives in <head>
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if h.canonical == "" {
		h.canonical = ogURL
	}
	h.canonical = absURL(h.canonical, pageURL)
	for _, k := range publishedMeta {
		if t := parseTime(dates[k]); !t.IsZero() {
			h.published = t
			break
		}
	}
	h.lang = strings.TrimSpace(h.lang)
	return h
}

// absURL resolves ref against base and keeps it only when it is an http(s)
// URL.
func absURL(ref, base string) string {
	u, err := url.Parse(ref)
	if err != nil || ref == "" {
		return ""
	}
	if !u.IsAbs() {
		b, err := url.Parse(base)
		if err != nil || !b.IsAbs() {
			return ""
		}
		u = b.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// parseTime reads the ISO 8601 forms used in page metadata.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// contentText returns the extracted text with one line per paragraph. The
// library's ContentText joins paragraphs with spaces, so the text is
// rendered from ContentNode; when the two disagree (the library's fallback
// path can repeat paragraphs in the node) adjacent repeats are dropped, and
// failing that ContentText is used as is.
func contentText(res *trafilatura.ExtractResult) string {
	plain := CleanText(res.ContentText)
	text := renderText(res.ContentNode)
	if plain == "" || sameWords(text, plain) {
		return text
	}
	if text = dedupLines(text); sameWords(text, plain) {
		return text
	}
	return plain
}

func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// dedupLines drops a line equal to the one before it.
func dedupLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// renderText returns the text of n with one line per block element.
func renderText(n *xhtml.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch n.Type {
		case xhtml.TextNode:
			b.WriteString(n.Data)
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br, atom.Hr:
				b.WriteByte('\n')
				return
			}
		}
		block := n.Type == xhtml.ElementNode && isBlock(n.Data)
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(n)
	return CleanText(b.String())
}

// isBlock reports whether an element starts a new line of text. Tag names
// are compared as strings: the extractor renames elements (to "head",
// "list", "item", ...) without setting DataAtom.
func isBlock(tag string) bool {
	switch strings.ToLower(tag) {
	case "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
		"pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "caption",
		"h1", "h2", "h3", "h4", "h5", "h6", "head", "list", "item", "quote", "code",
		"figure", "figcaption", "address", "details", "summary", "lb", "row", "cell", "doc", "body", "html":
		return true
	}
	return false
}

// CleanText trims every line, collapses runs of spaces and drops empty
// lines: the plain-text form of extracted text (feeds use it too).
func CleanText(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
