package pebble

// Benchmarks on synthetic documents: ~600 random words drawn from a Zipf
// vocabulary, and random 64-bit fingerprints at one per 3.5 words.
//
//	go test -run '^$' -bench . -benchtime 3s ./internal/store/pebble/
//	SPINTRACE_BENCH_LARGE=1 go test -run '^$' -bench Postings/docs=100000 -timeout 30m ./internal/store/pebble/

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pb "github.com/cockroachdb/pebble/v2"

	"github.com/spintrace/spintrace"
)

// benchWords is the length of a synthetic document.
const benchWords = 600

// synth generates synthetic entries deterministically.
type synth struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
	n     int
}

func newSynth(seed uint64) *synth {
	r := rand.New(rand.NewPCG(seed, 7))
	s := &synth{r: r, zipf: rand.NewZipf(r, 1.1, 2, 29999)}
	for range 30000 {
		w := make([]byte, 2+r.IntN(9))
		for j := range w {
			w[j] = byte('a' + r.IntN(26))
		}
		s.vocab = append(s.vocab, string(w))
	}
	return s
}

func (s *synth) entry() spintrace.Entry {
	s.n++
	var sb strings.Builder
	fmt.Fprintf(&sb, "doc%d", s.n)
	for range benchWords - 1 {
		sb.WriteByte(' ')
		sb.WriteString(s.vocab[s.zipf.Uint64()])
	}
	fps := make([]uint64, benchWords*2/7) // one per 3.5 words
	for i := range fps {
		fps[i] = s.r.Uint64()
	}
	text := sb.String()
	return spintrace.Entry{
		Doc: spintrace.Doc{
			ID: spintrace.DocID(text), Origin: fmt.Sprintf("https://site%d.example/%d", s.n%50, s.n),
			Site: fmt.Sprintf("site%d.example", s.n%50), Title: "title", Text: text,
		},
		Fingerprints: fps,
	}
}

func BenchmarkPut(b *testing.B) {
	const batch = 100
	b.ReportAllocs()
	db := mustOpen(b, filepath.Join(b.TempDir(), "store"), Options{})
	defer db.Close()
	s := newSynth(1)
	pool := make([]spintrace.Entry, 2000)
	for i := range pool {
		pool[i] = s.entry()
	}
	var bytes int64
	es := make([]spintrace.Entry, batch)
	n := 0
	for b.Loop() {
		for i := range es {
			// A unique prefix makes every text new while reusing the pool.
			e := pool[n%len(pool)]
			e.Doc.Text = fmt.Sprint(n, " ", e.Doc.Text)
			e.Doc.ID = ""
			bytes += int64(len(e.Doc.Text))
			es[i] = e
			n++
		}
		st, err := db.Put(b.Context(), es)
		if err != nil || st.Added != batch {
			b.Fatalf("Put: %+v, %v", st, err)
		}
	}
	b.ReportMetric(float64(bytes)/1e6/b.Elapsed().Seconds(), "MB/s")
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

func BenchmarkPostings(b *testing.B) {
	sizes := []int{10000}
	if os.Getenv("SPINTRACE_BENCH_LARGE") != "" {
		sizes = append(sizes, 100000)
	}
	for _, docs := range sizes {
		b.Run(fmt.Sprint("docs=", docs), func(b *testing.B) { benchPostings(b, docs) })
	}
}

func benchPostings(b *testing.B, docs int) {
	const lookups = 500
	db := mustOpen(b, filepath.Join(b.TempDir(), "store"), Options{})
	defer db.Close()
	s := newSynth(2)
	var raw int64
	var stored [][]uint64
	for len(stored) < docs {
		es := make([]spintrace.Entry, min(500, docs-len(stored)))
		for i := range es {
			es[i] = s.entry()
			raw += int64(len(es[i].Doc.Text))
			stored = append(stored, es[i].Fingerprints)
		}
		if _, err := db.Put(b.Context(), es); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.pdb.Compact(b.Context(), []byte{0}, []byte{0xff}, true); err != nil {
		b.Fatal(err)
	}
	m := db.pdb.Metrics()
	docBytes, _ := db.pdb.EstimateDiskUsage([]byte{prefixDoc}, []byte{prefixDoc + 1})
	postBytes, _ := db.pdb.EstimateDiskUsage([]byte{prefixPosting}, []byte{prefixPosting + 1})

	// Half the hashes are held by some document, half by none.
	hashes := make([]uint64, 0, lookups)
	for len(hashes) < lookups {
		fps := stored[s.r.IntN(len(stored))]
		hashes = append(hashes, fps[s.r.IntN(len(fps))], s.r.Uint64())
	}
	b.ReportAllocs()
	hits := 0
	for b.Loop() {
		hits = 0
		err := db.Postings(b.Context(), hashes, 100, func(uint64, []spintrace.Ref) error {
			hits++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if hits < lookups/2 {
		b.Fatalf("%d hashes found, want at least %d", hits, lookups/2)
	}
	// Reported after the loop: b.Loop drops metrics reported before it.
	b.ReportMetric(float64(m.Total().TablesSize)/float64(raw), "index/raw")
	b.ReportMetric(float64(m.DiskSpaceUsage())/float64(raw), "disk/raw")
	b.ReportMetric(float64(docBytes)/float64(raw), "docs/raw")
	b.ReportMetric(float64(postBytes)/float64(docs*len(stored[0])), "B/posting")
}

// BenchmarkPutBBC indexes the BBC news articles of the shared data set (2225
// real texts; ../shared/data/bbc-news from the repository root) with random
// fingerprints at one per 3.5 words, and reports the index size against the
// raw text, which for real prose compresses better than synthetic words.
func BenchmarkPutBBC(b *testing.B) {
	root := filepath.Join("..", "..", "..", "..", "shared", "data", "bbc-news", "bbc")
	files, _ := filepath.Glob(filepath.Join(root, "*", "*.txt"))
	if len(files) == 0 {
		b.Skipf("no BBC news texts under %s (the shared data set is absent)", root)
	}
	r := rand.New(rand.NewPCG(3, 3))
	var entries []spintrace.Entry
	var raw int64
	nfps := 0
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		fps := make([]uint64, len(strings.Fields(string(text)))*2/7)
		for i := range fps {
			fps[i] = r.Uint64()
		}
		entries = append(entries, spintrace.Entry{Doc: spintrace.Doc{Origin: f, Text: string(text)}, Fingerprints: fps})
		nfps += len(fps)
		raw += int64(len(text))
	}
	b.ReportAllocs()
	var m *pb.Metrics
	var docBytes, postBytes uint64
	for b.Loop() {
		db := mustOpen(b, filepath.Join(b.TempDir(), "store"), Options{})
		for i := 0; i < len(entries); i += 100 {
			if _, err := db.Put(b.Context(), entries[i:min(i+100, len(entries))]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		if err := db.pdb.Compact(b.Context(), []byte{0}, []byte{0xff}, true); err != nil {
			b.Fatal(err)
		}
		m = db.pdb.Metrics()
		docBytes, _ = db.pdb.EstimateDiskUsage([]byte{prefixDoc}, []byte{prefixDoc + 1})
		postBytes, _ = db.pdb.EstimateDiskUsage([]byte{prefixPosting}, []byte{prefixPosting + 1})
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(raw)*float64(b.N)/1e6/b.Elapsed().Seconds(), "MB/s")
	b.ReportMetric(float64(m.Total().TablesSize)/float64(raw), "index/raw")
	b.ReportMetric(float64(docBytes)/float64(raw), "docs/raw")
	b.ReportMetric(float64(postBytes)/float64(nfps), "B/posting")
}
