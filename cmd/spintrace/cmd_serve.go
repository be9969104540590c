package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/server"
)

type serveOptions struct {
	db      string
	addr    string
	token   string
	maxBody int64
	timeout time.Duration
}

func newServeCmd() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the HTTP API and the web UI",
		Long: `Serve answers the JSON API under /api/v1 (documented in docs/openapi.json):
trace a posted article, list, read and add documents, the spin lexicon; plus
/healthz, Prometheus /metrics and the web UI at /, whose assets are built in.

It binds 127.0.0.1:8080 unless --addr says otherwise, and refuses to listen
on a non-loopback address without --token: every API call must then carry
"Authorization: Bearer TOKEN". Documents can be added while traces run.
SIGINT or SIGTERM stops it after the requests in flight have finished.
Access logs go to standard error as JSON lines.`,
		Example: `  spintrace serve --db news.db
  spintrace serve --db news.db --addr 0.0.0.0:8080 --token "$(cat token)"
  curl -s localhost:8080/api/v1/trace -H 'Content-Type: text/plain' --data-binary @article.txt`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), o, cmd.ErrOrStderr())
		},
	}
	dbFlag(cmd, &o.db)
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on, host:port")
	f.StringVar(&o.token, "token", "", "bearer token required on every API call (needed for a non-loopback --addr)")
	f.Int64Var(&o.maxBody, "max-body", server.DefaultMaxBody, "largest request body accepted, in bytes")
	f.DurationVar(&o.timeout, "timeout", server.DefaultTimeout, "longest time one request may take")
	return cmd
}

func runServe(ctx context.Context, o serveOptions, logOut io.Writer) error {
	if o.maxBody <= 0 {
		return usagef("--max-body must be positive, not %d", o.maxBody)
	}
	if o.timeout <= 0 {
		return usagef("--timeout must be positive, not %s", o.timeout)
	}
	loopback, err := isLoopback(o.addr)
	if err != nil {
		return usageError{err}
	}
	if !loopback && o.token == "" {
		return usagef("refusing to serve on %s, which is not a loopback address, without --token", o.addr)
	}
	st, err := openStore(ctx, resolveDB(o.db))
	if err != nil {
		return err
	}
	defer st.Close()
	eng, err := newEngine(ctx, st, false)
	if err != nil {
		return err
	}
	srv, err := server.New(ctx, server.Config{
		Store: st, Tracer: eng, Index: index.Default(),
		Token: o.token, MaxBody: o.maxBody, Timeout: o.timeout,
		Logger: slog.New(slog.NewJSONHandler(logOut, nil)),
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	fmt.Fprintf(logOut, "spintrace: serving %s on http://%s/\n", resolveDB(o.db), ln.Addr())
	return srv.Serve(ctx, ln)
}

// isLoopback reports whether addr (host:port) listens only on a loopback
// interface. An empty host means every interface, so it is not loopback;
// "localhost" is.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false, nil // a host name could resolve anywhere
	}
	return ip.IsLoopback(), nil
}
