package quiz_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// accessModes is the shipped question on PV access modes: four key
// points, each one access mode.
const accessModes = "gzrv43"

// reply answers a prompt's token as user.
func (e *env) reply(user, token, answer string) quiz.Response {
	e.t.Helper()
	req := e.request(user)
	req.Reply = &quiz.Reply{Prompt: token, Text: answer}
	return e.svc.Handle(context.Background(), req)
}

// wantNothingRecorded fails unless user has no review, no typed answer and
// no points.
func (e *env) wantNothingRecorded(user string) {
	e.t.Helper()
	if st := e.stats(user); st.Reviews != 0 || st.Typed.Answers != 0 || st.Points != 0 {
		e.t.Errorf("%s has %d reviews, %d typed answers, %d points; want nothing recorded", user, st.Reviews, st.Typed.Answers, st.Points)
	}
}

func TestAnAnswerInWordsIsScoredAndRecordedAsAReview(t *testing.T) {
	e := newEnv(t)
	complete := testkit.LabelledAnswer(t, accessModes, "complete", "en")
	r := e.cmd("alice", "answer "+accessModes+" "+complete)
	got := text(r)
	for _, want := range []string{"4/4 key points covered", "✅ ReadWriteOnce", "(you said: ReadWriteOnce", "Recorded: Good", "Change the grade"} {
		if !strings.Contains(got, want) {
			t.Errorf("the result lacks %q:\n%s", want, got)
		}
	}
	if r.Outcome != quiz.OutcomeOK || r.Command != "answer" || !r.Messages[0].Private || r.Notice != "4/4 key points · recorded Good" {
		t.Errorf("outcome %s, command %s, notice %q", r.Outcome, r.Command, r.Notice)
	}
	for _, g := range []string{":1", ":2", ":4"} {
		found := false
		for _, b := range buttons(r) {
			found = found || strings.HasPrefix(b.Payload, "o:") && strings.HasSuffix(b.Payload, g)
		}
		if !found {
			t.Errorf("no button changes the grade to %s: %+v", g, buttons(r))
		}
	}
	st := e.stats("alice")
	if st.Reviews != 1 || st.Points != 0 || st.Answered != 0 || st.Typed.Answers != 1 || st.Typed.Questions[accessModes] != (quiz.Coverage{Covered: 4, Scored: 4}) {
		t.Errorf("stats %+v; want one review, no points, one typed answer covering 4/4", st)
	}
	if b := e.board(""); len(b.Entries) != 0 {
		t.Errorf("a typed answer put someone on the board: %+v", b.Entries)
	}
}

func TestAPartialAnswerShowsWhatItMissedWithTheReference(t *testing.T) {
	e := newEnv(t)
	r := e.cmd("alice", "answer "+accessModes+" "+testkit.LabelledAnswer(t, accessModes, "partial", "zh"))
	got := text(r)
	q, _ := shippedBank(t).ByID(accessModes)
	if !strings.Contains(got, "2/4 key points covered") || !strings.Contains(got, "Recorded: Hard") {
		t.Fatalf("want 2/4 and Hard:\n%s", got)
	}
	missed := 0
	for _, kp := range q.KeyPoints {
		if strings.Contains(got, "❌ "+strings.TrimSuffix(kp.Label, "…")) {
			missed++
		}
	}
	if missed != 2 || !strings.Contains(got, "ReadOnlyMany") || !strings.Contains(got, "ReadWriteOncePod") {
		t.Errorf("want the two missed points with their reference text (ReadOnlyMany, ReadWriteOncePod):\n%s", got)
	}
}

func TestAnAnswerSpanningLinesIsReadWhole(t *testing.T) {
	e := newEnv(t)
	r := e.cmd("alice", "answer "+accessModes+"\nRWO: one node mounts it read-write.\nROX: many nodes, read-only.\nRWX: many nodes read-write.\nRWOP: a single pod read-write.")
	if got := text(r); !strings.Contains(got, "4/4 key points covered") {
		t.Errorf("an answer over several lines:\n%s", got)
	}
}

