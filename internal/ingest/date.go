package ingest

import (
	"strconv"
	"strings"
	"time"
)

// dateLayouts are tried in order by ParseDate. Layouts without a zone are
// read as UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"2006.01.02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	"2 January 2006",
	"2 Jan 2006",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"Monday, January 2, 2006",
}

// monthLayouts are dates without a day. ParseDate recognises them and
// returns the zero time: a month cannot order the articles of one news
// cycle, and read as the 1st it would make a page published late in the
// month look like the first witness of everything published in it.
var monthLayouts = []string{"2006-01", "2006/01", "January 2006", "Jan 2006"}

// ParseDate parses the common date formats found in feeds, HTML metadata,
// WARC headers and exports (RFC 3339, RFC 1123, "2006-01-02", "2 January
// 2006", Unix seconds or milliseconds, ...). It returns the zero time (date
// unknown) when s is empty, not understood, or has no day ("2017-04",
// see monthLayouts).
func ParseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	for _, layout := range monthLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return time.Time{}
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		return unixTime(float64(n))
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && len(s) >= 9 {
		return unixTime(f)
	}
	return time.Time{}
}

// unixTime reads n as Unix seconds, or milliseconds when it is too large to
// be seconds of a plausible date.
func unixTime(n float64) time.Time {
	if n <= 0 {
		return time.Time{}
	}
	if n > 1e11 {
		n /= 1000
	}
	if n > 1e11 {
		return time.Time{}
	}
	sec := int64(n)
	return time.Unix(sec, int64((n-float64(sec))*1e9)).UTC()
}
