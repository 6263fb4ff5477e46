package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// FuzzHandle feeds arbitrary typed lines and button payloads through the
// whole core on a real Redis: it must always answer something, never panic,
// and never score from input it did not issue itself.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{
		"ask pv", "quiz etcd", "top all", "stats", "search 探针", "lang en", "", "\x00\xff", "ask " + strings.Repeat("长", 300),
		"a:abcdefgh:1", "s:aaaaaa", "g:aaaaaa:5", "k:aaaaaa:zz", "t:aaaaaa:1", "n:存储", "n:", "c:aaaaaa",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, in string, asPayload bool) {
		e := newEnv(t)
		var r quiz.Response
		if asPayload {
			r = e.press("fuzz", in)
		} else {
			r = e.cmd("fuzz", in)
		}
		if len(r.Messages) == 0 && r.Notice == "" && r.Update == nil {
			t.Fatalf("no reply to %q", in)
		}
		for _, m := range r.Messages {
			for _, row := range m.Buttons {
				for _, b := range row {
					if len(b.Payload) > quiz.MaxPayload {
						t.Fatalf("a %d-byte payload", len(b.Payload))
					}
				}
			}
		}
		if b := e.board(""); b.Players != 0 {
			t.Fatalf("input %q scored", in)
		}
	})
}
