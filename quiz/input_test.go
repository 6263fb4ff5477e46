package quiz_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// Typed input as a Chinese-speaking team types it: punctuation from an
// input method, full-width separators, words run together.

func TestPunctuationAroundATermIsNotPartOfIt(t *testing.T) {
	e := newEnv(t)
	for _, typed := range []string{"ask pv？", "ask pv。", "ask “pv”", "ask 「pv」", "ask \"pv\"!"} {
		r := e.cmd("alice", typed)
		if r.Outcome != quiz.OutcomeOK {
			t.Fatalf("%s: %s %s", typed, r.Outcome, text(r))
		}
		if next := payloadWithPrefix(t, r, "n:"); next != "n:pv" {
			t.Errorf("%s: the session's topic is %q, want pv", typed, next)
		}
	}
	if r := e.cmd("alice", "quiz etcd!"); r.Outcome != quiz.OutcomeOK || quizCard(t, r) == nil {
		t.Errorf("quiz etcd!: %s %s", r.Outcome, text(r))
	}
	if r := e.cmd("alice", "ask gzrv43？"); r.Outcome != quiz.OutcomeOK || askedID(t, r) != "gzrv43" {
		t.Errorf("ask gzrv43？: %s %s", r.Outcome, text(r))
	}
	if r := e.cmd("bob", "interview “pv”。 2"); r.Outcome != quiz.OutcomeOK {
		t.Errorf("interview “pv”。 2: %s %s", r.Outcome, text(r))
	}
	plain, punct := found(e.cmd("alice", "search pv")), found(e.cmd("alice", "search pv？"))
	if punct != plain {
		t.Errorf("search pv？ found\n%s\nwant as search pv:\n%s", punct, plain)
	}
}

// found is a search's reply without its title, which quotes the words
// as typed: the questions found.
func found(r quiz.Response) string {
	_, list, _ := strings.Cut(text(r), "\n")
	return list
}

func TestCommasSeparateTerms(t *testing.T) {
	e := newEnv(t)
	for typed, topic := range map[string]string{"ask pv，pvc": "n:pv pvc", "ask pv,pvc": "n:pv pvc", "ask 存储、网络": "n:存储 网络"} {
		r := e.cmd("alice", typed)
		if r.Outcome != quiz.OutcomeOK {
			t.Fatalf("%s: %s %s", typed, r.Outcome, text(r))
		}
		if next := payloadWithPrefix(t, r, "n:"); next != topic {
			t.Errorf("%s: the session's topic is %q, want %q", typed, next, topic)
		}
	}
	r := e.cmd("alice", "search pv 回收")
	if spaced := text(r); !strings.HasPrefix(spaced, `"pv 回收": `) {
		t.Fatalf("search pv 回收 found nothing: %s", spaced)
	}
	for _, typed := range []string{"search pv，回收", "search pv、回收"} {
		if got := found(e.cmd("alice", typed)); got != found(r) {
			t.Errorf("%s found\n%s\nwant as search pv 回收:\n%s", typed, got, found(r))
		}
	}
	if r := e.cmd("bob", "interview pv，pvc 2"); r.Outcome != quiz.OutcomeOK {
		t.Errorf("interview pv，pvc 2: %s %s", r.Outcome, text(r))
	}
}

