package pan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fakePair describes one pair of a synthetic corpus.
type fakePair struct {
	folder    string
	susp, src string // document texts
	truth     []Case
}

// writeCorpus lays out a PAN-style corpus in a temporary directory and
// returns its path. Documents are named after the pair's index.
func writeCorpus(t *testing.T, pairs []fakePair) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"src", "susp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var all strings.Builder
	lists := make(map[string]*strings.Builder)
	for i, fp := range pairs {
		p := Pair{fmt.Sprintf("suspicious-document%05d.txt", i), fmt.Sprintf("source-document%05d.txt", i)}
		mustWrite(t, filepath.Join(dir, "susp", p.Susp), fp.susp)
		mustWrite(t, filepath.Join(dir, "src", p.Src), fp.src)
		line := p.Susp + " " + p.Src + "\n"
		all.WriteString(line)
		if lists[fp.folder] == nil {
			lists[fp.folder] = new(strings.Builder)
			os.MkdirAll(filepath.Join(dir, fp.folder), 0o755)
		}
		lists[fp.folder].WriteString(line)
		var x strings.Builder
		fmt.Fprintf(&x, "<document reference=%q>\n", p.Susp)
		for _, c := range fp.truth {
			fmt.Fprintf(&x, `<feature name="plagiarism" type="artificial" obfuscation="none" this_offset="%d" this_length="%d" source_reference=%q source_offset="%d" source_length="%d"/>`+"\n",
				c.SuspOffset, c.SuspLength, p.Src, c.SrcOffset, c.SrcLength)
		}
		x.WriteString("</document>\n")
		mustWrite(t, filepath.Join(dir, fp.folder, p.XMLName()), x.String())
	}
	mustWrite(t, filepath.Join(dir, "pairs"), all.String())
	for folder, l := range lists {
		mustWrite(t, filepath.Join(dir, folder, "pairs"), l.String())
	}
	return dir
}

func mustWrite(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// smallCorpus has multi-byte text so that byte and character offsets
// differ: "é" and "—" are one character each.
func smallCorpus() []fakePair {
	return []fakePair{
		{folder: "01-none", susp: "nothing here", src: "unrelated text"},
		{folder: "02-copy", susp: "Café — the copied part. More.", src: "Intro. the copied part. End.", truth: []Case{{7, 16, 7, 16}}},
		{folder: "02-copy", susp: "ab ünïcödé words tail", src: "head ünïcödé words", truth: []Case{{3, 13, 5, 13}}},
		{folder: "03-two", susp: "one two three four five six", src: "one xx five six", truth: []Case{{0, 3, 0, 3}, {19, 8, 7, 8}}},
	}
}

func TestOpenCorpus(t *testing.T) {
	dir := writeCorpus(t, smallCorpus())
	c, err := OpenCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"01-none", "02-copy", "03-two"}, c.Folders); diff != "" {
		t.Errorf("folders (-want +got):\n%s", diff)
	}
	want := []Entry{
		{Pair: Pair{"suspicious-document00000.txt", "source-document00000.txt"}, Folder: "01-none"},
		{Pair: Pair{"suspicious-document00001.txt", "source-document00001.txt"}, Folder: "02-copy",
			Truth: []Feature{{Case: Case{7, 16, 7, 16}, Src: "source-document00001.txt", Type: "artificial", Obfuscation: "none"}}},
	}
	if diff := cmp.Diff(want, c.Entries[:2]); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	// Truth offsets are characters: slicing by runes gives the passage.
	for _, e := range c.Entries {
		susp, err := c.SuspText(e.Susp)
		if err != nil {
			t.Fatal(err)
		}
		src, err := c.SrcText(e.Src)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range e.Cases() {
			a := string([]rune(susp)[k.SuspOffset : k.SuspOffset+k.SuspLength])
			b := string([]rune(src)[k.SrcOffset : k.SrcOffset+k.SrcLength])
			if a != b {
				t.Errorf("%s case %+v: %q != %q", e.XMLName(), k, a, b)
			}
		}
	}
	if s := c.Sample(1); len(s.Entries) != 3 || s.Entries[2].Folder != "03-two" {
		t.Errorf("Sample(1) = %+v, want one pair of each folder", s.Entries)
	}
}

