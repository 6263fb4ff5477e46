package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Platform message limits an answer is checked against, in characters.
var platformLimits = []struct {
	name  string
	limit int
}{
	{"slack", 3000},
	{"telegram", 4096},
}

// runLint prints the lint report of a bank directory, or of the configured
// banks when no directory is given. An unusable bank exits 1 with the file
// and line of the problem.
func runLint(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var (
		b   *bank.Bank
		err error
	)
	switch len(args) {
	case 0:
		b, err = loadBank(strings.TrimSpace(getenv("BANK_DIR")))
	case 1:
		b, err = bank.Load(os.DirFS(args[0]), ".")
	default:
		fmt.Fprintf(stderr, "usage: bot lint [dir]\n")
		return exitConfig
	}
	if err != nil {
		fmt.Fprintf(stderr, "bank refused: %v\n", err)
		return exitFailed
	}
	writeLint(stdout, b)
	return exitOK
}

// writeLint writes the report: questions per topic, questions without
// topics, answers that need splitting on a platform, quiz formats.
func writeLint(w io.Writer, b *bank.Bank) {
	fmt.Fprintf(w, "%d questions\n\nQuestions per topic:\n", b.Len())
	for _, tc := range b.TopicCounts() {
		fmt.Fprintf(w, "  %-16s %d\n", tc.Topic, tc.Count)
	}
	fmt.Fprintf(w, "\nQuestions without topics:\n")
	none := 0
	for _, q := range b.Questions() {
		if len(q.Topics) == 0 {
			fmt.Fprintf(w, "  %s  %s (%s:%d)\n", q.ID, q.Title, q.Source, q.Line)
			none++
		}
	}
	if none == 0 {
		fmt.Fprintf(w, "  none\n")
	}
	fmt.Fprintf(w, "\nAnswers that need splitting:\n")
	split := 0
	for _, q := range b.Questions() {
		n := rich.Len(q.Answer)
		for _, p := range platformLimits {
			if n > p.limit {
				fmt.Fprintf(w, "  %s  %s: %d characters, over %s's %d\n", q.ID, q.Title, n, p.name, p.limit)
				split++
			}
		}
	}
	if split == 0 {
		fmt.Fprintf(w, "  none\n")
	}
	gen := mcq.NewGenerator(b)
	counts := map[mcq.Format]int{}
	fmt.Fprintf(w, "\nQuiz formats per question:\n")
	for _, q := range b.Questions() {
		var names []string
		for _, f := range gen.Formats(q) {
			names = append(names, string(f))
			counts[f]++
		}
		if len(names) == 0 {
			names = []string{"none"}
		}
		fmt.Fprintf(w, "  %s  %-9s %s\n", q.ID, strings.Join(names, ","), q.Title)
	}
	fmt.Fprintf(w, "\n%d questions yield \"which question?\", %d yield \"fill the blank\"\n", counts[mcq.WhichQuestion], counts[mcq.FillBlank])
	mcq.WriteCues(w, gen)
}
