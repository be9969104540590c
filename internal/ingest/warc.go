package ingest

import (
	"errors"
	"fmt"
	"io"

	"github.com/spintrace/spintrace/internal/ingest/html"
	"github.com/spintrace/spintrace/internal/ingest/warc"
)

// readWARC streams the records of a WARC file: HTML responses become
// documents whose Origin and URL are the record's target URI (Published
// falls back to the WARC date), everything else is a skip. A damaged record
// ends the file with an error naming it; records before it are delivered.
func (s *source) readWARC() error {
	wr, err := warc.NewReader(s.r, s.opts.MaxDocBytes)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	for {
		rec, err := wr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		if rec.Skip != "" {
			if err := s.e.emit(Item{Skip: rec.Skip}); err != nil {
				return err
			}
			continue
		}
		name := fmt.Sprintf("%s: record %d (%s)", s.name, rec.N, rec.TargetURI)
		if err := s.e.do(func() []Item {
			a, err := html.Extract(rec.Body, rec.ContentType, rec.TargetURI)
			if errors.Is(err, html.ErrNoText) {
				return []Item{{Skip: "no main text"}}
			}
			if err != nil {
				return []Item{{Err: fmt.Errorf("%s: %w", name, err)}}
			}
			origin := rec.TargetURI
			if origin == "" {
				origin = fmt.Sprintf("%s#record%d", s.name, rec.N)
			}
			return []Item{docItem(articleDoc(a, origin, rec.TargetURI, rec.Date))}
		}); err != nil {
			return err
		}
	}
}