// TestTopicsJoinedAsPeopleJoinThem: "pv 和 pvc", "pv and pvc", "pv/pvc",
// "pv和pvc", "#pv", "关于pv": the words and marks that join, tag or
// introduce topics are not topics themselves.
func TestTopicsJoinedAsPeopleJoinThem(t *testing.T) {
	e := newEnv(t)
	for typed, topic := range map[string]string{
		"ask pv 和 pvc": "n:pv pvc", "ask pv and pvc": "n:pv pvc", "ask pv/pvc": "n:pv pvc", "ask pv和pvc": "n:pv pvc",
		"ask 存储与网络": "n:存储 网络", "ask #pv": "n:pv", "ask pv & pvc": "n:pv pvc", "ask PV 或者 PVC": "n:pv pvc",
		"ask about pv": "n:pv", "ask 关于 pv": "n:pv", "ask 关于pv": "n:pv", "ask 有关存储": "n:存储",
	} {
		r := e.cmd("alice", typed)
		if r.Outcome != quiz.OutcomeOK {
			t.Errorf("%s: %s %s", typed, r.Outcome, text(r))
			continue
		}
		if next := payloadWithPrefix(t, r, "n:"); next != topic {
			t.Errorf("%s: the session's topic is %q, want %q", typed, next, topic)
		}
	}
	if r := e.cmd("bob", "quiz pv and etcd"); r.Outcome != quiz.OutcomeOK || quizCard(t, r) == nil {
		t.Errorf("quiz pv and etcd: %s %s", r.Outcome, text(r))
	}
	if r := e.cmd("carol", "interview pv 和 pvc 2"); !strings.HasPrefix(text(r), "🎤 Mock interview: 2 questions on pv, pvc") {
		t.Errorf("interview pv 和 pvc 2:\n%s", text(r))
	}
	// A word that only looks joined, or a joining word alone, is still
	// told it is no topic.
	for typed, word := range map[string]string{"ask 和谐": "和谐", "ask and": "and"} {
		if got := text(e.cmd("alice", typed)); !strings.Contains(got, `There is no topic "`+word+`"`) {
			t.Errorf("%s:\n%s", typed, got)
		}
	}
	if got, want := found(e.cmd("alice", "search pv and 回收")), found(e.cmd("alice", "search pv 回收")); got != want {
		t.Errorf("search pv and 回收 found\n%s\nwant as search pv 回收:\n%s", got, want)
	}
}

func TestAnIDMayBeFollowedByAColonOrComma(t *testing.T) {
	e := newEnv(t)
	const answer = "RWO 单节点读写，ROX 多节点只读，RWX 多节点读写，RWOP 单个Pod读写"
	want := text(e.cmd("alice", "answer gzrv43 "+answer))
	if !strings.Contains(want, "4/4 key points covered") {
		t.Fatalf("answer gzrv43 …: %s", want)
	}
	for i, typed := range []string{"answer gzrv43：", "answer gzrv43:", "answer gzrv43，", "answer ＧＺＲＶ４３， ", "回答 gzrv43 ：", "回答：gzrv43 ", "answer ：gzrv43 "} {
		user := string(rune('b' + i))
		if got := text(e.cmd(user, typed+answer)); got != want {
			t.Errorf("%s…:\n%s\nwant as with a space:\n%s", typed, got, want)
		}
	}
}

func TestAWordNearNoTopicGetsNoFarFetchedSuggestion(t *testing.T) {
	e := newEnv(t)
	for typed, want := range map[string]string{
		// A word no question says, one character from 节点 (污点 was, until
		// the question on Pending pods gave taints as a keyword).
		"ask 热点": `There is no topic "热点". Type /topics for all of them.`,
		"ask 3题": `There is no topic "3题". Type /topics for all of them.`,
		"ask 集群": `There is no topic "集群", but 13 questions mention it: list them with /search 集群. Type /topics for all the topics.`,
		"ask 容器": `There is no topic "容器". Closest topics: pod, network, pause. Type /topics for all of them.`,
	} {
		if got := text(e.cmd("alice", typed)); got != want {
			t.Errorf("%s:\n%s\nwant\n%s", typed, got, want)
		}
	}
	// Chinese names of topics the bank's words do not carry: 部署 is Deployment.
	for typed, topic := range map[string]string{"ask 部署": "deployment", "ask 持久卷": "pv", "ask 副本集": "replicaset", "ask 守护进程": "daemonset"} {
		if r := e.cmd("alice", typed); r.Outcome != quiz.OutcomeOK || !strings.Contains(text(r), topic) {
			t.Errorf("%s is no %s card: %s", typed, topic, text(r))
		}
	}
}

func TestSearchReadsTopicAliasesAsAskDoes(t *testing.T) {
	e := newEnv(t)
	if r := e.cmd("alice", "ask 无头服务"); r.Outcome != quiz.OutcomeOK {
		t.Fatalf("ask 无头服务: %s", text(r))
	}
	if got := text(e.cmd("alice", "search 无头服务")); !strings.Contains(got, "pol5ie") {
		t.Errorf("search 无头服务 does not find the headless service question:\n%s", got)
	}
	if got := text(e.cmd("alice", "search 存储 回收")); !strings.Contains(got, "547ifb") {
		t.Errorf("search 存储 回收 does not find pv's reclaim policies:\n%s", got)
	}
}

