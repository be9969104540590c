package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/spintrace/spintrace/internal/sample"
)

// BenchmarkTraceHTTP measures trace requests over loopback HTTP from
// concurrent clients, against the project's sample corpus plus the test
// corpus, and reports requests per second and latency percentiles.
//
//	go test -run '^$' -bench TraceHTTP -benchtime 400x ./internal/server
func BenchmarkTraceHTTP(b *testing.B) {
	docs := append(sample.Articles(), corpus()...)
	body, _ := json.Marshal(traceRequest{Text: spunArticle(), Title: "bench"})
	for _, store := range []string{"mem", "pebble"} {
		for _, clients := range []int{1, 8} {
			b.Run(fmt.Sprintf("store=%s/clients=%d", store, clients), func(b *testing.B) {
				f := newFixture(b, fixtureOptions{mem: store == "mem", docs: docs})
				tr := &http.Transport{MaxIdleConnsPerHost: clients}
				defer tr.CloseIdleConnections()
				client := &http.Client{Transport: tr}
				url := f.ts.URL + "/api/v1/trace"
				var mu sync.Mutex
				lat := make([]time.Duration, 0, b.N)
				work := make(chan struct{}, b.N)
				for i := 0; i < b.N; i++ {
					work <- struct{}{}
				}
				close(work)
				b.ReportAllocs()
				b.ResetTimer()
				start := time.Now()
				var wg sync.WaitGroup
				for c := 0; c < clients; c++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						mine := make([]time.Duration, 0, b.N/clients+1)
						for range work {
							t0 := time.Now()
							resp, err := client.Post(url, "application/json", bytes.NewReader(body))
							if err != nil {
								b.Error(err)
								return
							}
							io.Copy(io.Discard, resp.Body)
							resp.Body.Close()
							if resp.StatusCode != http.StatusOK {
								b.Errorf("status %d", resp.StatusCode)
								return
							}
							mine = append(mine, time.Since(t0))
						}
						mu.Lock()
						lat = append(lat, mine...)
						mu.Unlock()
					}()
				}
				wg.Wait()
				elapsed := time.Since(start)
				b.StopTimer()
				if len(lat) == 0 {
					return
				}
				slices.Sort(lat)
				pct := func(p float64) float64 {
					return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
				}
				b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
				b.ReportMetric(pct(0.50), "p50-ms")
				b.ReportMetric(pct(0.99), "p99-ms")
			})
		}
	}
}
