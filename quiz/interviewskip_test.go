package quiz_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// skipButton is the Skip button's payload of the interview question a
// response shows last.
func skipButton(t *testing.T, r quiz.Response) string {
	t.Helper()
	var skip string
	for _, b := range buttons(r) {
		if strings.HasPrefix(b.Payload, "i:") && strings.HasSuffix(b.Payload, ":s") {
			skip = b.Payload
		}
	}
	if skip == "" {
		t.Fatalf("no Skip button in %+v", buttons(r))
	}
	return skip
}

// TestSkippingAnInterviewQuestionMovesOnAndRecordsItAsNotKnown: skip
// passes on the question being asked: the reply says so and asks the
// next one, and the question is recorded as an answer in words that
// covers none of its key points is — the same review, card and coverage.
func TestSkippingAnInterviewQuestionMovesOnAndRecordsItAsNotKnown(t *testing.T) {
	e := newEnv(t)
	start := e.cmd("alice", "interview probe 3")
	if got := text(start); !strings.Contains(got, "press Skip or type /skip (recorded Again)") || !strings.Contains(got, "Don't know it? Press Skip, or type /skip.") {
		t.Errorf("the intro and the question do not say how to skip, and what a skip records:\n%s", got)
	}
	first := asked(t, start)
	r := e.cmd("alice", "skip")
	got := text(r)
	if r.Outcome != quiz.OutcomeOK || !strings.Contains(got, "⏭ Question 1/3: skipped, recorded Again") || !strings.Contains(got, "🎤 2/3 · ") {
		t.Fatalf("skip: outcome %q\n%s\nwant question 1 skipped and question 2 asked", r.Outcome, got)
	}
	if asked(t, r) == first {
		t.Errorf("question %s asked again after it was skipped", first)
	}
	if strings.Contains(got, "Not what you think? Change the grade") {
		t.Errorf("a skip offers to change its grade:\n%s", got)
	}
	skipped := e.stats("alice")
	cov := skipped.Typed.Questions[first]
	if skipped.Reviews != 1 || skipped.Questions[first] != (quiz.QuestionScore{Reviews: 1}) || cov.Covered != 0 || cov.Scored == 0 {
		t.Errorf("after the skip: %d reviews, %+v, coverage %+v; want one review, not recalled, no key point covered", skipped.Reviews, skipped.Questions[first], cov)
	}

	// The same question answered with words that cover nothing, by
	// another user of the same service: the same record.
	o := newEnv(t)
	if again := asked(t, o.cmd("bob", "interview probe 3")); again != first {
		t.Fatalf("the other interview asks %s first, not %s", again, first)
	}
	if r := o.cmd("bob", blankAnswer); !strings.Contains(text(r), "Question 1/3: 0/") {
		t.Fatalf("an answer that covers nothing:\n%s", text(r))
	}
	blank := o.stats("bob")
	if !reflect.DeepEqual(skipped.Cards[first], blank.Cards[first]) || skipped.Questions[first] != blank.Questions[first] ||
		cov != blank.Typed.Questions[first] || skipped.Typed.Answers != blank.Typed.Answers || !reflect.DeepEqual(skipped.Topics, blank.Topics) {
		t.Errorf("a skip recorded\n%+v %+v %+v\nan answer that covers nothing\n%+v %+v %+v",
			skipped.Cards[first], skipped.Questions[first], cov, blank.Cards[first], blank.Questions[first], blank.Typed.Questions[first])
	}
}

// TestSkippingTheLastQuestionEndsWithAReportThatMarksItSkipped: the
// report shows a skipped question as skipped, not as an answer of 0 key
// points, counts its points as missed, and lists it for review.
func TestSkippingTheLastQuestionEndsWithAReportThatMarksItSkipped(t *testing.T) {
	e := newEnv(t)
	first := asked(t, e.cmd("alice", "interview probe 2"))
	second := asked(t, e.cmd("alice", "answer "+completeAnswer(t, first)))
	report := text(e.cmd("alice", "skip"))
	q, _ := shippedBank(t).ByID(second)
	title := strings.TrimRight(q.Title, "?？ ")
	for _, want := range []string{
		"⏭ Question 2/2: skipped", "Interview report: 2 questions in", "2. " + title + ": ⏭ skipped · ",
		"1 answered in words, 0 with the answer shown, 1 skipped.", "Review next:", "/ask " + second,
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "2. "+title+": 0/") {
		t.Errorf("the skipped question is reported as answered with 0 key points:\n%s", report)
	}
	if r := e.cmd("alice", "interview stop"); !strings.Contains(text(r), "no interview in progress") {
		t.Errorf("the interview goes on after its last question was skipped:\n%s", text(r))
	}
	if st := e.stats("alice"); st.Reviews != 2 || st.Questions[second] != (quiz.QuestionScore{Reviews: 1}) {
		t.Errorf("%d reviews, %+v for the skipped question; want 2 reviews, it not recalled", st.Reviews, st.Questions[second])
	}
}

