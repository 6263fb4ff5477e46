package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// accessModes is the shipped question on PV access modes.
const accessModes = "gzrv43"

// forced reads a sent message's ForceReply markup; the test fails when it
// has none.
func forced(t *testing.T, c telegramtest.Call) forceReply {
	t.Helper()
	var fr forceReply
	if err := json.Unmarshal([]byte(c.Params.Get("reply_markup")), &fr); err != nil || !fr.ForceReply {
		t.Fatalf("not a ForceReply message: %v", c.Params)
	}
	return fr
}

// reviews are a user's reviews and answers in words in a chat.
func (e *env) reviews(chat, user int64) (int, int) {
	e.t.Helper()
	st, err := e.store.Stats(context.Background(), fmt.Sprintf("tg:%d", chat), fmt.Sprintf("tg:%d", user), "")
	if err != nil {
		e.t.Fatal(err)
	}
	return st.Reviews, st.Typed.Answers
}

// visible is the text a sent message shows.
func visible(t *testing.T, c telegramtest.Call) string { return checkHTML(t, c.Params.Get("text")) }

// askAndPrompt has user ask for the question on access modes in chat
// (updates 1 and 2), press its Answer-it button, and returns the prompt
// once it is known.
func (e *env) askAndPrompt(a running, chat, user int64) telegramtest.Call {
	e.t.Helper()
	e.deliver(a.Adapter, telegramtest.Message(1, chat, user, 10, "/ask "+accessModes))
	card := e.await("sendMessage", 1)[0]
	e.deliver(a.Adapter, telegramtest.Callback(2, chat, user, card.MessageID, "w:"+accessModes))
	prompt := e.await("sendMessage", 2)[1]
	settle(a) // the press is handled: the prompt is known
	return prompt
}

func TestAnswerItInAPrivateChatIsAForceReplyWhoseReplyIsTheAnswer(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	complete := testkit.LabelledAnswer(t, accessModes, "complete", "en")
	prompt := e.askAndPrompt(a, e.alice, e.alice)
	fr := forced(t, prompt)
	if !fr.Selective || fr.Placeholder == "" || len([]rune(fr.Placeholder)) > maxPlaceholder || !strings.Contains(visible(t, prompt), "pv的访问模式有哪几种") {
		t.Errorf("the prompt: %v", prompt.Params)
	}
	if toast := e.toasts()["cb-2"]; strings.Contains(toast, "went wrong") {
		t.Errorf("the press was answered %q", toast)
	}

	e.deliver(a.Adapter, telegramtest.Reply(3, e.alice, e.alice, 12, prompt.MessageID, complete))
	result := e.await("sendMessage", 3)[2]
	if result.Params.Get("chat_id") != strconv.FormatInt(e.alice, 10) || !strings.Contains(visible(t, result), "4/4 key points covered") {
		t.Fatalf("the result: %v", result.Params)
	}
	// A second reply to the same prompt is told so, and not recorded.
	e.deliver(a.Adapter, telegramtest.Reply(4, e.alice, e.alice, 13, prompt.MessageID, complete))
	if again := e.await("sendMessage", 4)[3]; !strings.Contains(visible(t, again), "You answered this already") {
		t.Errorf("a second reply: %s", visible(t, again))
	}
	if r, typed := e.reviews(e.alice, e.alice); r != 1 || typed != 1 {
		t.Errorf("%d reviews, %d typed answers; want 1 each", r, typed)
	}
	// A command typed as a reply to the prompt is a command.
	e.deliver(a.Adapter, telegramtest.Reply(5, e.alice, e.alice, 14, prompt.MessageID, "/stats"))
	if got := visible(t, e.await("sendMessage", 5)[4]); !strings.Contains(got, "Your stats") {
		t.Errorf("/stats as a reply: %s", got)
	}
}

