package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/store/postgres"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// natsURL returns the test NATS server's URL after checking that it
// answers; otherwise it skips t (fails it when $CI is "true").
func natsURL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("SPINTRACE_TEST_NATS")
	if url == "" {
		url = "nats://127.0.0.1:4222"
	}
	nc, err := nats.Connect(url, nats.Timeout(3*time.Second))
	if err == nil {
		nc.Close()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("NATS at %s is unreachable, and CI must run the queue tests: %v", url, err)
		}
		t.Skipf("NATS at %s is unreachable (set SPINTRACE_TEST_NATS to run these tests): %v", url, err)
	}
	return url
}

// testOptions names a stream, subject and consumer for t alone and deletes
// the stream when t ends.
func testOptions(t testing.TB, url string) Options {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	id := hex.EncodeToString(b[:])
	o := Options{
		Stream:   "SPINTRACE_TEST_" + id,
		Subject:  "spintrace.test." + id,
		Consumer: "workers-" + id,
		AckWait:  2 * time.Second,
		Batch:    8,
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := Delete(ctx, url, o); err != nil {
			t.Errorf("delete test stream: %v", err)
		}
	})
	return o
}

// TestTwoWorkersOneKilled publishes a corpus twice (deduplicated), runs two
// workers into PostgreSQL, kills one with a batch in flight, and checks
// that every document is stored exactly once.
func TestTwoWorkersOneKilled(t *testing.T) {
	url := natsURL(t)
	pgURL := pgtest.URL(t)
	schema := pgtest.Schema(t, pgURL)
	o := testOptions(t, url)
	ctx := t.Context()

	const n = 120
	var docs []spintrace.Doc
	if err := synth.Corpus(7, n, func(_ int, d spintrace.Doc) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	mirror := docs[0]
	mirror.Origin = "https://mirror.example/" + mirror.ID
	pub, err := NewPublisher(ctx, url, o)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 { // the second round is dropped as duplicates
		for _, d := range docs {
			if err := pub.Add(ctx, d); err != nil {
				t.Fatalf("round %d: Add: %v", round, err)
			}
		}
	}
	if err := pub.Add(ctx, mirror); err != nil {
		t.Fatal(err)
	}
	if got, err := pub.Close(ctx); err != nil || got != 2*n+1 {
		t.Fatalf("Close = %d, %v; want %d published", got, err, 2*n+1)
	}
	// One message that is not a document.
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Publish(o.Subject, []byte("not a document")); err != nil {
		t.Fatal(err)
	}
	nc.Flush()
	nc.Close()
	if waiting, _, err := Pending(ctx, url, o); err != nil || waiting != n+2 {
		t.Fatalf("Pending = %d, %v; want %d messages (duplicates dropped)", waiting, err, n+2)
	}

	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	newWorker := func() *Worker {
		db, err := postgres.Open(ctx, pgURL, postgres.Options{Schema: schema})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return &Worker{Store: db, Norm: norm, Config: cfg, Options: o}
	}
	var rejected atomic.Int32
	var stored atomic.Int64
	killCtx, kill := context.WithCancel(ctx)
	victim := newWorker()
	var victimBatches int
	var killedWith atomic.Int32
	victim.beforeStore = func(msgs int) {
		if victimBatches++; victimBatches == 3 {
			killedWith.Store(int32(msgs))
			kill() // dies holding this batch: its Put fails, nothing is acked
		}
	}
	victim.OnReject = func(error) { rejected.Add(1) }
	victim.OnBatch = func(st spintrace.PutStats, _ int) { stored.Add(int64(st.Added)) }
	survivor := newWorker()
	survivor.UntilEmpty = true
	survivor.OnReject = func(error) { rejected.Add(1) }
	survivor.OnBatch = func(st spintrace.PutStats, _ int) { stored.Add(int64(st.Added)) }

	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Add(2)
	go func() { defer wg.Done(); errs[0] = victim.Run(killCtx, url) }()
	// The survivor starts once the victim has taken batches.
	time.Sleep(200 * time.Millisecond)
	runCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	go func() { defer wg.Done(); errs[1] = survivor.Run(runCtx, url) }()
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("worker %d: %v", i, err)
		}
	}
	if runCtx.Err() != nil {
		t.Fatal("the surviving worker did not drain the queue in time")
	}
	if killedWith.Load() == 0 {
		t.Fatal("the victim was not killed with a batch in flight")
	}

	st, err := survivor.Store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != n || stored.Load() != n {
		t.Errorf("%d documents stored (%d reported Added), want %d", st.Docs, stored.Load(), n)
	}
	for _, d := range docs {
		got, err := survivor.Store.Get(ctx, d.ID)
		if err != nil {
			t.Fatalf("Get %s: %v", d.ID, err)
		}
		want := 1
		if d.ID == mirror.ID {
			want = 2
		}
		if got.Copies != want {
			t.Errorf("%s: Copies = %d, want %d", d.ID, got.Copies, want)
		}
	}
	if rejected.Load() != 1 {
		t.Errorf("%d messages rejected, want 1", rejected.Load())
	}
	if waiting, inFlight, err := Pending(ctx, url, o); err != nil || waiting != 0 || inFlight != 0 {
		t.Errorf("after draining: Pending = %d waiting, %d in flight, %v", waiting, inFlight, err)
	}
}

func TestMsgID(t *testing.T) {
	a := spintrace.Doc{Text: "same text", Origin: "/a"}
	b := a
	b.Origin = "/b"
	c := a
	c.ID = spintrace.DocID(a.Text)
	if MsgID(a) == MsgID(b) {
		t.Errorf("two origins share message id %s", MsgID(a))
	}
	if MsgID(a) != MsgID(c) {
		t.Errorf("message id depends on whether ID is set: %s vs %s", MsgID(a), MsgID(c))
	}
	evil := spintrace.Doc{Text: "x", Origin: "line\r\nInjected: header"}
	for _, r := range MsgID(evil) {
		if r < ' ' {
			t.Fatalf("message id %q holds a control character", MsgID(evil))
		}
	}
}

func ExampleMsgID() {
	d := spintrace.Doc{Text: "Mayor opens the bridge.", Origin: "/news/bridge.txt"}
	fmt.Println(len(MsgID(d)))
	// Output: 49
}
