package server

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spintrace/spintrace"
)

// chromium returns Debian's chromium, skipping the test when it is absent
// (failing it in CI, where `make test` installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; in CI the browser test must run (make test installs it: apt-get install -y chromium)")
	}
	t.Skip("chromium is not installed: skipping the browser test (install it with: apt-get update && apt-get install -y chromium)")
	return ""
}

// screenshot saves png under the test's temp dir and, when
// SPINTRACE_SCREENSHOTS names a directory, there too (make screenshots).
func screenshot(t *testing.T, dir, name string, png []byte) {
	t.Helper()
	for _, d := range []string{dir, os.Getenv("SPINTRACE_SCREENSHOTS")} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
}

// TestBrowserTrace drives the UI in headless Chromium: paste a stitched,
// spun article, trace it, and find the sources, the coloured passages and
// the substitutions in the page; then open a stored document's provenance
// from the corpus view.
func TestBrowserTrace(t *testing.T) {
	exe := chromium(t)
	docs := append(corpus(), spintrace.Doc{Origin: "test/roundup.txt", URL: "https://farm.example/roundup", Site: "farm.example",
		Title: "Spun roundup", Published: time.Date(2026, 4, 8, 0, 0, 0, 0, time.UTC), Text: spunArticle()})
	f := newFixture(t, fixtureOptions{docs: docs})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- f.srv.Serve(sctx, ln) }()
	defer func() {
		stop()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String() + "/"

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 900),
	)
	defer cancelAlloc()
	bctx, cancelCtx := chromedp.NewContext(actx)
	defer cancelCtx()
	// The first call starts the browser and must not carry a timeout.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var jsErrors []string
	messages := chromedp.Console(bctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() {
				mu.Lock()
				jsErrors = append(jsErrors, m.String())
				mu.Unlock()
			}
		}
	}()
	shots := t.TempDir()
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		return v
	}
	shot := func(name string, full bool) {
		t.Helper()
		a := chromedp.CaptureScreenshot()
		if full {
			a = chromedp.FullScreenshot(100) // 100: PNG
		}
		png, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		screenshot(t, shots, name, png)
	}
	poll := func(what, expr string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	// Paste the article and trace it.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(chromedp.CSS("#article")),
		chromedp.SetValue(chromedp.CSS("#article"), spunArticle()),
		chromedp.SetValue(chromedp.CSS("#title"), "A stitched article"),
		chromedp.Click(chromedp.CSS("#trace-btn")),
		chromedp.WaitVisible(chromedp.CSS("#sources li")),
		chromedp.WaitVisible(chromedp.CSS("#src-text .p")),
	)
	if err != nil {
		t.Fatalf("trace in the browser: %v", err)
	}
	if n := eval(`String(document.querySelectorAll('#sources li').length)`); n != "3" {
		t.Errorf("%s sources listed, want 3", n)
	}
	meta := eval(`Array.from(document.querySelectorAll('#sources .src-meta')).map(e => e.textContent).join('\n')`)
	for _, site := range []string{"eastwire.example", "brennan-post.example", "valley-courier.example"} {
		if !strings.Contains(meta, site) {
			t.Errorf("source %s not listed:\n%s", site, meta)
		}
	}
	nArt := eval(`String(document.querySelectorAll('#art-text .p').length)`)
	nSrc := eval(`String(document.querySelectorAll('#src-text .p').length)`)
	if nArt < "3" && len(nArt) == 1 || nSrc == "0" {
		t.Errorf("highlighted passages: %s in the article, %s in the source", nArt, nSrc)
	}
	if v := eval(`document.querySelector('#verdict').textContent`); !strings.Contains(v, "3 sources") {
		t.Errorf("verdict box: %q", v)
	}
	// The verdict, when the engine gives one, comes first, as given.
	if want := eval(`(JSON.parse(document.querySelector('#raw-json').textContent).verdict || {}).label || ''`); want != "" {
		if got := eval(`document.querySelector('#result > *:not([hidden])').querySelector('#verdict-h').textContent`); got != want {
			t.Errorf("verdict heading %q, want %q", got, want)
		}
	}

	// Changed quotes: every quotation finding is flagged in the article
	// text and listed with its speakers.
	type quoteInfo struct{ Flag, Speaker, SourceSpeaker string }
	quotes, err := chromedp.Run(ctx, chromedp.Evaluate[[]quoteInfo](`(JSON.parse(document.querySelector('#raw-json').textContent).quotes || []).map(q => ({Flag: q.flag, Speaker: q.speaker || '', SourceSpeaker: q.source_speaker || ''}))`))
	if err != nil {
		t.Fatal(err)
	}
	findings := eval(`document.querySelector('#findings').textContent`)
	flagged := eval(`Array.from(document.querySelectorAll('#art-text .qflag')).map(e => e.title).join('|')`)
	for _, q := range quotes {
		kind := strings.ReplaceAll(q.Flag, "_", " ")
		if !strings.Contains(flagged, kind) || !strings.Contains(findings, kind) || !strings.Contains(findings, q.SourceSpeaker) || !strings.Contains(findings, q.Speaker) {
			t.Errorf("quote finding %+v not shown: flagged %q, findings %q", q, flagged, findings)
		}
	}
	if len(quotes) == 0 {
		t.Logf("the engine reported no changed quote for the re-attributed quotation")
	}

	// Substitutions: highlighted inside the coloured passages, with the
	// source word as title and as a visible tooltip on focus.
	type subInfo struct {
		Text, From, Title, Tip string
		Colored                bool
	}
	subs, err := chromedp.Run(ctx, chromedp.Evaluate[[]subInfo](`Array.from(document.querySelectorAll('#art-text .sub')).map(e => ({
		Text: e.textContent, From: e.dataset.from, Title: e.title, Colored: e.classList.contains('p'),
		Tip: getComputedStyle(e, '::after').content}))`))
	if err != nil {
		t.Fatal(err)
	}
	var russia *subInfo
	for i, s := range subs {
		if s.From == "Russia" {
			russia = &subs[i]
		}
	}
	if russia == nil {
		t.Fatalf("no substitution of Russia highlighted; got %+v", subs)
	}
	if !strings.Contains(russia.Text, "Russian") || !strings.Contains(russia.Title, "Russia") || !strings.Contains(russia.Tip, "source: Russia") || !russia.Colored {
		t.Errorf("substitution of Russia: %+v", *russia)
	}
	if len(subs) < 3 {
		t.Errorf("%d substitutions highlighted, want at least 3: %+v", len(subs), subs)
	}
	// The tooltip shows when the substitution has keyboard focus.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#art-text .sub[data-from="Russia"]`)), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if o := eval(`getComputedStyle(document.activeElement, '::after').opacity`); o != "1" {
		t.Errorf("tooltip opacity on focus %q, want 1", o)
	}
	eval(`window.scrollTo(0, 0), ''`)
	shot("serve-trace.png", true)

	// Clicking a passage of the third source shows that source aligned.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#art-text .p[data-source="2"]`))); err != nil {
		t.Fatal(err)
	}
	poll("select a source from its passage", `document.querySelector('#sources li:nth-child(3) button').getAttribute('aria-pressed') === 'true' && document.querySelectorAll('#src-text .p.c2').length > 0`)
	if h := eval(`document.querySelector('#src-h').textContent`); !strings.HasPrefix(h, "Source 3") {
		t.Errorf("source pane heading %q, want source 3", h)
	}

	// The phone layout.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	eval(`document.querySelector('#result').scrollIntoView(), ''`)
	if w := eval(`String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
		t.Errorf("the page scrolls sideways on a phone")
	}
	shot("serve-trace-phone.png", false)

	// Corpus view: search by title, open the provenance of a stored document.
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Click(chromedp.CSS("#tab-corpus")),
		chromedp.WaitVisible(chromedp.CSS("#docs tbody tr")),
		chromedp.SetValue(chromedp.CSS("#q-title"), "roundup"),
		chromedp.Click(chromedp.CSS(`#corpus-form button[type="submit"]`)),
	)
	if err != nil {
		t.Fatalf("corpus search: %v", err)
	}
	poll("corpus search", `document.querySelectorAll('#docs tbody tr').length === 1 && document.querySelector('#docs tbody').textContent.includes('Spun roundup')`)
	shot("serve-corpus.png", false)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#docs tbody tr button"))); err != nil {
		t.Fatal(err)
	}
	poll("provenance of a stored document", `!document.querySelector('#view-trace').hidden && document.querySelector('#title').value === 'Spun roundup'
		&& document.querySelectorAll('#sources li').length === 3 && document.querySelectorAll('#art-text .sub').length > 0`)

	// Sites view: the table sorted by score, sortable by its headers, and
	// a site's page with its evidence, its sources and its swaps.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#tab-sites")), chromedp.WaitVisible(chromedp.CSS("#sites tbody tr"))); err != nil {
		t.Fatalf("sites view: %v", err)
	}
	poll("sites table", `document.querySelectorAll('#sites tbody tr').length === 5`)
	if first := eval(`document.querySelector('#sites tbody tr td').textContent`); first != "farm.example" {
		t.Errorf("first site by score %q, want farm.example", first)
	}
	// Each score meter is as wide as its score (the CSP forbids style attributes).
	if bad := eval(`Array.from(document.querySelectorAll('#sites tbody tr')).filter(tr => tr.querySelector('.meter > span').style.width !== Math.round(parseFloat(tr.lastChild.textContent) * 100) + '%').map(tr => tr.firstChild.textContent).join(' ')`); bad != "" {
		t.Errorf("score meters not as wide as the score: %s", bad)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#sites th[data-key="site"] button`))); err != nil {
		t.Fatal(err)
	}
	poll("sort by site", `document.querySelector('#sites th[data-key="site"]').getAttribute('aria-sort') === 'ascending'
		&& document.querySelector('#sites tbody tr td').textContent === 'brennan-post.example'`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#sites th[data-key="site"] button`))); err != nil {
		t.Fatal(err)
	}
	poll("sort by site, descending", `document.querySelector('#sites tbody tr td').textContent === 'valley-courier.example'`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#sites th[data-key="score"] button`))); err != nil {
		t.Fatal(err)
	}
	poll("sort by score", `document.querySelector('#sites tbody tr td').textContent === 'farm.example'`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#sites tbody tr button.link"))); err != nil {
		t.Fatal(err)
	}
	poll("site page", `!document.querySelector('#site-detail').hidden && document.querySelector('#site-h').textContent === 'farm.example'
		&& document.querySelectorAll('#site-evidence li').length > 0 && document.querySelectorAll('#site-from tbody tr').length === 3
		&& document.querySelectorAll('#site-swaps q').length > 0`)
	if from := eval(`document.querySelector('#site-from tbody').textContent`); !strings.Contains(from, "eastwire.example") || !strings.Contains(from, "h") {
		t.Errorf("takes-from table %q lacks eastwire.example or a lag", from)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#clusters-btn"))); err != nil {
		t.Fatal(err)
	}
	poll("clusters", `document.querySelectorAll('#clusters-list > li').length > 0 && document.querySelector('#clusters-list').textContent.includes('Spun roundup')`)
	shot("serve-sites.png", true)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#clusters-list .cluster-open"))); err != nil {
		t.Fatal(err)
	}
	poll("cluster page", `!document.querySelector('#cluster-detail').hidden && document.querySelectorAll('#cluster-members > li').length >= 2
		&& document.querySelectorAll('#cluster-timeline .tick').length >= 2 && document.querySelector('#cluster-spread').textContent.startsWith('From ')`)
	if members := eval(`document.querySelector('#cluster-members').textContent`); !strings.Contains(members, "took ") || !strings.Contains(members, "after the first witness") ||
		!strings.Contains(members, "→") || strings.Contains(members, "[object") {
		t.Errorf("cluster members %q: want a member that took text, with its lag and substitutions", members)
	}
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("#cluster-detail"))); err != nil {
		t.Fatal(err)
	}
	shot("serve-cluster.png", false)

	// With a token configured, the page asks for it and then works.
	locked := newFixture(t, fixtureOptions{mem: true, config: func(c *Config) { c.Token = "letmein" }})
	if err := chromedp.Do(ctx, chromedp.Navigate(locked.ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	poll("token prompt", `!document.querySelector('#token-form').hidden`)
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#token"), "letmein"),
		chromedp.Click(chromedp.CSS(`#token-form button[type="submit"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	poll("index size after the token", `document.querySelector('#index-size').textContent === '4 documents indexed' && document.querySelector('#token-form').hidden`)

	mu.Lock()
	defer mu.Unlock()
	if len(jsErrors) > 0 {
		t.Errorf("JavaScript errors: %s", fmt.Sprint(jsErrors))
	}
}
