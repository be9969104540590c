package ingest

import "testing"

func TestSplitHeadline(t *testing.T) {
	for _, c := range []struct{ in, title, body string }{
		{"Russia: 'Too Early Yet' to Know\n\nOn Wednesday the talks began.", "Russia: 'Too Early Yet' to Know", "\nOn Wednesday the talks began."},
		{"Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant rose.\n", "Ad sales boost Time Warner profit", "\nQuarterly profits at US media giant rose.\n"},
		{"The talks began on Wednesday.\n\nThey ended on Friday.", "", "The talks began on Wednesday.\n\nThey ended on Friday."},
		{"One paragraph only, no headline", "", "One paragraph only, no headline"},
		{"Headline\nstraight into text without a blank line.", "", "Headline\nstraight into text without a blank line."},
		{"Headline only\n\n", "", "Headline only\n\n"},
		{"\"We will win,\" she said.\n\nMore text.", "", "\"We will win,\" she said.\n\nMore text."},
		{"He came. She left\n\nMore text.", "", "He came. She left\n\nMore text."},
	} {
		title, body := splitHeadline(c.in)
		if title != c.title || body != c.body {
			t.Errorf("splitHeadline(%q) = %q, %q; want %q, %q", c.in, title, body, c.title, c.body)
		}
	}
}
