package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// inDM types text as user in their direct chat with the bot (the
// console, a private chat).
func (e *env) inDM(user, text string) quiz.Response {
	e.t.Helper()
	return e.deliver(user, "", func(r *quiz.Request) { r.Text, r.DirectChannel = text, r.Channel })
}

// TestASentenceThatStartsWithACommandsNameAnswersTheInterview: in a
// direct chat, while a mock interview waits, a line that only starts with
// a command's name — run into its words (搜索过资料：…) or before a colon
// (主题：…) — is the answer, not a search or the topics; a search typed
// so (搜索探针) still searches.
func TestASentenceThatStartsWithACommandsNameAnswersTheInterview(t *testing.T) {
	e := newEnv(t)
	e.cmd("ann", "lang zh")
	for _, line := range []string{"搜索过资料：Always总是重启，OnFailure非0退出才重启，Never从不重启", "主题：重启策略", "主题: 重启策略 Always"} {
		if got := text(e.inDM("ann", "面试 重启策略 1题")); !strings.Contains(got, "🎤 1/1") {
			t.Fatalf("面试 重启策略 1题: %s", got)
		}
		if got := text(e.inDM("ann", line)); !strings.Contains(got, "第 1/1 题") || !strings.Contains(got, "面试报告") {
			t.Errorf("%s in an interview:\n%s\nwant it the answer", line, got)
		}
	}
	e.inDM("ann", "面试 重启策略 1题")
	if got := text(e.inDM("ann", "搜索探针")); !strings.HasPrefix(got, "「探针」：找到") {
		t.Errorf("搜索探针 in an interview: %s, want a search", got)
	}
	if got := text(e.inDM("ann", "主题")); !strings.Contains(got, "pv") || strings.Contains(got, "第 1/1 题") {
		t.Errorf("主题 in an interview: %s, want the topics", got)
	}
}

// TestAPlainLineAfterAFlashcardAnswersIt: in a direct chat, a line that
// is no command, typed with a flashcard on screen, is its answer, as
// "answer <text>" is; a line close to a command, or in a shared channel,
// is not, and the reply quotes it whole and says how to answer the card;
// a command run into its words still runs; once a quiz is drawn the card
// is no longer on screen.
func TestAPlainLineAfterAFlashcardAnswersIt(t *testing.T) {
	e := newEnv(t)
	for _, u := range []string{"ann", "bob"} {
		e.cmd(u, "lang zh")
		e.inDM(u, "提问 gzrv43")
	}
	const line = "RWO 单节点读写，ROX 多节点只读"
	got, want := text(e.inDM("ann", line)), text(e.inDM("bob", "作答 "+line))
	if got != want || !strings.Contains(got, "要点") {
		t.Errorf("%s after a flashcard:\n%s\nwant as 作答 %s:\n%s", line, got, line, want)
	}
	// A word in passing, thanks, a greeting, a stray word: not taken for
	// the card's answer (thanks are welcome, greetings greeted; others
	// quoted back with how to answer the card), and no review of Again
	// recorded for the card.
	e.inDM("dee", "lang en")
	e.inDM("dee", "ask gzrv43")
	for _, passing := range []string{"thanks!", "Thank you.", "ok", "frob", "谢谢", "好的", "明白了。", "Good morning!", "hello there"} {
		if got := text(e.inDM("dee", passing)); strings.Contains(got, "key points") || !strings.Contains(got, "was not taken as an answer") && !strings.Contains(got, "welcome") && !strings.HasPrefix(got, "Hi!") {
			t.Errorf("%q after a flashcard: %s, want it not taken for the answer", passing, got)
		}
	}
	// A plea for a question draws one, as it would with no card on screen.
	for _, plea := range []string{"give me a question", "One more question!"} {
		if got := text(e.inDM("dee", plea)); strings.Contains(got, "key points") || !strings.HasPrefix(got, "📝") {
			t.Errorf("%q after a flashcard: %s, want another card", plea, got)
		}
		e.inDM("dee", "ask gzrv43")
	}
	if got := text(e.inDM("dee", "what is a pod?")); strings.Contains(got, "key points") {
		t.Errorf("a question after a flashcard: %s, want it not taken for the answer", got)
	}
	if got := text(e.inDM("dee", "stats")); !strings.Contains(got, "Reviews: none yet") {
		t.Errorf("after words in passing, stats: %s, want no review recorded", got)
	}
	if got := text(e.inDM("dee", "我觉得是四种")); !strings.Contains(got, "key points") {
		t.Errorf("a Chinese sentence of one word after a flashcard: %s, want it taken for the answer", got)
	}
	e.inDM("ann", "提问 gzrv43")
	if got := text(e.inDM("ann", "测试 pv")); !strings.Contains(got, "「测试 pv」不是命令，没有当作回答") || !strings.Contains(got, "「/作答 <你的回答>」") || !strings.Contains(got, "你是想输入「/测验 pv」吗？") {
		t.Errorf("测试 pv after a flashcard: %s, want it not taken, and Did you mean", got)
	}
	if got := text(e.inDM("ann", "问pv")); !strings.HasPrefix(got, "📝") {
		t.Errorf("问pv after a flashcard: %s, want another card", got)
	}
	e.cmd("carl", "lang zh")
	e.cmd("carl", "提问 gzrv43")
	long := "我觉得是四种：" + strings.Repeat("单节点读写，", 10)
	if got := text(e.cmd("carl", long)); !strings.HasPrefix(got, "「我觉得是四种：单节点读写，") || !strings.Contains(got, "不是命令，没有当作回答。回答刚才的闪卡：点它的「作答」按钮，或输入「/作答 <你的回答>」。") || strings.Contains(got, strings.Repeat("单节点读写，", 10)) {
		t.Errorf("a long line after a flashcard in a shared channel: %s, want it quoted, cut", got)
	}
	e.cmd("carl", "测验 pv")
	if got := text(e.inDM("carl", line)); !strings.HasPrefix(got, "不认识的命令「RWO」") {
		t.Errorf("%s after a quiz: %s, want no command", line, got)
	}
}
