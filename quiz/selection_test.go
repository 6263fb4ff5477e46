package quiz_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// onTopics reports whether the question a card shows is on any of topics.
func onTopics(t *testing.T, r quiz.Response, topics ...string) (*bank.Question, bool) {
	t.Helper()
	q, ok := shippedBank(t).ByID(askedID(t, r))
	return q, ok && slices.ContainsFunc(q.Topics, func(tp string) bool { return slices.Contains(topics, tp) })
}

// TestNextStaysInTheSessionsTopic is issue 11's item 1: ask pv, Show
// answer, a grade (or the checklist), then Next draws from pv again, not
// from the whole bank; a session of several topics keeps them all.
func TestNextStaysInTheSessionsTopic(t *testing.T) {
	e := newEnv(t)
	checklists := 0
	for range 6 {
		card := e.cmd("ann", "ask pv")
		if _, ok := onTopics(t, card, "pv"); !ok {
			t.Fatalf("ask pv drew off the topic:\n%s", text(card))
		}
		answer := e.press("ann", payloadWithPrefix(t, card, "s:"))
		var graded quiz.Response
		if slices.ContainsFunc(buttons(answer), func(b quiz.Button) bool { return strings.HasPrefix(b.Payload, "c:") }) {
			checklists++
			list := e.press("ann", payloadWithPrefix(t, answer, "c:"))
			graded = e.press("ann", list.Messages[0].Checklist.SubmitPayload(1))
		} else {
			graded = e.press("ann", payloadWithPrefix(t, answer, "g:"))
		}
		next := payloadWithPrefix(t, graded, "n:")
		if next != "n:pv" {
			t.Fatalf("Next after grading a pv card is %q, want n:pv", next)
		}
		if q, ok := onTopics(t, e.press("ann", next), "pv"); !ok {
			t.Fatalf("Next left pv for %q", q.Title)
		}
	}
	if checklists == 0 {
		t.Error("no pv card offered a checklist: the checklist path went untested")
	}

	graded := e.press("ann", payloadWithPrefix(t, e.press("ann", payloadWithPrefix(t, e.cmd("ann", "ask pv pvc"), "s:")), "g:"))
	if next := payloadWithPrefix(t, graded, "n:"); next != "n:pv pvc" {
		t.Errorf("Next after ask pv pvc is %q", next)
	}
	id := testkit.Question(t, "pod是什么？").ID
	graded = e.press("ann", payloadWithPrefix(t, e.press("ann", payloadWithPrefix(t, e.cmd("ann", "ask "+id), "s:")), "g:"))
	if next := payloadWithPrefix(t, graded, "n:"); next != "n:" {
		t.Errorf("Next after asking one question by ID draws from the whole bank, got %q", next)
	}

	// Slack keeps a checklist's question, token and topic in its submit button.
	ref := quiz.Checklist{QuestionID: "abcdef", Token: "tok234", Topic: "pv"}.Ref()
	if got := quiz.ChecklistFromRef(ref).SubmitPayload(1); got != "k:abcdef:1:tok234:pv" {
		t.Errorf("a checklist's ref makes the submit payload %q", got)
	}
	if got := quiz.ChecklistFromRef("abcdef:tok234").SubmitPayload(1); got != "k:abcdef:1:tok234" {
		t.Errorf("a ref without a topic makes %q", got)
	}
}

// TestSeveralTopicsAndUnknownIDs is issue 11's item 5: an ID that names
// no question is said to be one, with a pointer to search; several topics
// in one ask or quiz mean any of them.
func TestSeveralTopicsAndUnknownIDs(t *testing.T) {
	e := newEnv(t)
	for _, typed := range []string{"ask 1ixqdg", "quiz 1ixqdg", "ask １ｉｘｑｄｇ", "answer zzzzzz foo"} {
		got := text(e.cmd("ann", typed))
		if !strings.Contains(got, "No question has the ID") || !strings.Contains(got, "/search") || strings.Contains(got, "Closest topics") {
			t.Errorf("%s:\n%s", typed, got)
		}
	}
	e.cmd("ann", "lang zh")
	noID := func(id string) string {
		return "没有编号为「" + id + "」的题目。用「/搜索 <关键词>」查找题目和它们的编号。"
	}
	for typed, want := range map[string]string{
		"ask 1ixqdg": noID("1ixqdg"), "作答 1ixqdg 不知道": noID("1ixqdg"), "作答 zzzzzz 不知道": noID("zzzzzz"),
		// Where a topic may stand, a word of letters alone is no topic.
		"ask zzzzzz": "没有主题「zzzzzz」。输入「/主题」查看全部主题。",
	} {
		if got := text(e.cmd("ann", typed)); got != want {
			t.Errorf("%s in Chinese: %s", typed, got)
		}
	}
	e.cmd("ann", "lang en")

	drawn := map[string]bool{}
	for range 10 {
		q, ok := onTopics(t, e.cmd("ann", "ask pv pvc"), "pv", "pvc")
		if !ok {
			t.Fatalf("ask pv pvc drew %q", q.Title)
		}
		drawn[q.ID] = true
	}
	if len(drawn) < 2 {
		t.Errorf("ask pv pvc drew only %v", drawn)
	}
	if _, ok := onTopics(t, e.cmd("ann", "ask 存储 网络"), append(shippedBank(t).Resolve("存储"), shippedBank(t).Resolve("网络")...)...); !ok {
		t.Error("ask 存储 网络 drew off both areas")
	}
	if r := e.cmd("ann", "quiz pv pvc"); r.Outcome != quiz.OutcomeOK || quizCard(t, r) == nil {
		t.Errorf("quiz pv pvc: %s", text(r))
	}
	if got := text(e.cmd("ann", "ask pv frob")); !strings.Contains(got, `There is no topic "frob"`) {
		t.Errorf("ask pv frob:\n%s", got)
	}
}

