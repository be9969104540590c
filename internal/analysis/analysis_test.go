package analysis

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/textnorm"
)

func TestJoins(t *testing.T) {
	cases := []struct {
		text string
		want []string // kind:text
	}{
		{"Trump and Putin are two.assertive personalities.", []string{"glued:two.assertive"}},
		{"He left the the building.", []string{"doubled:the the"}},
		{"The talks ended. said the minister, who left.", []string{"cut:. said"}},
		{`They met on Monday."We agree," she said.`, []string{`glued:Monday."We`}},
		// not artifacts
		{"U.S. officials met at 3 p.m. on Friday. Visit example.com today.", nil},
		{"Growth was 3.5 percent. He had had enough. That that is so.", nil},
		{"Mr. and Mrs. Smith arrived.", nil},
	}
	for _, c := range cases {
		ci := textnorm.NewCharIndex(c.text)
		var got []string
		for _, j := range joins(c.text, ci) {
			got = append(got, j.Kind+":"+j.Text)
			if string([]rune(c.text)[j.Article.Start:j.Article.End]) != j.Text {
				t.Errorf("%q: span %v does not hold %q", c.text, j.Article, j.Text)
			}
		}
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("%q (-want +got):\n%s", c.text, d)
		}
	}
}

func day(d int) time.Time { return time.Date(2026, 4, d, 12, 0, 0, 0, time.UTC) }