func TestPrecisionWarnings(t *testing.T) {
	e := newEnv(t)
	for kind, want := range map[string]string{
		"keywords": "A list of terms explains nothing",
		"stuffing": "names many terms from other questions",
	} {
		r := e.cmd("alice", "answer "+accessModes+" "+testkit.LabelledAnswer(t, accessModes, kind, "en"))
		if got := text(r); !strings.Contains(got, want) || !strings.Contains(got, "Recorded: Again") {
			t.Errorf("%s: want %q and Again:\n%s", kind, want, got)
		}
	}
}

// TestATermSaidWithWhatItMeansIsNoKeywordList: naming each access mode
// with what it means, tersely, in either language, is an answer and gets
// Good; naming the modes alone is still a list of terms.
func TestATermSaidWithWhatItMeansIsNoKeywordList(t *testing.T) {
	e := newEnv(t)
	for _, answer := range []string{
		"RWO one node read write, ROX many nodes read only, RWX many nodes read write, RWOP single pod read write",
		"RWO 单节点读写，ROX 多节点只读，RWX 多节点读写，RWOP 单个Pod读写",
	} {
		got := text(e.cmd("alice", "answer "+accessModes+" "+answer))
		if !strings.Contains(got, "4/4 key points covered") || !strings.Contains(got, "Recorded: Good") || strings.Contains(got, "A list of terms") {
			t.Errorf("%q: want 4/4 and Good, no keyword-list warning:\n%s", answer, got)
		}
	}
	if got := text(e.cmd("bob", "answer "+accessModes+" RWO, ROX, RWX")); !strings.Contains(got, "A list of terms explains nothing") || !strings.Contains(got, "Recorded: Again") {
		t.Errorf("the modes' names alone: want the keyword-list warning and Again:\n%s", got)
	}
}

func TestTheGradeIsChangedOnceAndReplacesTheReview(t *testing.T) {
	e := newEnv(t)
	r := e.cmd("alice", "answer "+accessModes+" "+testkit.LabelledAnswer(t, accessModes, "partial", "zh"))
	proposed := e.card("alice", accessModes)
	toEasy := payloadWithPrefix(t, r, "o:")
	toEasy = toEasy[:len(toEasy)-1] + "4"
	changed := e.press("alice", toEasy)
	if got := text(changed); !strings.Contains(got, "Grade changed from Hard to Easy") || changed.Notice != "Recorded: Easy" {
		t.Fatalf("change: %s (notice %q)", got, changed.Notice)
	}
	easy := e.card("alice", accessModes)
	if !easy.Due.After(proposed.Due) || easy.Reps != proposed.Reps {
		t.Errorf("the card after the change %+v should replace %+v: due later, same repetitions", easy, proposed)
	}
	if st := e.stats("alice"); st.Reviews != 1 || st.Questions[accessModes] != (quiz.QuestionScore{Reviews: 1, Recalled: 1}) {
		t.Errorf("after the change: %d reviews, %+v; want one review, now a success", st.Reviews, st.Questions[accessModes])
	}
	again := e.press("alice", toEasy[:len(toEasy)-1]+"1")
	if again.Outcome != quiz.OutcomeInvalid || !strings.Contains(again.Notice, "changed this grade already") {
		t.Errorf("a second change: %q", again.Notice)
	}
	if other := e.press("bob", toEasy); other.Outcome != quiz.OutcomeInvalid || !strings.Contains(other.Notice, "no longer be regraded") {
		t.Errorf("someone else's change: %q", other.Notice)
	}
}

func TestAGradeChangeAfterAnotherReviewIsRefused(t *testing.T) {
	e := newEnv(t)
	r := e.cmd("alice", "answer "+accessModes+" "+testkit.LabelledAnswer(t, accessModes, "partial", "zh"))
	change := payloadWithPrefix(t, r, "o:")
	e.clock.Advance(time.Hour)
	e.cmd("alice", "answer "+accessModes+" "+testkit.LabelledAnswer(t, accessModes, "complete", "en"))
	if got := e.press("alice", change); !strings.Contains(got.Notice, "reviewed this card again") {
		t.Errorf("a stale change: %q", got.Notice)
	}
	e.clock.Advance(quiz.OverrideWindow)
	if got := e.press("alice", change); !strings.Contains(got.Notice, "no longer be regraded") {
		t.Errorf("a change after the window: %q", got.Notice)
	}
}

