package edge_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
)

// syncBuffer is a buffer safe for the tally's timer to write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// counts are the counts of the lines logged so far.
func (s *syncBuffer) counts(t *testing.T) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []int
	for line := range strings.Lines(s.b.String()) {
		var rec struct {
			Count int `json:"count"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		out = append(out, rec.Count)
	}
	return out
}

func TestATallyLogsAtMostALineAnIntervalAndLosesNoCount(t *testing.T) {
	var out syncBuffer
	tally := &edge.Tally{Log: slog.New(slog.NewJSONHandler(&out, nil)), Level: slog.LevelWarn, Msg: "dropped", Every: 100 * time.Millisecond}
	start := time.Now()
	for range 1000 {
		tally.Add("kind", "x")
	}
	elapsed := time.Since(start)
	sum := func() int {
		n := 0
		for _, c := range out.counts(t) {
			n += c
		}
		return n
	}
	eventually(t, "every event counted", func() bool { return sum() == 1000 })
	counts := out.counts(t)
	if most := 2 + int(elapsed/tally.Every); counts[0] != 1 || len(counts) > most {
		t.Fatalf("counts %v: want the first at once, then at most a line every 100 ms (%d lines)", counts, most)
	}
	time.Sleep(150 * time.Millisecond)
	tally.Add()
	eventually(t, "a later event logged", func() bool { return len(out.counts(t)) == len(counts)+1 })
	if c := out.counts(t)[len(counts)]; c != 1 {
		t.Fatalf("the later line counts %d, want 1", c)
	}
}
