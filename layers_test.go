package spintrace_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/spintrace/spintrace"

// pure packages do no I/O: they may not import these.
var pure = []string{
	"internal/textnorm", "internal/fingerprint", "internal/align",
	"internal/analysis", "internal/synonym",
}

var ioImports = []string{"os", "net", "net/http", "database/sql", "os/exec", "io/ioutil",
	module + "/internal/store", module + "/internal/search", module + "/internal/server",
	module + "/internal/ingest", module + "/internal/queue", module + "/cmd"}

// TestLayering enforces the dependency rules of docs/design.md: the root
// package imports only the standard library; pure packages do no I/O;
// only cmd/ (and test helpers) pick concrete store backends.
func TestLayering(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "demo") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			check(t, dir, path, imp)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, dir, file, imp string) {
	t.Helper()
	switch {
	case dir == "." && strings.Contains(strings.SplitN(imp, "/", 2)[0], "."):
		t.Errorf("%s: the root package imports only the standard library, not %s", file, imp)
	case dir == "." && strings.HasPrefix(imp, module):
		t.Errorf("%s: the root package imports nothing of the module (%s)", file, imp)
	}
	for _, p := range pure {
		if dir != p && !strings.HasPrefix(dir, p+"/") || strings.HasSuffix(dir, "/gen") {
			continue
		}
		for _, bad := range ioImports {
			if imp == bad || strings.HasPrefix(imp, bad+"/") {
				t.Errorf("%s: pure package %s imports %s", file, p, imp)
			}
		}
	}
	for _, backend := range []string{"/internal/store/pebble", "/internal/store/postgres"} {
		if imp == module+backend && !strings.HasPrefix(dir, "cmd/") && !strings.HasPrefix(dir, "internal/store/postgres") {
			t.Errorf("%s: only cmd/ picks a store backend, not %s", file, dir)
		}
	}
}
