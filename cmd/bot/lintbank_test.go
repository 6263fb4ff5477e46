package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
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

// teamBank is a team's own bank: two questions of its own, and one on what
// the shipped bank asks too, in its words. Alone, the first two make no
// quiz (two other titles are too few choices for a "which question?", and
// they name no term to blank); beside the shipped bank, as the bot serves
// them, they do.
const teamBank = `# 我们的团队用什么工具做持续集成？

我们用 Jenkins 跑流水线，每次提交都会构建镜像并推送到 Harbor 仓库。

# 我们的值班制度是怎样的？

每周一人值班，负责处理告警和回复工单，交接时写值班记录。

# 团队题：命名空间有什么用？

namespace是kubernetes系统中的一种非常重要的资源，namespace的主要作用是用来实现多套环境的资源隔离，或者说是多租户的资源隔离。

可以通过k8s的授权机制，将不同的namespace交给不同的租户进行管理，这样就实现了多租户的资源隔离，还可以结合k8s的资源配额机制，限定不同的租户能占用的资源，例如CPU使用量、内存使用量等等来实现租户可用资源的管理。
`

// Lint of a bank directory reports the quizzes the bot makes of its
// questions when it serves them (BANK_DIR): beside the shipped bank,
// whose questions are the other choices of a "which question?" quiz and
// the other terms of a fill-in. Linted alone, a question the bot quizzes
// was reported as yielding none, and one it cannot quiz as yielding some.
func TestLintOfABankQuizzesItAsTheBotServesIt(t *testing.T) {
	dir := filepath.Dir(writeBank(t, "team.md", teamBank))
	code, out, errOut := script(t, nil, "", "lint", dir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	served, err := loadBank(dir) // as the bot loads BANK_DIR
	if err != nil {
		t.Fatal(err)
	}
	_, formatsSection, _ := strings.Cut(out, "Quiz formats per question:\n")
	formatsSection, _, _ = strings.Cut(formatsSection, "\n\n")
	gen := mcq.NewGenerator(served)
	var quizzed *bank.Question
	for _, q := range served.Questions() {
		if !strings.HasPrefix(q.Source, dir) {
			continue
		}
		formats := "none"
		if fs := gen.Formats(q); len(fs) > 0 {
			formats = fmt.Sprint(fs)
			if quizzed == nil {
				quizzed = q
			}
		}
		line := regexp.MustCompile(`(?m)^  ` + q.ID + `  (\S+) `).FindStringSubmatch(formatsSection)
		if got := ""; line == nil || strings.ReplaceAll(line[1], ",", " ") != strings.Trim(formats, "[]") {
			if line != nil {
				got = line[1]
			}
			t.Errorf("lint reports %s %q as yielding %q; served, it yields %s", q.ID, q.Title, got, formats)
		}
	}
	if quizzed == nil {
		t.Fatal("no question of the team's bank yields a quiz beside the shipped bank")
	}
	_, session, _ := script(t, map[string]string{"BANK_DIR": dir, "BOT_LANG": "en"}, "quiz "+quizzed.ID+"\n")
	if !strings.Contains(session, "🧩 Quiz") || strings.Contains(session, "No quiz can be made") {
		t.Errorf("quiz %s, which lint reports as yielding quizzes:\n%s", quizzed.ID, session)
	}
}
