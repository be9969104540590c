package spineval

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/pan"
	"github.com/spintrace/spintrace/internal/eval/spingen"
)

// Tally accumulates the scores of traced cases. The zero value is ready to
// use. Not safe for concurrent use.
type Tally struct {
	src       Sources
	passages  pan.Tally
	subst     Substitutions
	quotes    Quotes
	verdict   Verdicts
	spun      Spun
	mixin     Mixin
	latencies []time.Duration
	failed    int
	originals int
	derived   int
}

// rateBuckets split derivatives by their true share of substituted words.
var rateBuckets = []RateBucket{
	{Label: "0", Below: 1e-12},
	{Label: "<1%", Below: 0.01, Truthy: true},
	{Label: "1-3%", Below: 0.03, Truthy: true},
	{Label: "3-10%", Below: 0.10, Truthy: true},
	{Label: ">=10%", Below: 2, Truthy: true},
}

func (t *Tally) init() {
	if t.verdict.Confusion != nil {
		return
	}
	t.verdict.Confusion = map[string]map[string]int{}
	t.subst.ByTruthKind = map[string]*SubstRecall{}
	t.subst.ByReportedKind = map[string]*SubstPrecision{}
	t.quotes.ByFlag = map[string]*SubstPrecision{}
	for _, b := range rateBuckets {
		b := b
		t.spun.ByRate = append(t.spun.ByRate, &b)
	}
}

// Add scores one traced case. res may be nil when the trace failed
// (traceErr != nil): the case then counts as reporting nothing. elapsed is
// the trace's wall time.
func (t *Tally) Add(c *Case, res *spintrace.Result, traceErr error, elapsed time.Duration) {
	t.init()
	if traceErr != nil || res == nil {
		t.failed++
		res = &spintrace.Result{Verdict: spintrace.Verdict{Class: "(failed)"}}
	}
	if c.Original {
		t.originals++
	} else {
		t.derived++
	}
	t.latencies = append(t.latencies, elapsed)
	match := t.addSources(c, res)
	t.addPassages(c, res, match)
	if !c.Original {
		t.addSubstitutions(c, res, match)
	}
	t.addQuotes(c, res)
	t.addVerdict(c, res)
	t.addMixin(c, res)
}

// trueSources maps the IDs of the sources the case has passages from to
// their index in Truth.Sources.
func trueSources(c *Case) map[string]int {
	m := map[string]int{}
	for i, s := range c.Truth.Sources {
		if len(s.Passages) > 0 {
			if _, ok := m[s.ID]; !ok {
				m[s.ID] = i
			}
		}
	}
	return m
}

// addSources scores the reported sources and returns, for each reported
// source, the index of the true source it stands for (-1 for none). A
// reported source stands for a true one when it is that document, or when
// the true document is listed among its copies (AlsoIn); each true source
// is credited once.
func (t *Tally) addSources(c *Case, res *spintrace.Result) []int {
	truth := trueSources(c)
	match := make([]int, len(res.Sources))
	credited := map[int]bool{}
	for i, s := range res.Sources {
		match[i] = -1
		idx, ok := truth[s.Doc.ID]
		if !ok {
			for _, d := range s.AlsoIn {
				if j, ok2 := truth[d.ID]; ok2 && !credited[j] {
					idx, ok = j, true
					break
				}
			}
		}
		if ok && !credited[idx] {
			credited[idx] = true
			match[i] = idx
		}
	}
	t.src.Reported += len(res.Sources)
	for _, m := range match {
		if m >= 0 {
			t.src.Correct++
		}
	}
	if c.Original {
		t.src.OnOriginals += len(res.Sources)
		return match
	}
	t.src.Derivatives++
	t.src.TrueSources += len(truth)
	if len(match) > 0 && match[0] >= 0 {
		t.src.TopTrue++
	}
	found := map[int]bool{}
	for i, m := range match {
		if m < 0 {
			continue
		}
		if i < 10 {
			found[m] = true
			t.src.FoundAt10++
		} else {
			t.src.MissedByRank++
		}
	}
	shared := map[string]bool{}
	for _, q := range res.SharedQuotes {
		shared[q.Doc.ID] = true
	}
	quotes := spingen.QuoteSpans([]rune(c.Doc.Text))
	for _, idx := range truth {
		s := c.Truth.Sources[idx]
		qo := quoteOnly(c.Doc.Text, s.Passages, quotes)
		if qo {
			t.src.QuoteOnly++
		}
		if found[idx] || !shared[s.ID] {
			continue
		}
		if qo {
			t.src.QuoteOnlyShared++
			t.src.FoundAt10++
		} else {
			t.src.DemotedToShared++
		}
	}
	return match
}