func TestAnswerItInAGroupIsForItsUserAndTheResultGoesPrivately(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	complete := testkit.LabelledAnswer(t, accessModes, "complete", "zh")
	prompt := e.askAndPrompt(a, e.group, e.alice)
	if forced(t, prompt); prompt.Params.Get("chat_id") != strconv.FormatInt(e.group, 10) ||
		!strings.Contains(prompt.Params.Get("text"), fmt.Sprintf(`<a href="tg://user?id=%d">`, e.alice)) {
		t.Fatalf("in a group the prompt mentions its user, for a selective ForceReply: %v", prompt.Params)
	}

	// Bob replying to Alice's prompt answers nothing, and Bob is told so,
	// privately.
	e.deliver(a.Adapter, telegramtest.Reply(3, e.group, e.bob, 20, prompt.MessageID, complete))
	e.deliver(a.Adapter, telegramtest.Reply(4, e.group, e.alice, 21, prompt.MessageID, complete))
	e.await("sendMessage", 4)
	settle(a)
	results := to(e.api.Calls("sendMessage"), e.alice)
	if len(results) != 1 || !strings.Contains(visible(t, results[0]), "4/4 key points covered") {
		t.Fatalf("the result should go to Alice privately: %v", results)
	}
	told := to(e.api.Calls("sendMessage"), e.bob)
	if len(told) != 1 || !strings.Contains(visible(t, told[0]), "someone else's answer box, so nothing was recorded") {
		t.Errorf("Bob, who replied to Alice's answer box, is told: %v", told)
	}
	if sent := e.api.Calls("sendMessage"); len(to(sent, e.group)) != 2 || len(sent) != 4 {
		t.Errorf("sent %d messages, %d to the group; want the card and the prompt in the group, the result to Alice, the note to Bob", len(sent), len(to(sent, e.group)))
	}
	if r, _ := e.reviews(e.group, e.alice); r != 1 {
		t.Errorf("Alice has %d reviews in the group, want 1", r)
	}
	if r, _ := e.reviews(e.group, e.bob); r != 0 {
		t.Errorf("Bob has %d reviews, want none", r)
	}
}

func TestAGroupIsToldWhenTheResultCannotGoPrivately(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.api.Forbid(e.carol)
	e.deliver(a.Adapter, telegramtest.Callback(1, e.group, e.carol, 7, "w:"+accessModes))
	prompt := e.await("sendMessage", 1)[0]
	settle(a)
	e.deliver(a.Adapter, telegramtest.Reply(2, e.group, e.carol, 30, prompt.MessageID, "RWO 是单节点读写。"))
	settle(a)
	group := to(e.api.Calls("sendMessage"), e.group)
	if last := group[len(group)-1]; !strings.Contains(visible(t, last), "open a private chat with @KubeQuizBot") {
		t.Errorf("the group was told: %s", visible(t, last))
	}
}

func TestAMockInterviewRunsInThePrivateChatWithForceReplies(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/interview"))
	if got := visible(t, e.await("sendMessage", 1)[0]); !strings.Contains(got, "private chat") {
		t.Errorf("an interview in a group: %s", got)
	}
	e.deliver(a.Adapter, telegramtest.Message(2, e.alice, e.alice, 11, "/interview probe 1"))
	sent := e.await("sendMessage", 3)
	question := sent[2]
	var write string
	for _, b := range buttons(t, question) {
		if strings.HasPrefix(b, "i:") && strings.HasSuffix(b, ":w") {
			write = b
		}
	}
	e.deliver(a.Adapter, telegramtest.Callback(3, e.alice, e.alice, question.MessageID, write))
	prompt := e.await("sendMessage", 4)[3]
	settle(a)
	forced(t, prompt)
	id := strings.TrimPrefix(regexpID.FindString(visible(t, question)), "ID ")
	e.deliver(a.Adapter, telegramtest.Reply(4, e.alice, e.alice, 12, prompt.MessageID, testkit.LabelledAnswer(t, id, "complete", "en")))
	settle(a)
	var all []string
	for _, c := range e.api.Calls("sendMessage")[4:] {
		all = append(all, visible(t, c))
	}
	if got := strings.Join(all, "\n"); !strings.Contains(got, "Question 1/1: ") || !strings.Contains(got, "Interview report: 1 question in") {
		t.Errorf("after the answer:\n%s", got)
	}
}

var regexpID = regexp.MustCompile(`ID [a-z2-7]{6}`)

