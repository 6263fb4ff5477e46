package main

import (
	"fmt"
	"strings"
	"testing"
)

// A question whose answer makes more key points than a question keeps is
// named in lint's warnings, with how many are left out.
func TestLintWarnsOfKeyPointsLeftOut(t *testing.T) {
	var b strings.Builder
	b.WriteString("# What does a namespace do?\n\n")
	for i := range 25 {
		fmt.Fprintf(&b, "- namespace use number %d keeps names apart\n", i+1)
	}
	p := writeBank(t, "many.md", b.String())
	code, out, errOut := script(t, nil, "", "lint", p)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := p + `:1: warning: question "What does a namespace do?" has 25 key points: only the first 20 are kept, and from "namespace use number 21 keeps names apart" on they are in no checklist`
	if _, warnings, _ := strings.Cut(out, "\nWarnings:\n"); !strings.Contains(warnings, want) {
		t.Errorf("the warnings lack %q:\n%s", want, out)
	}
}
