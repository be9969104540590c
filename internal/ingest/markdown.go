package ingest

import (
	"regexp"
	"strings"

	"github.com/spintrace/spintrace"
)

// parseMarkdown reads an optional front matter block
//
//	---
//	title: ...
//	site: ...
//	url: ...
//	date: ...
//	byline: ...
//	---
//
// into the document's fields and returns the body with Markdown syntax
// stripped as Text. Without a title in the front matter, the first level-1
// heading is the title.
func parseMarkdown(src string) spintrace.Doc {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	var d spintrace.Doc
	body := src
	if fm, rest, ok := splitFrontMatter(src); ok {
		applyFrontMatter(&d, fm)
		body = rest
	}
	text, h1 := stripMarkdown(body)
	d.Text = text
	if d.Title == "" {
		d.Title = h1
	}
	return d
}

// splitFrontMatter splits a leading "---" ... "---" (or "...") block off src.
func splitFrontMatter(src string) (fm, rest string, ok bool) {
	s := strings.TrimPrefix(src, "\ufeff")
	if !strings.HasPrefix(s, "---\n") {
		return "", src, false
	}
	s = s[len("---\n"):]
	for off := 0; off <= len(s); {
		end := strings.IndexByte(s[off:], '\n')
		line := s[off:]
		next := len(s) + 1
		if end >= 0 {
			line = s[off : off+end]
			next = off + end + 1
		}
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			if next > len(s) {
				return s[:off], "", true
			}
			return s[:off], s[next:], true
		}
		off = next
	}
	return "", src, false
}

// applyFrontMatter reads "key: value" lines; unknown keys are ignored.
func applyFrontMatter(d *spintrace.Doc, fm string) {
	for _, line := range strings.Split(fm, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
			continue
		}
		v = unquote(strings.TrimSpace(v))
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			d.Title = v
		case "site", "site_name", "sitename":
			d.Site = v
		case "url", "link", "canonical", "canonical_url":
			d.URL = v
		case "date", "published", "pubdate", "published_at":
			d.Published = ParseDate(v)
		case "byline", "author", "authors":
			d.Byline = v
		case "lang", "language":
			d.Lang = v
		}
	}
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}

var (
	reATX      = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$`)
	reRule     = regexp.MustCompile(`^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$`)
	reSetext   = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	reQuote    = regexp.MustCompile(`^ {0,3}(?:>[ \t]?)+`)
	reList     = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?`)
	reRefDef   = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$`)
	reTableSep = regexp.MustCompile(`^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?)?[ \t]*$`)
	reFence    = regexp.MustCompile("^ {0,3}(```+|~~~+)")

	inline = []struct {
		re   *regexp.Regexp
		repl string
	}{
		{regexp.MustCompile(`<!--[\s\S]*?-->`), ""},
		{regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`), "$1"},
		{regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`), "$1"},
		{regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`), "$1"},
		{regexp.MustCompile(`<((?:https?|ftp|mailto):[^>\s]+)>`), "$1"},
		{regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>`), ""},
		{regexp.MustCompile("`+([^`]*)`+"), "$1"},
		{regexp.MustCompile(`\*\*(\S(?:[^*]*\S)?)\*\*`), "$1"},
		{regexp.MustCompile(`(^|[^\w])__(\S(?:[^_]*\S)?)__([^\w]|$)`), "$1$2$3"},
		{regexp.MustCompile(`\*(\S(?:[^*]*\S)?)\*`), "$1"},
		{regexp.MustCompile(`(^|[^\w])_(\S(?:[^_]*\S)?)_([^\w]|$)`), "$1$2$3"},
		{regexp.MustCompile(`~~(\S(?:[^~]*\S)?)~~`), "$1"},
	}
	reEscape = regexp.MustCompile(`\\[\\` + "`" + `*_{}\[\]()#+\-.!>~|<]`)
)

// escBase maps an escaped ASCII punctuation byte to a private-use rune while
// the inline rules run, so "\*" is not read as emphasis.
const escBase = 0xF700

// stripMarkdown returns the text of a Markdown body with the syntax removed
// (headings, emphasis, links, images, code fences, quotes, list markers,
// tables, HTML tags) and the text of its first level-1 heading.
func stripMarkdown(body string) (text, h1 string) {
	lines := strings.Split(body, "\n")
	out := make([]string, 0, len(lines))
	fence := ""
	for _, line := range lines {
		if fence != "" {
			if strings.HasPrefix(strings.TrimLeft(line, " "), fence) {
				fence = ""
				continue
			}
			out = append(out, line)
			continue
		}
		if m := reFence.FindStringSubmatch(line); m != nil {
			fence = m[1]
			continue
		}
		prevText := len(out) > 0 && strings.TrimSpace(out[len(out)-1]) != ""
		switch {
		case prevText && reSetext.MatchString(line):
			if h1 == "" && strings.Contains(line, "=") {
				h1 = strings.TrimSpace(stripInline(out[len(out)-1]))
			}
			continue
		case reRule.MatchString(line), reRefDef.MatchString(line), reTableSep.MatchString(line):
			out = append(out, "")
			continue
		}
		line = reQuote.ReplaceAllString(line, "")
		if m := reATX.FindStringSubmatch(line); m != nil {
			line = m[2]
			if m[1] == "#" && h1 == "" {
				h1 = strings.TrimSpace(stripInline(line))
			}
		}
		line = reList.ReplaceAllString(line, "")
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1 {
			cells := strings.Split(t[1:len(t)-1], "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			line = strings.Join(cells, " ")
		}
		out = append(out, stripInline(line))
	}
	return strings.Join(out, "\n"), h1
}

func stripInline(s string) string {
	if strings.IndexByte(s, '\\') >= 0 {
		s = reEscape.ReplaceAllStringFunc(s, func(m string) string { return string(rune(escBase + int(m[1]))) })
	}
	for _, r := range inline {
		s = r.re.ReplaceAllString(s, r.repl)
	}
	return strings.Map(func(r rune) rune {
		if r >= escBase && r < escBase+0x80 {
			return r - escBase
		}
		return r
	}, s)
}
