package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// uiFiles are the web UI's assets: plain HTML, CSS and JavaScript, no build
// step, nothing loaded from the network.
//
//go:embed ui
var uiFiles embed.FS

// uiHandler serves the UI with a strict content security policy: the page
// may load only its own assets and talk only to this server.
func uiHandler() http.Handler {
	sub, err := fs.Sub(uiFiles, "ui")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}
