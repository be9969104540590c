package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A manifest lists pages stored as files beside it; the record's fields
// override what the file says.
func TestManifestFileField(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "docs", "001.txt"), "Port strike ends\n\nDock workers returned to the cranes on Monday after eleven days.\n")
	writeFile(t, filepath.Join(dir, "docs", "002.html"), `<html><head><title>Page title</title></head><body><article><h1>Flood warning</h1>`+
		`<p>The river rose two metres overnight and the council opened three shelters for families from the low streets near the old bridge.</p>`+
		`<p>Engineers said the embankment would hold unless the rain continued through the weekend, when another storm is due.</p></article></body></html>`)
	manifest := filepath.Join(dir, "pages.jsonl")
	writeFile(t, manifest, strings.Join([]string{
		`{"url": "https://harbor.example/strike", "site": "harbor.example", "date": "2017-04-13", "file": "docs/001.txt"}`,
		`{"url": "https://river.example/flood", "title": "Flood warning for the valley", "file": "docs/002.html"}`,
		`{"url": "https://gone.example/x", "file": "docs/missing.txt"}`,
		`{"text": "Inline text wins over the file.", "file": "docs/001.txt"}`,
		`{"file": 3}`,
		`{"title": "neither"}`,
	}, "\n")+"\n")
	items := collect(t, []string{manifest}, Options{FileField: "file"})
	if len(items) != 6 {
		t.Fatalf("got %d items, want 6: %+v", len(items), items)
	}
	d := items[0].Doc
	if items[0].Err != nil || d.Title != "Port strike ends" || !strings.HasPrefix(d.Text, "Dock workers") ||
		d.Site != "harbor.example" || d.URL != "https://harbor.example/strike" || !d.Published.Equal(time.Date(2017, 4, 13, 0, 0, 0, 0, time.UTC)) ||
		d.Origin != filepath.Join(dir, "docs", "001.txt") {
		t.Errorf("text file record: %+v (err %v)", d, items[0].Err)
	}
	d = items[1].Doc
	if items[1].Err != nil || d.Title != "Flood warning for the valley" || !strings.Contains(d.Text, "embankment would hold") || d.Site != "river.example" {
		t.Errorf("HTML file record: %+v (err %v)", d, items[1].Err)
	}
	if err := items[2].Err; err == nil || !strings.Contains(err.Error(), "pages.jsonl#L3") || !strings.Contains(err.Error(), "docs/missing.txt") {
		t.Errorf("missing file: error %v, want the line and the file named", err)
	}
	if items[3].Err != nil || items[3].Doc.Text != "Inline text wins over the file." {
		t.Errorf("record with text: %+v", items[3])
	}
	if err := items[4].Err; err == nil || !strings.Contains(err.Error(), `field "file" is a number`) {
		t.Errorf("numeric file field: error %v", err)
	}
	if err := items[5].Err; err == nil || !strings.Contains(err.Error(), "--file-field") {
		t.Errorf("record without text or file: error %v", err)
	}

	// Off unless asked for: a manifest does not make the reader open files.
	items = collect(t, []string{manifest}, Options{})
	if err := items[0].Err; err == nil || !strings.Contains(err.Error(), `no "text" field`) {
		t.Errorf("file field off: error %v, want no text field", err)
	}
}

func TestManifestFileFieldCSV(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), "---\ntitle: From front matter\n---\n\nThe harbour reopened to traffic on Tuesday morning after the storm.\n")
	manifest := filepath.Join(dir, "pages.csv")
	writeFile(t, manifest, "url,site,file\nhttps://harbor.example/a,harbor.example,a.md\n")
	items := collect(t, []string{manifest}, Options{FileField: "file"})
	if len(items) != 1 || items[0].Err != nil {
		t.Fatalf("items %+v", items)
	}
	if d := items[0].Doc; d.Title != "From front matter" || !strings.HasPrefix(d.Text, "The harbour reopened") || d.Site != "harbor.example" {
		t.Errorf("CSV manifest record: %+v", d)
	}
}
