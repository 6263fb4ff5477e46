package pacing

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// BenchmarkWaitDistinctConversations paces messages that each go to a
// conversation of its own, as when 100 k users each press a button (run it
// with -benchtime 100000x). "steady" sends 1,000 a second, so earlier
// conversations refill and are forgotten as it goes; "flood" sends them
// all at one instant, so the pacer fills up to its cap and evicts. The
// cost per message must not grow with the number of conversations.
func BenchmarkWaitDistinctConversations(b *testing.B) {
	for _, mode := range []struct {
		name string
		step time.Duration
	}{{"steady", time.Millisecond}, {"flood", 0}} {
		b.Run(mode.name, func(b *testing.B) {
			clk := testkit.NewClock(time.Unix(1_700_000_000, 0))
			p := New(Config{Clock: clk, Rules: func(string) []Rule { return []Rule{Per(1, time.Second)} }})
			names := make([]string, b.N)
			for i := range names {
				names[i] = "p:C0123/U" + strconv.Itoa(i)
			}
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				clk.Advance(mode.step)
				if err := p.wait(ctx, "", names[i]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
