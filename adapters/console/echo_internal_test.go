package console

import (
	"strings"
	"testing"
)

func TestALongLineIsEchoedCutBetweenGraphemeClusters(t *testing.T) {
	family := "👨\u200d👩\u200d👧\u200d👦" // 7 runes
	for _, tt := range []struct{ name, line, want string }{
		{"a family at the cut", strings.Repeat("x", 197) + family, strings.Repeat("x", 197) + "…"},
		{"a flag at the cut", strings.Repeat("x", 199) + "🇨🇳", strings.Repeat("x", 199) + "…"},
		{"an accent at the cut", strings.Repeat("x", 199) + "e\u0301", strings.Repeat("x", 199) + "…"},
		{"a line that fits", strings.Repeat("x", 193) + family, strings.Repeat("x", 193) + family},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := echo(tt.line); got != tt.want {
				t.Errorf("echo shows %+q, want %+q", got[max(0, len(got)-40):], tt.want[max(0, len(tt.want)-40):])
			}
		})
	}
}