// TestAGroupPromptNamesItsUserSafely: the prompt in a group mentions its
// user by name; a right-to-left override in the name would reverse the
// question after it, for the whole group. The name is shown as the boards
// show it, without such characters.
func TestAGroupPromptNamesItsUserSafely(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	upd, _ := json.Marshal(map[string]any{"update_id": 1, "callback_query": map[string]any{
		"id": "cb-1", "chat_instance": "1", "data": "w:" + accessModes,
		"from":    map[string]any{"id": e.alice, "is_bot": false, "first_name": "Eve\u202E", "language_code": "en"},
		"message": map[string]any{"message_id": 5, "chat": map[string]any{"id": e.group, "type": "supergroup", "title": "G"}, "date": 1764468000, "text": "…"},
	}})
	e.deliver(a.Adapter, upd)
	prompt := e.await("sendMessage", 1)[0]
	if text := prompt.Params.Get("text"); strings.ContainsRune(text, '\u202E') || !strings.Contains(text, ">Eve</a>") {
		t.Errorf("the group's prompt names its user %+q; want Eve, without the override", text)
	}
}

// TestAnAnswerTypedInAGroupIsGradedPrivately: `/answer <id> <text>` typed
// in a group is the user's own, as a reply to the answer box is: its
// result (the points missed, the reference answer, the grade and its
// buttons) goes to their private chat, not to the group.
func TestAnAnswerTypedInAGroupIsGradedPrivately(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	complete := testkit.LabelledAnswer(t, accessModes, "complete", "en")
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/answer "+accessModes+" "+complete))
	e.await("sendMessage", 1)
	settle(a)
	results := to(e.api.Calls("sendMessage"), e.alice)
	if len(results) != 1 || !strings.Contains(visible(t, results[0]), "4/4 key points covered") || !strings.HasPrefix(results[0].Params.Get("text"), "<i>💬 Group</i>") {
		t.Fatalf("the result should go to Alice privately, under the group's title: %v", results)
	}
	if group := to(e.api.Calls("sendMessage"), e.group); len(group) != 0 {
		t.Errorf("the group got %d messages: %s", len(group), visible(t, group[0]))
	}
	if r, typed := e.reviews(e.group, e.alice); r != 1 || typed != 1 {
		t.Errorf("Alice has %d reviews, %d typed answers in the group; want 1 each", r, typed)
	}

	// One who never started the bot is told so in the group, with no result.
	e.api.Forbid(e.carol)
	e.deliver(a.Adapter, telegramtest.Message(2, e.group, e.carol, 11, "/answer "+accessModes+" RWO 是单节点读写。"))
	e.await("sendMessage", 2)
	settle(a)
	group := to(e.api.Calls("sendMessage"), e.group)
	if len(group) != 1 || !strings.Contains(visible(t, group[0]), "open a private chat with @KubeQuizBot") || strings.Contains(visible(t, group[0]), "key points covered") {
		t.Errorf("the group was told: %v", group)
	}
}

func TestALongQuestionIsCutInTheAnswerPromptNotItsHTML(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	family := "👨\u200d👩\u200d👧\u200d👦"
	// Escaped, the question is too long for a message, and families
	// are all along it, where it is cut.
	question := strings.Repeat("a & "+family+" ", 400)
	p := quiz.Prompt{Token: "t1", Lang: "en", Question: question, Label: "Your answer", Placeholder: "In your own words"}
	if !a.sendPrompt(context.Background(), e.group, 0, &tgbotapi.User{ID: e.alice, FirstName: "Alice"}, p) {
		t.Fatal("the prompt was not sent")
	}
	shown := visible(t, e.await("sendMessage", 1)[0]) // valid HTML, within the limit
	q, ok := strings.CutSuffix(shown, "…\nYour answer:")
	if !ok {
		t.Fatalf("the prompt does not end in its question cut and its label: %+q", shown[max(0, len(shown)-80):])
	}
	if men, families := strings.Count(q, "👨"), strings.Count(q, family); men != families {
		t.Errorf("a family was cut: %+q", q[max(0, len(q)-80):])
	}
}