// TestSearchMatchesLatinTermsAsWords is issue 11's item 4 in the core:
// "pv" is not in "ipvs", and pv with a Chinese word finds no kube-proxy
// question.
func TestSearchMatchesLatinTermsAsWords(t *testing.T) {
	e := newEnv(t)
	for _, typed := range []string{"search pv", "search pv 状态", "search ＰＶ"} {
		got := text(e.cmd("ann", typed))
		if strings.Contains(got, "kube-proxy") || strings.Contains(got, "ipvs") {
			t.Errorf("%s lists kube-proxy questions:\n%s", typed, got)
		}
		if !strings.Contains(got, "pv") {
			t.Errorf("%s finds no pv question:\n%s", typed, got)
		}
	}
	if got := text(e.cmd("ann", "search ipvs")); !strings.Contains(got, "kube-proxy ipvs") {
		t.Errorf("search ipvs:\n%s", got)
	}
}

// TestSearchFindsATermByItsOtherNames: the bank is in Chinese, and a term
// is found by any of the names the synonym table gives it.
func TestSearchFindsATermByItsOtherNames(t *testing.T) {
	e := newEnv(t)
	for _, typed := range []string{"search liveness", "search liveness probe", "search 存活检测", "search readiness"} {
		got := text(e.cmd("ann", typed))
		if !strings.Contains(got, "wh5dmb") && !strings.Contains(got, "就绪探针（ReadinessProbe探针）与存活探针") {
			t.Errorf("%s does not find the probes' question:\n%s", typed, got)
		}
	}
	if got := text(e.cmd("ann", "search liveness etcd")); !strings.Contains(got, `No question has all the words searched, "liveness", "etcd"`) {
		t.Errorf("every word is still required:\n%s", got)
	}
	// The nouns every answer uses, which grading leaves alone, are found in
	// either language: "container" finds the questions on 容器.
	for english, chinese := range map[string]string{"container": "容器", "cluster": "集群", "nodes": "节点"} {
		en, zh := text(e.cmd("ann", "search "+english)), text(e.cmd("ann", "search "+chinese))
		if first := func(s string) string { _, after, _ := strings.Cut(s, "\n"); return after }; first(en) != first(zh) {
			t.Errorf("search %s finds other questions than search %s:\n%s\n---\n%s", english, chinese, en, zh)
		}
	}
}

// TestATermThatIsNoTopicIsToldWhereItsQuestionsAre: "containerd" is no
// topic, but the kubelet's questions mention it; ask, quiz and interview
// say under which topics they are and how to list them, not the topics
// closest in spelling. (A probe's own name, "liveness", finds the probe
// questions: see TestTopicsAskedForComeFirst.)
func TestATermThatIsNoTopicIsToldWhereItsQuestionsAre(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ typed, topics string }{
		{"ask containerd", "kubelet"}, {"quiz containerd", "kubelet"}, {"interview containerd 2", "kubelet"}, {"ask 污点", "pod"},
	} {
		got := text(e.cmd("ann", c.typed))
		word := strings.Fields(c.typed)[1]
		for _, want := range []string{"questions mention it (topics: " + c.topics, "search " + word} {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %q:\n%s", c.typed, want, got)
			}
		}
	}
	e.cmd("bob", "lang zh")
	if got := text(e.cmd("bob", "ask containerd")); !strings.Contains(got, "道题讲到它（主题：kubelet、") {
		t.Errorf("in Chinese:\n%s", got)
	}
	if got := text(e.cmd("ann", "ask pvv")); !strings.Contains(got, "Closest topics: pv") {
		t.Errorf("a typo of a topic:\n%s", got)
	}
	for _, typed := range []string{"quiz 3", "ask x", "ask 什么"} { // in many answers, and no term, and near no topic
		if got := text(e.cmd("ann", typed)); strings.Contains(got, "(topics:") || strings.Contains(got, "Closest topics") || !strings.Contains(got, "/topics") {
			t.Errorf("%s:\n%s", typed, got)
		}
	}
}

