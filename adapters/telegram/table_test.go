package telegram

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// A table in a user's bank reaches Telegram as lines of text, in the
// answer, the checklist and the result of a typed answer: never its
// pipes, nor the |---| line under its header as a key point.
func TestTablesReachTelegramAsLines(t *testing.T) {
	e := newEnv(t)
	b := testkit.ParseBank(t, testkit.TableBank)
	cfg := coreConfig(t, e.store)
	cfg.Bank, cfg.Quizzes = b, nil
	core, err := quiz.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.core = core
	a := e.start()
	id := testkit.QuestionIn(t, b, testkit.TableTitle).ID
	noMarkdown := func(what, text string) {
		t.Helper()
		if strings.Contains(text, "|") || strings.Contains(text, "---") {
			t.Errorf("%s shows the table's Markdown:\n%s", what, text)
		}
	}

	e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 10, "/ask "+id))
	card := e.await("sendMessage", 1)[0]
	e.deliver(a.Adapter, telegramtest.Callback(2, e.alice, e.alice, card.MessageID, "s:"+id))
	answer := e.await("sendMessage", 2)[1]
	shown := visible(t, answer)
	noMarkdown("the answer", shown)
	if want := "模式 — 简写 — 说明\n" + strings.Join(testkit.TableRows, "\n"); !strings.Contains(shown, want) {
		t.Errorf("the answer:\n%s\nwant it to hold:\n%s", shown, want)
	}
	if !strings.Contains(answer.Params.Get("text"), "<b>模式 — 简写 — 说明</b>") {
		t.Errorf("the header is not bold: %s", answer.Params.Get("text"))
	}

	var check string
	for _, data := range buttons(t, answer) {
		if strings.HasPrefix(data, "c:") {
			check = data
		}
	}
	e.deliver(a.Adapter, telegramtest.Callback(3, e.alice, e.alice, answer.MessageID, check))
	list := e.await("sendMessage", 3)[2]
	var ticks []string
	for _, b := range sentKeyboard(t, list) {
		noMarkdown("a checklist button", b.Text)
		if tick, ok := strings.CutPrefix(b.Text, "☐ "); ok {
			ticks = append(ticks, tick)
		}
	}
	if strings.Join(ticks, "\n") != strings.Join(testkit.TableRows, "\n") {
		t.Errorf("the checklist ticks %q, want the table's rows %q", ticks, testkit.TableRows)
	}

	e.deliver(a.Adapter, telegramtest.Message(4, e.alice, e.alice, 11, "/answer "+id+" ReadWriteOnce 即 RWO，单节点读写"))
	result := visible(t, e.await("sendMessage", 4)[3])
	noMarkdown("the result of a typed answer", result)
	if !strings.Contains(result, "1/4 key points covered") {
		t.Errorf("the result of a typed answer covering one row:\n%s", result)
	}
}
