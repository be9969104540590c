package pan

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Feature names of the PAN XML format.
const (
	// TruthFeature names a true plagiarism case in a truth file.
	TruthFeature = "plagiarism"
	// DetectionFeature names a detection in a detection file.
	DetectionFeature = "detected-plagiarism"
)

// maxXMLBytes bounds how much of one XML file is read: PAN files are a few
// kilobytes, so anything near this is not a PAN file.
const maxXMLBytes = 16 << 20

// maxOffset bounds offsets and lengths read from XML so that offset+length
// cannot overflow and absurd values are reported, not computed with.
const maxOffset = math.MaxInt32

// Pair is one document pair to compare, by file name as listed in the
// corpus `pairs` file, e.g. {"suspicious-document00005.txt",
// "source-document01090.txt"}.
type Pair struct {
	Susp string `json:"susp"`
	Src  string `json:"src"`
}

// XMLName is the name of the pair's truth and detection files:
// "suspicious-document00005-source-document01090.xml".
func (p Pair) XMLName() string {
	return strings.TrimSuffix(p.Susp, ".txt") + "-" + strings.TrimSuffix(p.Src, ".txt") + ".xml"
}

// Feature is one `feature` element of a PAN XML file whose name was asked
// for: the case it describes, its source document and its optional type and
// obfuscation attributes.
type Feature struct {
	Case
	Src         string `json:"src"`
	Type        string `json:"type,omitempty"`
	Obfuscation string `json:"obfuscation,omitempty"`
}

type xmlDocument struct {
	XMLName   xml.Name     `xml:"document"`
	Reference *string      `xml:"reference,attr"`
	Features  []xmlFeature `xml:"feature"`
}

type xmlFeature struct {
	Attrs []xml.Attr `xml:",any,attr"`
}

func (f xmlFeature) attr(name string) (string, bool) {
	for _, a := range f.Attrs {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// DecodeXML reads one PAN XML file (truth or detections) and returns the
// suspicious document it is about (the `reference` attribute of the root
// `document` element) and its `feature` elements named feature, in document
// order. Features of other names (PAN's "about" and "md5" metadata) are
// skipped. A named feature must carry this_offset, this_length,
// source_reference, source_offset and source_length, with non-negative
// integer values; errors name the feature by its position (1-based) and the
// attribute.
func DecodeXML(r io.Reader, feature string) (susp string, feats []Feature, err error) {
	var doc xmlDocument
	dec := xml.NewDecoder(io.LimitReader(r, maxXMLBytes))
	if err := dec.Decode(&doc); err != nil {
		return "", nil, fmt.Errorf("parse xml: %w", err)
	}
	if doc.Reference == nil || *doc.Reference == "" {
		return "", nil, errors.New("document element has no reference attribute")
	}
	for i, f := range doc.Features {
		if name, _ := f.attr("name"); name != feature {
			continue
		}
		ft, err := decodeFeature(f)
		if err != nil {
			return "", nil, fmt.Errorf("feature %d: %w", i+1, err)
		}
		feats = append(feats, ft)
	}
	return *doc.Reference, feats, nil
}

func decodeFeature(f xmlFeature) (Feature, error) {
	var ft Feature
	ints := []struct {
		attr string
		dst  *int
	}{
		{"this_offset", &ft.SuspOffset},
		{"this_length", &ft.SuspLength},
		{"source_offset", &ft.SrcOffset},
		{"source_length", &ft.SrcLength},
	}
	for _, x := range ints {
		v, ok := f.attr(x.attr)
		if !ok {
			return ft, fmt.Errorf("missing attribute %s", x.attr)
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 || n > maxOffset {
			return ft, fmt.Errorf("attribute %s=%q: want an integer in [0, %d]", x.attr, v, maxOffset)
		}
		*x.dst = n
	}
	src, ok := f.attr("source_reference")
	if !ok || src == "" {
		return ft, errors.New("missing attribute source_reference")
	}
	ft.Src = src
	ft.Type, _ = f.attr("type")
	ft.Obfuscation, _ = f.attr("obfuscation")
	return ft, nil
}

// EncodeDetections writes the detections of one pair as a PAN detection
// file: a `document` element referencing the suspicious document, with one
// `feature name="detected-plagiarism"` element per detection.
func EncodeDetections(w io.Writer, p Pair, detections []Case) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<document reference=\"%s\">\n", escapeAttr(p.Susp))
	src := escapeAttr(p.Src)
	for _, d := range detections {
		fmt.Fprintf(bw, "<feature name=\"%s\" this_offset=\"%d\" this_length=\"%d\" source_reference=\"%s\" source_offset=\"%d\" source_length=\"%d\"/>\n",
			DetectionFeature, d.SuspOffset, d.SuspLength, src, d.SrcOffset, d.SrcLength)
	}
	bw.WriteString("</document>\n")
	return bw.Flush()
}

func escapeAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder never fail
	return b.String()
}

// WriteDetections writes the detection file of one pair into dir, named
// p.XMLName(), replacing any file of that name.
func WriteDetections(dir string, p Pair, detections []Case) error {
	path := filepath.Join(dir, p.XMLName())
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write detections: %w", err)
	}
	if err := EncodeDetections(f, p, detections); err != nil {
		f.Close()
		return fmt.Errorf("write detections %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write detections %s: %w", path, err)
	}
	return nil
}

// ReadDetections reads every *.xml file directly in dir as a PAN detection
// file and returns the detections by pair. As in the reference evaluator, a
// detection belongs to the pair of the file's reference and the feature's
// source_reference, whatever the file is called. Pairs without detections
// are absent from the map.
func ReadDetections(dir string) (map[Pair][]Case, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil {
		return nil, fmt.Errorf("read detections: %w", err)
	}
	sort.Strings(names)
	out := make(map[Pair][]Case)
	for _, r := range readXMLFiles(names, DetectionFeature) {
		if r.err != nil {
			return nil, fmt.Errorf("read detections: %w", r.err)
		}
		for _, f := range r.feats {
			p := Pair{Susp: r.susp, Src: f.Src}
			out[p] = append(out[p], f.Case)
		}
	}
	return out, nil
}

func readXMLFile(path, feature string) (string, []Feature, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	susp, feats, err := DecodeXML(f, feature)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, err)
	}
	return susp, feats, nil
}