func TestForgetTakesANameWithTheAtSignOfAMention(t *testing.T) {
	e := newEnv(t)
	card := quizCard(t, e.cmd("李娜", "quiz"))
	e.press("李娜", quiz.AnswerPayload(card.ID, card.Correct))
	for _, typed := range []string{"forget 李娜", "forget @李娜", "forget ＠李娜"} {
		r := e.cmd("admin", typed)
		if r.Outcome != quiz.OutcomeOK || e.forgetsWhom(r) != "test:李娜" {
			t.Errorf("%s: %s %s", typed, r.Outcome, text(r))
		}
	}
	for _, name := range []string{"小王①", "Ｂｏｂ"} {
		card := quizCard(t, e.cmd(name, "quiz"))
		e.press(name, quiz.AnswerPayload(card.ID, card.Correct))
		if r := e.cmd("admin", "forget "+name); r.Outcome != quiz.OutcomeOK || e.forgetsWhom(r) != "test:"+name {
			t.Errorf("forget %s, a name as typed in another width: %s %s", name, r.Outcome, text(r))
		}
	}
	usage := text(e.cmd("admin", "forget"))
	for _, typed := range []string{"forget @", "forget ＠"} {
		if got := text(e.cmd("admin", typed)); got != usage {
			t.Errorf("%s names nobody:\n%s\nwant the usage:\n%s", typed, got, usage)
		}
	}
}

func TestChineseCommandNames(t *testing.T) {
	e := newEnv(t)
	if r := e.cmd("alice", "复习"); r.Outcome != quiz.OutcomeOK || !strings.HasPrefix(text(r), "📝 ") {
		t.Errorf("复习 (the word of every review reply) is no flashcard: %s %s", r.Outcome, text(r))
	}
	if r := e.cmd("alice", "问pv"); r.Outcome != quiz.OutcomeOK || payloadWithPrefix(t, r, "n:") != "n:pv" {
		t.Errorf("问pv: %s %s", r.Outcome, text(r))
	}
	if got, want := text(e.cmd("alice", "搜索探针")), text(e.cmd("alice", "搜索 探针")); got != want {
		t.Errorf("搜索探针:\n%s\nwant as 搜索 探针:\n%s", got, want)
	}
	// What a glued name's command takes gets that command's own reply.
	for typed, want := range map[string]string{
		"回答gzrv4 有三种访问模式": "Did you mean gzrv43",
		"回答gzrv43":        "Your answer is empty",
		"每日一题status":      "daily question",
		"帮助daily":         "daily",
	} {
		if got := text(e.cmd("dave", typed)); !strings.Contains(got, want) || strings.Contains(got, "I don't know the command") {
			t.Errorf("%s:\n%s\nwant %q", typed, got, want)
		}
	}
	req := e.request("dave")
	req.Text, req.Shared = "面试pv", true
	if got := text(e.svc.Handle(context.Background(), req)); !strings.Contains(got, "private chat") {
		t.Errorf("面试pv in a channel:\n%s", got)
	}
	want := text(e.cmd("bob", "answer gzrv43 RWO 单节点读写"))
	if got := text(e.cmd("carol", "作答gzrv43：RWO 单节点读写")); got != want || !strings.Contains(got, "key points covered") {
		t.Errorf("作答gzrv43：…:\n%s\nwant as answer gzrv43 …:\n%s", got, want)
	}
	for _, colon := range []string{"：", "﹕", "︓"} { // full-width, small, vertical
		if got := text(e.cmd("frank", "answer"+colon+"gzrv43 RWO 单节点读写")); got != want {
			t.Errorf("answer%sgzrv43 …:\n%s\nwant as answer gzrv43 …:\n%s", colon, got, want)
		}
	}
}

