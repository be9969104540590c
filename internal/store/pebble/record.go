package pebble

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/spintrace/spintrace"
)

// Document record, version 1:
//
//	byte    record version (1)
//	uvarint copies
//	7 x     uvarint length + bytes: id, origin, url, site, title, byline, lang
//	byte    1 when published is set, then varint unix seconds, uvarint nanos
//	rest    the text
//
// Binary rather than JSON: smaller, and decoded without reflection. The text
// is stored raw because pebble compresses whole 32 KiB blocks with zstd,
// which measured smaller (0.43 of the text on the BBC news set) and faster
// than compressing each record on its own (0.55: a 2 KiB article is too
// short for zstd to learn from).
const recordVersion = 1

// encodeDoc appends the record of d to dst.
func encodeDoc(dst []byte, d *spintrace.Doc) []byte {
	dst = append(dst, recordVersion)
	dst = binary.AppendUvarint(dst, uint64(max(d.Copies, 0)))
	for _, s := range []string{d.ID, d.Origin, d.URL, d.Site, d.Title, d.Byline, d.Lang} {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	if d.Published.IsZero() {
		dst = append(dst, 0)
	} else {
		dst = append(dst, 1)
		dst = binary.AppendVarint(dst, d.Published.Unix())
		dst = binary.AppendUvarint(dst, uint64(d.Published.Nanosecond()))
	}
	return append(dst, d.Text...)
}

// decodeDoc decodes a record written by encodeDoc. Bad bytes give an error
// wrapping spintrace.ErrCorrupt, never a panic or an allocation larger than
// the record.
func decodeDoc(b []byte) (spintrace.Doc, error) {
	var d spintrace.Doc
	r := reader{b: b}
	if v := r.byte(); v != recordVersion {
		return d, corrupt(fmt.Errorf("record version %d", v))
	}
	copies := r.uvarint()
	if copies > 1<<40 {
		return d, corrupt(errors.New("copies out of range"))
	}
	d.Copies = int(copies)
	for _, s := range []*string{&d.ID, &d.Origin, &d.URL, &d.Site, &d.Title, &d.Byline, &d.Lang} {
		*s = r.str()
	}
	switch r.byte() {
	case 0:
	case 1:
		sec, nsec := r.varint(), r.uvarint()
		if nsec >= 1e9 {
			return d, corrupt(errors.New("published nanoseconds out of range"))
		}
		d.Published = time.Unix(sec, int64(nsec)).UTC()
	default:
		return d, corrupt(errors.New("bad published flag"))
	}
	if r.err != nil {
		return d, corrupt(r.err)
	}
	d.Text = string(r.b[r.off:])
	return d, nil
}

func corrupt(err error) error {
	return fmt.Errorf("document record: %w: %w", err, spintrace.ErrCorrupt)
}

// reader decodes record fields; the first error sticks.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.b) {
		r.err = errors.New("truncated")
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.err = errors.New("bad uvarint")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.err = errors.New("bad varint")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)-r.off) {
		r.err = errors.New("string overruns record")
		return ""
	}
	s := string(r.b[r.off : r.off+int(n)])
	r.off += int(n)
	return s
}
