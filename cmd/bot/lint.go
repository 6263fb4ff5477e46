package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// runLint prints the lint report of the banks the bot would load: the
// shipped one with the bank file or directory given (as with BANK_DIR set
// to it), or with BANK_DIR's when no path is given. Every problem is listed
// with its file and line; a bank that cannot be used exits 1 with its
// problems on stderr.
func runLint(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var (
		qs       []*bank.Question
		problems bank.Errors
		err      error
	)
	switch len(args) {
	case 0:
		qs, problems, err = readConfiguredBanks(strings.TrimSpace(getenv("BANK_DIR")))
	case 1:
		if strings.HasPrefix(args[0], "-") {
			fmt.Fprintf(stderr, "bot lint takes no flags: %q\nusage: bot lint [dir | file.md]\n", args[0])
			return exitConfig
		}
		qs, problems, err = readConfiguredBanks(args[0])
	default:
		fmt.Fprintf(stderr, "usage: bot lint [dir | file.md]\n")
		return exitConfig
	}
	if err != nil {
		fmt.Fprintf(stderr, "lint: %v\n", err)
		return exitFailed
	}
	b, problems := bank.Check(qs, problems)
	if b == nil {
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
		fatal := 0
		for _, p := range problems {
			if !p.Warning {
				fatal++
			}
		}
		fmt.Fprintf(stderr, "bank refused: %d %s, %d %s\n", fatal, plural(fatal, "error"), len(problems)-fatal, plural(len(problems)-fatal, "warning"))
		return exitFailed
	}
	writeLint(stdout, b, problems)
	return exitOK
}

// readConfiguredBanks reads the banks the bot runs with: the shipped one,
// and dir's (BANK_DIR, or a path given to lint) when it is set, named as
// dir names them.
func readConfiguredBanks(dir string) ([]*bank.Question, bank.Errors, error) {
	qs, problems, err := readBanks(data.Banks, data.Dir, "")
	if err != nil || dir == "" {
		return qs, problems, err
	}
	if copyOf, shipped := shippedCopy(dir); copyOf != "" {
		return nil, nil, fmt.Errorf("%s is the shipped bank (%s), which the bot always loads: to check it, run `bot lint` with no path; a path given to lint, or BANK_DIR, is for banks of your own", copyOf, shipped)
	}
	more, ps, err := readPath(dir)
	return append(qs, more...), append(problems, ps...), err
}

// shippedCopy names the bank file at p (a file, or one in the directory p)
// whose content is a shipped bank's, and that bank's name; "" when there is
// none. Read beside the shipped bank, every question of it would be a
// duplicate of itself.
func shippedCopy(p string) (copyOf, shipped string) {
	files := []string{p}
	if entries, err := os.ReadDir(p); err == nil {
		files = files[:0]
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".md") {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
	}
	banks, _ := fs.Glob(data.Banks, path.Join(data.Dir, "*.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue // readPath says why
		}
		for _, b := range banks {
			if ours, err := fs.ReadFile(data.Banks, b); err == nil && bytes.Equal(src, ours) {
				return f, b
			}
		}
	}
	return "", ""
}

// readPath reads a bank file or a directory of bank files named on the
// command line; problems and questions name the files as given there.
func readPath(p string) ([]*bank.Question, bank.Errors, error) {
	info, err := os.Stat(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, fmt.Errorf("%s: %w", p, err)
	}
	if info.IsDir() {
		return readBanks(os.DirFS(p), ".", p)
	}
	return readBanks(os.DirFS(filepath.Dir(p)), filepath.Base(p), filepath.Dir(p))
}

// readBanks reads name in fsys, naming files under prefix.
func readBanks(fsys fs.FS, name, prefix string) ([]*bank.Question, bank.Errors, error) {
	qs, problems, err := bank.Read(fsys, name)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", filepath.Join(prefix, name), err)
	}
	if prefix != "" {
		for _, q := range qs {
			q.Source = filepath.Join(prefix, q.Source)
		}
		for _, p := range problems {
			p.File = filepath.Join(prefix, p.File)
		}
	}
	return qs, problems, nil
}

// plural is word, with an "s" unless n is one (of "a user ID": "user IDs").
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return strings.TrimPrefix(word, "a ") + "s"
}

// writeScoringGaps lists the questions whose key points have too few
// keywords for typed answers to be scored well (see package assess).
func writeScoringGaps(w io.Writer, gaps []assess.Gap) {
	fmt.Fprintf(w, "\nKey points typed answers cannot score well (fewer than %d keywords; add a keywords: directive):\n", assess.MinKeywords)
	for _, g := range gaps {
		var what []string
		switch {
		case g.NoKeyPoints:
			what = append(what, "no key points")
		case g.Unscorable:
			what = append(what, "unscorable: answers get the reference answer to grade themselves")
		}
		for _, p := range g.Sparse {
			kws := strings.Join(p.Keywords, ", ")
			if kws == "" {
				kws = "none"
			}
			what = append(what, fmt.Sprintf("point %d (%s), keywords: %s", p.Index+1, bank.Truncate(p.Text, 30), kws))
		}
		fmt.Fprintf(w, "  %s  %s: %s\n", g.ID, bank.Truncate(g.Title, 40), strings.Join(what, "; "))
	}
	if len(gaps) == 0 {
		fmt.Fprintf(w, "  none\n")
	}
}

// writeLint writes the report: questions per topic, questions without
// topics, answers that need splitting on a platform, quiz formats, and the
// warnings: problems that leave the bank usable and questions that yield no
// auto-graded quiz.
func writeLint(w io.Writer, b *bank.Bank, warnings bank.Errors) {
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
		for _, p := range platforms {
			if n > p.MessageLimit {
				fmt.Fprintf(w, "  %s  %s: %d characters, over %s's %d\n", q.ID, q.Title, n, p.Name, p.MessageLimit)
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
			warnings = append(warnings, &bank.Error{File: q.Source, Line: q.Line, Warning: true,
				Msg: fmt.Sprintf("question %q yields no auto-graded quiz format: it can be asked, not quizzed", q.Title)})
		}
		fmt.Fprintf(w, "  %s  %-9s %s\n", q.ID, strings.Join(names, ","), q.Title)
	}
	fmt.Fprintf(w, "\n%d questions yield \"which question?\", %d yield \"fill the blank\"\n", counts[mcq.WhichQuestion], counts[mcq.FillBlank])
	mcq.WriteCues(w, gen)
	writeScoringGaps(w, assess.FromBank(b).Gaps())
	fmt.Fprintf(w, "\nWarnings:\n")
	for _, p := range warnings {
		fmt.Fprintf(w, "  %v\n", p)
	}
	if len(warnings) == 0 {
		fmt.Fprintf(w, "  none\n")
	}
}
