package pan

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace/internal/align"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// reused are sentences written for this test; the suspicious text copies
// them behind non-ASCII text, so byte and character offsets differ.
var reused = []string{
	"The harbour authority announced that dock workers would return to the cargo terminals after a strike of eleven days.",
	"Negotiators for the union and the shipping companies reached a tentative agreement late on Sunday night.",
	"The deal raises hourly wages by six percent over three years and limits mandatory overtime in winter.",
	"Several container ships had been anchored offshore while the terminals stood idle, delaying grain deliveries.",
}

func TestEngineDetectorCharacterOffsets(t *testing.T) {
	block := strings.Join(reused, " ")
	src := "Économie régionale, café crème et pâtisserie à Genève. " + block + " Unrelated closing words about gardening and the weather in spring."
	susp := "Café naïve jalapeño señor — über straße. Visitors admired the old cathedral and its painted ceiling. " +
		block + " The museum shop sells postcards of the cathedral."
	det := EngineDetector(textnorm.New(textnorm.Default()), align.PAN)
	got := det(src, susp)
	// The case ends after the full stop that closes its last word.
	want := []Case{{
		SuspOffset: utf8.RuneCountInString(susp[:strings.Index(susp, block)]), SuspLength: utf8.RuneCountInString(block),
		SrcOffset: utf8.RuneCountInString(src[:strings.Index(src, block)]), SrcLength: utf8.RuneCountInString(block),
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("detections (-want +got):\n%s", diff)
	}
	if got := det(src, "A text about something else entirely, with no sentence in common."); len(got) != 0 {
		t.Errorf("unrelated text: got %+v, want no detection", got)
	}
}

// TestEngineDetectorConcurrent runs one detector from several goroutines
// (its normalization cache is shared) and checks every answer is the same.
func TestEngineDetectorConcurrent(t *testing.T) {
	block := strings.Join(reused, " ")
	det := EngineDetector(textnorm.New(textnorm.Default()), align.PAN)
	src, susp := "Intro. "+block, block+" Outro."
	want := det(src, susp)
	done := make(chan []Case)
	for range 8 {
		go func() { done <- det(src, susp) }()
	}
	for range 8 {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent run differs:\n%s", diff)
		}
	}
}

func TestEngineConfig(t *testing.T) {
	for _, name := range Ablations {
		if _, _, err := EngineConfig(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, _, err := EngineConfig("no-such-stage"); err == nil {
		t.Error("unknown ablation accepted")
	}
	canon, o, _ := EngineConfig("no-canon")
	if canon != (textnorm.Options{}) || !o.Sentence.On {
		t.Errorf("no-canon: %+v %+v", canon, o)
	}
}

// TestEngineSmoke runs the engine on the first pairs of each folder of the
// training corpus: a smoke test, not the benchmark (see docs/evaluation.md).
func TestEngineSmoke(t *testing.T) {
	c := realCorpus(t, "pan13-ta-train").Sample(8)
	r, err := Run(context.Background(), c, EngineDetector(textnorm.New(textnorm.Default()), DefaultAlign), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.WriteTable(&b)
	t.Logf("engine on %d pairs:\n%s", len(c.Entries), b.String())
	for _, s := range r.Folders {
		if strings.HasPrefix(s.Folder, "02-") && s.Plagdet < 0.8 {
			t.Errorf("%s: plagdet %.3f on verbatim copies, want >= 0.8", s.Folder, s.Plagdet)
		}
	}
	if r.Overall.Plagdet < 0.6 {
		t.Errorf("overall plagdet %.3f, want >= 0.6", r.Overall.Plagdet)
	}
}

// BenchmarkEngine runs the engine on a whole corpus, named by PAN_BENCH
// (pan13-ta-train or pan13-ta-test2); skipped unless set. The same run as
// `spintrace eval pan`, reporting pairs/s and plagdet:
//
//	PAN_BENCH=pan13-ta-train go test -run XXX -bench Engine -benchtime 1x ./internal/eval/pan/
func BenchmarkEngine(b *testing.B) {
	name := os.Getenv("PAN_BENCH")
	if name == "" {
		b.Skip("set PAN_BENCH=pan13-ta-train to run the engine on a whole corpus")
	}
	c := realCorpus(b, name)
	b.ReportAllocs()
	var r *Report
	for b.Loop() {
		var err error
		r, err = Run(context.Background(), c, EngineDetector(textnorm.New(textnorm.Default()), DefaultAlign), RunOptions{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(c.Entries)*b.N)/b.Elapsed().Seconds(), "pairs/s")
	b.ReportMetric(r.Overall.Plagdet, "plagdet")
}