// TestAMistypedIDIsCorrected: an ID one character off is no topic; the
// reply names the question it was surely meant for, and how to type the
// command that was typed for it (ask, or quiz in any of its names); an
// answer given to it records nothing.
func TestAMistypedIDIsCorrected(t *testing.T) {
	e := newEnv(t)
	missed := accessModes[:len(accessModes)-1]
	for typed, command := range map[string]string{
		"ask " + missed: "ask", "ask " + accessModes + "9": "ask", "card " + missed: "ask",
		"quiz " + missed: "quiz", "测验 " + missed: "quiz",
	} {
		if got := text(e.cmd("ann", typed)); !strings.Contains(got, "Did you mean "+accessModes+" (pv的访问模式有哪几种)? Type /"+command+" "+accessModes+".") {
			t.Errorf("%s:\n%s", typed, got)
		}
	}
	for _, typed := range []string{"answer " + missed + " RWO means one node reads and writes", "answer " + missed} {
		if got := text(e.cmd("ann", typed)); !strings.Contains(got, "Did you mean "+accessModes) || !strings.Contains(got, "answer "+accessModes+" <your answer>") {
			t.Errorf("%s:\n%s", typed, got)
		}
	}
	if st := e.stats("ann"); st.Typed.Answers != 0 || st.Reviews != 0 {
		t.Errorf("a mistyped ID recorded %d answers, %d reviews", st.Typed.Answers, st.Reviews)
	}
	e.cmd("bob", "lang zh")
	if got := text(e.cmd("bob", "quiz "+missed)); !strings.Contains(got, "你是不是要找 "+accessModes+"（pv的访问模式有哪几种）？输入 /测验 "+accessModes+"。") {
		t.Errorf("in Chinese:\n%s", got)
	}
}

