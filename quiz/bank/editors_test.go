package bank_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// plainBank is a small bank written as an editor on Linux saves it.
const plainBank = "# pod是什么？\n\npod是最小的部署单元。它包含一个或多个容器。\n\n# 探针有哪几种\n\n- 存活探针：失败就重启容器\n- 就绪探针：失败就移出endpoint\n"

// summary is what a parsed bank says, for comparing two spellings of one.
func summary(t *testing.T, src string) []string {
	t.Helper()
	b := testkit.ParseBank(t, src)
	var out []string
	for _, q := range b.Questions() {
		out = append(out, q.ID+" "+q.Title+" | "+rich.Plain(q.Answer))
		for _, k := range q.KeyPoints {
			out = append(out, "  "+k.Label+" | "+k.Text)
		}
	}
	return out
}

// problems parses src and returns every problem found, warnings included.
func problems(t *testing.T, src string) bank.Errors {
	t.Helper()
	_, ps, err := bank.Read(fstest.MapFS{"bank.md": {Data: []byte(src)}}, "bank.md")
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// hasProblem reports whether ps has a problem at line whose message holds
// every part, and whether it is a warning.
func hasProblem(ps bank.Errors, line int, warning bool, parts ...string) bool {
	return slices.ContainsFunc(ps, func(e *bank.Error) bool {
		if e.Line != line || e.Warning != warning {
			return false
		}
		for _, p := range parts {
			if !strings.Contains(e.Msg, p) {
				return false
			}
		}
		return true
	})
}

func TestBanksAsEditorsSaveThem(t *testing.T) {
	want := summary(t, plainBank)

	t.Run("a byte-order mark is dropped, at the start or where two files were joined", func(t *testing.T) {
		if got := summary(t, "\uFEFF"+plainBank); !slices.Equal(got, want) {
			t.Errorf("with a BOM: %q, want %q", got, want)
		}
		joined := strings.Replace(plainBank, "# 探针", "\uFEFF# 探针", 1)
		if got := summary(t, joined); !slices.Equal(got, want) {
			t.Errorf("with a BOM before the second question: %q, want %q", got, want)
		}
		if ps := problems(t, "\uFEFF"+plainBank); len(ps) != 0 {
			t.Errorf("problems = %v", ps)
		}
	})

	t.Run("CRLF line ends read like LF ones, lines counted alike", func(t *testing.T) {
		crlf := strings.ReplaceAll(plainBank, "\n", "\r\n")
		if got := summary(t, crlf); !slices.Equal(got, want) {
			t.Errorf("with CRLF: %q, want %q", got, want)
		}
		if q := testkit.ParseBank(t, crlf).Questions()[1]; q.Line != 5 {
			t.Errorf("second question at line %d, want 5", q.Line)
		}
	})

	t.Run("trailing spaces and tabs change no title, ID or text", func(t *testing.T) {
		spaced := strings.ReplaceAll(plainBank, "\n", " \t \n")
		if got := summary(t, spaced); !slices.Equal(got, want) {
			t.Errorf("with trailing spaces: %q, want %q", got, want)
		}
		if ps := problems(t, spaced); len(ps) != 0 {
			t.Errorf("problems = %v", ps)
		}
	})

	t.Run("a one-line title underlined with === is a question, with a warning", func(t *testing.T) {
		setext := strings.Replace(plainBank, "# 探针有哪几种\n", "探针有哪几种\n======\n", 1)
		if got := summary(t, setext); !slices.Equal(got, want) {
			t.Errorf("setext: %q, want %q", got, want)
		}
		if ps := problems(t, setext); len(ps) != 1 || !hasProblem(ps, 5, true, "探针有哪几种", "===") {
			t.Errorf("problems = %v, want one warning at line 5", ps)
		}
	})

	t.Run("several lines underlined with === are refused: a paragraph would become a title", func(t *testing.T) {
		src := "# q\n\nanswer\n\nsome text\nmore text\n===\n\nanswer two\n"
		_, err := bank.Parse("bank.md", []byte(src))
		if be := asBankError(t, err); be.Line != 5 || !strings.Contains(be.Msg, "2 lines underlined") {
			t.Errorf("error = %v", err)
		}
	})

	t.Run("a heading without its space (#Title) is refused, not merged into the answer before", func(t *testing.T) {
		src := strings.Replace(plainBank, "# 探针有哪几种", "#探针有哪几种", 1)
		_, err := bank.Parse("bank.md", []byte(src))
		if be := asBankError(t, err); be.Line != 5 || !strings.Contains(be.Msg, "`# 探针有哪几种`") || !strings.Contains(be.Msg, `\#`) {
			t.Errorf("error = %v", err)
		}
		if _, err := bank.Parse("bank.md", []byte("#first\n\nanswer\n")); err == nil {
			t.Error("a #Title before any question was accepted")
		}
	})

	t.Run("an escaped hash is text", func(t *testing.T) {
		q := parseOne(t, "# q\n\n\\#k8s 是一个话题标签\n")
		if got := rich.Plain(q.Answer); got != "#k8s 是一个话题标签" {
			t.Errorf("answer = %q", got)
		}
	})

	t.Run("text before the first question is dropped with a warning at its line", func(t *testing.T) {
		ps := problems(t, "Kubernetes 面试题\n\n## 说明\n\n"+plainBank)
		if len(ps) != 1 || !hasProblem(ps, 1, true, "before the first question") {
			t.Errorf("problems = %v, want one warning at line 1", ps)
		}
	})

	t.Run("a table of contents, comments and a rule before the first question are no dropped text", func(t *testing.T) {
		src := "<!-- START doctoc -->\n- [a](#a)\n<!-- END doctoc -->\n\n<!-- a note -->\n\n---\n\n" + plainBank
		if ps := problems(t, src); len(ps) != 0 {
			t.Errorf("problems = %v", ps)
		}
	})
}

func TestEveryProblemIsReported(t *testing.T) {
	src := "intro\n\n# one\n\n# two\n\nanswer\n\n#three\n\n# \n\nanswer\n\n# four\n<!-- topics: nosuch -->\n\nanswer\n"
	qs, err := bank.Parse("bank.md", []byte(src))
	if qs != nil {
		t.Errorf("questions %q returned with an error", titles(qs))
	}
	var list bank.Errors
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T) is not an Errors", err, err)
	}
	var lines []int
	for _, e := range list {
		lines = append(lines, e.Line)
		if e.Warning {
			t.Errorf("the error lists a warning: %v", e)
		}
	}
	if !slices.Equal(lines, []int{3, 9, 11, 16}) {
		t.Errorf("errors at lines %v, want 3 (empty answer), 9 (#three), 11 (no text), 16 (unknown topic):\n%v", lines, err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 4 {
		t.Errorf("the message has %d lines:\n%v", n, err)
	}
	if be := asBankError(t, err); be.Line != 3 {
		t.Errorf("errors.As finds the problem at line %d first", be.Line)
	}
	ps := problems(t, src)
	if len(ps) != 5 || !ps[0].Warning || ps[0].Line != 1 {
		t.Errorf("Read's problems = %v, want the warning about the intro first, then the four errors", ps)
	}
}

func TestReadAFileOrADirectory(t *testing.T) {
	fsys := fstest.MapFS{
		"banks/a.md":   {Data: []byte("intro\n\n# a\n\nanswer a\n")},
		"banks/b.md":   {Data: []byte("# b\n\nanswer b\n\n#c\n")},
		"banks/ok.txt": {Data: []byte("not a bank")},
	}
	qs, ps, err := bank.Read(fsys, "banks/a.md")
	if err != nil || len(qs) != 1 || len(ps) != 1 || !ps[0].Warning || ps[0].File != "banks/a.md" {
		t.Errorf("a file: %q, %v, %v", titles(qs), ps, err)
	}
	qs, ps, err = bank.Read(fsys, "banks")
	if err != nil || !slices.Equal(titles(qs), []string{"a", "b"}) || len(ps) != 2 || ps[0].File != "banks/a.md" || ps[1].File != "banks/b.md" || ps[1].Line != 5 {
		t.Errorf("a directory: %q, %v, %v", titles(qs), ps, err)
	}
	if _, _, err := bank.Read(fsys, "nowhere"); err == nil {
		t.Error("reading a missing path is no error")
	}
}
