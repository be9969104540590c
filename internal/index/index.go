// Package index turns documents into store entries (canonical tokens and
// winnowed fingerprints) and writes them in batches, in parallel. It also
// guards the store's canonicalization version: a store written with other
// canonicalization or fingerprint parameters is refused, never mixed.
//
// A Builder is not safe for concurrent use; Prepare is.
package index

import (
	"context"
	"fmt"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/fingerprint"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Meta keys stored in every index.
const (
	MetaCanon       = "canon_version"
	MetaFingerprint = "fingerprint"
)

// Config is the canonicalization and fingerprinting an index is built with.
type Config struct {
	Canon       textnorm.Options
	Fingerprint fingerprint.Params
}

// Default is the configuration of every index spintrace builds.
func Default() Config {
	return Config{Canon: textnorm.Default(), Fingerprint: fingerprint.Default}
}

// Signature is the string stored with the index to tell configurations
// apart.
func (c Config) Signature() (canon, fp string) {
	canon = fmt.Sprintf("%d stem=%t syn=%t alias=%t num=%t", textnorm.Version, c.Canon.Stem, c.Canon.Synonyms, c.Canon.Aliases, c.Canon.Numbers)
	fp = fmt.Sprintf("k=%d w=%d title=2", c.Fingerprint.K, c.Fingerprint.W)
	return canon, fp
}

// Check verifies that st was built with c, recording c when st is new.
// It returns an error wrapping spintrace.ErrIncompatible otherwise.
func Check(ctx context.Context, st spintrace.Store, c Config) error {
	canon, fp := c.Signature()
	for _, kv := range [][2]string{{MetaCanon, canon}, {MetaFingerprint, fp}} {
		v, ok, err := st.Meta(ctx, kv[0])
		if err != nil {
			return fmt.Errorf("read index settings: %w", err)
		}
		if !ok {
			if err := st.SetMeta(ctx, kv[0], kv[1]); err != nil {
				return fmt.Errorf("record index settings: %w", err)
			}
			continue
		}
		if v != kv[1] {
			return fmt.Errorf("index was built with %s %q, this build uses %q; rebuild it: %w", kv[0], v, kv[1], spintrace.ErrIncompatible)
		}
	}
	return nil
}
