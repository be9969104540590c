package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spintrace/spintrace"
)

// readLine reads one line (without its "\n") from br, holding at most limit
// bytes: a longer line is consumed to its end and reported with tooLong.
func readLine(br *bufio.Reader, limit int64, buf []byte) (line []byte, tooLong bool, err error) {
	line = buf[:0]
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(frag)) > limit+1 { // +1: the "\n"
				tooLong = true
				line = line[:0]
			} else {
				line = append(line, frag...)
			}
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(line, []byte("\n")), tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && (len(line) > 0 || tooLong):
			return line, tooLong, nil
		default:
			return line, tooLong, err
		}
	}
}

// readJSONL reads one JSON object per line; every non-blank line gives one
// Item in order.
func (s *source) readJSONL() error {
	var buf []byte
	for n := 1; ; n++ {
		line, tooLong, err := readLine(s.r, s.opts.MaxDocBytes, buf)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", s.name, n, readErr(err))
		}
		if tooLong {
			if err := s.e.emit(Item{Err: fmt.Errorf("%s: line %d longer than %s", s.name, n, humanBytes(s.opts.MaxDocBytes))}); err != nil {
				return err
			}
			continue
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec := bytes.Clone(line)
		buf = line[:0]
		origin := fmt.Sprintf("%s#L%d", s.name, n)
		opts, name := s.opts, s.name
		if err := s.e.do(func() []Item {
			return []Item{jsonRecord(rec, name, origin, opts)}
		}); err != nil {
			return err
		}
	}
}

// jsonRecord maps one JSON object of manifest to a document through the
// field options.
func jsonRecord(rec []byte, manifest, origin string, o Options) Item {
	if !utf8.Valid(rec) {
		rec = []byte(decodeText(rec))
	}
	dec := json.NewDecoder(bytes.NewReader(rec))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return Item{Err: fmt.Errorf("%s: bad JSON: %v", origin, err)}
	}
	if obj == nil {
		return Item{Err: fmt.Errorf("%s: not a JSON object", origin)}
	}
	if dec.More() {
		return Item{Err: fmt.Errorf("%s: bad JSON: more than one value on the line", origin)}
	}
	str := func(field string) string {
		v, _ := lookup(obj, field)
		s, _ := scalar(v)
		return s
	}
	d := spintrace.Doc{
		Origin: origin,
		Title:  str(o.TitleField),
		URL:    str(o.URLField),
		Site:   str(o.SiteField),
		Byline: str(o.BylineField),
	}
	if v, ok := lookup(obj, o.DateField); ok {
		d.Published = dateValue(v)
	}
	if v, ok := lookup(obj, "lang"); ok {
		d.Lang, _ = scalar(v)
	}
	raw, ok := lookup(obj, o.TextField)
	if !ok {
		if o.FileField != "" {
			if v, ok := lookup(obj, o.FileField); ok {
				if ref, ok := v.(string); ok && ref != "" {
					return fileDoc(manifest, ref, d, o.MaxDocBytes)
				}
				return Item{Err: fmt.Errorf("%s: field %q is %s, want a file path", origin, o.FileField, jsonKind(v))}
			}
			return Item{Err: fmt.Errorf("%s: no %q or %q field (see --text-field, --file-field)", origin, o.TextField, o.FileField)}
		}
		return Item{Err: fmt.Errorf("%s: no %q field (see --text-field)", origin, o.TextField)}
	}
	text, ok := textValue(raw)
	if !ok {
		return Item{Err: fmt.Errorf("%s: field %q is %s, want a string", origin, o.TextField, jsonKind(raw))}
	}
	d.Text = text
	return docItem(d)
}

// lookup finds field in obj: an exact key first, then a dotted path into
// nested objects.
func lookup(obj map[string]any, field string) (any, bool) {
	if v, ok := obj[field]; ok {
		return v, v != nil
	}
	cur := obj
	parts := strings.Split(field, ".")
	for i, p := range parts {
		v, ok := cur[p]
		if !ok || v == nil {
			return nil, false
		}
		if i == len(parts)-1 {
			return v, true
		}
		if cur, ok = v.(map[string]any); !ok {
			return nil, false
		}
	}
	return nil, false
}

// textValue accepts a string, or an array of strings (paragraphs) joined by
// blank lines.
func textValue(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, "\n\n"), true
	}
	return "", false
}

// scalar renders a string, number or boolean; arrays of strings are joined
// with ", " (several authors).
func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", "), len(parts) > 0
	}
	return "", false
}

func dateValue(v any) time.Time {
	switch v := v.(type) {
	case string:
		return ParseDate(v)
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return time.Time{}
		}
		return unixTime(f)
	}
	return time.Time{}
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}