// quoteOnly reports whether every letter or digit of the passages lies
// inside one of quotes.
func quoteOnly(text string, passages []spingen.Passage, quotes []spintrace.Span) bool {
	r := []rune(text)
	for _, p := range passages {
		for i := max(p.Article.Start, 0); i < min(p.Article.End, len(r)); i++ {
			if (unicode.IsLetter(r[i]) || unicode.IsDigit(r[i])) && !inside(spintrace.Span{Start: i, End: i + 1}, quotes) {
				return false
			}
		}
	}
	return len(passages) > 0
}

// addPassages adds the case's (article, source) pairs to the PAN tally.
func (t *Tally) addPassages(c *Case, res *spintrace.Result, match []int) {
	reported := map[int]bool{}
	for i, s := range res.Sources {
		var dets []pan.Case
		for _, p := range s.Passages {
			dets = append(dets, panCase(p.Article, p.Source))
		}
		var cases []pan.Case
		if m := match[i]; m >= 0 {
			reported[m] = true
			for _, p := range c.Truth.Sources[m].Passages {
				cases = append(cases, panCase(p.Article, p.Source))
			}
		}
		t.passages.Add(cases, dets)
	}
	for i, s := range c.Truth.Sources {
		if reported[i] || len(s.Passages) == 0 {
			continue
		}
		var cases []pan.Case
		for _, p := range s.Passages {
			cases = append(cases, panCase(p.Article, p.Source))
		}
		t.passages.Add(cases, nil)
	}
}

func panCase(a, s spintrace.Span) pan.Case {
	return pan.Case{SuspOffset: a.Start, SuspLength: a.Len(), SrcOffset: s.Start, SrcLength: s.Len()}
}

// overlap reports whether two article spans share a character; an empty
// span counts as the point it sits on, shared when inside the other span.
func overlap(a, b spintrace.Span) bool {
	if a.Len() == 0 {
		return b.Start <= a.Start && a.Start <= b.End
	}
	if b.Len() == 0 {
		return a.Start <= b.Start && b.Start <= a.End
	}
	return a.Start < b.End && b.Start < a.End
}

func inside(a spintrace.Span, spans []spintrace.Span) bool {
	for _, s := range spans {
		if overlap(a, s) {
			return true
		}
	}
	return false
}

// joinSlack is how close (in characters) to a join seam a substitution is
// taken to be the seam's damage.
const joinSlack = 2

// neutral reports whether a reported substitution at a lies over a change
// the truth records as something other than a substitution.
func neutral(c *Case, a spintrace.Span) bool {
	for _, q := range c.Truth.QuoteSwaps {
		if overlap(a, q.Speaker) {
			return true
		}
	}
	for _, j := range c.Truth.Joins {
		if overlap(a, spintrace.Span{Start: j.At - joinSlack, End: j.At + joinSlack}) {
			return true
		}
	}
	return inside(a, c.Truth.Boilerplate)
}

