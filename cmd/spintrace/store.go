package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/store/pebble"
	"github.com/spintrace/spintrace/internal/store/postgres"
	"github.com/spintrace/spintrace/internal/textnorm"
)

const defaultDB = "spintrace.db"

// dbFlag adds --db to cmd.
func dbFlag(cmd *cobra.Command, db *string) {
	cmd.Flags().StringVar(db, "db", "", "index location: a directory for the embedded store (default $SPINTRACE_DB, else ./"+defaultDB+")")
}

// resolveDB applies the --db / SPINTRACE_DB / default order.
func resolveDB(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv("SPINTRACE_DB"); env != "" {
		return env
	}
	return defaultDB
}

// openStore picks the backend from the location's scheme and checks that
// the index was built with this build's canonicalization.
func openStore(ctx context.Context, location string) (spintrace.Store, error) {
	var st spintrace.Store
	switch {
	case strings.HasPrefix(location, "postgres://"), strings.HasPrefix(location, "postgresql://"):
		db, err := postgres.Open(ctx, location, postgres.Options{})
		if err != nil {
			return nil, err
		}
		st = db
	default:
		db, err := pebble.Open(ctx, location, pebble.Options{})
		if err != nil {
			return nil, err
		}
		st = db
	}
	if err := index.Check(ctx, st, index.Default()); err != nil {
		st.Close()
		return nil, fmt.Errorf("open %s: %w", location, err)
	}
	return st, nil
}

// newEngine returns a trace engine over st with the default configuration.
// With learned, the spin lexicon's frequent one-word swaps are loaded as
// aliases (off by default: measured to hurt, see docs/evaluation.md).
func newEngine(ctx context.Context, st spintrace.Store, learned bool) (*search.Engine, error) {
	cfg := index.Default()
	e := search.New(st, textnorm.New(cfg.Canon), cfg, search.DefaultOptions())
	if learned {
		if _, err := e.LoadLexicon(ctx, search.MinLearnedCount); err != nil {
			return nil, err
		}
	}
	return e, nil
}