// TestTheWordsThatSkipAQuestion: skip, pass, next, I dunno and the
// Chinese words a candidate would say (跳过, 不会, 下一题, 不知道 …), typed
// alone, after Slack's command or a slash, after interview, or as the
// whole answer, each skip the question being asked.
func TestTheWordsThatSkipAQuestion(t *testing.T) {
	for lang, words := range map[string][]string{
		"en": {"skip", "pass", "next", "/skip", "k8s skip", "SKIP!", "interview skip", "I don’t know", "answer skip", "next question"},
		"zh": {"跳过", "不会", "下一题", "不知道", "跳过吧！", "面试 跳过", "面试跳过", "/跳过", "回答 不会", "跳过这题"},
		// After interview, the words as typed alone, several of them too.
		"en-after": {"interview I don't know", "interview skip it", "interview pass"},
		"zh-after": {"面试 跳过 吧", "面试 不知道", "面试 下一题"},
		// Said as a candidate says it.
		"en-said": {"I dunno", "dunno", "answer i dunno."},
	} {
		e := newEnv(t)
		lang, _, _ = strings.Cut(lang, "-")
		e.cmd("alice", "lang "+lang)
		e.cmd("alice", "interview 10")
		for i, w := range words {
			want := "Question " + strconv.Itoa(i+1) + "/10: skipped"
			if lang == "zh" {
				want = "第 " + strconv.Itoa(i+1) + "/10 题：跳过"
			}
			if r := e.cmd("alice", w); r.Outcome != quiz.OutcomeOK || !strings.Contains(text(r), want) {
				t.Errorf("%s: outcome %q\n%s\nwant %q", w, r.Outcome, text(r), want)
			}
		}
		if st := e.stats("alice"); st.Reviews != len(words) {
			t.Errorf("%s: %d reviews, want %d", lang, st.Reviews, len(words))
		}
	}
}

// TestSkipWithoutAnInterviewSaysHowToStartOne: the words that skip, typed
// with no interview in progress and nothing drawn, are told there is
// nothing to skip and how to start an interview (or get another
// flashcard), not that they are no command; help skip is the interview's
// help.
func TestSkipWithoutAnInterviewSaysHowToStartOne(t *testing.T) {
	e := newEnv(t)
	for _, w := range []string{"skip", "pass", "dunno"} {
		r := e.cmd("alice", w)
		if got := text(r); r.Outcome != quiz.OutcomeInvalid || strings.Contains(got, "I don't know the command") ||
			!strings.Contains(got, "no question to skip. Start one with /interview [topic] [n] [time]; for another flashcard, /ask.") {
			t.Errorf("%s without an interview: outcome %q\n%s", w, r.Outcome, got)
		}
	}
	if got := text(e.cmd("alice", "help skip")); !strings.Contains(got, "/interview [topic…] [n] [time] | skip | stop — ") {
		t.Errorf("help skip:\n%s", got)
	}
	e.cmd("alice", "lang zh")
	if got := text(e.cmd("alice", "跳过")); !strings.Contains(got, "你没有进行中的面试，没有题可以跳过。开始一场：/面试 [主题] [题数] [每题时限]；想换一道闪卡：/提问。") {
		t.Errorf("跳过 without an interview:\n%s", got)
	}
}

