// Command gen builds the synonym table of package synonym from a WordNet 3.0
// database (Debian package wordnet-base installs it in /usr/share/wordnet).
// It is run by go generate in internal/synonym; the output is deterministic.
//
//	go run ./gen -wordnet /usr/share/wordnet -out synonym.tbl.gz -licence LICENSE-WordNet
//
// With -stats it also prints class-size statistics to standard error, and
// with -show a comma-separated list of words it prints their classes.
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/kljensen/snowball/english"
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 database directory")
	out := flag.String("out", "synonym.tbl.gz", "table file to write")
	lic := flag.String("licence", "LICENSE-WordNet", "licence notice file to write")
	stats := flag.Bool("stats", false, "print class statistics to stderr")
	show := flag.String("show", "", "comma-separated words whose classes to print")
	var p params
	flag.IntVar(&p.topK, "topk", 2, "senses per part of speech that may join a class")
	flag.Float64Var(&p.ratio, "ratio", 0.25, "tag-count share of the first sense a later sense needs")
	flag.IntVar(&p.minCount, "mincount", 3, "tag count a later sense needs")
	flag.IntVar(&p.maxClass, "maxclass", 12, "largest class, in stems")
	flag.BoolVar(&p.satellit, "satellites", true, "join satellite adjectives to their heads")
	flag.Float64Var(&p.posShare, "posshare", 0.2, "share of a lemma's tag count a part of speech needs to join a class")
	flag.IntVar(&p.reach, "reach", 4, "a first sense links words that have it among this many senses")
	flag.BoolVar(&p.hyper, "hyper", true, "join a verb whose first sense is alone to its hypernym's words")
	flag.BoolVar(&p.relHyper, "relhyper", true, "Related: relate verbs to their hypernyms' words")
	flag.BoolVar(&p.nearNear, "nearnear", true, "link words that both have a synset within reach")
	flag.BoolVar(&p.leaves, "leaves", true, "attach words left alone to the class they link to most")
	flag.Float64Var(&p.density, "density", 0.5, "share of cross pairs that must be linked to merge two clusters")
	flag.Float64Var(&p.dominant, "dominant", 0.5, "share of its stem's top lemma frequency a lemma needs to link")
	flag.Parse()
	if err := run(*dir, *out, *lic, p, *stats, *show); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir, out, lic string, p params, stats bool, show string) error {
	wn, err := loadWordNet(dir)
	if err != nil {
		return err
	}
	if !strings.Contains(wn.licence, "Princeton") {
		return fmt.Errorf("no licence notice found in %s/data.noun", dir)
	}
	m := newModel(wn, p)
	t := build(m)
	data, err := t.encode()
	if err != nil {
		return err
	}
	if stats {
		printStats(t, len(data))
	}
	if show != "" {
		for _, w := range strings.Split(show, ",") {
			fmt.Fprintf(os.Stderr, "%s: %v\n", w, classOf(t, w))
		}
	}
	notice := "The synonym table synonym.tbl.gz is derived from WordNet 3.0.\n\n" + wn.licence
	if err := os.WriteFile(lic, []byte(notice), 0o644); err != nil {
		return fmt.Errorf("write licence: %w", err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func classOf(t *table, w string) []string {
	i, ok := slices.BinarySearch(t.forms, w)
	var e int
	if ok {
		e = t.formEnt[i]
	} else {
		s := english.Stem(w, false)
		e, ok = slices.BinarySearchFunc(t.entries, s, func(x entry, s string) int { return strings.Compare(x.stem, s) })
		if !ok {
			return nil
		}
	}
	c := t.entries[e].class
	if c < 0 {
		return []string{t.entries[e].stem}
	}
	var out []string
	for _, x := range t.entries {
		if x.class == c {
			out = append(out, x.stem)
		}
	}
	return append([]string{"rep=" + t.entries[t.reps[c]].stem}, out...)
}

func printStats(t *table, size int) {
	hist := make(map[int]int)
	counts := make(map[int]int)
	for _, e := range t.entries {
		if e.class >= 0 {
			counts[e.class]++
		}
	}
	members := 0
	for _, n := range counts {
		hist[n]++
		members += n
	}
	fmt.Fprintf(os.Stderr, "entries %d, classes %d (%d stems), synsets %d, forms %d, %d bytes\n",
		len(t.entries), len(t.reps), members, t.nSyn, len(t.forms), size)
	var sizes []int
	for n := range hist {
		sizes = append(sizes, n)
	}
	slices.Sort(sizes)
	for _, n := range sizes {
		fmt.Fprintf(os.Stderr, "  size %2d: %d\n", n, hist[n])
	}
}