func TestOpenCorpusErrors(t *testing.T) {
	// Each test breaks a valid corpus in one way; the error must name the
	// file and what is wrong.
	tests := []struct {
		name    string
		breakIt func(dir string)
		wantErr []string
	}{
		{"no pairs file", func(dir string) { os.Remove(filepath.Join(dir, "pairs")) }, []string{"pairs"}},
		{"pairs line with one field", func(dir string) { appendFile(dir, "pairs", "suspicious-document00009.txt\n") },
			[]string{"pairs:5", "want"}},
		{"pairs path escape", func(dir string) { appendFile(dir, "pairs", "../x.txt source-document00001.txt\n") },
			[]string{"pairs:5", "bad document file name"}},
		{"duplicate pair", func(dir string) {
			appendFile(dir, "pairs", "suspicious-document00001.txt source-document00001.txt\n")
		}, []string{"pairs:5", "already listed on line 2"}},
		{"pairs sharing a file name", func(dir string) {
			appendFile(dir, "pairs", "suspicious-document00001-source.txt document00001.txt\n")
		}, []string{"share the file name suspicious-document00001-source-document00001.xml"}},
		{"pair without truth", func(dir string) {
			os.Remove(filepath.Join(dir, "02-copy", "suspicious-document00001-source-document00001.xml"))
		}, []string{"suspicious-document00001-source-document00001.xml"}},
		{"truth for unlisted pair", func(dir string) {
			mustWriteFile(dir, "03-two/suspicious-document00042-source-document00042.xml", `<document reference="suspicious-document00042.txt"></document>`)
		}, []string{"suspicious-document00042-source-document00042.xml", "no pair"}},
		{"truth in two folders", func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "02-copy", "suspicious-document00001-source-document00001.xml"))
			mustWriteFile(dir, "03-two/suspicious-document00001-source-document00001.xml", string(b))
		}, []string{"already has truth in folder"}},
		{"malformed truth", func(dir string) {
			mustWriteFile(dir, "02-copy/suspicious-document00001-source-document00001.xml",
				`<document reference="suspicious-document00001.txt"><feature name="plagiarism" this_offset="7" this_length="ten" source_reference="source-document00001.txt" source_offset="7" source_length="16"/></document>`)
		}, []string{"02-copy/suspicious-document00001-source-document00001.xml", "feature 1", "this_length"}},
		{"wrong reference", func(dir string) {
			mustWriteFile(dir, "02-copy/suspicious-document00001-source-document00001.xml", `<document reference="suspicious-document00002.txt"></document>`)
		}, []string{"02-copy/suspicious-document00001-source-document00001.xml", "reference"}},
		{"wrong source_reference", func(dir string) {
			mustWriteFile(dir, "02-copy/suspicious-document00001-source-document00001.xml",
				`<document reference="suspicious-document00001.txt"><feature name="plagiarism" this_offset="7" this_length="16" source_reference="source-document00007.txt" source_offset="7" source_length="16"/></document>`)
		}, []string{"feature 1", "source_reference"}},
		{"folder pairs disagree", func(dir string) { mustWriteFile(dir, "03-two/pairs", "") },
			[]string{"03-two/pairs", "lists 0 pairs"}},
		{"no truth folder", func(dir string) {
			for _, f := range []string{"01-none", "02-copy", "03-two"} {
				os.RemoveAll(filepath.Join(dir, f))
			}
		}, []string{"no truth folder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeCorpus(t, smallCorpus())
			tt.breakIt(dir)
			_, err := OpenCorpus(dir)
			if err == nil {
				t.Fatal("OpenCorpus succeeded on a broken corpus")
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestCorpusTextErrors(t *testing.T) {
	dir := writeCorpus(t, smallCorpus())
	c, err := OpenCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustWriteFile(dir, "src/source-document00001.txt", "bad \xff byte")
	if _, err := c.SrcText("source-document00001.txt"); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("invalid UTF-8: error = %v", err)
	}
	if _, err := c.SuspText("../pairs"); err == nil {
		t.Error("path escape accepted")
	}
	if _, err := c.SuspText("suspicious-document09999.txt"); err == nil {
		t.Error("missing document: no error")
	}
}

func appendFile(dir, name, s string) {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		panic(err)
	}
	f.WriteString(s)
	f.Close()
}

func mustWriteFile(dir, name, s string) {
	if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
		panic(err)
	}
}