// TestASkipDeliveredTwiceIsRecordedOnce: a typed skip handled again in its
// delivery (a platform's retry, another replica) shows what it showed the
// first time and records nothing more; on the last question, the report
// again.
func TestASkipDeliveredTwiceIsRecordedOnce(t *testing.T) {
	e := newEnv(t)
	e.cmd("alice", "interview probe 2")
	first := e.deliver("alice", "d-skip", typing("skip"))
	if !strings.Contains(text(first), "🎤 2/2 · ") {
		t.Fatalf("the skip:\n%s", text(first))
	}
	if again := e.deliver("alice", "d-skip", typing("skip")); !reflect.DeepEqual(again, first) {
		t.Errorf("the skip delivered again:\n%s\nwant as before:\n%s", text(again), text(first))
	}
	if st := e.stats("alice"); st.Reviews != 1 {
		t.Errorf("%d reviews, want 1", st.Reviews)
	}
	last := e.deliver("alice", "d-last", typing("跳过"))
	if !strings.Contains(text(last), "Interview report") {
		t.Fatalf("the last skip:\n%s", text(last))
	}
	if again := e.deliver("alice", "d-last", typing("跳过")); !reflect.DeepEqual(again, last) {
		t.Errorf("the last skip delivered again:\n%s\nwant the report as before:\n%s", text(again), text(last))
	}
	if st := e.stats("alice"); st.Reviews != 2 {
		t.Errorf("%d reviews, want 2", st.Reviews)
	}
}

// TestTheSkipButtonSkips: the interview's question has a Skip button that
// skips it as skip typed does, once per delivery; pressed again later it
// is told the question was answered.
func TestTheSkipButtonSkips(t *testing.T) {
	e := newEnv(t)
	start := e.cmd("alice", "interview probe 2")
	skip := skipButton(t, start)
	r := e.deliver("alice", "press-1", pressing(skip))
	if got := text(r); r.Outcome != quiz.OutcomeOK || !strings.Contains(r.Notice, "Question 1/2: skipped") || !strings.Contains(got, "🎤 2/2 · ") {
		t.Fatalf("the Skip button: outcome %q, %q\n%s", r.Outcome, r.Notice, got)
	}
	if again := e.deliver("alice", "press-1", pressing(skip)); !reflect.DeepEqual(again, r) {
		t.Errorf("the press delivered again:\n%s\nwant as before:\n%s", text(again), text(r))
	}
	if late := e.press("alice", skip); late.Outcome != quiz.OutcomeInvalid || !strings.Contains(text(late), "answered already") {
		t.Errorf("the old Skip pressed again: %q\n%s", late.Outcome, text(late))
	}
	report := text(e.press("alice", skipButton(t, r)))
	if !strings.Contains(report, "0 answered in words, 0 with the answer shown, 2 skipped.") {
		t.Errorf("the report after two Skips:\n%s", report)
	}
	if st := e.stats("alice"); st.Reviews != 2 {
		t.Errorf("%d reviews, want 2", st.Reviews)
	}
}

// TestASkipWhoseRecordWasLostIsShownSkippedWhenHandledAgain: a skip whose
// record Redis ran but whose reply was lost is in doubt like an answer;
// handled again, it finds what it recorded and shows the question as
// skipped, once.
func TestASkipWhoseRecordWasLostIsShownSkippedWhenHandledAgain(t *testing.T) {
	t.Parallel()
	e, st := newStepLostEnv(t)
	e.deliver("ann", "start-1", typing("interview probe 2"))
	st.lose(t, e, &st.armed, "ann", "skip-1", typing("skip"))
	again := e.deliver("ann", "skip-1", typing("skip"))
	if again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "Question 1/2: skipped") || !strings.Contains(text(again), "🎤 2/2 · ") {
		t.Fatalf("the rerun: outcome %q, %q\n%s", again.Outcome, again.Notice, text(again))
	}
	if s := e.stats("ann"); s.Reviews != 1 {
		t.Errorf("%d reviews, want 1", s.Reviews)
	}
}

// TestAStoppedReportDoesNotCallSkipsAnswered: the Chinese report of an
// interview stopped after questions skipped counts the questions gone
// through, not "answered" (答了) ones.
func TestAStoppedReportDoesNotCallSkipsAnswered(t *testing.T) {
	e := newEnv(t)
	e.cmd("alice", "lang zh")
	e.cmd("alice", "面试 pv 3")
	e.cmd("alice", "跳过")
	e.cmd("alice", "跳过")
	got := text(e.cmd("alice", "结束"))
	if !strings.Contains(got, "面试报告（提前结束，进行了 2/3 题）") || strings.Contains(got, "答了") {
		t.Errorf("stopped after two skips:\n%s", got)
	}
}

