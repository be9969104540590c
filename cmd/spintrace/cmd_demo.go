package main

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spingen"
	"github.com/spintrace/spintrace/internal/sample"
)

type demoOptions struct {
	dir  string
	seed int64
}

func newDemoCmd() *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Build a sample corpus, index it and trace a spun, stitched article",
		Long: `Demo writes the project's own sample corpus (40 fictional news articles
from eight sites) into DIR/corpus, adds content-farm copies of some of them
(syndicated, spun and stitched, made by the evaluation generator), indexes the
corpus into DIR/spintrace.db, and traces DIR/queries/stitched-spun.md, an
article stitched from three sources with words swapped. Re-running it is
cheap: nothing already indexed is indexed again.`,
		Example: `  spintrace demo --dir demo
  spintrace trace --db demo/spintrace.db demo/queries/spun-copy.md`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.dir, "dir", "demo", "directory for the corpus, the queries and the index")
	cmd.Flags().Int64Var(&o.seed, "seed", 2026, "seed of the generated copies")
	return cmd
}

// farmSites are the fictional content farms of the demo.
var farmSites = []string{"buzzfeedia-news.example", "dailytrend-wire.example", "newsflash-hub.example"}

func runDemo(ctx context.Context, o demoOptions, stdout, stderr io.Writer) error {
	corpus := filepath.Join(o.dir, "corpus")
	queries := filepath.Join(o.dir, "queries")
	db := filepath.Join(o.dir, "spintrace.db")
	for _, d := range []string{corpus, queries} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	if err := sample.WriteDir(corpus); err != nil {
		return fmt.Errorf("demo: write sample corpus: %w", err)
	}
	articles := sample.Articles()
	rng := rand.New(rand.NewSource(o.seed))
	// Content-farm copies that live in the corpus beside their sources.
	for i := 0; i < 9; i++ {
		opts := spingen.Options{SubstRate: []float64{0, 0.15, 0.3}[i%3], Sources: 1 + i%3, Shuffle: i%2 == 0,
			EntityRenames: true, QuoteSwaps: i%2 == 1, JoinNoise: true}
		if err := writeDerived(rng, articles, opts, filepath.Join(corpus, fmt.Sprintf("farm-%02d.md", i+1)), farmSites[i%3]); err != nil {
			return err
		}
	}
	// The articles to trace.
	tracedOpts := map[string]spingen.Options{
		"stitched-spun.md": {SubstRate: 0.3, Sources: 3, Shuffle: true, EntityRenames: true, QuoteSwaps: true, DropQuotes: true, JoinNoise: true, Boilerplate: true},
		"spun-copy.md":     {SubstRate: 0.35, Sources: 1, EntityRenames: true},
		"syndicated.md":    {Sources: 1},
	}
	for _, name := range []string{"stitched-spun.md", "spun-copy.md", "syndicated.md"} {
		if err := writeDerived(rng, articles, tracedOpts[name], filepath.Join(queries, name), "newsflash-hub.example"); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "Sample corpus: %s (%d articles and 9 content-farm copies)\n\n", corpus, len(articles))
	idx := indexOptions{db: db}
	idx.ingest.Format = "auto"
	if err := runIndex(ctx, idx, []string{corpus}, stdout, stderr); err != nil {
		return err
	}
	query := filepath.Join(queries, "stitched-spun.md")
	fmt.Fprintf(stdout, "\nTracing %s, stitched from three articles with words swapped:\n\n", query)
	if err := runTrace(ctx, traceOptions{db: db, color: "auto", format: "auto"}, query, stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, `
Where to look next:
  the traced article:     %[2]s
  the corpus:             %[1]s
  trace the others:       bin/spintrace trace --db %[3]s %[4]s/spun-copy.md
                          bin/spintrace trace --db %[3]s %[4]s/syndicated.md
  the full JSON result:   bin/spintrace trace --db %[3]s --json %[2]s
  the web UI:             bin/spintrace serve --db %[3]s   then open http://127.0.0.1:8080
  your own articles:      bin/spintrace index --db %[3]s PATH...   then   bin/spintrace trace --db %[3]s FILE
  help:                   bin/spintrace --help, docs/ and README.md
`, corpus, query, db, queries)
	return nil
}

// writeDerived picks sources (sharing a topic when it can), derives an
// article from them and writes it as Markdown with front matter.
func writeDerived(rng *rand.Rand, articles []spintrace.Doc, o spingen.Options, path, site string) error {
	srcs := pickSources(rng, articles, max(o.Sources, 1))
	d := spingen.Derive(rng, srcs, o)
	doc := d.Doc
	latest := time.Time{}
	for _, s := range srcs {
		if s.Published.After(latest) {
			latest = s.Published
		}
	}
	doc.Site = site
	doc.Published = latest.Add(time.Duration(1+rng.Intn(48)) * time.Hour)
	slug := strings.TrimSuffix(filepath.Base(path), ".md")
	doc.URL = "https://" + site + "/" + doc.Published.Format("2006/01/02") + "/" + slug
	return writeMarkdown(path, doc)
}

// pickSources takes n articles, starting from a random one and preferring
// articles whose file name shares its first word (a topic).
func pickSources(rng *rand.Rand, articles []spintrace.Doc, n int) []spintrace.Doc {
	first := articles[rng.Intn(len(articles))]
	topic := strings.SplitN(strings.TrimPrefix(first.Origin, "sample:"), "-", 2)[0]
	out := []spintrace.Doc{first}
	for _, i := range rng.Perm(len(articles)) {
		if len(out) == n {
			break
		}
		a := articles[i]
		if a.ID != first.ID && strings.HasPrefix(strings.TrimPrefix(a.Origin, "sample:"), topic) {
			out = append(out, a)
		}
	}
	for _, i := range rng.Perm(len(articles)) {
		if len(out) == n {
			break
		}
		a := articles[i]
		dup := false
		for _, o := range out {
			dup = dup || o.ID == a.ID
		}
		if !dup {
			out = append(out, a)
		}
	}
	return out
}

func writeMarkdown(path string, d spintrace.Doc) error {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\nsite: %s\nurl: %s\ndate: %s\n", oneLine(d.Title), d.Site, d.URL, d.Published.Format(time.RFC3339))
	b.WriteString("---\n\n")
	b.WriteString(d.Text)
	b.WriteString("\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