// addSubstitutions scores the substitutions of one derivative.
func (t *Tally) addSubstitutions(c *Case, res *spintrace.Result, match []int) {
	var truePassages []spintrace.Span
	for _, s := range c.Truth.Sources {
		for _, p := range s.Passages {
			truePassages = append(truePassages, p.Article)
		}
	}
	// Scored reports, and inflection-kind reports, of true sources.
	var scored, inflections []spintrace.Substitution
	for i, s := range res.Sources {
		for _, sub := range s.Substitutions {
			switch {
			case match[i] < 0:
				t.subst.OnFalseSources++
			case sub.Kind == spintrace.SubstInflection:
				t.subst.Inflection++
				inflections = append(inflections, sub)
			case !inside(sub.Article, truePassages):
				t.subst.OutsideTruth++
			case neutral(c, sub.Article):
				t.subst.Neutral++
			default:
				scored = append(scored, sub)
			}
		}
	}
	for _, sub := range scored {
		k := t.subst.ByReportedKind[sub.Kind]
		if k == nil {
			k = &SubstPrecision{}
			t.subst.ByReportedKind[sub.Kind] = k
		}
		k.Reported++
		t.subst.Reported++
		for _, ts := range c.Truth.Substitutions {
			if overlap(sub.Article, ts.Span) {
				k.Correct++
				t.subst.Correct++
				break
			}
		}
	}
	for _, ts := range c.Truth.Substitutions {
		k := t.subst.ByTruthKind[ts.Kind]
		if k == nil {
			k = &SubstRecall{}
			t.subst.ByTruthKind[ts.Kind] = k
		}
		k.Truth++
		t.subst.Truth++
		if slices.ContainsFunc(scored, func(s spintrace.Substitution) bool { return overlap(s.Article, ts.Span) }) {
			k.Found++
			t.subst.Found++
			continue
		}
		switch {
		case slices.ContainsFunc(inflections, func(s spintrace.Substitution) bool { return overlap(s.Article, ts.Span) }):
			k.InflectionOnly++
		case !inReportedPassage(c, res, match, ts):
			k.NoPassage++
		default:
			k.Unreported++
		}
	}
}

// inReportedPassage reports whether truth substitution ts lies in a passage
// reported for its own source.
func inReportedPassage(c *Case, res *spintrace.Result, match []int, ts spingen.Substitution) bool {
	for i, s := range res.Sources {
		if match[i] != ts.Source {
			continue
		}
		for _, p := range s.Passages {
			if overlap(ts.Span, p.Article) {
				return true
			}
		}
	}
	return false
}

// quoteRegions are the article spans of the truth's quote changes.
func quoteRegions(c *Case) (swaps, drops []spintrace.Span) {
	for _, q := range c.Truth.QuoteSwaps {
		s := q.Quote
		s.Start, s.End = min(s.Start, q.Speaker.Start), max(s.End, q.Speaker.End)
		swaps = append(swaps, s)
	}
	if len(c.Truth.DroppedQuotes) == 0 {
		return swaps, nil
	}
	r := []rune(c.Doc.Text)
	for _, d := range c.Truth.DroppedQuotes {
		drops = append(drops, sentenceAt(r, d.At))
	}
	return swaps, drops
}

// sentenceAt returns the span from at to the end of its sentence (the next
// '.', '!' or '?' followed by a space or the end, or the line's end).
func sentenceAt(r []rune, at int) spintrace.Span {
	at = min(max(at, 0), len(r))
	e := at
	for e < len(r) && r[e] != '\n' {
		e++
		if c := r[e-1]; (c == '.' || c == '!' || c == '?') && (e == len(r) || r[e] == ' ' || r[e] == '\n') {
			break
		}
	}
	if e == at && e < len(r) {
		e++
	}
	return spintrace.Span{Start: at, End: e}
}

// addQuotes scores the quote findings of one trace.
func (t *Tally) addQuotes(c *Case, res *spintrace.Result) {
	swaps, drops := quoteRegions(c)
	t.quotes.Truth += len(swaps) + len(drops)
	t.quotes.Swaps += len(swaps)
	t.quotes.Drops += len(drops)
	for _, f := range res.Quotes {
		k := t.quotes.ByFlag[f.Flag]
		if k == nil {
			k = &SubstPrecision{}
			t.quotes.ByFlag[f.Flag] = k
		}
		k.Reported++
		t.quotes.Reported++
		var regions []spintrace.Span
		switch f.Flag {
		case spintrace.QuoteSpeakerChanged:
			regions = swaps
		case spintrace.QuoteDropped:
			regions = drops
		}
		switch {
		case inside(f.Article, regions):
		case f.Flag == spintrace.QuoteSpeakerChanged && propagated(c, f):
			t.quotes.Propagated++
		default:
			if c.Original {
				t.quotes.OnOriginals++
			}
			if explicitAttribution([]rune(c.Doc.Text), f.Article) {
				t.quotes.UnmatchedExplicit++
			} else {
				t.quotes.UnmatchedImplicit++
			}
			continue
		}
		k.Correct++
		t.quotes.Correct++
	}
	found := func(region spintrace.Span, flag string) bool {
		return slices.ContainsFunc(res.Quotes, func(f spintrace.QuoteFinding) bool {
			return f.Flag == flag && overlap(f.Article, region)
		})
	}
	for _, s := range swaps {
		if found(s, spintrace.QuoteSpeakerChanged) {
			t.quotes.SwapsFound++
			t.quotes.Found++
		}
	}
	for _, d := range drops {
		if found(d, spintrace.QuoteDropped) {
			t.quotes.DropsFound++
			t.quotes.Found++
		}
	}
}