// TestAnInterviewCountMayHaveItsUnit: a count or a time is typed with its
// unit or without, in digits or in Chinese numerals (三题, 十分钟).
func TestAnInterviewCountMayHaveItsUnit(t *testing.T) {
	e := newEnv(t)
	for i, c := range []struct{ typed, want string }{
		{"interview 3题", "Mock interview: 3 questions"},
		{"interview pv 2 道题", "Mock interview: 2 questions on pv"},
		{"面试 存储 3道", "Mock interview: 3 questions on 存储"},
		{"面试 存储 三题", "Mock interview: 3 questions on 存储"},
		{"面试 pv 两道题 十分钟", "Mock interview: 2 questions on pv, 10 minutes each"},
		{"面试 十五分钟 pv 四 题", "Mock interview: 4 questions on pv, 15 minutes each"},
		{"面试 pv 3个问题 三十秒", "Mock interview: 3 questions on pv, 30 seconds each"},
	} {
		user := string(rune('a' + i))
		if got := text(e.cmd(user, c.typed)); !strings.HasPrefix(got, "🎤 "+c.want) {
			t.Errorf("%s:\n%s\nwant %q", c.typed, got, c.want)
		}
	}
	// A word that merely starts with a numeral is no number.
	for _, typed := range []string{"面试 三层网络", "面试 pv 一百题"} {
		if got := text(e.cmd("zed", typed)); strings.HasPrefix(got, "🎤") {
			t.Errorf("%s started an interview:\n%s", typed, got)
		}
	}
}

// TestASentenceThatStartsWithAChineseNameIsNoCommand: a Chinese name runs
// into its argument (问pv), but a sentence that merely starts with one
// (问题在于……, 每日一题好难) is a word the bot does not know — in
// an interview, the hint on how to answer with it — not a command's
// complaint.
func TestASentenceThatStartsWithAChineseNameIsNoCommand(t *testing.T) {
	e := newEnv(t)
	asked(t, e.cmd("alice", "interview pv 2"))
	r := e.cmd("alice", "问题在于 PV 没有绑定 PVC")
	if r.Outcome != quiz.OutcomeInvalid || text(r) != "You are in a mock interview (question 1 of 2): to answer, start with answer, e.g. /answer 问题在于 PV 没有绑定 PVC — or stop with /interview stop." {
		t.Errorf("a sentence in an interview:\n%s", text(r))
	}
	if st := e.stats("alice"); st.Reviews != 0 {
		t.Errorf("a sentence was recorded as an answer: %d reviews", st.Reviews)
	}
	// In an interview, 回答 run into words, or followed by a colon, is the
	// answer to the question asked, as 回答 with a space is.
	r = e.cmd("alice", "回答我觉得PV有三种访问模式")
	if strings.Contains(text(r), "I don't know the command") || !strings.Contains(text(r), "Question 1/2: 0/4 key points") || !strings.Contains(text(r), "🎤 2/2") {
		t.Errorf("回答 run into an answer, in an interview:\n%s", text(r))
	}
	r = e.cmd("alice", "回答：我觉得是RWO 单节点读写")
	if strings.Contains(text(r), "I don't know the command") || !strings.Contains(text(r), "Question 2/2") || !strings.Contains(text(r), "Interview report") {
		t.Errorf("回答：an answer, in an interview:\n%s", text(r))
	}
	if got := text(e.cmd("alice", "interview pv 1")); !strings.Contains(got, "🎤") {
		t.Fatalf("interview pv 1: %s", got)
	}
	for _, typed := range []string{"answer", "answer   ", "回答 ", "answer ："} {
		if got := text(e.cmd("alice", typed)); !strings.Contains(got, "Answer in your own words: press Answer it, or type /answer <your answer>.") {
			t.Errorf("%q in an interview:\n%s\nwant the interview's way to answer", typed, got)
		}
	}
	for typed, want := range map[string]string{
		"answer ：": "Usage",
		"问pvv":     "pv",
		"问gzrv4":   "gzrv43",
		"面试stop":   "interview",
	} {
		if got := text(e.cmd("erin", typed)); strings.Contains(got, "I don't know the command") || !strings.Contains(got, want) {
			t.Errorf("%s:\n%s\nwant the command's own reply, with %q", typed, got, want)
		}
	}
	for _, line := range []string{"每日一题好难", "每日打卡", "回答得不错", "问答"} {
		word, _, _ := strings.Cut(line, " ")
		if got := text(e.cmd("bob", line)); !strings.HasPrefix(got, `I don't know the command "`+word+`"`) {
			t.Errorf("%s:\n%s", line, got)
		}
	}
	// A sentence that asks something is searched for, not run either.
	for _, line := range []string{"面试官问我什么是pv", "主题有哪些"} {
		if got := text(e.cmd("bob", line)); !strings.HasPrefix(got, "That reads like a question") {
			t.Errorf("%s:\n%s", line, got)
		}
	}
}

