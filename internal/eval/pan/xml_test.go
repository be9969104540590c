package pan

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPairXMLName(t *testing.T) {
	p := Pair{"suspicious-document00005.txt", "source-document01090.txt"}
	if got, want := p.XMLName(), "suspicious-document00005-source-document01090.xml"; got != want {
		t.Errorf("XMLName = %q, want %q", got, want)
	}
}

func TestDetectionsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	in := map[Pair][]Case{
		{"suspicious-document00001.txt", "source-document00002.txt"}: {{0, 10, 5, 12}, {100, 3, 0, 1}},
		{"suspicious-document00001.txt", "source-document00003.txt"}: {{7, 8, 9, 10}},
		{"suspicious-a&b\"<x>.txt", "source-'q'.txt"}:                {{1, 2, 3, 4}},
	}
	for p, d := range in {
		if err := WriteDetections(dir, p, d); err != nil {
			t.Fatal(err)
		}
	}
	// A pair without detections gets a file with no feature.
	empty := Pair{"suspicious-document00009.txt", "source-document00009.txt"}
	if err := WriteDetections(dir, empty, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, empty.XMLName())); err != nil {
		t.Errorf("no file for a pair without detections: %v", err)
	}
	got, err := ReadDetections(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip (-written +read):\n%s", diff)
	}
}