func (e *env) card(user, id string) srs.Card {
	e.t.Helper()
	cs, err := e.store.Card(context.Background(), e.scope, "test:"+user, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return cs.Card
}

func TestBadAnswersGetAClearReplyAndRecordNothing(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct{ name, line, want string }{
		{"no arguments", "answer", "Usage: /answer <id> <your answer>"},
		{"an empty answer", "answer " + accessModes, "Your answer is empty. Nothing was recorded. Answer with: /answer " + accessModes},
		{"an answer of spaces", "answer " + accessModes + " \u3000 \n ", "Your answer is empty."},
		{"an answer without words", "answer " + accessModes + " 。。。！？", "Your answer has no words in it."},
		{"a 20,000-character answer", "answer " + accessModes + " " + strings.Repeat("RWO 单节点读写。", 2000), "Your answer has 20000 characters; answers are read up to 4000"},
		{"an unknown ID", "answer zzzzz9 RWO is single node", "No question has the ID \"zzzzz9\". Find questions and their IDs with /search <words>."},
		{"a mistyped ID", "answer " + accessModes[:5] + " RWO", "No question has the ID \"" + accessModes[:5] + "\". Did you mean " + accessModes},
		{"an unknown ID of letters", "answer zzzzzz foo", "No question has the ID \"zzzzzz\". Find questions and their IDs with /search <words>."},
		{"no ID at all", "answer the three access modes are RWO ROX RWX", "An answer starts with the question's ID"},
		{"no ID, a six-letter word first", "answer secret volumes are tmpfs", "An answer starts with the question's ID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.cmd("alice", tc.line)
			if got := text(r); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(got, tc.want) {
				t.Errorf("outcome %s, reply:\n%s\nwant %q", r.Outcome, got, tc.want)
			}
			e.wantNothingRecorded("alice")
		})
	}
}

func TestCheckAnswer(t *testing.T) {
	for _, tc := range []struct {
		text string
		ok   bool
	}{{"", false}, {" \n\t", false}, {"RWO", true}, {strings.Repeat("长", quiz.MaxAnswerRunes), true}, {strings.Repeat("长", quiz.MaxAnswerRunes+1), false}} {
		if got := quiz.CheckAnswer(quiz.LangZH, tc.text); (got == "") != tc.ok {
			t.Errorf("CheckAnswer(%d runes) = %q", len([]rune(tc.text)), got)
		}
	}
}

func TestEveryCardOffersToAnswerItInWords(t *testing.T) {
	e := newEnv(t)
	card := e.cmd("alice", "ask "+accessModes)
	if p := payloadWithPrefix(t, card, "w:"); p != "w:"+accessModes {
		t.Errorf("the Answer-it button carries %q", p)
	}
}

// prompt presses Answer it on a question and returns the prompt.
func (e *env) prompt(user, id string) *quiz.Prompt {
	e.t.Helper()
	r := e.press(user, "w:"+id)
	if r.Prompt == nil || r.Prompt.QuestionID != id || r.Prompt.MaxRunes != quiz.MaxAnswerRunes {
		e.t.Fatalf("Answer it gave %+v", r)
	}
	if got := text(r); !strings.Contains(got, "type /answer "+id+" <your answer>") {
		e.t.Errorf("the prompt's fallback does not say how to answer by command:\n%s", got)
	}
	return r.Prompt
}

func TestAPromptIsAnsweredOnce(t *testing.T) {
	e := newEnv(t)
	p := e.prompt("alice", accessModes)
	if len([]rune(p.Placeholder)) > 64 || len([]rune(p.Title)) > 24 || len([]rune(p.Submit)) > 24 || p.Question == "" {
		t.Errorf("prompt texts out of bounds: %+v", p)
	}
	complete := testkit.LabelledAnswer(t, accessModes, "complete", "zh")
	if got := text(e.reply("alice", p.Token, complete)); !strings.Contains(got, "4/4 key points covered") {
		t.Fatalf("the reply was not scored:\n%s", got)
	}
	again := e.reply("alice", p.Token, complete)
	if got := text(again); again.Outcome != quiz.OutcomeInvalid || !strings.Contains(got, "You answered this already (4/4 key points, recorded Good); nothing was recorded again") {
		t.Errorf("a second reply to the prompt:\n%s", got)
	}
	if st := e.stats("alice"); st.Reviews != 1 || st.Typed.Answers != 1 {
		t.Errorf("%d reviews and %d typed answers after replying twice; want 1", st.Reviews, st.Typed.Answers)
	}
	// A new prompt of the same question takes a new answer.
	if got := text(e.reply("alice", e.prompt("alice", accessModes).Token, complete)); !strings.Contains(got, "4/4") {
		t.Errorf("a new prompt:\n%s", got)
	}
}