// TestCommandsAsPeopleTypeThem: a question mark after a command, help me,
// daily's words in Chinese and the language's everyday names run what
// they say, as their plain forms do.
func TestCommandsAsPeopleTypeThem(t *testing.T) {
	e := newEnv(t)
	e.cmd("admin", "lang en")
	same := map[string]string{
		"help?": "help", "help me": "help", "帮助我": "help", "帮助？": "help", "stats?": "stats", "top?": "top",
		"每日一题 状态": "daily status", "每日一题状态": "daily status",
		"help quiz?": "help quiz", "help me with quiz": "help quiz",
	}
	for typed, plain := range same {
		want := text(e.cmd("admin", plain))
		if got := text(e.cmd("admin", typed)); got != want {
			t.Errorf("%s:\n%s\nwant as %s:\n%s", typed, got, plain, want)
		}
	}
	if got := text(e.cmd("admin", "每日一题 开启 09:00")); !strings.Contains(got, "every day at 09:00") {
		t.Errorf("每日一题 开启 09:00: %s", got)
	}
	if got := text(e.cmd("admin", "每日一题 关闭")); !strings.Contains(got, "off") {
		t.Errorf("每日一题 关闭: %s", got)
	}
	if r := e.cmd("bob", "复习一下"); r.Outcome != quiz.OutcomeOK || !strings.HasPrefix(text(r), "📝 ") {
		t.Errorf("复习一下 is no flashcard: %s %s", r.Outcome, text(r))
	}
	if got := text(e.cmd("bob", "搜索一下探针")); !strings.Contains(got, "探针") || strings.Contains(got, "一下") {
		t.Errorf("搜索一下探针 does not search for 探针:\n%s", got)
	}
	for _, typed := range []string{"lang cn", "lang 简体中文"} {
		if got := text(e.cmd("bob", typed)); !strings.Contains(got, "中文") {
			t.Errorf("%s: %s", typed, got)
		}
	}
}

// TestAnAnswerToAnotherQuestionIsToldSo: an answer in words about another
// question's subjects covers none of this one's points and says why.
func TestAnAnswerToAnotherQuestionIsToldSo(t *testing.T) {
	e := newEnv(t)
	got := text(e.cmd("bob", "answer rc2ds6 Retain keeps the PV after the PVC is deleted for manual reclaim; Delete removes the volume with the PVC; Recycle wipes it with rm -rf and is deprecated"))
	if !strings.Contains(got, "0/4 key points covered") || !strings.Contains(got, "about another question's subjects more than this one's") {
		t.Errorf("the reclaim policies for PV's phases:\n%s", got)
	}
}

// TestTraditionalCharactersWork: a learner on a traditional keyboard
// (Taiwan, Hong Kong) asks for topics, searches and answers in words as
// one on a simplified one does.
func TestTraditionalCharactersWork(t *testing.T) {
	e := newEnv(t)
	if got := text(e.cmd("ann", "面試 存儲 兩題")); !strings.HasPrefix(got, "🎤 Mock interview: 2 questions on 存储") {
		t.Errorf("面試 存儲 兩題:\n%s", got)
	}
	for _, typed := range []string{"quiz 網絡", "ask 調度", "ask 儲存"} {
		if r := e.cmd("bob", typed); r.Outcome != quiz.OutcomeOK {
			t.Errorf("%s: %s", typed, text(r))
		}
	}
	if got, want := found(e.cmd("bob", "search 節點")), found(e.cmd("bob", "search 节点")); got != want {
		t.Errorf("search 節點:\n%s\nwant as search 节点:\n%s", got, want)
	}
	simp := text(e.cmd("carol", "answer eg5jaa 三种策略：Always 总是重启（默认）、OnFailure 异常退出时重启、Never 从不重启"))
	trad := text(e.cmd("dave", "answer eg5jaa 三種策略：Always 總是重啟（默認）、OnFailure 異常退出時重啟、Never 從不重啟"))
	if !strings.Contains(simp, "3/3") || !strings.Contains(trad, "3/3") {
		t.Errorf("the same answer in traditional characters is graded otherwise:\n%s\n---\n%s", simp, trad)
	}
}
