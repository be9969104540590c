package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestIsLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want bool
		err  bool
	}{
		{"127.0.0.1:8080", true, false},
		{"127.1.2.3:80", true, false},
		{"[::1]:8080", true, false},
		{"localhost:8080", true, false},
		{"0.0.0.0:8080", false, false},
		{":8080", false, false},
		{"[::]:8080", false, false},
		{"192.168.1.5:8080", false, false},
		{"example.org:80", false, false},
		{"127.0.0.1", false, true},
	} {
		got, err := isLoopback(tc.addr)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("isLoopback(%q) = %v, %v; want %v, error %v", tc.addr, got, err, tc.want, tc.err)
		}
	}
}

func TestServeRefusesOpenAddressWithoutToken(t *testing.T) {
	o := serveOptions{db: filepath.Join(t.TempDir(), "db"), addr: "0.0.0.0:0", maxBody: 1 << 20, timeout: time.Second}
	err := runServe(context.Background(), o, io.Discard)
	var u usageError
	if !errors.As(err, &u) {
		t.Fatalf("runServe on 0.0.0.0 without a token: %v, want a usage error", err)
	}
	_, stderr, code := run(t, "serve", "--db", o.db, "--addr", ":0")
	if code != exitUsage || !strings.Contains(stderr, "--token") {
		t.Errorf("spintrace serve --addr :0: exit %d, stderr %q", code, stderr)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeCommand starts `serve` on a free port, calls it, and stops it
// the way SIGINT does (the command's context ends).
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs lockedBuffer
	o := serveOptions{db: filepath.Join(t.TempDir(), "db"), addr: "127.0.0.1:0", token: "t", maxBody: 1 << 20, timeout: 5 * time.Second}
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, o, &logs) }()
	re := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == ""; time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(logs.String()); m != nil {
			base = m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", logs.String())
		}
	}
	req, _ := http.NewRequest("POST", base+"/api/v1/documents", strings.NewReader(`{"text":"The harbour reopened on Monday after the storm passed."}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer t")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("add a document: %d", resp.StatusCode)
	}
	resp, err = http.Get(base + "/api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("stats without the token: %d, want 401", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(logs.String(), `"msg":"http request"`) {
		t.Errorf("no access log: %s", logs.String())
	}
}
