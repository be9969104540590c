package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/ingest/html"
)

// fileDoc reads the document a JSON Lines or CSV record points to with its
// file field (Options.FileField): a manifest that lists pages stored as
// files beside it ({"url": ..., "site": ..., "file": "docs/001.txt"}). A
// relative path is taken from the manifest's directory (the working
// directory for standard input). The file is read as it would be on the
// command line: HTML is extracted, Markdown front matter read, a plain text
// headline split off; the record's own fields then override the file's.
func fileDoc(manifest, ref string, rec spintrace.Doc, limit int64) Item {
	path := ref
	if !filepath.IsAbs(path) && manifest != "-" {
		path = filepath.Join(filepath.Dir(manifest), path)
	}
	origin := rec.Origin
	fail := func(format string, args ...any) Item {
		return Item{Err: fmt.Errorf("%s: file %q: %s", origin, ref, fmt.Sprintf(format, args...))}
	}
	f, err := os.Open(path)
	if err != nil {
		return fail("%v", unwrapPath(err))
	}
	defer f.Close()
	b, tooBig, err := readAllLimit(f, limit)
	switch {
	case err != nil:
		return fail("%v", unwrapPath(err))
	case tooBig:
		return Item{Skip: tooBigSkip(limit)}
	}
	var d spintrace.Doc
	switch format := detect(path, false, bufio.NewReader(bytes.NewReader(b))); format {
	case FormatHTML:
		a, err := html.Extract(b, rec.URL, "")
		if errors.Is(err, html.ErrNoText) {
			return fail("no main text in the HTML page")
		}
		if err != nil {
			return fail("%v", err)
		}
		d = articleDoc(a, path, a.URL, rec.Published)
	case FormatMarkdown:
		d = parseMarkdown(decodeText(b))
	case FormatText:
		d.Title, d.Text = splitHeadline(decodeText(b))
	default:
		return fail("is a %s file, not one document (text, Markdown or HTML)", format)
	}
	d.Origin = path
	over := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	over(&d.Title, rec.Title)
	over(&d.URL, rec.URL)
	over(&d.Site, rec.Site)
	over(&d.Byline, rec.Byline)
	over(&d.Lang, rec.Lang)
	if !rec.Published.IsZero() {
		d.Published = rec.Published
	}
	return docItem(d)
}