func TestAnOldOrForgedPromptRecordsNothing(t *testing.T) {
	e := newEnv(t)
	p := e.prompt("alice", accessModes)
	e.clock.Advance(quiz.PromptTTL + time.Minute)
	if r := e.reply("alice", p.Token, "RWO is single-node read-write."); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(text(r), "This prompt has expired") {
		t.Errorf("an expired prompt: %s", text(r))
	}
	for _, token := range []string{"", "garbage", accessModes + ".zz.abcdefgh", accessModes + ".1.abc", "zzzzzz.1.abcdefgh"} {
		if r := e.reply("alice", token, "RWO"); r.Outcome != quiz.OutcomeInvalid {
			t.Errorf("token %q: %s", token, text(r))
		}
	}
	e.wantNothingRecorded("alice")
}

func TestStatsShowPracticeInWords(t *testing.T) {
	e := newEnv(t)
	if got := text(e.cmd("alice", "stats")); !strings.Contains(got, "Answers in words: none yet (try /interview)") {
		t.Errorf("before any answer:\n%s", got)
	}
	e.cmd("alice", "answer "+accessModes+" "+testkit.LabelledAnswer(t, accessModes, "complete", "en"))
	e.cmd("alice", "answer eg5jaa "+testkit.LabelledAnswer(t, "eg5jaa", "wrong", "zh"))
	got := text(e.cmd("alice", "stats"))
	for _, want := range []string{"Answers in words: 2, covering 57% of key points on average", "Best topics in words: pv 100%", "weakest: pod 0%"} {
		if !strings.Contains(got, want) {
			t.Errorf("stats lack %q:\n%s", want, got)
		}
	}
}

func TestTheFullAnswerAfterAnAnswerInWordsOffersNoSecondGrade(t *testing.T) {
	e := newEnv(t)
	r := e.cmd("alice", "answer "+accessModes+" RWO means one node can mount it read-write")
	if !strings.Contains(text(r), "Recorded: ") {
		t.Fatalf("the answer:\n%s", text(r))
	}
	var full string
	for _, b := range buttons(r) {
		if b.Label == "Full answer" {
			full = b.Payload
		}
	}
	shown := e.press("alice", full)
	q, _ := shippedBank(t).ByID(accessModes)
	if got := text(shown); shown.Outcome != quiz.OutcomeOK || !strings.Contains(got, q.Title) || !strings.Contains(got, "ReadWriteOnce") {
		t.Fatalf("the full answer should show the reference answer:\n%s", got)
	}
	for _, b := range buttons(shown) {
		if strings.HasPrefix(b.Payload, "g:") || strings.HasPrefix(b.Payload, "c:") || strings.HasPrefix(b.Payload, "o:") {
			t.Errorf("the full answer of an answer already graded offers to grade it again: %+v", b)
		}
	}
	if strings.Contains(text(shown), "Grade yourself") {
		t.Errorf("the full answer asks for a grade:\n%s", text(shown))
	}
	if st := e.stats("alice"); st.Reviews != 1 {
		t.Errorf("%d reviews for one answer, want 1", st.Reviews)
	}
	// The flashcard's own Show answer still reveals and grades.
	card := e.cmd("alice", "ask "+accessModes)
	reveal := e.press("alice", payloadWithPrefix(t, card, "s:"))
	if got := text(e.press("alice", payloadWithPrefix(t, reveal, "g:"))); !strings.Contains(got, "Recorded: Again") {
		t.Errorf("a flashcard graded after Show answer:\n%s", got)
	}
	if st := e.stats("alice"); st.Reviews != 2 {
		t.Errorf("%d reviews after the flashcard's grade, want 2", st.Reviews)
	}
}

