package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// poses are the WordNet parts of speech in file-name order; the byte is the
// pos letter used in index files and pointers.
var poses = []struct {
	name string
	pos  byte
}{{"noun", 'n'}, {"verb", 'v'}, {"adj", 'a'}, {"adv", 'r'}}

// synsetKey names a synset by part of speech and byte offset in its data
// file. Satellite adjectives use pos 'a' like their heads.
type synsetKey struct {
	pos    byte
	offset uint32
}

// synset is one parsed line of a data.* file.
type synset struct {
	key       synsetKey
	satellite bool
	// words are the lemmas as written in the data file, adjective markers
	// such as "(p)" removed. Case is kept: a capital marks a proper noun.
	words []string
	// heads are the similar-to (&) targets of a satellite adjective.
	heads []synsetKey
	// hypers are the hypernyms (@) of a verb synset.
	hypers []synsetKey
}

// senses are the synsets of one lemma in one part of speech, most frequent
// first (the order of the index file), with their tagged counts.
type senses struct {
	keys   []synsetKey
	counts []int
}

// wordnet is the part of the database the generator uses.
type wordnet struct {
	synsets map[synsetKey]*synset
	// index maps pos -> lemma -> senses.
	index map[byte]map[string]*senses
	// exc maps an irregular inflected form to its base lemmas.
	exc map[string][]string
	// licence is the notice that heads every data file.
	licence string
}

func loadWordNet(dir string) (*wordnet, error) {
	wn := &wordnet{
		synsets: make(map[synsetKey]*synset),
		index:   make(map[byte]map[string]*senses),
		exc:     make(map[string][]string),
	}
	for _, p := range poses {
		if err := wn.readData(filepath.Join(dir, "data."+p.name), p.pos); err != nil {
			return nil, err
		}
		if err := wn.readIndex(filepath.Join(dir, "index."+p.name), p.pos); err != nil {
			return nil, err
		}
		if err := wn.readExc(filepath.Join(dir, p.name+".exc")); err != nil {
			return nil, err
		}
	}
	if err := wn.readCounts(filepath.Join(dir, "cntlist.rev")); err != nil {
		return nil, err
	}
	return wn, nil
}

// eachLine calls fn for every line of the file at path.
func eachLine(path string, fn func(line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open wordnet file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		if err := fn(sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func (wn *wordnet) readData(path string, pos byte) error {
	var licence strings.Builder
	err := eachLine(path, func(line string) error {
		if strings.HasPrefix(line, "  ") {
			if pos == 'n' {
				// "  1 This software ..." -> "This software ..."
				text := strings.TrimSpace(line)
				if _, rest, ok := strings.Cut(text, " "); ok {
					text = rest
				} else {
					text = ""
				}
				licence.WriteString(strings.TrimRight(text, " "))
				licence.WriteByte('\n')
			}
			return nil
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			return fmt.Errorf("short synset line")
		}
		off, err := strconv.ParseUint(f[0], 10, 32)
		if err != nil {
			return fmt.Errorf("synset offset: %w", err)
		}
		s := &synset{key: synsetKey{pos, uint32(off)}, satellite: f[2] == "s"}
		nw, err := strconv.ParseUint(f[3], 16, 16)
		if err != nil {
			return fmt.Errorf("word count: %w", err)
		}
		i := 4
		for range nw {
			if i+1 >= len(f) {
				return fmt.Errorf("truncated word list")
			}
			w := f[i]
			if j := strings.IndexByte(w, '('); j > 0 {
				w = w[:j]
			}
			s.words = append(s.words, w)
			i += 2
		}
		np, err := strconv.Atoi(f[i])
		if err != nil {
			return fmt.Errorf("pointer count: %w", err)
		}
		i++
		for range np {
			if i+3 >= len(f) {
				return fmt.Errorf("truncated pointer list")
			}
			if f[i] == "&" && s.satellite {
				t, err := strconv.ParseUint(f[i+1], 10, 32)
				if err != nil {
					return fmt.Errorf("pointer offset: %w", err)
				}
				s.heads = append(s.heads, synsetKey{pos, uint32(t)})
			}
			if f[i] == "@" && pos == 'v' {
				t, err := strconv.ParseUint(f[i+1], 10, 32)
				if err != nil {
					return fmt.Errorf("pointer offset: %w", err)
				}
				s.hypers = append(s.hypers, synsetKey{pos, uint32(t)})
			}
			i += 4
		}
		wn.synsets[s.key] = s
		return nil
	})
	if pos == 'n' {
		wn.licence = strings.TrimSpace(licence.String()) + "\n"
	}
	return err
}

func (wn *wordnet) readIndex(path string, pos byte) error {
	m := make(map[string]*senses)
	wn.index[pos] = m
	return eachLine(path, func(line string) error {
		if strings.HasPrefix(line, "  ") {
			return nil
		}
		f := strings.Fields(line)
		if len(f) < 6 {
			return fmt.Errorf("short index line")
		}
		nsyn, err1 := strconv.Atoi(f[2])
		nptr, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || 6+nptr+nsyn > len(f) {
			return fmt.Errorf("bad index counts")
		}
		se := &senses{}
		for _, o := range f[6+nptr : 6+nptr+nsyn] {
			off, err := strconv.ParseUint(o, 10, 32)
			if err != nil {
				return fmt.Errorf("index offset: %w", err)
			}
			se.keys = append(se.keys, synsetKey{pos, uint32(off)})
		}
		se.counts = make([]int, len(se.keys))
		m[f[0]] = se
		return nil
	})
}

func (wn *wordnet) readExc(path string) error {
	return eachLine(path, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil
		}
		wn.exc[f[0]] = append(wn.exc[f[0]], f[1:]...)
		return nil
	})
}

// readCounts reads cntlist.rev: "lemma%ss_type:... sense_number tag_count".
func (wn *wordnet) readCounts(path string) error {
	sstype := map[byte]byte{'1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a'}
	return eachLine(path, func(line string) error {
		f := strings.Fields(line)
		if len(f) != 3 {
			return fmt.Errorf("bad count line")
		}
		lemma, rest, ok := strings.Cut(f[0], "%")
		if !ok || rest == "" {
			return fmt.Errorf("bad sense key")
		}
		pos, ok := sstype[rest[0]]
		if !ok {
			return fmt.Errorf("bad sense type")
		}
		num, err1 := strconv.Atoi(f[1])
		cnt, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil {
			return fmt.Errorf("bad count numbers")
		}
		se := wn.index[pos][lemma]
		if se == nil || num < 1 || num > len(se.counts) {
			return nil
		}
		se.counts[num-1] += cnt
		return nil
	})
}