func TestEncodeDetectionsFormat(t *testing.T) {
	var b bytes.Buffer
	p := Pair{"suspicious-document00005.txt", "source-document01090.txt"}
	if err := EncodeDetections(&b, p, []Case{{3593, 698, 1300, 698}}); err != nil {
		t.Fatal(err)
	}
	want := `<document reference="suspicious-document00005.txt">
<feature name="detected-plagiarism" this_offset="3593" this_length="698" source_reference="source-document01090.txt" source_offset="1300" source_length="698"/>
</document>
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("encoded (-want +got):\n%s", diff)
	}
}

func TestDecodeXMLTruth(t *testing.T) {
	// The shapes of the five PAN 2013 folders: attribute order and
	// whitespace vary, summary files carry about/md5 metadata features.
	in := `<document  reference="suspicious-document00008.txt">
	<feature  name="about" authors="DUC2001, DUC2006" title="news" language="en" />
	<feature  name="md5" value="d01b" language="en" />
	<feature  name="plagiarism" type="artificial" obfuscation="summary" this_language="en" this_offset="3822" this_length="593" source_reference="source-document00305.txt" source_language="en" source_offset="0" source_length="5861" />
	<feature language_0="en" name="plagiarism" source_length="686" source_offset="3322" source_reference="source-document00305.txt" this_length="668" this_offset="1667" type="translation-chain" />
</document>`
	susp, feats, err := DecodeXML(strings.NewReader(in), TruthFeature)
	if err != nil {
		t.Fatal(err)
	}
	want := []Feature{
		{Case: Case{3822, 593, 0, 5861}, Src: "source-document00305.txt", Type: "artificial", Obfuscation: "summary"},
		{Case: Case{1667, 668, 3322, 686}, Src: "source-document00305.txt", Type: "translation-chain"},
	}
	if susp != "suspicious-document00008.txt" {
		t.Errorf("reference = %q", susp)
	}
	if diff := cmp.Diff(want, feats); diff != "" {
		t.Errorf("features (-want +got):\n%s", diff)
	}
	// Detections are a different feature name: none here.
	if _, dets, err := DecodeXML(strings.NewReader(in), DetectionFeature); err != nil || len(dets) != 0 {
		t.Errorf("DecodeXML(detections) = %v, %v; want none", dets, err)
	}
}

func TestDecodeXMLErrors(t *testing.T) {
	const f = `<feature name="plagiarism" this_offset="1" this_length="2" source_reference="s.txt" source_offset="3" source_length="4"/>`
	tests := []struct {
		name, in, wantErr string
	}{
		{"not xml", "hello", "parse xml"},
		{"empty", "", "parse xml"},
		{"wrong root", `<doc reference="x"/>`, "parse xml"},
		{"unclosed", `<document reference="x"><feature name="plagiarism"`, "parse xml"},
		{"no reference", `<document></document>`, "no reference"},
		{"missing attribute", `<document reference="x"><feature name="plagiarism" this_offset="1" source_reference="s" source_offset="3" source_length="4"/></document>`, "feature 1: missing attribute this_length"},
		{"not a number", `<document reference="x">` + f + strings.Replace(f, `source_offset="3"`, `source_offset="x3"`, 1) + `</document>`, `feature 2: attribute source_offset="x3"`},
		{"negative", `<document reference="x">` + strings.Replace(f, `this_offset="1"`, `this_offset="-1"`, 1) + `</document>`, `attribute this_offset="-1"`},
		{"huge", `<document reference="x">` + strings.Replace(f, `this_length="2"`, `this_length="99999999999999999999"`, 1) + `</document>`, `attribute this_length`},
		{"no source", `<document reference="x">` + strings.Replace(f, `source_reference="s.txt"`, ``, 1) + `</document>`, "missing attribute source_reference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := DecodeXML(strings.NewReader(tt.in), TruthFeature)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("DecodeXML error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestReadDetectionsNamesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.xml")
	os.WriteFile(path, []byte(`<document reference="x"><feature name="detected-plagiarism" this_offset="1"/></document>`), 0o644)
	_, err := ReadDetections(dir)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "this_length") {
		t.Errorf("ReadDetections error = %v, want one naming %s and this_length", err, path)
	}
}

// FuzzDecodeXML checks that any input gives features or an error, never a
// panic, and that decoded detections survive a re-encode unchanged.
func FuzzDecodeXML(f *testing.F) {
	f.Add(`<document reference="suspicious-document00005.txt">
<feature name="detected-plagiarism" this_offset="3593" this_length="698" source_reference="source-document01090.txt" source_offset="1300" source_length="698"/>
</document>`)
	f.Add(`<document reference="a"><feature name="about"/><feature name="detected-plagiarism" this_offset="0" this_length="0" source_reference="b" source_offset="0" source_length="0"/></document>`)
	f.Add(`<document reference="a&amp;"></document>`)
	f.Add(`<document><feature/></document>`)
	f.Fuzz(func(t *testing.T, in string) {
		susp, feats, err := DecodeXML(strings.NewReader(in), DetectionFeature)
		if err != nil {
			return
		}
		bySrc := make(map[string][]Case)
		var order []string
		for _, ft := range feats {
			if ft.SuspOffset < 0 || ft.SuspLength < 0 || ft.SrcOffset < 0 || ft.SrcLength < 0 {
				t.Fatalf("negative value accepted: %+v", ft)
			}
			if _, ok := bySrc[ft.Src]; !ok {
				order = append(order, ft.Src)
			}
			bySrc[ft.Src] = append(bySrc[ft.Src], ft.Case)
		}
		for _, src := range order {
			var b bytes.Buffer
			if err := EncodeDetections(&b, Pair{susp, src}, bySrc[src]); err != nil {
				t.Fatal(err)
			}
			susp2, feats2, err := DecodeXML(&b, DetectionFeature)
			if err != nil {
				t.Fatalf("re-decode: %v\n%s", err, b.String())
			}
			if susp2 != susp {
				t.Fatalf("reference %q became %q", susp, susp2)
			}
			var got []Case
			for _, ft := range feats2 {
				if ft.Src != src {
					t.Fatalf("source %q became %q", src, ft.Src)
				}
				got = append(got, ft.Case)
			}
			if diff := cmp.Diff(bySrc[src], got); diff != "" {
				t.Fatalf("re-encode changed detections (-before +after):\n%s", diff)
			}
		}
	})
}
