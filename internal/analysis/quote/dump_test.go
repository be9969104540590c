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

func TestDumpStats(t *testing.T) {
	dir := os.Getenv("QUOTE_DIR")
	if dir == "" {
		t.Skip()
	}
	ents, _ := os.ReadDir(dir)
	via := map[string]int{}
	nq, na, nd := 0, 0, 0
	for _, e := range ents {
		b, _ := os.ReadFile(dir + "/" + e.Name())
		for _, q := range Find(string(b)) {
			via[q.Via]++
			nq++
		}
		for _, a := range Attributions(string(b)) {
			na++
			if a.Dangling {
				nd++
				fmt.Printf("D %s %q\n", e.Name(), string(b)[a.Start:a.End])
			}
		}
	}
	fmt.Println(nq, via, na, nd)
}