// TestNextTypedAfterAFlashcardDrawsTheNextOfItsTopic: next, another,
// 下一题 … typed alone with no interview running draw the next of what
// the user drew last, from its topic, as the card's Another button does:
// a flashcard after a flashcard, a quiz after a quiz. The topic is kept
// in the store, so that another replica follows it too. With nothing
// drawn, or once the user is forgotten, they draw a flashcard of the
// whole bank; in an interview they skip.
func TestNextTypedAfterAFlashcardDrawsTheNextOfItsTopic(t *testing.T) {
	e := newEnv(t)
	inTopic := func(what string, r quiz.Response, topic string) {
		t.Helper()
		q, ok := shippedBank(t).ByID(askedID(t, r))
		if !ok || !slices.Contains(q.Topics, topic) || payloadWithPrefix(t, r, "n:") != "n:"+topic {
			t.Errorf("%s: %s, of topics %v; want a card of %s", what, askedID(t, r), q.Topics, topic)
		}
	}
	aCard := func(what string, r quiz.Response) {
		t.Helper()
		if _, ok := shippedBank(t).ByID(askedID(t, r)); !ok || r.Outcome != quiz.OutcomeOK || payloadWithPrefix(t, r, "n:") != "n:" {
			t.Errorf("%s: %s %q, want a flashcard of the whole bank", what, r.Outcome, text(r))
		}
	}
	aCard("next with nothing drawn", e.cmd("ann", "next"))
	inTopic("ask pv", e.cmd("ann", "ask pv"), "pv")
	other := newEnvOn(t, e.rdb) // another replica
	other.scope = e.scope
	for _, typed := range []string{"next", "Next!", "another", "another one", "k8s next", "/next", "下一题", "换一题", "下一个吧"} {
		r := other.cmd("ann", typed)
		if r.Command != "another" || r.Outcome != quiz.OutcomeOK {
			t.Errorf("%s: command %q, outcome %q", typed, r.Command, r.Outcome)
		}
		inTopic(typed, r, "pv")
	}
	e.cmd("ann", "lang zh")
	inTopic("下一题 in Chinese", e.cmd("ann", "下一题"), "pv")
	e.cmd("ann", "lang en")

	quizCard(t, e.cmd("ann", "quiz etcd"))
	next := quizCard(t, e.cmd("ann", "next"))
	if got := text(e.press("ann", quiz.AnswerPayload(next.ID, next.Correct))); !strings.Contains(got, "etcd") {
		t.Errorf("the quiz next drew after quiz etcd is not of etcd:\n%s", got)
	}
	inTopic("ask pvc after a quiz", e.cmd("ann", "ask pvc"), "pvc")
	inTopic("next after ask pvc", e.cmd("ann", "next"), "pvc")

	e.cmd("ann", "interview pv 2")
	if got := text(e.cmd("ann", "another")); !strings.Contains(got, "Question 1/2: skipped") {
		t.Errorf("another in an interview:\n%s", got)
	}
	e.cmd("ann", "interview stop")
	e.press("ann", payloadWithPrefix(t, e.cmd("ann", "forget me"), "f:"))
	aCard("next once forgotten", e.cmd("ann", "next"))
}

// TestSkipTypedAfterAFlashcardDrawsAnother: outside an interview, a skip
// word typed after a flashcard passes over it for another of its topic,
// as next does, and after a quiz for another quiz; next typed before
// anything was drawn draws a flashcard; in either language.
func TestSkipTypedAfterAFlashcardDrawsAnother(t *testing.T) {
	e := newEnv(t)
	ofTopic := func(what string, r quiz.Response, topic string) {
		t.Helper()
		q, ok := shippedBank(t).ByID(askedID(t, r))
		if !ok || !slices.Contains(q.Topics, topic) || r.Outcome != quiz.OutcomeOK {
			t.Errorf("%s: %s %q; want a card of %s", what, r.Outcome, text(r), topic)
		}
	}
	e.cmd("ann", "ask pv")
	for _, typed := range []string{"skip", "pass", "skip this one"} {
		ofTopic(typed+" after a card", e.cmd("ann", typed), "pv")
	}
	e.cmd("ann", "quiz etcd")
	if r := e.cmd("ann", "skip"); r.Command != "quiz" {
		t.Errorf("skip after a quiz: command %q, want another quiz\n%s", r.Command, text(r))
	}
	e.cmd("bob", "lang zh")
	r := e.cmd("bob", "下一题")
	if _, ok := shippedBank(t).ByID(askedID(t, r)); !ok || !strings.Contains(text(r), "编号 ") {
		t.Errorf("下一题 with nothing drawn, in Chinese: %s %q", r.Outcome, text(r))
	}
	e.cmd("bob", "提问 pv")
	ofTopic("跳过 after a card", e.cmd("bob", "跳过"), "pv")
}

