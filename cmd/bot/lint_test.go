package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// shippedLint is `bot lint` of the shipped bank, run once per test binary
// (the report is the same every time; under -race it takes seconds): its
// exit code and report, for the tests that read it.
var shippedLint = sync.OnceValues(func() (int, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"lint"}, envOf(nil), strings.NewReader(""), &out, &errOut)
	return code, out.String()
})

// writeBank writes a bank file into a new directory and returns its path.
func writeBank(t *testing.T, name, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLint(t *testing.T) {
	t.Run("the shipped bank's report", func(t *testing.T) {
		code, out := shippedLint()
		if code != exitOK {
			t.Fatalf("exit %d", code)
		}
		for _, want := range []string{"52 questions", "Questions per topic:", "  pv               5", "Questions without topics:",
			"Answers that need splitting:", "Quiz formats per question:", "which,blank", "Warnings:"} {
			if !strings.Contains(out, want) {
				t.Errorf("lint lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("a single bank file is accepted and named", func(t *testing.T) {
		p := writeBank(t, "one.md", "# What does a ReplicaSet do?\n\nIt keeps a set number of pod replicas running.\n")
		code, out, errOut := script(t, nil, "", "lint", p)
		if code != exitOK || !strings.Contains(out, "53 questions") || !strings.Contains(out, "What does a ReplicaSet do?") {
			t.Errorf("exit %d, stderr %q:\n%s", code, errOut, out)
		}
	})

	// lint <path> checks what the bot loads with BANK_DIR=<path>: the
	// shipped bank beside it. It used to check the path alone, and passed
	// a bank the bot then refused to start with.
	t.Run("a path is checked beside the shipped bank, as BANK_DIR loads it", func(t *testing.T) {
		p := writeBank(t, "dup.md", "# POD是什么？\n\nagain\n")
		for _, path := range []string{filepath.Dir(p), p} {
			code, out, errOut := script(t, nil, "", "lint", path)
			if code != exitFailed || !strings.Contains(errOut, p+`:1: duplicate question "POD是什么？" (first at k8s-interview-zh.md:`) || out != "" {
				t.Errorf("lint %s: exit %d, stdout %q, stderr %q", path, code, out, errOut)
			}
		}
		_, _, start := script(t, map[string]string{"BANK_DIR": filepath.Dir(p)}, "")
		if !strings.Contains(start, p+`:1: duplicate question "POD是什么？" (first at k8s-interview-zh.md:`) {
			t.Errorf("the start says otherwise than lint: %q", start)
		}
	})

	// The shipped bank given as a path (the repo's data directory, or a
	// copy of its file) was read beside itself: each of its questions a
	// duplicate of itself. It is said plainly instead, once.
	t.Run("the shipped bank given as a path is said to be it", func(t *testing.T) {
		shipped, err := os.ReadFile(filepath.Join("..", "..", "data", "k8s-interview-zh.md"))
		if err != nil {
			t.Fatal(err)
		}
		copied := writeBank(t, "bank.md", string(shipped))
		for _, path := range []string{filepath.Join("..", "..", "data"), filepath.Join("..", "..", "data", "k8s-interview-zh.md"), copied} {
			code, out, errOut := script(t, nil, "", "lint", path)
			if code != exitFailed || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "is the shipped bank (k8s-interview-zh.md), which the bot always loads: to check it, run `bot lint` with no path") {
				t.Errorf("lint %s: exit %d, stdout %q, stderr %q", path, code, out, errOut)
			}
		}
	})

	t.Run("a path that does not exist is named", func(t *testing.T) {
		code, out, errOut := script(t, nil, "", "lint", "./nonexistent")
		if code != exitFailed || !strings.Contains(errOut, "./nonexistent: no such file or directory") || out != "" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})

	t.Run("a bank that cannot be used is refused with every problem at its file and line", func(t *testing.T) {
		dir := filepath.Dir(writeBank(t, "bad.md", "intro\n\n# one\n\nanswer\n\n# two\n\n# three\n<!-- topics: kafka -->\n\nanswer\n\n#four\n"))
		code, _, errOut := script(t, nil, "", "lint", dir)
		for _, want := range []string{
			"bad.md:1: warning: text before the first question",
			"bad.md:7: question \"two\" has an empty answer",
			"bad.md:10: topics: \"kafka\" is not a known topic",
			"bad.md:14: \"#four\" is not a heading",
			"bank refused: 3 errors, 1 warning",
		} {
			if !strings.Contains(errOut, filepath.Join(dir, want)) && !strings.Contains(errOut, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errOut)
			}
		}
		if code != exitFailed || !strings.Contains(errOut, filepath.Join(dir, "bad.md")+":7:") {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})

	t.Run("warnings are listed in the report of a usable bank", func(t *testing.T) {
		p := writeBank(t, "one.md", "My bank\n\nWhat does a ReplicaSet do?\n===\n\nok.\n")
		code, out, errOut := script(t, nil, "", "lint", p)
		if code != exitOK {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		for _, want := range []string{
			p + ":1: warning: text before the first question",
			p + ":3: warning: the line \"What does a ReplicaSet do?\" is underlined with ===",
			p + ":3: warning: question \"What does a ReplicaSet do?\" yields no auto-graded quiz format",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("report lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("more than one path is a usage error", func(t *testing.T) {
		if code, _, errOut := script(t, nil, "", "lint", "a", "b"); code != exitConfig || !strings.Contains(errOut, "usage") {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})

	t.Run("BANK_DIR adds questions; a duplicate of a shipped one is refused", func(t *testing.T) {
		dir := filepath.Dir(writeBank(t, "extra.md", "# What does a ReplicaSet do?\n\nIt keeps a set number of pod replicas running.\n"))
		code, out, _ := script(t, map[string]string{"BANK_DIR": dir}, "", "lint")
		if code != exitOK || !strings.Contains(out, "53 questions") {
			t.Errorf("exit %d:\n%s", code, out)
		}
		if err := os.WriteFile(filepath.Join(dir, "dup.md"), []byte("# pod是什么?\n\nagain\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := script(t, map[string]string{"BANK_DIR": dir}, "", "lint")
		if code != exitFailed || !strings.Contains(errOut, filepath.Join(dir, "dup.md")+":1:") || !strings.Contains(errOut, "duplicate question") {
			t.Errorf("lint: exit %d, stderr %q", code, errOut)
		}
		// A bank the bot refuses is a configuration error: the start exits 2
		// (operations.md: it stops the new pod, exit 2), and bot config,
		// which makes the start's checks, says so too.
		for _, args := range [][]string{nil, {"config"}} {
			code, _, errOut = script(t, map[string]string{"BANK_DIR": dir}, "", args...)
			if code != exitConfig || !strings.Contains(errOut, "dup.md:1:") || !strings.Contains(errOut, "duplicate question") {
				t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
			}
		}
		// A bad question beside the duplicate: both are listed at once, by
		// lint, at start and by config, not one fix at a time.
		if err := os.WriteFile(filepath.Join(dir, "dup.md"), []byte("# empty\n\n# pod是什么?\n\nagain\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			args []string
			code int
		}{{[]string{"lint"}, exitFailed}, {nil, exitConfig}, {[]string{"config"}, exitConfig}} {
			code, _, errOut = script(t, map[string]string{"BANK_DIR": dir}, "", c.args...)
			if code != c.code || !strings.Contains(errOut, "dup.md:1: question \"empty\" has an empty answer") || !strings.Contains(errOut, "dup.md:3: duplicate question") {
				t.Errorf("%v: exit %d (want %d), stderr %q, want both problems", c.args, code, c.code, errOut)
			}
		}
	})
}

// Every platform says how long a message may be there, so that lint checks
// the bank against it (a platform without one would have every answer
// listed as too long).
func TestEveryPlatformHasAMessageLimit(t *testing.T) {
	for _, p := range platforms {
		if p.MessageLimit <= 0 || p.Name == "" {
			t.Errorf("platform %q has message limit %d", p.Name, p.MessageLimit)
		}
	}
}
