package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spintrace/spintrace"
)

// MetaAnalysis is the store setting (Store.SetMeta) a saved analysis is
// kept in.
const MetaAnalysis = "corpus_analysis"

// savedPrefix starts a saved analysis; the rest is the base64 of the
// gzip-compressed JSON of a saved value (settings are strings, and
// PostgreSQL text holds no NUL bytes).
const savedPrefix = "gzip+base64:"

// saved is what Save keeps.
type saved struct {
	Version   int             `json:"version"`
	Signature string          `json:"signature"`
	Analysis  json.RawMessage `json:"analysis"`
}

// Save keeps a's traces in st (the clusters are rebuilt from them), so that the next run can pass it as
// Options.Previous and trace only what was stored since. sig names what
// the traces depend on besides Version (the index configuration and the
// trace options): Load returns the analysis only for the same sig.
func Save(ctx context.Context, st spintrace.Store, a *Analysis, sig string) error {
	keep := *a
	keep.Clusters = nil // rebuilt from the traces
	body, err := json.Marshal(&keep)
	if err != nil {
		return fmt.Errorf("encode analysis: %w", err)
	}
	env, err := json.Marshal(saved{Version: Version, Signature: sig, Analysis: body})
	if err != nil {
		return fmt.Errorf("encode analysis: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(savedPrefix)
	b64 := base64.NewEncoder(base64.StdEncoding, &buf)
	zw, _ := gzip.NewWriterLevel(b64, gzip.BestSpeed)
	if _, err := zw.Write(env); err != nil {
		return fmt.Errorf("compress analysis: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("compress analysis: %w", err)
	}
	if err := b64.Close(); err != nil {
		return fmt.Errorf("compress analysis: %w", err)
	}
	if err := st.SetMeta(ctx, MetaAnalysis, buf.String()); err != nil {
		return fmt.Errorf("save analysis: %w", err)
	}
	return nil
}

// Load returns the analysis Save kept in st, or nil when there is none or
// it was saved by a build with another Version or with another sig: it
// must then be computed again. Bytes that cannot be decoded give an error
// wrapping spintrace.ErrCorrupt.
func Load(ctx context.Context, st spintrace.Store, sig string) (*Analysis, error) {
	v, ok, err := st.Meta(ctx, MetaAnalysis)
	if err != nil {
		return nil, fmt.Errorf("read saved analysis: %w", err)
	}
	if !ok {
		return nil, nil
	}
	rest, ok := strings.CutPrefix(v, savedPrefix)
	if !ok {
		return nil, fmt.Errorf("saved analysis: unknown encoding: %w", spintrace.ErrCorrupt)
	}
	zr, err := gzip.NewReader(base64.NewDecoder(base64.StdEncoding, strings.NewReader(rest)))
	if err != nil {
		return nil, fmt.Errorf("saved analysis: %w: %w", spintrace.ErrCorrupt, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("saved analysis: %w: %w", spintrace.ErrCorrupt, err)
	}
	var env saved
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, fmt.Errorf("saved analysis: %w: %w", spintrace.ErrCorrupt, err)
	}
	if env.Version != Version || env.Signature != sig {
		return nil, nil
	}
	a := &Analysis{}
	if err := json.Unmarshal(env.Analysis, a); err != nil {
		return nil, fmt.Errorf("saved analysis: %w: %w", spintrace.ErrCorrupt, err)
	}
	return a, nil
}