// propagated reports whether finding f carries the names of one of the
// case's truth swaps.
func propagated(c *Case, f spintrace.QuoteFinding) bool {
	for _, q := range c.Truth.QuoteSwaps {
		if sameName(f.Speaker, q.To) && sameName(f.SourceSpeaker, q.From) {
			return true
		}
	}
	return false
}

// sameName reports whether two names share their last word ("Justin
// Green", "Green").
func sameName(a, b string) bool {
	fa, fb := strings.Fields(a), strings.Fields(b)
	return len(fa) > 0 && len(fb) > 0 && fa[len(fa)-1] == fb[len(fb)-1]
}

var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "wrote": true, "warned": true,
	"replied": true, "explained": true, "insisted": true, "stated": true, "according": true,
	"claimed": true, "argued": true, "noted": true, "announced": true, "commented": true,
}

var pronouns = map[string]bool{
	"He": true, "She": true, "They": true, "It": true, "We": true, "I": true, "You": true,
	"The": true, "This": true, "That": true, "But": true, "And": true,
}

var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true}

// explicitAttribution reports whether the sentence holding the quotation
// at q names its speaker: a speech verb and a capitalized word that is not
// a pronoun, between the sentence start and end (quoted text left out),
// and no pronoun next to the verb.
func explicitAttribution(r []rune, q spintrace.Span) bool {
	q.Start, q.End = min(max(q.Start, 0), len(r)), min(max(q.End, 0), len(r))
	st := q.Start
	for st > 0 && !sentenceEnd(r, st-1) {
		st--
	}
	en := q.End
	for en < len(r) && !sentenceEnd(r, en) {
		en++
	}
	verb, name := false, false
	isWord := func(c rune) bool { return !unicode.IsLetter(c) && c != '-' && c != '\'' }
	for pi, part := range []string{string(r[st:q.Start]), string(r[q.End:en])} {
		ws := strings.FieldsFunc(part, isWord)
		for i, w := range ws {
			if speechVerbs[strings.ToLower(w)] && (i > 0 && subjectPronouns[strings.ToLower(ws[i-1])] ||
				i+1 < len(ws) && subjectPronouns[strings.ToLower(ws[i+1])]) {
				return false // "he told BBC Sport", "said she"
			}
			capital := unicode.IsUpper([]rune(w)[0]) && !pronouns[w]
			if capital && pi == 0 && i == 0 {
				// The sentence's first word is capitalized anyway: a name
				// only when another capitalized word or a speech verb follows.
				capital = i+1 < len(ws) && (unicode.IsUpper([]rune(ws[i+1])[0]) || speechVerbs[ws[i+1]])
			}
			switch {
			case speechVerbs[strings.ToLower(w)]:
				verb = true
			case capital:
				name = true
			}
		}
	}
	return verb && name
}

// sentenceEnd reports whether r[i] ends a sentence outside the quotation
// marks' reach: a newline, or '.', '!' or '?' followed by a space.
func sentenceEnd(r []rune, i int) bool {
	switch r[i] {
	case '\n':
		return true
	case '.', '!', '?':
		return i+1 < len(r) && r[i+1] == ' '
	}
	return false
}

