package bank_test

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// shippedFile is the name of the shipped bank within data.Banks.
const shippedFile = "k8s-interview-zh.md"

// shippedSource is the raw Markdown of the shipped bank.
func shippedSource(t testing.TB) []byte {
	t.Helper()
	src, err := fs.ReadFile(data.Banks, path.Join(data.Dir, shippedFile))
	if err != nil {
		t.Fatalf("reading the shipped bank: %v", err)
	}
	return src
}

func titles(qs []*bank.Question) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Title
	}
	return out
}

// heading is a level-1 heading line found by reading the source as text.
type heading struct {
	line  int // 1-based
	title string
}

// section is one question of a bank file as raw lines: its heading line and
// the answer lines up to the next heading.
type section struct {
	heading string
	body    []string
}

// splitBank reads Markdown source line by line, independently of the
// parser: a line starting with "# " outside a fenced code block is a
// question heading. It returns the lines before the first heading, and each
// question's section.
func splitBank(src string) (preamble []string, sections []section, headings []heading) {
	inFence := false
	for i, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "# ") {
			sections = append(sections, section{heading: line})
			headings = append(headings, heading{line: i + 1, title: strings.TrimSpace(line[2:])})
			continue
		}
		if len(sections) == 0 {
			preamble = append(preamble, line)
		} else {
			s := &sections[len(sections)-1]
			s.body = append(s.body, line)
		}
	}
	return preamble, sections, headings
}

// joinBank is the inverse of splitBank.
func joinBank(preamble []string, sections []section) string {
	lines := append([]string(nil), preamble...)
	for _, s := range sections {
		lines = append(lines, s.heading)
		lines = append(lines, s.body...)
	}
	return strings.Join(lines, "\n")
}

// findBlock returns the first block, searching depth first through lists
// and quotes, for which match is true.
func findBlock(blocks []rich.Block, match func(rich.Block) bool) (rich.Block, bool) {
	for _, b := range blocks {
		if match(b) {
			return b, true
		}
		for _, item := range b.Items {
			if f, ok := findBlock(item, match); ok {
				return f, true
			}
		}
		if f, ok := findBlock(b.Children, match); ok {
			return f, true
		}
	}
	return rich.Block{}, false
}

// asBankError unwraps err into a *bank.Error, failing the test when it is not one.
func asBankError(t testing.TB, err error) *bank.Error {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want a *bank.Error")
	}
	var be *bank.Error
	if !errors.As(err, &be) {
		t.Fatalf("error %v (%T) is not a *bank.Error", err, err)
	}
	return be
}

// asBankErrors unwraps err into bank.Errors, failing the test when it is not.
func asBankErrors(t testing.TB, err error) bank.Errors {
	t.Helper()
	var es bank.Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v (%T) is not bank.Errors", err, err)
	}
	return es
}
