package quiz

import (
	"strings"
	"testing"
)

func FuzzParsePrompt(f *testing.F) {
	for _, s := range []string{"gzrv43.tpb7s0.yd2mm2tn", "gzrv43.1.abcdefgh-3", "gzrv43.1.abcdefgh-03", "..", "", "a.b.c", "gzrv43.-1.abcdefgh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		p, ok := parsePrompt(token)
		if !ok {
			return
		}
		if p.token() != token {
			t.Fatalf("%q parsed and encoded back as %q", token, p.token())
		}
		if once := p.once(); once == "" || strings.ContainsAny(once, " \n") {
			t.Fatalf("%q has the once-key %q", token, once)
		}
	})
}

func TestAfterWords(t *testing.T) {
	for in, want := range map[string]string{
		"answer gzrv43 RWO is\nsingle-node ": "RWO is\nsingle-node",
		"answer\u3000gzrv43\u3000RWO":        "RWO",
		"answer gzrv43":                      "",
		"  answer   gzrv43   a  b ":          "a  b",
	} {
		if got := afterWords(in, 2); got != want {
			t.Errorf("afterWords(%q, 2) = %q, want %q", in, got, want)
		}
	}
}

func TestPercentRoundsButNeverClaimsAllOrNothing(t *testing.T) {
	for _, c := range []struct{ part, whole, want int }{
		{0, 3, 0}, {1, 3, 33}, {2, 3, 67}, {3, 3, 100}, {1, 2, 50}, {199, 200, 99}, {1, 300, 1}, {5, 8, 63},
	} {
		if got := percent(c.part, c.whole); got != c.want {
			t.Errorf("percent(%d, %d) = %d, want %d", c.part, c.whole, got, c.want)
		}
	}
}