// TestIDontKnowAfterAFlashcardShowsItsAnswer: outside an interview, a
// line saying one does not know typed after a flashcard shows that card's
// answer with the grade buttons, as Show answer does (one who does not
// know wants to see it, and grades it then); after a quiz it draws
// another quiz; in either language; in an interview it still skips.
func TestIDontKnowAfterAFlashcardShowsItsAnswer(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ user, lang, ask, typed, shows string }{
		{"ann", "en", "ask pv", "I don't know", "Grade yourself"},
		{"bob", "en", "ask etcd", "idk", "Grade yourself"},
		{"li", "zh", "提问 pv", "不会", "自评"},
	} {
		e.cmd(c.user, "lang "+c.lang)
		card := e.cmd(c.user, c.ask)
		id := askedID(t, card)
		r := e.cmd(c.user, c.typed)
		q, _ := shippedBank(t).ByID(id)
		if got := text(r); !strings.Contains(got, "💡 "+q.Title) || !strings.Contains(got, c.shows) {
			t.Errorf("%s after %s's card %s: %q; want its answer to grade", c.typed, c.lang, id, got)
		}
		payloadWithPrefix(t, r, "g:"+id+":") // the grade buttons of that card
	}
	e.cmd("ann", "quiz etcd")
	if r := e.cmd("ann", "I don't know"); r.Command != "quiz" {
		t.Errorf("I don't know after a quiz: command %q, want another quiz\n%s", r.Command, text(r))
	}
	e.cmd("carol", "interview 2")
	if got := text(e.cmd("carol", "I don't know")); !strings.Contains(got, "skipped, recorded Again") {
		t.Errorf("I don't know in an interview: %q", got)
	}
}

// TestTheIntroSaysWhatASkipRecordsAsEachSkipDoes: the interview's intro
// and the reply to each skip name the same grade, Again (重来), the one
// recorded, in either language.
func TestTheIntroSaysWhatASkipRecordsAsEachSkipDoes(t *testing.T) {
	for _, c := range []struct{ lang, intro, skipped string }{
		{"en", "press Skip or type /skip (recorded Again).", "⏭ Question 1/2: skipped, recorded Again"},
		{"zh", "不会的题点「跳过」或输入 /跳过（记为重来）。", "⏭ 第 1/2 题：跳过，记为重来"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			e := newEnv(t)
			e.cmd("alice", "lang "+c.lang)
			if got := text(e.cmd("alice", "interview 2")); !strings.Contains(got, c.intro) {
				t.Errorf("the intro:\n%s\nwant %q", got, c.intro)
			}
			if got := text(e.cmd("alice", "skip")); !strings.Contains(got, c.skipped) {
				t.Errorf("the skip:\n%s\nwant %q", got, c.skipped)
			}
		})
	}
}

// sessionlessStore cannot read sessions: Redis failing on that read.
type sessionlessStore struct{ *redisstore.Store }

func (sessionlessStore) Session(context.Context, string, string) (quiz.Session, error) {
	return quiz.Session{}, errors.New("connection refused")
}

// TestNextTypedWhenTheSessionCannotBeReadSaysSo: a next word whose draw
// cannot be read is told so, with how to go on, not that there is no
// interview to skip.
func TestNextTypedWhenTheSessionCannotBeReadSaysSo(t *testing.T) {
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	e := newEnvWith(t, rdb, st, sessionlessStore{st})
	r := e.cmd("ann", "next")
	want := "What you drew last cannot be read right now; try again in a moment, or type /ask <topic> to go on."
	if r.Outcome != quiz.OutcomeUnavailable || text(r) != want {
		t.Errorf("next, the session unreadable: %s %q; want unavailable %q", r.Outcome, text(r), want)
	}
}
