package pan

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Corpus is a PAN text-alignment corpus on disk:
//
//	DIR/pairs          one pair per line: suspicious file, space, source file
//	DIR/src/           source documents (UTF-8 text)
//	DIR/susp/          suspicious documents (UTF-8 text)
//	DIR/<folder>/*.xml truth, one file per pair, in one folder per
//	                   obfuscation kind (01-no-plagiarism, ...)
//
// Folders are found by listing DIR: every subdirectory other than src and
// susp that holds XML files. Documents are read on first use and cached.
type Corpus struct {
	// Dir is the corpus directory.
	Dir string
	// Folders are the truth folder names, sorted.
	Folders []string
	// Entries are the pairs in the order of the pairs file, with their truth.
	Entries []Entry

	mu    sync.Mutex
	texts map[string]doc // by path relative to Dir
}

// doc is a cached document text and its length in characters.
type doc struct {
	text  string
	chars int
}

// Entry is one pair of the corpus with its truth.
type Entry struct {
	Pair
	// Folder is the truth folder holding the pair's truth file.
	Folder string `json:"folder"`
	// Truth are the pair's plagiarism cases (features named "plagiarism").
	Truth []Feature `json:"truth,omitempty"`
}

// Cases returns the entry's true cases without their attributes.
func (e Entry) Cases() []Case {
	cs := make([]Case, len(e.Truth))
	for i, f := range e.Truth {
		cs[i] = f.Case
	}
	return cs
}

// OpenCorpus reads the pairs file and every truth file of the corpus in dir.
// Documents are not read until asked for. It fails, naming the file and the
// line or attribute, when the pairs file is malformed or lists a pair
// twice, when a truth file is malformed, names another document
// than its pair, or matches no listed pair, when a pair has no truth file or
// truth files in two folders, and when a folder's own pairs file (if any)
// disagrees with its XML files.
func OpenCorpus(dir string) (*Corpus, error) {
	pairs, err := readPairs(filepath.Join(dir, "pairs"))
	if err != nil {
		return nil, err
	}
	c := &Corpus{Dir: dir, texts: make(map[string]doc)}
	byXML := make(map[string]int, len(pairs))
	c.Entries = make([]Entry, len(pairs))
	for i, p := range pairs {
		c.Entries[i].Pair = p
		if j, dup := byXML[p.XMLName()]; dup {
			q := pairs[j]
			return nil, fmt.Errorf("open corpus %s: pairs %s %s and %s %s share the file name %s", dir, q.Susp, q.Src, p.Susp, p.Src, p.XMLName())
		}
		byXML[p.XMLName()] = i
	}
	folders, err := truthFolders(dir)
	if err != nil {
		return nil, err
	}
	c.Folders = folders
	for _, folder := range folders {
		if err := c.readFolder(folder, byXML); err != nil {
			return nil, err
		}
	}
	for _, e := range c.Entries {
		if e.Folder == "" {
			return nil, fmt.Errorf("open corpus %s: pair %s %s has no truth file %s in any folder", dir, e.Susp, e.Src, e.XMLName())
		}
	}
	return c, nil
}

// readPairs parses a pairs file. Duplicate pairs are an error.
func readPairs(path string) ([]Pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	var pairs []Pair
	seen := make(map[Pair]int)
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s:%d: want \"suspicious-file source-file\", got %q", path, line, text)
		}
		p := Pair{Susp: fields[0], Src: fields[1]}
		for _, name := range fields {
			if !validName(name) {
				return nil, fmt.Errorf("%s:%d: bad document file name %q", path, line, name)
			}
		}
		if prev, dup := seen[p]; dup {
			return nil, fmt.Errorf("%s:%d: pair %s %s already listed on line %d", path, line, p.Susp, p.Src, prev)
		}
		seen[p] = line
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return pairs, nil
}

// validName accepts plain file names: no directory parts, nothing hidden.
func validName(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".") && utf8.ValidString(name)
}

// truthFolders lists the subdirectories of dir, other than src and susp,
// that hold at least one XML file.
func truthFolders(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	var folders []string
	for _, e := range ents {
		if !e.IsDir() || e.Name() == "src" || e.Name() == "susp" {
			continue
		}
		xmls, err := filepath.Glob(filepath.Join(dir, e.Name(), "*.xml"))
		if err != nil {
			return nil, fmt.Errorf("open corpus: %w", err)
		}
		if len(xmls) > 0 {
			folders = append(folders, e.Name())
		}
	}
	sort.Strings(folders)
	if len(folders) == 0 {
		return nil, fmt.Errorf("open corpus %s: no truth folder (a subdirectory with *.xml files)", dir)
	}
	return folders, nil
}

