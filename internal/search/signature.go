package search

import (
	"fmt"
	"runtime/debug"

	"github.com/spintrace/spintrace/internal/index"
)

// AnalysisSignature names what a saved corpus analysis (corpus.Save)
// depends on besides corpus.Version: the index configuration, the trace
// options and the build (another version of spintrace may trace
// differently, so its saved traces are not reused).
func AnalysisSignature(cfg index.Config, so Options) string {
	canon, fp := cfg.Signature()
	return fmt.Sprintf("canon %s; fingerprint %s; trace %+v; build %s", canon, fp, so, buildID())
}

// buildID is the module version and VCS revision the binary was built
// from ("" when the build carries neither, as under go test).
func buildID() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	id := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
			id += " " + s.Value
		}
	}
	return id
}
