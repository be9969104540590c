package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// StdinPath is the path that names standard input.
const StdinPath = "-"

// input is one file Walk will read.
type input struct {
	path  string
	size  int64 // -1 for stdin
	stdin bool
}

// expand resolves paths (files, directories walked recursively, globs and
// "-") into the list of files to read, in a deterministic order. Hidden
// files and directories (name starting with ".") inside walked directories
// are left out. A path that does not exist, or a glob matching nothing, is
// an error naming it.
func expand(paths []string) ([]input, error) {
	var out []input
	stdin := false
	for _, p := range paths {
		if p == StdinPath {
			if stdin {
				return nil, errors.New("ingest: stdin (\"-\") given more than once")
			}
			stdin = true
			out = append(out, input{path: p, size: -1, stdin: true})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(p, "*?[") {
				matches, gerr := filepath.Glob(p)
				if gerr != nil {
					return nil, fmt.Errorf("ingest: bad glob %q: %w", p, gerr)
				}
				if len(matches) == 0 {
					return nil, fmt.Errorf("ingest: no files match %q", p)
				}
				for _, m := range matches {
					in, err := expandOne(m)
					if err != nil {
						return nil, err
					}
					out = append(out, in...)
				}
				continue
			}
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("ingest: %s: no such file or directory", p)
			}
			return nil, fmt.Errorf("ingest: %w", err)
		}
		in, err := expandStat(p, fi)
		if err != nil {
			return nil, err
		}
		out = append(out, in...)
	}
	return out, nil
}

func expandOne(p string) ([]input, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	return expandStat(p, fi)
}

func expandStat(p string, fi fs.FileInfo) ([]input, error) {
	if !fi.IsDir() {
		return []input{{path: p, size: fi.Size()}}, nil
	}
	var out []input
	err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("ingest: walk %s: %w", p, err)
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		fi, err := os.Stat(path) // follows symlinks
		if err != nil || !fi.Mode().IsRegular() {
			return nil // dangling links, sockets, devices: not documents
		}
		out = append(out, input{path: path, size: fi.Size()})
		return nil
	})
	return out, err
}

// Measure returns the number of files and the total bytes Walk would read
// for paths, for a progress bar total. Stdin makes bytes -1 (unknown). It
// fails as Walk does on a path that does not exist.
func Measure(paths []string) (files int, bytes int64, err error) {
	ins, err := expand(paths)
	if err != nil {
		return 0, 0, err
	}
	for _, in := range ins {
		files++
		if in.stdin || bytes < 0 {
			bytes = -1
			continue
		}
		bytes += in.size
	}
	return files, bytes, nil
}