// TestStatsCallNoTopicOfOneScoreBestAndAnotherWeakest: one answer's topics
// share its score, so neither is called best and the other weakest.
func TestStatsCallNoTopicOfOneScoreBestAndAnotherWeakest(t *testing.T) {
	e := newEnv(t)
	e.cmd("alice", "answer eg5jaa Always restarts always, default")
	got := text(e.cmd("alice", "stats"))
	if !strings.Contains(got, "Answers in words: 1") {
		t.Fatalf("one answer:\n%s", got)
	}
	if strings.Contains(got, "Best topics") || strings.Contains(got, "eakest") {
		t.Errorf("one answer's topics are called best and weakest:\n%s", got)
	}
}

func TestStatsCallNoFullyCoveredTopicWeakest(t *testing.T) {
	e := newEnv(t)
	e.cmd("alice", "answer "+accessModes+" "+testkit.LabelledAnswer(t, accessModes, "complete", "en"))
	e.cmd("alice", "answer eg5jaa "+testkit.LabelledAnswer(t, "eg5jaa", "complete", "en"))
	got := text(e.cmd("alice", "stats"))
	if !strings.Contains(got, "Answers in words: 2, covering 100% of key points on average") {
		t.Fatalf("two complete answers:\n%s", got)
	}
	if strings.Contains(got, "weakest") || strings.Contains(got, "Weakest") {
		t.Errorf("a topic fully covered is called weakest:\n%s", got)
	}
	if !strings.Contains(got, "Best topics in words: ") {
		t.Errorf("no best topics:\n%s", got)
	}
}

// TestAnswersHelpExampleIsAGoodAnswer: help answer's example, typed as it
// is shown, covers every key point, in either language (the Chinese one
// was "有三种……", recorded Again; the English had none).
func TestAnswersHelpExampleIsAGoodAnswer(t *testing.T) {
	e := newEnv(t)
	for lang, marker := range map[string]string{"en": "e.g. ", "zh": "例如 "} {
		user := "help-" + lang
		e.cmd(user, "lang "+lang)
		help := text(e.cmd(user, "help answer"))
		_, example, ok := strings.Cut(help, marker)
		if !ok {
			t.Fatalf("help answer in %s has no example:\n%s", lang, help)
		}
		example, _, _ = strings.Cut(example, "\n")
		got := text(e.cmd(user, strings.TrimPrefix(example, "/")))
		if !strings.Contains(got, "4/4") {
			t.Errorf("%s: %s\n%s", lang, example, got)
		}
	}
}

// TestNextTypedAfterAnAnswerInWordsDoesWhatItsNextButtonDoes: after an
// answer in words (the answer command, or a reply to Answer it), next
// typed alone draws a flashcard of the answered question's topic, as the
// result's Next button does, on another replica too.
func TestNextTypedAfterAnAnswerInWordsDoesWhatItsNextButtonDoes(t *testing.T) {
	e := newEnv(t)
	q, ok := shippedBank(t).ByID(accessModes)
	if !ok || len(q.Topics) == 0 {
		t.Fatalf("%s has no topic", accessModes)
	}
	topic := q.Topics[0]
	ofTopic := func(what string, r quiz.Response) {
		t.Helper()
		drawn, ok := shippedBank(t).ByID(askedID(t, r))
		if r.Outcome != quiz.OutcomeOK || !ok || !slices.Contains(drawn.Topics, topic) || payloadWithPrefix(t, r, "n:") != "n:"+topic {
			t.Errorf("%s: %s %q; want a flashcard of %s", what, r.Outcome, text(r), topic)
		}
	}
	answered := e.cmd("ann", "answer "+accessModes+" RWO: read-write by a single node")
	other := newEnvOn(t, e.rdb) // another replica
	other.scope = e.scope
	r := other.cmd("ann", "next")
	if r.Command != "another" {
		t.Errorf("next after an answer ran %q: %q", r.Command, text(r))
	}
	ofTopic("next typed after the answer command", r)
	next := payloadWithPrefix(t, answered, "n:")
	if next != "n:"+topic {
		t.Errorf("the result's Next button: %q, want n:%s", next, topic)
	}
	ofTopic("Next pressed", e.press("ann", next))

	prompt := e.press("bob", "w:"+accessModes).Prompt
	if prompt == nil {
		t.Fatal("Answer it drew no prompt")
	}
	e.reply("bob", prompt.Token, "RWX: read-write by many nodes")
	ofTopic("下一题 typed after a reply to Answer it", e.cmd("bob", "下一题"))
}
