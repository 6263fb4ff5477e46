package bank

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is a problem found in a bank, located at a file and line.
type Error struct {
	File string
	Line int
	Msg  string
	// Warning marks a problem that leaves the bank usable: lint reports
	// it and loading goes on.
	Warning bool
}

// Error reads "file:line: msg", with "warning: " before a warning's msg.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is a list of problems. As an error it reads one problem a line,
// and errors.As finds each of them.
type Errors []*Error

// Error is every problem, one a line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives each problem to errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Err is the problems that make the bank unusable, as an error, or nil
// when there are only warnings.
func (es Errors) Err() error {
	var fatal Errors
	for _, e := range es {
		if !e.Warning {
			fatal = append(fatal, e)
		}
	}
	if len(fatal) == 0 {
		return nil
	}
	return fatal
}

// sortProblems orders problems by file, then line, keeping the order of
// problems on one line.
func sortProblems(es Errors) {
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}