// TestATermWhoseQuestionsHaveNoTopicGetsTheirSearch: a bank's question may
// have no topic; a term only such questions mention, near no topic in
// spelling, is told the search that lists them, never an empty list of
// topics.
func TestATermWhoseQuestionsHaveNoTopicGetsTheirSearch(t *testing.T) {
	e := newEnv(t)
	b := testkit.ParseBank(t, "# 什么是 frobnicator？\n\nfrobnicator 是一个示例。\n\n# pv的访问模式\n\n<!-- topics: pv -->\n\n- RWO\n- ROX\n")
	if q := b.Search([]string{"frobnicator"}, nil); len(q) != 1 || len(q[0].Topics) != 0 {
		t.Fatalf("the test bank's frobnicator question: %+v", q)
	}
	svc, err := quiz.New(quiz.Config{Bank: b, Store: e.store, Now: e.clock.Now, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	req := e.request("ann")
	req.Text = "ask frobnicator"
	if got := text(svc.Handle(context.Background(), req)); !strings.Contains(got, "1 question mentions it: list them with /search frobnicator") {
		t.Errorf("ask frobnicator:\n%s", got)
	}
}

// TestAnIDWithOtherWordsIsToldToComeAlone: a question's ID given with a
// topic or another ID is not told it names no question; the reply says an
// ID goes alone, in the command typed.
func TestAnIDWithOtherWordsIsToldToComeAlone(t *testing.T) {
	e := newEnv(t)
	id := shippedBank(t).Questions()[0].ID
	for _, typed := range []string{"ask " + id + " pv", "quiz pv " + id, "问 " + id + " pv"} {
		got := text(e.cmd("ann", typed))
		cmd := strings.Fields(typed)[0]
		if cmd == "问" {
			cmd = "ask"
		}
		if strings.Contains(got, "No question has the ID") || !strings.Contains(got, "give an ID alone (/"+cmd+" "+id+")") {
			t.Errorf("%s:\n%s", typed, got)
		}
	}
	if r := e.cmd("ann", "ask "+id); r.Outcome != quiz.OutcomeOK || !strings.Contains(text(r), "ID "+id) {
		t.Errorf("ask %s alone:\n%s", id, text(r))
	}
}

// TestAnotherPressedQuicklyAlternates: with every card of a topic seen,
// Another pressed again and again within a millisecond draws the card
// seen longest ago each time, not the one it has just shown.
func TestAnotherPressedQuicklyAlternates(t *testing.T) {
	e := newEnv(t)
	r := e.cmd("ann", "ask raft")
	var ids []string
	for range 5 {
		ids = append(ids, askedID(t, r))
		e.clock.Advance(200 * time.Microsecond)
		r = e.press("ann", payloadWithPrefix(t, r, "n:"))
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			t.Fatalf("raft cards drawn %v: %s twice in a row", ids, ids[i])
		}
	}
}

// TestACardDrawnAgainSaysNothingIsNewOrDue: when every question of the
// topics asked was seen and none is due, Another draws the one seen
// longest ago, and says so (and when the next is due), so that the same
// card again does not read as a mistake.
func TestACardDrawnAgainSaysNothingIsNewOrDue(t *testing.T) {
	e := newEnv(t)
	first := e.cmd("ann", "ask qos")
	if strings.Contains(text(first), "only question") {
		t.Errorf("a card never seen says it is drawn again:\n%s", text(first))
	}
	again := e.press("ann", payloadWithPrefix(t, first, "n:"))
	if !strings.Contains(text(again), "This is the only question on qos.") {
		t.Errorf("qos's one card drawn again:\n%s", text(again))
	}
	// Every etcd card graded Good: none is new or due.
	n := len(shippedBank(t).Matching(shippedBank(t).Resolve("etcd")))
	for range n {
		show := payloadWithPrefix(t, e.cmd("bob", "ask etcd"), "s:")
		shown := e.press("bob", show)
		e.press("bob", payloadWithPrefix(t, shown, "g:"+strings.Split(show, ":")[1]+":3:"))
	}
	got := text(e.cmd("bob", "ask etcd"))
	if want := fmt.Sprintf("You have seen all %d questions on etcd and none is due: this is the one you saw longest ago. The next is due in ", n); !strings.Contains(got, want) {
		t.Errorf("etcd drawn again:\n%s\nwant %q", got, want)
	}
	// One card graded Again, the others Good: an hour on, it is due; passed
	// over with Another, it comes back soon, so nothing says none is due.
	for i := range n {
		show := payloadWithPrefix(t, e.cmd("carol", "ask etcd"), "s:")
		grade := "3"
		if i == 0 {
			grade = "1"
		}
		e.press("carol", payloadWithPrefix(t, e.press("carol", show), "g:"+strings.Split(show, ":")[1]+":"+grade+":"))
	}
	e.clock.Advance(time.Hour)
	due := e.cmd("carol", "ask etcd")
	if !strings.Contains(text(due), "due for review") {
		t.Fatalf("the card graded Again is not due an hour on:\n%s", text(due))
	}
	if got := text(e.press("carol", payloadWithPrefix(t, due, "n:"))); strings.Contains(got, "none is due") {
		t.Errorf("a due card was passed over, and the next says none is due:\n%s", got)
	}
}

// TestAQuizBringsBackWhatWasMissed: of a topic's questions, those answered
// wrong come back before fresh passages of the one answered right (etcd's
// overview has many; the tester's quiz etcd kept asking it, each time
// promising points it would not give).
func TestAQuizBringsBackWhatWasMissed(t *testing.T) {
	e := newEnv(t)
	idIn := regexp.MustCompile(`ID ([a-z0-9]{6})`)
	answer := func(right bool) string {
		card := quizCard(t, e.cmd("ann", "quiz etcd"))
		choice := card.Correct
		if !right {
			choice = (card.Correct + 1) % len(card.Choices)
		}
		m := idIn.FindStringSubmatch(text(e.press("ann", quiz.AnswerPayload(card.ID, choice))))
		if m == nil {
			t.Fatal("the feedback names no question")
		}
		return m[1]
	}
	known := answer(true)
	missed := map[string]bool{answer(false): true, answer(false): true}
	if missed[known] || len(missed) != 2 {
		t.Fatalf("etcd's three questions were not drawn once each: %s right, %v missed", known, missed)
	}
	e.clock.Advance(quizRespiteForTest)
	for range 2 {
		if got := answer(false); !missed[got] {
			t.Errorf("quiz etcd drew %s, answered right, before the missed %v", got, missed)
		}
	}
}

// quizRespiteForTest is past the rest a quizzed question has.
const quizRespiteForTest = 11 * time.Minute

// TestAQuizDrawsWhatEarnsFirst: a question answered right this week earns
// nothing again until the next, so a topic's other questions come first.
func TestAQuizDrawsWhatEarnsFirst(t *testing.T) {
	e := newEnv(t)
	idIn := regexp.MustCompile(`ID ([a-z0-9]{6})`)
	answerRight := func() string {
		card := quizCard(t, e.cmd("ann", "quiz etcd"))
		return idIn.FindStringSubmatch(text(e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))))[1]
	}
	earned := answerRight()
	e.clock.Advance(quizRespiteForTest)
	seen := map[string]bool{}
	for range 2 {
		got := answerRight()
		if got == earned {
			t.Errorf("quiz etcd drew %s again, answered right this week, before the others", got)
		}
		seen[got] = true
		e.clock.Advance(quizRespiteForTest)
	}
	if len(seen) != 2 {
		t.Errorf("the other two questions were not drawn: %v", seen)
	}
}

