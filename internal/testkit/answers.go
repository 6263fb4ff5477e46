package testkit

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var (
	answersOnce sync.Once
	answers     map[string]string // "<id> <kind> <lang>" → the first such answer
	answersErr  error
)

// LabelledAnswer is an answer in words from the labelled sets of package
// assess (quiz/assess/testdata): the first of the question's answers of
// this kind ("complete", "partial", "wrong", "keywords", …) in lang ("zh"
// or "en"). The test fails when there is none.
func LabelledAnswer(tb testing.TB, questionID, kind, lang string) string {
	tb.Helper()
	answersOnce.Do(func() { answers, answersErr = readLabelled() })
	if answersErr != nil {
		tb.Fatalf("the labelled answers: %v", answersErr)
	}
	a, ok := answers[questionID+" "+kind+" "+lang]
	if !ok {
		tb.Fatalf("the labelled sets have no %s answer in %s to %s", kind, lang, questionID)
	}
	return a
}

// readLabelled reads the labelled sets: "# <id> <title>" opens a question,
// "## <kind> <lang> <grade> …" an answer, which runs to the next heading.
func readLabelled() (map[string]string, error) {
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(self), "..", "..", "quiz", "assess", "testdata")
	out := map[string]string{}
	for _, name := range []string{"labelled.md", "heldout.md"} {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		var id, key string
		var text []string
		flush := func() {
			if _, seen := out[key]; key != "" && !seen {
				out[key] = strings.TrimSpace(strings.Join(text, "\n"))
			}
			key, text = "", nil
		}
		for _, line := range strings.Split(string(raw), "\n") {
			f := strings.Fields(line)
			switch {
			case len(f) >= 2 && f[0] == "#":
				flush()
				id = f[1]
			case len(f) >= 3 && f[0] == "##" && id != "":
				flush()
				key = id + " " + f[1] + " " + f[2]
			case key != "":
				text = append(text, line)
			}
		}
		flush()
	}
	return out, nil
}