func (c *Corpus) readFolder(folder string, byXML map[string]int) error {
	fdir := filepath.Join(c.Dir, folder)
	xmls, err := filepath.Glob(filepath.Join(fdir, "*.xml"))
	if err != nil {
		return fmt.Errorf("open corpus: %w", err)
	}
	sort.Strings(xmls)
	parsed := readXMLFiles(xmls, TruthFeature)
	got := make(map[Pair]bool, len(xmls))
	for k, path := range xmls {
		i, ok := byXML[filepath.Base(path)]
		if !ok {
			return fmt.Errorf("%s: no pair in %s has this truth file name", path, filepath.Join(c.Dir, "pairs"))
		}
		e := &c.Entries[i]
		if e.Folder != "" {
			return fmt.Errorf("%s: pair %s %s already has truth in folder %s", path, e.Susp, e.Src, e.Folder)
		}
		susp, feats, err := parsed[k].susp, parsed[k].feats, parsed[k].err
		if err != nil {
			return fmt.Errorf("open corpus: %w", err)
		}
		if susp != e.Susp {
			return fmt.Errorf("%s: reference %q, want %q", path, susp, e.Susp)
		}
		for j, f := range feats {
			if f.Src != e.Src {
				return fmt.Errorf("%s: feature %d: source_reference %q, want %q", path, j+1, f.Src, e.Src)
			}
		}
		e.Folder, e.Truth = folder, feats
		got[e.Pair] = true
	}
	// A folder's own pairs file, when present, must list exactly its XMLs.
	listPath := filepath.Join(fdir, "pairs")
	if _, err := os.Stat(listPath); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	listed, err := readPairs(listPath)
	if err != nil {
		return err
	}
	for _, p := range listed {
		if !got[p] {
			return fmt.Errorf("%s: pair %s %s has no truth file %s in the folder", listPath, p.Susp, p.Src, p.XMLName())
		}
	}
	if len(listed) != len(got) {
		return fmt.Errorf("%s: lists %d pairs, folder holds %d truth files", listPath, len(listed), len(got))
	}
	return nil
}

// parsedXML is the outcome of reading one XML file.
type parsedXML struct {
	susp  string
	feats []Feature
	err   error
}

// readXMLFiles reads and decodes the files at paths in parallel, one result
// per path in the same order.
func readXMLFiles(paths []string, feature string) []parsedXML {
	out := make([]parsedXML, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(paths))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := &out[i]
				r.susp, r.feats, r.err = readXMLFile(paths[i], feature)
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// SuspText returns the text of a suspicious document (a file in susp/).
func (c *Corpus) SuspText(name string) (string, error) {
	d, err := c.doc("susp", name)
	return d.text, err
}

// SrcText returns the text of a source document (a file in src/).
func (c *Corpus) SrcText(name string) (string, error) {
	d, err := c.doc("src", name)
	return d.text, err
}

func (c *Corpus) doc(sub, name string) (doc, error) {
	if !validName(name) {
		return doc{}, fmt.Errorf("read document: bad file name %q", name)
	}
	key := sub + "/" + name
	c.mu.Lock()
	d, ok := c.texts[key]
	c.mu.Unlock()
	if ok {
		return d, nil
	}
	path := filepath.Join(c.Dir, sub, name)
	b, err := os.ReadFile(path)
	if err != nil {
		return doc{}, fmt.Errorf("read document: %w", err)
	}
	if !utf8.Valid(b) {
		return doc{}, fmt.Errorf("read document %s: not valid UTF-8, character offsets are undefined", path)
	}
	d = doc{text: string(b), chars: utf8.RuneCount(b)}
	c.mu.Lock()
	c.texts[key] = d
	c.mu.Unlock()
	return d, nil
}

// Sample returns a corpus over the same directory holding only the first n
// pairs (in pairs-file order) of each folder; n <= 0 keeps every pair. It is
// meant for quick smoke runs. The returned corpus has its own cache.
func (c *Corpus) Sample(n int) *Corpus {
	s := &Corpus{Dir: c.Dir, Folders: c.Folders, texts: make(map[string]doc)}
	kept := make(map[string]int)
	for _, e := range c.Entries {
		if n > 0 && kept[e.Folder] >= n {
			continue
		}
		kept[e.Folder]++
		s.Entries = append(s.Entries, e)
	}
	return s
}