// addVerdict scores the class and the spun modifier.
func (t *Tally) addVerdict(c *Case, res *spintrace.Result) {
	want, got := c.TruthClass(), res.Verdict.Class
	row := t.verdict.Confusion[want]
	if row == nil {
		row = map[string]int{}
		t.verdict.Confusion[want] = row
	}
	row[got]++
	t.verdict.Total++
	if want == got {
		t.verdict.Correct++
	}
	truth, called := c.Truth.Spun, res.Verdict.Spun
	switch {
	case truth && called:
		t.spun.TP++
	case truth:
		t.spun.FN++
	case called:
		t.spun.FP++
	default:
		t.spun.TN++
	}
	if c.Original {
		return
	}
	rate := 0.0
	if words := wordCount(c.Doc.Text); words > 0 {
		n := 0
		for _, s := range c.Truth.Substitutions {
			n += max(1, wordCount(s.To))
		}
		rate = float64(n) / float64(words)
	}
	if !truth {
		rate = 0
	}
	for _, b := range t.spun.ByRate {
		if rate < b.Below {
			b.Cases++
			if called {
				b.Spun++
			}
			break
		}
	}
}

func wordCount(s string) int {
	n, in := 0, false
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		space := r == ' ' || r == '\n' || r == '\t'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// addMixin measures how much of the unexplained text was claimed.
func (t *Tally) addMixin(c *Case, res *spintrace.Result) {
	if len(c.Unexplained) == 0 {
		return
	}
	t.mixin.Cases++
	var claimed []spintrace.Span
	for _, s := range res.Sources {
		for _, p := range s.Passages {
			claimed = append(claimed, p.Article)
		}
	}
	for _, u := range c.Unexplained {
		t.mixin.Chars += u.Len()
		t.mixin.ClaimedChars += covered(u, claimed)
	}
}

// covered counts the characters of u inside the union of spans.
func covered(u spintrace.Span, spans []spintrace.Span) int {
	n := 0
	for i := u.Start; i < u.End; i++ {
		for _, s := range spans {
			if s.Start <= i && i < s.End {
				n++
				break
			}
		}
	}
	return n
}

// Report returns the measures of everything added so far; the Setup and
// the throughput's wall time and workers are the caller's to fill in.
func (t *Tally) Report() Report {
	t.init()
	r := Report{Version: ReportVersion}
	s := t.src
	s.RecallAt1 = ratio(s.TopTrue, s.Derivatives)
	s.RecallAt10 = ratio(s.FoundAt10, s.TrueSources)
	s.Precision = ratio(s.Correct, s.Reported)
	s.F1 = f1(s.Precision, s.RecallAt10)
	r.Sources = s
	r.Passages = t.passages.Measures()

	r.Substitutions = t.subst
	r.Substitutions.finish()
	for _, k := range r.Substitutions.ByTruthKind {
		k.Recall = ratio(k.Found, k.Truth)
	}
	for _, k := range r.Substitutions.ByReportedKind {
		k.Precision = ratio(k.Correct, k.Reported)
	}
	r.Quotes = t.quotes
	r.Quotes.finish()
	r.Quotes.PrecisionUpper = ratio(r.Quotes.Correct+r.Quotes.UnmatchedImplicit, r.Quotes.Reported)
	for _, k := range r.Quotes.ByFlag {
		k.Precision = ratio(k.Correct, k.Reported)
	}

	r.Verdict = t.verdict
	r.Verdict.Accuracy = ratio(r.Verdict.Correct, r.Verdict.Total)
	sp := t.spun
	sp.Accuracy = ratio(sp.TP+sp.TN, sp.TP+sp.TN+sp.FP+sp.FN)
	sp.Precision = ratio(sp.TP, sp.TP+sp.FP)
	sp.Recall = ratio(sp.TP, sp.TP+sp.FN)
	for _, b := range sp.ByRate {
		b.Share = ratio(b.Spun, b.Cases)
	}
	r.Verdict.Spun = sp

	r.Mixin = t.mixin
	r.Mixin.Claimed = ratio(r.Mixin.ClaimedChars, r.Mixin.Chars)

	r.Setup.Derivatives, r.Setup.Originals, r.Setup.Failed = t.derived, t.originals, t.failed
	r.Throughput.Traces = len(t.latencies)
	if n := len(t.latencies); n > 0 {
		ls := slices.Clone(t.latencies)
		slices.Sort(ls)
		var sum time.Duration
		for _, l := range ls {
			sum += l
		}
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		r.Throughput.MeanMs = ms(sum / time.Duration(n))
		r.Throughput.P50Ms = ms(ls[n/2])
		r.Throughput.P99Ms = ms(ls[min(n-1, n*99/100)])
	}
	return r
}