func TestTimeOrder(t *testing.T) {
	srcs := []spintrace.Source{
		{Rank: 1, Doc: spintrace.DocRef{Published: day(1)}},
		{Rank: 2, Doc: spintrace.DocRef{}},
		{Rank: 3, Doc: spintrace.DocRef{Published: day(9)}},
	}
	got := timeOrder(spintrace.Doc{Published: day(5)}, srcs)
	if d := cmp.Diff([]int{3}, got.Newer); d != "" {
		t.Errorf("newer (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]int{2}, got.Undated); d != "" {
		t.Errorf("undated (-want +got):\n%s", d)
	}
	if got := timeOrder(spintrace.Doc{}, srcs); got.ArticleDateKnown || !strings.Contains(got.Note, "no date") {
		t.Errorf("undated article: %+v", got)
	}
	// a source dated the same day is not newer
	if got := timeOrder(spintrace.Doc{Published: day(5)}, []spintrace.Source{{Rank: 1, Doc: spintrace.DocRef{Published: day(5).Add(10 * time.Hour)}}}); len(got.Newer) != 0 {
		t.Errorf("same-day source flagged newer: %+v", got)
	}
}

func TestMarkedNames(t *testing.T) {
	m := markedNames("The Russian Federation and the USA met. Russian Federation officials said.\nRUSSIAN FEDERATION HEADLINE")
	if m.total != 3 || m.counts["Russian Federation"] != 2 || m.counts["USA"] != 1 {
		t.Errorf("got %+v", m)
	}
	if m := markedNames("Russia and the U.S. met in the United States."); m.total != 0 {
		t.Errorf("plain names counted: %+v", m)
	}
}

func TestRenames(t *testing.T) {
	srcs := []spintrace.Source{{Substitutions: []spintrace.Substitution{
		{From: "Russia", To: "Russian Federation", Kind: spintrace.SubstAlias},
		{From: "Russia", To: "Russian Federation", Kind: spintrace.SubstAlias},
		{From: "Xi Jinping", To: "Jinping", Kind: spintrace.SubstEntity},
		{From: "big", To: "large", Kind: spintrace.SubstSynonym},
	}}}
	want := []spintrace.Rename{{From: "Russia", To: "Russian Federation", Count: 2}, {From: "Xi Jinping", To: "Jinping", Count: 1}}
	if d := cmp.Diff(want, renames(srcs)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// verdictOf runs the verdict on a hand-made result over a text of n words.
func verdictOf(text string, coverage float64, shares []float64, subs int, kind string) spintrace.Verdict {
	n := textnorm.New(textnorm.Default())
	tx := n.Normalize(text)
	res := &spintrace.Result{Coverage: coverage, Article: spintrace.ArticleInfo{Words: len(tx.Tokens)}}
	for i, sh := range shares {
		s := spintrace.Source{Rank: i + 1, Share: sh, Passages: []spintrace.Passage{{Words: int(sh * float64(len(tx.Tokens)))}}}
		if i == 0 {
			for k := 0; k < subs; k++ {
				s.Substitutions = append(s.Substitutions, spintrace.Substitution{From: "big", To: "large", Kind: kind})
			}
		}
		res.Sources = append(res.Sources, s)
	}
	return verdict(Input{Text: tx}, res)
}

func TestVerdictClasses(t *testing.T) {
	text := strings.Repeat("word ", 200)
	cases := []struct {
		name     string
		coverage float64
		shares   []float64
		subs     int
		kind     string
		class    string
		spun     bool
	}{
		{"nothing found", 0, nil, 0, spintrace.SubstSynonym, spintrace.ClassOriginal, false},
		{"a borrowed sentence", 0.1, []float64{0.1}, 0, spintrace.SubstSynonym, spintrace.ClassOriginal, false},
		{"verbatim copy", 0.98, []float64{0.98}, 0, spintrace.SubstSynonym, spintrace.ClassSyndicated, false},
		{"lightly edited copy", 0.95, []float64{0.95}, 2, spintrace.SubstWord, spintrace.ClassSyndicated, false},
		{"two synonym swaps", 0.95, []float64{0.95}, 2, spintrace.SubstSynonym, spintrace.ClassSpun, true},
		{"spun copy", 0.95, []float64{0.95}, 20, spintrace.SubstSynonym, spintrace.ClassSpun, true},
		{"stitched", 0.9, []float64{0.5, 0.4}, 0, spintrace.SubstSynonym, spintrace.ClassStitched, false},
		{"stitched and spun", 0.9, []float64{0.5, 0.4}, 20, spintrace.SubstSynonym, spintrace.ClassStitched, true},
		{"many small sources", 0.24, []float64{0.08, 0.08, 0.08}, 0, spintrace.SubstSynonym, spintrace.ClassStitched, false},
		{"one main source and a crumb", 0.9, []float64{0.88, 0.02}, 0, spintrace.SubstSynonym, spintrace.ClassSyndicated, false},
	}
	for _, c := range cases {
		v := verdictOf(text, c.coverage, c.shares, c.subs, c.kind)
		if v.Class != c.class || v.Spun != c.spun {
			t.Errorf("%s: got %s (spun %v), want %s (spun %v); evidence %q", c.name, v.Class, v.Spun, c.class, c.spun, v.Evidence)
		}
		if v.Confidence <= 0 || v.Confidence > 0.99 || len(v.Evidence) == 0 {
			t.Errorf("%s: confidence %.2f, evidence %q", c.name, v.Confidence, v.Evidence)
		}
	}
	// marked names make a copy spun without measured swaps
	v := verdictOf("The Russian Federation said. The Russian Federation warned. The Russian Federation left. "+text, 0.95, []float64{0.95}, 0, "")
	if !v.Spun || v.Class != spintrace.ClassSpun {
		t.Errorf("marked names: got %+v", v)
	}
}

func TestSameSpeaker(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"a Home Office spokesman", "a Home Office representative", true},
		{"John E. Kelly", "E. Kelly", true},
		{"The Muslim Council of Britain", "The Muslim Council of UK", true},
		{"a spokesman", "a spokesperson", true},
		{"Officials", "Authorities", true},
		{"Sergei Lavrov", "Lavrov", true},
		{"Sergei Lavrov", "Rex Tillerson", false},
		{"Lavrov", "Nikki Haley", false},
		{"Gabrielle Prior", "Jupiter Research", false},
	} {
		if got := sameSpeaker(c.a, c.b); got != c.same {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}

func TestDroppedQuoteLeftovers(t *testing.T) {
	for _, c := range []struct {
		text    string
		speaker string // "" when no finding is wanted
	}{
		{"Shares fell 18%. said analyst Jason Kenney at ING. Sales rose.", "Jason Kenney"},
		{"The press covered it. remarked accountant Jose Lopez.", "Jose Lopez"},
		{"He loved gardens.Mr Pointon said. Then he left.", "Pointon"},
		{"Production may fall. Mr Westwood said. Prices rose.", "Westwood"},
		{"It was fine. states Mr McCune. Others agreed.", "McCune"},
		{"The press left. wrote S&P credit expert Helena Hessel.", "S&P"},
		{"Growth slowed. festival director Geoffrey Gilmore said. Prices rose.", "Geoffrey Gilmore"},
		{"He tested positive. the 27-year-old Austrian stated in a statement.", "Austrian"},
		{"Training resumed. Solskjaer told Aftenposten Daily. He is fit.", "Solskjaer"},
		{"Trending Now\n\nsaid Hannah Ward of the Refugee Council.", "Hannah Ward"},
		{"Police told residents to leave. Officials told reporters that the bridge was closed.", ""},
		{"The company said it would appeal. Profits fell.", ""},
		{`The deal "was a disgrace". said Mr Blair. Prices rose.`, "Blair"},
		{`"The needs will be met." said Mr Blair. Prices rose.`, "Blair"},
		{"\"It was fast.\"\n\nnoted Cragg. Then he left.", "Cragg"},
		{"Reserves fell. said Nanik Rupani, president of the Indian Merchants Chamber, a Bombay-based traders' body. Shares rose.", "Nanik Rupani"},
		{"Growth will pick up. NIESR said, adding that exports would recover.", "NIESR"},
		{"Costs rose. stated The Libertine's executive producer Marc Samuelson. Shares fell.", "Libertine's"},
		{"Prices fell. National Bureau of Statistics chief Li Deshui told Reuters. Shares rose.", "Li Deshui"},
		{"Prices fell. MAB spokesman Dr Azzam Tamimi said of Tuesday's event. Shares rose.", "Azzam Tamimi"},
		// not leftovers
		{"What have the European Indoor trials told us? Well, a lot.", ""},
		{"Tony Blair has dismissed reports he told Brown he would quit. Nothing else.", ""},
		{"A DVD burner is not built in. Wireless and a dvd burner can be added at extra cost.", ""},
		{"The deal was late. Neither Rover nor Shanghai Automotive commented on the reports.", ""},
		{`"The conditions are unchanged," Mr. Brown said. Prices rose.`, ""},
		{`"We will win" said Lavrov, "and soon." Then he left.`, ""},
		{`"We will win." Lavrov said. Then he left.`, ""},
		{`"We will win," said Lavrov. Then he left.`, ""},
		{"Officials said the talks failed. Nothing else.", ""},
	} {
		ci := textnorm.NewCharIndex(c.text)
		got := invertedLeftovers(c.text, ci)
		switch {
		case c.speaker == "" && len(got) > 0:
			t.Errorf("%q: unexpected %+v", c.text, got)
		case c.speaker != "" && (len(got) != 1 || got[0].Speaker != c.speaker):
			t.Errorf("%q: got %+v, want speaker %q", c.text, got, c.speaker)
		}
	}
}

func TestStyleVariant(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"US", "U.S.", true},
		{"U.K.", "UK", true},
		{"e-mail", "email", true},
		{"U.S.", "USA", false},
		{"Russia", "Russian Federation", false},
		{"said", "said", false},
	} {
		if got := StyleVariant(c.a, c.b); got != c.want {
			t.Errorf("StyleVariant(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
