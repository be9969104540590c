package pan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// ReportVersion is the version of the Report JSON.
//
//	1: first version.
const ReportVersion = 1

// Scores are the measures of one folder, or of the whole corpus.
type Scores struct {
	// Folder is the truth folder name, or "overall".
	Folder string `json:"folder"`
	// Pairs is the number of pairs scored.
	Pairs int `json:"pairs"`
	Measures
}

// Report is the outcome of a PAN evaluation.
type Report struct {
	Version int    `json:"version"`
	Corpus  string `json:"corpus"`
	// Workers is the number of pairs aligned at once (0 when only scored).
	Workers int `json:"workers,omitempty"`
	// Folders are the per-folder scores, in corpus folder order.
	Folders []Scores `json:"folders"`
	// Overall scores all pairs together (not an average of the folders: the
	// measures average over cases and detections).
	Overall Scores `json:"overall"`
	// Elapsed is the wall time of the run (JSON: elapsed_seconds).
	Elapsed time.Duration `json:"-"`
	// DocsPerSecond is the number of document pairs aligned per second of
	// Elapsed.
	DocsPerSecond float64 `json:"docs_per_second"`
}

type reportJSON Report // no methods: avoids recursion in (Un)MarshalJSON

// MarshalJSON encodes the report with Elapsed as elapsed_seconds.
func (r *Report) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		*reportJSON
		ElapsedSeconds float64 `json:"elapsed_seconds"`
	}{(*reportJSON)(r), r.Elapsed.Seconds()})
}

// UnmarshalJSON decodes what MarshalJSON wrote. It rejects other versions.
func (r *Report) UnmarshalJSON(b []byte) error {
	var v struct {
		*reportJSON
		ElapsedSeconds float64 `json:"elapsed_seconds"`
	}
	v.reportJSON = (*reportJSON)(r)
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if r.Version != ReportVersion {
		return fmt.Errorf("pan report: version %d, this build reads %d", r.Version, ReportVersion)
	}
	r.Elapsed = time.Duration(v.ElapsedSeconds * float64(time.Second))
	return nil
}

// WriteTable writes the report as an aligned text table, one row per folder
// and a final overall row, followed by the run time when there is one.
func (r *Report) WriteTable(w io.Writer) error {
	rows := append(append([]Scores(nil), r.Folders...), r.Overall)
	width := len("folder")
	for _, s := range rows {
		width = max(width, len(s.Folder))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s %6s %6s %10s %9s %7s %11s %7s\n", width,
		"folder", "pairs", "cases", "detections", "precision", "recall", "granularity", "plagdet")
	for i, s := range rows {
		if i == len(rows)-1 {
			fmt.Fprintf(&b, "%s\n", strings.Repeat("-", width+63))
		}
		fmt.Fprintf(&b, "%-*s %6d %6d %10d %9.3f %7.3f %11.3f %7.3f\n", width,
			s.Folder, s.Pairs, s.Cases, s.Detections, s.Precision, s.Recall, s.Granularity, s.Plagdet)
	}
	if r.Elapsed > 0 {
		fmt.Fprintf(&b, "%d pairs in %.2fs, %.1f docs/s, %d workers\n",
			r.Overall.Pairs, r.Elapsed.Seconds(), r.DocsPerSecond, r.Workers)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
