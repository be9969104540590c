package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/spintrace/spintrace"
)

// errLineTooLong is returned by lineLimitReader.
var errLineTooLong = errors.New("line too long")

// lineLimitReader fails once a line grows past limit bytes, so a CSV file
// with a huge line cannot make encoding/csv buffer it whole. It counts
// newlines to name the offending line.
type lineLimitReader struct {
	r     io.Reader
	limit int64
	run   int64 // bytes since the last '\n'
	lines int   // '\n' seen
}

func (l *lineLimitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.lines++
			l.run = 0
			continue
		}
		l.run++
		if l.run > l.limit {
			return i, errLineTooLong
		}
	}
	return n, err
}

// readCSV reads a CSV (or, for ".tsv" names, tab-separated) file whose first
// record is a header naming the columns; every later record gives one Item.
func (s *source) readCSV() error {
	ll := &lineLimitReader{r: s.r, limit: s.opts.MaxDocBytes}
	cr := csv.NewReader(ll)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	if strings.EqualFold(filepath.Ext(strings.TrimSuffix(strings.ToLower(s.name), ".gz")), ".tsv") {
		cr.Comma = '\t'
	}
	fail := func(err error) error {
		if errors.Is(err, errLineTooLong) {
			return fmt.Errorf("%s: line %d longer than %s", s.name, ll.lines+1, humanBytes(s.opts.MaxDocBytes))
		}
		return fmt.Errorf("%s: %w", s.name, readErr(err))
	}
	header, err := cr.Read()
	if err == io.EOF {
		return s.e.emit(Item{Skip: "empty file"})
	}
	if err != nil {
		return fail(err)
	}
	cols := columns(header, s.opts)
	if cols.text < 0 && cols.file < 0 {
		if s.opts.FileField != "" {
			return fmt.Errorf("%s: no %q or %q column in the header (columns: %s; see --text-field, --file-field)", s.name, s.opts.TextField, s.opts.FileField, strings.Join(header, ", "))
		}
		return fmt.Errorf("%s: no %q column in the header (columns: %s; see --text-field)", s.name, s.opts.TextField, strings.Join(header, ", "))
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && !errors.Is(err, errLineTooLong) && pe.Err != nil {
			if err := s.e.emit(Item{Err: fmt.Errorf("%s#L%d: bad CSV: %v", s.name, pe.StartLine, pe.Err)}); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fail(err)
		}
		line, _ := cr.FieldPos(0)
		origin := fmt.Sprintf("%s#L%d", s.name, line)
		name, limit := s.name, s.opts.MaxDocBytes
		if err := s.e.do(func() []Item { return []Item{csvRecord(rec, cols, name, origin, limit)} }); err != nil {
			return err
		}
	}
}

// csvColumns holds the column index of each mapped field, -1 when absent.
type csvColumns struct {
	text, title, url, date, site, byline, lang int
	file                                       int // -1 unless Options.FileField is set and present
}

// columns finds the mapped fields in a header: exact names first, then
// case-insensitively.
func columns(header []string, o Options) csvColumns {
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	find := func(name string) int {
		for i, h := range header {
			if strings.TrimSpace(h) == name {
				return i
			}
		}
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		return -1
	}
	c := csvColumns{
		text: find(o.TextField), title: find(o.TitleField), url: find(o.URLField),
		date: find(o.DateField), site: find(o.SiteField), byline: find(o.BylineField), lang: find("lang"), file: -1,
	}
	if o.FileField != "" {
		c.file = find(o.FileField)
	}
	return c
}

func csvRecord(rec []string, c csvColumns, manifest, origin string, limit int64) Item {
	get := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		v := rec[i]
		if !utf8.ValidString(v) {
			v = decodeText([]byte(v))
		}
		return v
	}
	d := spintrace.Doc{
		Origin: origin, Title: get(c.title), URL: get(c.url),
		Published: ParseDate(get(c.date)), Site: get(c.site), Byline: get(c.byline), Lang: get(c.lang),
	}
	if c.text < 0 || c.text < len(rec) && rec[c.text] == "" && get(c.file) != "" {
		if ref := get(c.file); ref != "" {
			return fileDoc(manifest, ref, d, limit)
		}
		return Item{Err: fmt.Errorf("%s: no text and no file", origin)}
	}
	if c.text >= len(rec) {
		return Item{Err: fmt.Errorf("%s: %d fields, no text column", origin, len(rec))}
	}
	d.Text = get(c.text)
	return docItem(d)
}
