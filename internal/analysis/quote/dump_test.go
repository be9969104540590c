package quote

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	p := os.Getenv("QUOTE_DUMP")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	text := string(b)
	for _, q := range Find(text) {
		fmt.Printf("Q %q\n   speaker=%q via=%s partial=%v\n", text[q.Start:q.End], q.Speaker, q.Via, q.Partial)
	}
	for _, a := range Attributions(text) {
		fmt.Printf("A %q speaker=%q dangling=%v\n", text[a.Start:a.End], a.Speaker, a.Dangling)
	}
}
