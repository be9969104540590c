// Package postgres is the scale-out spintrace.Store: the index in a
// PostgreSQL database through jackc/pgx, so that several ingest workers on
// several machines can feed one index, and the same schema can be sharded by
// Citus (docs/scale-out.md).
//
// The schema is created and upgraded by the versioned SQL files embedded
// from migrations/, applied when the store is opened, in one transaction,
// under an advisory lock (see migrate.go). Documents are loaded with COPY.
// Besides the Store methods, Pairs lists the candidate pairs of the whole
// corpus in one join inside the database, for corpus analysis
// (internal/corpus.PairSource).
//
// Concurrency: a DB is safe for concurrent use by many goroutines, and any
// number of DBs, in any number of processes, may write to one database at
// once: Put is one transaction whose inserts are idempotent (ON CONFLICT DO
// NOTHING on the document id and the origin), so a document written by two
// workers at the same time is stored once.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/spintrace/spintrace"
)

// Options tune a DB.
type Options struct {
	// Schema holds the tables; it is created when missing. Empty: the first
	// schema of the URL's search_path parameter, else the server's default
	// (usually public).
	Schema string
	// MaxConns bounds the connection pool (0: pgxpool's default, the
	// larger of 4 and the number of CPUs).
	MaxConns int32
	// WindowPostings reads postings with the window-function query, the
	// form Citus pushes down to the shards, instead of the LATERAL one
	// (docs/scale-out.md). It is set automatically when the database has
	// the citus extension.
	WindowPostings bool
}

// DB is a store in a PostgreSQL database.
type DB struct {
	pool     *pgxpool.Pool
	schema   string // "" when the server's default is used
	postings string // the postings query
	closed   atomic.Bool
}

var _ spintrace.Store = (*DB)(nil)

// Open connects to the database at url (postgres://user@host:port/db?...),
// creates or upgrades the schema and returns the store. It returns an error
// wrapping spintrace.ErrIncompatible when the schema was written by a newer
// build.
func Open(ctx context.Context, url string, o Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres store: parse url: %w", err)
	}
	schema := o.Schema
	if schema == "" {
		schema = firstSchema(cfg.ConnConfig.RuntimeParams["search_path"])
	}
	if schema != "" {
		// Every connection resolves the unqualified table names in the
		// schema; pg_temp stays first implicitly for the staging tables.
		cfg.ConnConfig.RuntimeParams["search_path"] = pgx.Identifier{schema}.Sanitize()
	}
	// The store's queries are index lookups; JIT compiling them (which
	// PostgreSQL does when row estimates are high, e.g. before the first
	// ANALYZE of a bulk-loaded table) costs hundreds of milliseconds.
	cfg.ConnConfig.RuntimeParams["jit"] = "off"
	if o.MaxConns > 0 {
		cfg.MaxConns = o.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres store: connect: %w", err)
	}
	db := &DB{pool: pool, schema: schema, postings: postingsLateral}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	citus := o.WindowPostings
	if !citus {
		err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')`).Scan(&citus)
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("postgres store: look for citus: %w", err)
		}
	}
	if citus {
		db.postings = postingsWindow
	}
	return db, nil
}

// firstSchema returns the first schema named in a search_path value, or ""
// when it names none (or only "$user").
func firstSchema(path string) string {
	first, _, _ := strings.Cut(path, ",")
	first = strings.TrimSpace(first)
	if strings.HasPrefix(first, `"`) && strings.HasSuffix(first, `"`) && len(first) >= 2 {
		first = strings.ReplaceAll(first[1:len(first)-1], `""`, `"`)
	}
	if first == "$user" {
		return ""
	}
	return first
}

// Schema returns the schema holding the tables ("" for the server default).
func (db *DB) Schema() string { return db.schema }

// Close releases the connections. Calls after Close return errors.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return errors.New("postgres store: already closed")
	}
	db.pool.Close()
	return nil
}

// check returns an error when the store is closed.
func (db *DB) check() error {
	if db.closed.Load() {
		return errors.New("postgres store: closed")
	}
	return nil
}

// retryable reports whether err is a deadlock or serialization failure,
// after which the whole transaction can simply run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// inTx runs fn in a transaction, committing when it returns nil, and runs
// it again (up to 5 times) after a deadlock or serialization failure.
func (db *DB) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = pgx.BeginFunc(ctx, db.pool, fn)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			return err
		}
	}
	return err
}
