// Package pgtest gives tests a PostgreSQL store in a schema of its own,
// dropped when the test ends. The server is $SPINTRACE_TEST_POSTGRES, by
// default postgres://postgres@127.0.0.1:5432/test. When it cannot be
// reached the test is skipped with a message, except when $CI is "true":
// then it fails, so that CI never passes without running the suite.
//
// Concurrency: the functions may be called from parallel tests.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/spintrace/spintrace/internal/store/postgres"
)

// DefaultURL is the server tests use unless $SPINTRACE_TEST_POSTGRES is set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// URL returns the test server's URL after checking that it answers;
// otherwise it skips t (fails it when $CI is "true").
func URL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("SPINTRACE_TEST_POSTGRES")
	if url == "" {
		url = DefaultURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err == nil {
		err = conn.Ping(ctx)
		conn.Close(ctx)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is unreachable, and CI must run the PostgreSQL suite: %v", url, err)
		}
		t.Skipf("PostgreSQL at %s is unreachable (set SPINTRACE_TEST_POSTGRES to run these tests): %v", url, err)
	}
	return url
}

// Schema returns a new schema name, spintrace_test_<random>, and drops the
// schema with everything in it when t ends.
func Schema(t testing.TB, url string) string {
	t.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "spintrace_test_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{name}.Sanitize()+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	return name
}

// Open returns a store in a fresh schema; the store is closed and the schema
// dropped when t ends.
func Open(t testing.TB) *postgres.DB {
	t.Helper()
	url := URL(t)
	schema := Schema(t, url)
	db, err := postgres.Open(context.Background(), url, postgres.Options{Schema: schema})
	if err != nil {
		t.Fatalf("open PostgreSQL store: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}
