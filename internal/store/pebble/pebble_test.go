package pebble

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	pb "github.com/cockroachdb/pebble/v2"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	var mu sync.Mutex
	dirs := map[spintrace.Store]string{}
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T) spintrace.Store {
			dir := filepath.Join(t.TempDir(), "store")
			db := mustOpen(t, dir, Options{})
			mu.Lock()
			dirs[db] = dir
			mu.Unlock()
			return db
		},
		Reopen: func(t *testing.T, s spintrace.Store) spintrace.Store {
			mu.Lock()
			dir := dirs[s]
			mu.Unlock()
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			db := mustOpen(t, dir, Options{})
			mu.Lock()
			dirs[db] = dir
			mu.Unlock()
			return db
		},
	})
}

func mustOpen(t testing.TB, dir string, opts Options) *DB {
	t.Helper()
	db, err := Open(t.Context(), dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return db
}

func testDoc(text string) spintrace.Entry {
	return spintrace.Entry{
		Doc:          spintrace.Doc{ID: spintrace.DocID(text), Origin: "/" + text, Text: text},
		Fingerprints: []uint64{uint64(len(text))},
	}
}

func TestOpenNotAStore(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(t.Context(), dir, Options{})
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "not a spintrace store") {
		t.Fatalf("Open(non-store dir) = %v, want a 'not a spintrace store' error naming %s", err, dir)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || ents[0].Name() != "notes.txt" {
		t.Errorf("Open touched the directory: %v", ents)
	}
}

func TestOpenForeignPebble(t *testing.T) {
	dir := t.TempDir()
	p, err := pb.Open(dir, &pb.Options{Logger: quietLogger{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Set([]byte("someone else's key"), []byte("v"), pb.Sync); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(t.Context(), dir, Options{}); err == nil || !strings.Contains(err.Error(), "not a spintrace store") {
		t.Fatalf("Open(foreign pebble db) = %v, want 'not a spintrace store'", err)
	}
}

func TestOpenCreatesDirAndVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	db := mustOpen(t, dir, Options{})
	defer db.Close()
	v, ok, err := db.Meta(t.Context(), formatKey)
	if err != nil || !ok || v != "1" {
		t.Errorf("format version = %q, %v, %v; want 1", v, ok, err)
	}
	if err := db.SetMeta(t.Context(), formatKey, "9"); !errors.Is(err, spintrace.ErrBadInput) {
		t.Errorf("SetMeta(%s) = %v, want ErrBadInput", formatKey, err)
	}
}

func TestOpenReadOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	if _, err := Open(t.Context(), dir, Options{ReadOnly: true}); !errors.Is(err, spintrace.ErrNotFound) {
		t.Errorf("Open(missing, read-only) = %v, want ErrNotFound", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only Open created %s", dir)
	}
	db := mustOpen(t, dir, Options{})
	if _, err := db.Put(t.Context(), []spintrace.Entry{testDoc("hello")}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro := mustOpen(t, dir, Options{ReadOnly: true})
	defer ro.Close()
	if _, err := ro.Get(t.Context(), spintrace.DocID("hello")); err != nil {
		t.Errorf("Get on read-only store: %v", err)
	}
	if _, err := ro.Put(t.Context(), []spintrace.Entry{testDoc("other")}); err == nil {
		t.Error("Put on a read-only store succeeded")
	}
	if err := ro.SetMeta(t.Context(), "k", "v"); err == nil {
		t.Error("SetMeta on a read-only store succeeded")
	}
}

func TestOpenLockedInProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	db := mustOpen(t, dir, Options{})
	_, err := Open(t.Context(), dir, Options{})
	if !errors.Is(err, spintrace.ErrLocked) || !strings.Contains(err.Error(), dir) {
		t.Errorf("second Open = %v, want ErrLocked naming %s", err, dir)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	mustOpen(t, dir, Options{}).Close()
}

const lockHolderEnv = "SPINTRACE_PEBBLE_TEST_HOLD"

// TestLockHolder is the child process of TestOpenLockedByProcess: it holds
// the store open until its stdin closes.
func TestLockHolder(t *testing.T) {
	dir := os.Getenv(lockHolderEnv)
	if dir == "" {
		t.Skip("helper process for TestOpenLockedByProcess")
	}
	db := mustOpen(t, dir, Options{})
	defer db.Close()
	os.Stdout.WriteString("ready\n")
	_, _ = io.Copy(io.Discard, os.Stdin)
}

func TestOpenLockedByProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	mustOpen(t, dir, Options{}).Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHolder$")
	cmd.Env = append(os.Environ(), lockHolderEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("helper process: %q, %v", line, err)
	}
	_, err = Open(t.Context(), dir, Options{})
	if !errors.Is(err, spintrace.ErrLocked) || !strings.Contains(err.Error(), dir) {
		t.Errorf("Open of a store held by another process = %v, want ErrLocked naming %s", err, dir)
	}
}

func TestOpenVersionMismatch(t *testing.T) {
	for _, v := range []string{"2", "0", "x"} {
		t.Run(v, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "store")
			db := mustOpen(t, dir, Options{})
			if err := db.pdb.Set(metaKey(formatKey), []byte(v), pb.Sync); err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			_, err := Open(t.Context(), dir, Options{})
			if !errors.Is(err, spintrace.ErrIncompatible) {
				t.Errorf("Open with format %q = %v, want ErrIncompatible", v, err)
			}
			// The refused store stays unlocked and untouched.
			_, err = Open(t.Context(), dir, Options{})
			if !errors.Is(err, spintrace.ErrIncompatible) {
				t.Errorf("second Open with format %q = %v, want ErrIncompatible", v, err)
			}
		})
	}
}

func TestCorruptRecords(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	db := mustOpen(t, dir, Options{})
	defer db.Close()
	ctx := t.Context()
	e := testDoc("some text")
	if _, err := db.Put(ctx, []spintrace.Entry{e}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		key  []byte
		val  []byte
		call func() error
	}{
		{"doc", docKey(1), []byte{recordVersion, 0, 1, 200}, func() error {
			_, err := db.Get(ctx, e.Doc.ID)
			return err
		}},
		{"doc version", docKey(1), []byte{9}, func() error {
			return db.Scan(ctx, 0, func(spintrace.Ref, spintrace.Doc) error { return nil })
		}},
		{"id", idKey(e.Doc.ID), []byte{0xff}, func() error {
			_, err := db.Get(ctx, e.Doc.ID)
			return err
		}},
		{"posting", bucketKey(0), []byte{0, 0, 0, 0, 0, 42, 0x80}, func() error {
			return db.Postings(ctx, []uint64{42}, 0, func(uint64, []spintrace.Ref) error { return nil })
		}},
		{"lexicon", []byte{prefixLex, 'a', 0, 'b'}, []byte{1}, func() error {
			return db.Lexicon(ctx, "", func(spintrace.LexEntry) error { return nil })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := db.pdb.Set(tc.key, tc.val, pb.Sync); err != nil {
				t.Fatal(err)
			}
			if err := tc.call(); !errors.Is(err, spintrace.ErrCorrupt) {
				t.Errorf("got %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestCorruptState(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	db := mustOpen(t, dir, Options{})
	if _, err := db.Put(t.Context(), []spintrace.Entry{testDoc("x")}); err != nil {
		t.Fatal(err)
	}
	if err := db.pdb.Set(stateKey, []byte{0xff}, pb.Sync); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(t.Context(), dir, Options{}); !errors.Is(err, spintrace.ErrCorrupt) {
		t.Errorf("Open with corrupt state = %v, want ErrCorrupt", err)
	}
}

func TestOpenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Open(ctx, t.TempDir(), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Open(cancelled) = %v", err)
	}
}