// TestTopicsCountWhatAskReaches: topics gives each topic the number of
// questions ask draws from for it (security reaches rbac's too), which
// the note under a card drawn again names.
func TestTopicsCountWhatAskReaches(t *testing.T) {
	e := newEnv(t)
	listed := regexp.MustCompile(`security \((\d+)\)`).FindStringSubmatch(text(e.cmd("ann", "topics")))
	if listed == nil {
		t.Fatalf("topics lists no security:\n%s", text(e.cmd("ann", "topics")))
	}
	n, _ := strconv.Atoi(listed[1])
	r := e.cmd("ann", "ask security")
	for range n {
		r = e.press("ann", payloadWithPrefix(t, r, "n:"))
	}
	if want := fmt.Sprintf("You have seen all %d questions on security", n); !strings.Contains(text(r), want) {
		t.Errorf("topics says security (%d), and ask security drew:\n%s", n, text(r))
	}
}

// TestTopicsAskedForComeFirst is the quiz tester's finding 14: a probe's
// own name finds the probe questions, and of a topic's questions those
// about it come before those that only touch on it (pod的共享资源？ is
// tagged volume from one bullet).
func TestTopicsAskedForComeFirst(t *testing.T) {
	e := newEnv(t)
	for _, typed := range []string{"liveness", "存活探针", "readiness"} {
		if q, ok := onTopics(t, e.cmd("tf-probe-"+typed, "ask "+typed), "probe"); !ok {
			t.Errorf("ask %s drew %v, want a probe question", typed, q)
		}
	}

	b := shippedBank(t)
	touching := testkit.QuestionIn(t, b, "pod的共享资源？")
	if !slices.Contains(touching.Topics, "volume") {
		t.Fatal("pod的共享资源？ is no longer tagged volume: the test tests nothing")
	}
	about := regexp.MustCompile(`(?i)pv|csi|存储|持久化`)
	onStorage := func(q *bank.Question) bool {
		return about.MatchString(q.Title) && slices.ContainsFunc(q.Topics, func(tp string) bool { return slices.Contains([]string{"pv", "pvc", "csi", "volume"}, tp) })
	}
	storage := 0
	for _, q := range b.Questions() {
		if onStorage(q) {
			storage++
		}
	}
	if storage < 3 {
		t.Fatalf("%d storage questions: the test tests nothing", storage)
	}
	for u := range 3 {
		user := fmt.Sprintf("tf-storage-%d", u)
		for i := range storage {
			q, ok := onTopics(t, e.cmd(user, "ask storage"), "pv", "pvc", "csi", "volume")
			if !ok || !about.MatchString(q.Title) {
				t.Fatalf("card %d of ask storage is %q, before every question about storage was drawn", i+1, q.Title)
			}
		}
		if q, _ := onTopics(t, e.cmd(user, "ask storage")); q.ID != touching.ID {
			t.Errorf("after the questions about storage, ask storage drew %q, want %q", q.Title, touching.Title)
		}
	}

	// Each quiz is of another question (see quizRespite): the first are
	// of those about storage that have quizzes.
	g, quizzed := shippedQuizzes(t), 0
	for _, q := range b.Questions() {
		if onStorage(q) && len(g.Items(q, "pv", "pvc", "csi", "volume")) > 0 {
			quizzed++
		}
	}
	for u := range 3 {
		user := fmt.Sprintf("tf-quiz-%d", u)
		for i := range quizzed {
			card := quizCard(t, e.cmd(user, "quiz storage"))
			// Its fill-ins open with its title; its excerpts have it right.
			if strings.HasPrefix(card.Prompt, "【"+touching.Title+"】") || card.Choices[card.Correct] == touching.Title {
				t.Fatalf("quiz %d of quiz storage is on %q: %q", i+1, touching.Title, card.Prompt)
			}
		}
	}
}
