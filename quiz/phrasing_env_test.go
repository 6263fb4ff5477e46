package quiz_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestAnswerUsageExampleIsTrue: the example answer of `answer` alone
// counts the access modes its question lists (one key point each), in
// both languages.
func TestAnswerUsageExampleIsTrue(t *testing.T) {
	e := newEnv(t)
	id := regexp.MustCompile(`gzrv43`)
	q, ok := shippedBank(t).ByID("gzrv43")
	if !ok {
		t.Fatal("the example's question gzrv43 is not in the bank")
	}
	n := len(q.KeyPoints)
	counts := map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
	for _, c := range []struct{ lang, pattern string }{
		{"en", `There are (\w+) access modes`}, {"zh", `有(.)种访问模式`},
	} {
		e.cmd("u-"+c.lang, "lang "+c.lang)
		got := text(e.cmd("u-"+c.lang, "answer"))
		m := regexp.MustCompile(c.pattern).FindStringSubmatch(got)
		if !id.MatchString(got) || m == nil {
			t.Fatalf("%s: the usage has no example of gzrv43's access modes: %q", c.lang, got)
		}
		if counts[strings.ToLower(m[1])] != n {
			t.Errorf("%s: the example says %q access modes, the question lists %d: %q", c.lang, m[1], n, got)
		}
	}
}

// TestDailyOnReadsTestersTimes: the times testers typed, each a time of
// the day (help daily promises 9.30 and 9:30pm; 9.30pm is both).
func TestDailyOnReadsTestersTimes(t *testing.T) {
	e := dailyEnv(t)
	e.wantReplies("admin", "every day at ", map[string]string{
		"daily on 9.30pm":            "21:30 (Asia/Shanghai)",
		"daily on 9.30am":            "09:30 (Asia/Shanghai)",
		"daily on 9.30 pm":           "21:30 (Asia/Shanghai)",
		"daily on noon":              "12:00 (Asia/Shanghai)",
		"daily on midnight berlin":   "00:00 (Europe/Berlin)",
		"daily on at 9":              "09:00 (Asia/Shanghai)",
		"daily on berlin at 8pm":     "20:00 (Europe/Berlin)",
		"daily on 9 o'clock":         "09:00 (Asia/Shanghai)",
		"daily on 9h30":              "09:30 (Asia/Shanghai)",
		"daily on 21h":               "21:00 (Asia/Shanghai)",
		"daily on 9:30 Berlin time":  "09:30 (Europe/Berlin)",
		"daily on at 9:30 in Berlin": "09:30 (Europe/Berlin)",
		"每日一题 开启 9点 柏林 时间":           "09:00 (Europe/Berlin)",
		"每日一题 开启 中午":                 "12:00 (Asia/Shanghai)",
	})
	for _, typed := range []string{"9.30xm", "25h", "at"} {
		if got := text(e.cmd("admin", "daily on "+typed)); strings.Contains(got, "every day at") {
			t.Errorf("daily on %s: %s, want it refused", typed, got)
		}
	}
}

// TestDailyOnTimeWordsAreTimesNotUnderstood: a time said in words is told
// it is no time the bot reads, not that it is no zone.
func TestDailyOnTimeWordsAreTimesNotUnderstood(t *testing.T) {
	e := dailyEnv(t)
	e.wantReplies("admin", "", map[string]string{
		"daily on half past nine":   `"half" is not a time: use 24-hour HH:MM`,
		"daily on tomorrow 9":       `"tomorrow" is not a time: use 24-hour HH:MM`,
		"daily on 9 in the morning": `"morning" is not a time: use 24-hour HH:MM`,
		"daily on berlin tonight":   `"tonight" is not a time: use 24-hour HH:MM`,
	})
}

// TestAnOffsetWithMinutesSuggestsItsZone: no zone is named after
// UTC+5:30, but India's keeps it all year: it is India's zone, as the bot
// shows India's time (and Nepal's for +05:45); an offset a zone keeps only
// in winter (Newfoundland's -3:30) suggests it; one no zone keeps suggests
// none.
func TestAnOffsetWithMinutesSuggestsItsZone(t *testing.T) {
	e := newEnv(t)
	e.wantReplies("admin", "", map[string]string{
		"zone UTC+5:30": "counted in Asia/Kolkata", "zone utc + 5:30": "counted in Asia/Kolkata",
		"zone +05:45": "counted in Asia/Kathmandu", "daily on 9:00 GMT+0530": "every day at 09:00 (Asia/Kolkata)",
		"daily on 9:30 pm UTC+5:30": "every day at 21:30 (Asia/Kolkata)", "zone UTC-3:30": "Did you mean America/St_Johns?",
	})
	if got := text(e.cmd("admin", "zone UTC+5:15")); strings.Contains(got, "Did you mean") {
		t.Errorf("zone UTC+5:15: %s, want no zone suggested", got)
	}
	if got := text(e.cmd("admin", "zone india")); !strings.Contains(got, "Asia/Kolkata") {
		t.Errorf("zone india: %s", got)
	}
}

// TestInterviewReadsCountsAndTimesInEnglishWords: "3 questions", "three
// questions", "two minutes", "2min30s" are the count and the time, not
// topics, in any order, as 3题 and 三题 are.
func TestInterviewReadsCountsAndTimesInEnglishWords(t *testing.T) {
	e := newEnv(t)
	for typed, want := range map[string]string{
		"interview pv 3 questions":     "3 questions on pv.",
		"interview 3 questions on pv":  "3 questions on pv.",
		"interview three Questions pv": "3 questions on pv.",
		"interview pv 3 two minutes":   "3 questions on pv, 2 minutes each.",
		"interview pv 2 2min30s":       "2 questions on pv, 150 seconds each.",
		"interview pv 2 1 hour":        "2 questions on pv, 1 hour each.",
		"面试 pv 2 2分30秒":                "2 questions on pv, 150 seconds each.",
		"interview pv 4q 90 secs":      "4 questions on pv, 90 seconds each.",
	} {
		user := "u" + strings.ReplaceAll(typed, " ", "-")
		e.wantReplies(user, "Mock interview: ", map[string]string{typed: want})
		e.cmd(user, "interview stop")
	}
}

// TestAskForAKubernetesWordWithoutATopic: ingress, which no question
// names, is answered with the topics nearest it, in the user's language;
// configmap, which the volumes question names, with that question's
// topic and how to list it; kube proxy and storage class, typed in words,
// draw their topics' cards.
func TestAskForAKubernetesWordWithoutATopic(t *testing.T) {
	e := newEnv(t)
	e.cmd("zh", "lang zh")
	for _, c := range []struct{ user, typed, want string }{
		{"en", "ask ingress", `There is no topic "ingress". Closest topics: service`},
		{"zh", "提问 ingress", "没有主题「ingress」。最接近的主题：service"},
		{"zh", "提问 configmap", "没有主题「configmap」，不过有 1 道题讲到它（主题：volume）。用「/搜索 configmap」列出这些题。"},
	} {
		if got := text(e.cmd(c.user, c.typed)); !strings.Contains(got, c.want) {
			t.Errorf("%s: %s, want %s", c.typed, got, c.want)
		}
	}
	for typed, topic := range map[string]string{"ask kube proxy": "kube-proxy", "ask storage class": "pv"} {
		r := e.cmd("en", typed)
		id := askedID(t, r)
		q, _ := shippedBank(t).ByID(id)
		if !slices.ContainsFunc(shippedBank(t).Matching(shippedBank(t).Resolve(topic)), func(m *bank.Question) bool { return m == q }) {
			t.Errorf("%s drew %s (%q), not a question of %s", typed, id, text(r), topic)
		}
	}
}

// TestSearchReadsTestersQueries: Chinese and Latin written together are
// searched as their words (service类型 finds what service 类型 finds),
// Chinese terms written together too (服务类型), question words are
// left out (what is etcd is etcd); a query no question has every word of
// lists those with most of them, said so; one no question has a word of
// suggests the topics near it; all in the user's language.
func TestSearchReadsTestersQueries(t *testing.T) {
	e := newEnv(t)
	e.cmd("zh", "lang zh")
	same := func(user, a, b string) {
		t.Helper()
		ga, gb := text(e.cmd(user, a)), text(e.cmd(user, b))
		ids := regexp.MustCompile(`\b[a-z2-7]{6}\b`)
		if got, want := ids.FindAllString(ga, -1), ids.FindAllString(gb, -1); len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s finds %q, %s finds %q:\n%s", a, got, b, want, ga)
		}
	}
	same("zh", "搜索 service类型", "搜索 service 类型")
	same("zh", "搜索 pv访问模式", "搜索 pv 访问模式")
	same("zh", "搜索 pod终止", "搜索 pod 终止")
	same("zh", "搜索 etcd奇数", "搜索 etcd 奇数")
	same("zh", "搜索 服务类型", "搜索 服务 类型")
	same("en", "search what is etcd", "search etcd")
	same("zh", "搜索 什么是etcd", "搜索 etcd")
	for _, c := range []struct{ user, typed, want, id string }{
		{"zh", "搜索 service类型", "找到", "f7r2ss"},
		// The words counted are quoted, not the query: those that make a
		// question of it are not counted.
		{"en", "search how does kube-proxy work", `No question has all the words searched, "kube-proxy", "work"; these have the most of them (1 of 2)`, "nf2xhi"},
		{"en", "search difference between liveness and readiness", `all the words searched, "difference", "liveness", "readiness"; these have the most of them (2 of 3)`, "wh5dmb"},
		{"en", "search what is the difference between liveness and readiness probes", `all the words searched, "difference", "liveness", "readiness probes"; these have the most of them (2 of 3)`, "wh5dmb"},
		{"zh", "搜索 区别 liveness etcd", "没有题目包含全部关键词「区别」、「liveness」、「etcd」；以下题目包含得最多（2/3 个）", "wh5dmb"},
		// A compound is found written in two words: the init container's
		// question writes "side car".
		{"en", "search sidecar", "2qtxkp", "brsqb5"},
		{"en", "search ingress", `No question contains "ingress". Topics near it: service`, ""},
		{"zh", "搜索 ingress", "没有找到包含「ingress」的题目。相近的主题：service、", ""},
	} {
		got := text(e.cmd(c.user, c.typed))
		if !strings.Contains(got, c.want) || !strings.Contains(got, c.id) {
			t.Errorf("%s:\n%s\nwant %q and %s", c.typed, got, c.want, c.id)
		}
	}
	if got := text(e.cmd("en", "search xyzzy")); !strings.Contains(got, `No question contains "xyzzy". Try /topics.`) {
		t.Errorf("search xyzzy: %s", got)
	}
}

// TestSearchListsTheBestMatchesFirst: of the questions with every word,
// those with the words as typed in their title come first: the pending
// pod's question before pod termination's, whose title has a topic
// "pending" names (终止过程), not the word.
func TestSearchListsTheBestMatchesFirst(t *testing.T) {
	e := newEnv(t)
	got := text(e.cmd("ann", "search pending pod"))
	pending, termination := strings.Index(got, "dnvema"), strings.Index(got, "3d7yhx")
	if pending < 0 || termination < 0 || pending > termination || !strings.Contains(got, "ask dnvema") {
		t.Errorf("search pending pod, want the pending pod's question (dnvema) first:\n%s", got)
	}
}

// TestAButtonsLabelTyped: Show answer's and Submit's labels typed as
// words say where the button is (and, where typing presses buttons by
// number, that); in a mock interview, Show answer typed shows the
// question's answer, as its button does; in both languages.
func TestAButtonsLabelTyped(t *testing.T) {
	e := newEnv(t)
	e.cmd("zh", "lang zh")
	for _, c := range []struct{ user, typed, want string }{
		{"zh", "显示答案", "「显示答案」是闪卡下面的按钮"},
		{"zh", "答案。", "「显示答案」是闪卡下面的按钮"},
		{"zh", "提交", "「提交」是自查清单下面的按钮"},
		{"en", "show answer", "Show answer is a button under a flashcard"},
		{"en", "Show", "Show answer is a button under a flashcard"},
		{"en", "submit", "Submit is the button under a checklist"},
	} {
		got := text(e.cmd(c.user, c.typed))
		if !strings.Contains(got, c.want) || strings.Contains(got, "%!") || strings.Contains(got, "typing a button's number") || strings.Contains(got, "编号就是按下它") {
			t.Errorf("%s: %s, want %s", c.typed, got, c.want)
		}
	}
	req := e.request("en")
	req.Text, req.PressByNumber = "show answer", true
	if got := text(e.svc.Handle(context.Background(), req)); !strings.Contains(got, "Here, typing a button's number presses it.") {
		t.Errorf("show answer where numbers press buttons: %s", got)
	}
	r := e.cmd("iv", "interview pv 2")
	var id string
	for _, q := range shippedBank(t).Questions() {
		if strings.Contains(text(r), q.ID) {
			id = q.ID
		}
	}
	q, ok := shippedBank(t).ByID(id)
	if !ok {
		t.Fatalf("no question in the interview's reply: %s", text(r))
	}
	got := text(e.cmd("iv", "show answer"))
	if !strings.Contains(got, q.Title) || !strings.Contains(got, rich.Plain(q.Answer)[:20]) {
		t.Errorf("show answer in an interview: %s, want %s's answer", got, id)
	}
}

// TestTimesNameTheirZoneUnambiguously: CST is China's and the US
// Central's, and "+08" no name: a time shows its offset from UTC in
// Chinese, and in English where the abbreviation is ambiguous or none;
// an English reader keeps CET.
func TestTimesNameTheirZoneUnambiguously(t *testing.T) {
	e := newEnv(t)
	e.clock.Set(time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC))
	for _, c := range []struct{ lang, typed, want, not string }{
		{"zh", "时区 上海", "00:00 UTC+8", "CST"},
		{"zh", "时区 柏林", "17:00 UTC+1", "CET"},
		{"en", "zone shanghai", "00:00 UTC+8", "CST"},
		{"en", "zone singapore", "00:00 UTC+8", "+08"},
		{"en", "zone kolkata", "21:30 UTC+5:30", "IST"},
		{"en", "zone berlin", "17:00 CET", "UTC+1"},
	} {
		e.cmd("admin", "lang "+c.lang)
		if got := text(e.cmd("admin", c.typed)); !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("%s: %s, want %s, not %s", c.typed, got, c.want, c.not)
		}
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "每日一题 开启 9点 上海")); !strings.Contains(got, "09:00 UTC+8（UTC 01:00）") {
		t.Errorf("daily on in Chinese: %s", got)
	}
}

// TestChineseListsTopicsWithTheEnumerationComma: the topics' list, and
// an interview's card, list topics (IDs as typed) with 、 in Chinese, as
// other Chinese lists do, and with a comma in English.
func TestChineseListsTopicsWithTheEnumerationComma(t *testing.T) {
	e := newEnv(t)
	e.cmd("zh", "lang zh")
	if got := text(e.cmd("zh", "主题")); !regexp.MustCompile(`[a-z-]+ \(\d+\)、[a-z-]+ \(\d+\)`).MatchString(got) || strings.Contains(got, " · ") {
		t.Errorf("主题: %s", got)
	}
	if got := text(e.cmd("en", "topics")); !regexp.MustCompile(`[a-z-]+ \(\d+\), [a-z-]+ \(\d+\)`).MatchString(got) {
		t.Errorf("topics: %s", got)
	}
	// An interview on a topic whose every question has other topics too.
	b := shippedBank(t)
	topic := ""
	for _, tc := range b.TopicCounts() {
		qs := b.Matching(b.Resolve(tc.Topic))
		if len(qs) > 0 && !slices.ContainsFunc(qs, func(q *bank.Question) bool { return len(q.Topics) < 2 }) {
			topic = tc.Topic
			break
		}
	}
	if topic == "" {
		t.Fatal("no topic whose questions all have two topics or more")
	}
	got := text(e.cmd("zh", "面试 "+topic+" 2"))
	if m := regexp.MustCompile(`主题：([^·]*) ·`).FindStringSubmatch(got); m == nil || strings.Contains(m[1], ",") || !strings.Contains(m[1], "、") {
		t.Errorf("面试 %s: %s, want its topics listed with 、", topic, got)
	}
	// A quiz on it, answered, names its question's topics so too.
	card := quizCard(t, e.cmd("zh", "测验 "+topic))
	fb := text(e.press("zh", quiz.AnswerPayload(card.ID, card.Correct)))
	if m := regexp.MustCompile(`主题：([^·]*) ·`).FindStringSubmatch(fb); m == nil || strings.Contains(m[1], ",") || !strings.Contains(m[1], "、") {
		t.Errorf("a quiz on %s answered: %s, want its topics listed with 、", topic, fb)
	}
}

// wantReplies checks that each line typed by user gets a reply saying
// lead and what the line maps to.
func (e *env) wantReplies(user, lead string, want map[string]string) {
	e.t.Helper()
	for typed, w := range want {
		if got := text(e.cmd(user, typed)); !strings.Contains(got, lead+w) {
			e.t.Errorf("%s: %s, want %s%s", typed, got, lead, w)
		}
	}
}

// TestTypedTextIsQuotedAsTyped: a word that is no command, the words
// searched for and the words a command does not take are quoted back as
// the user typed them, full-width punctuation and all, though they are
// read normalised.
func TestTypedTextIsQuotedAsTyped(t *testing.T) {
	e := newEnv(t)
	e.cmd("zh", "lang zh")
	e.wantReplies("zh", "「", map[string]string{
		"删除PVC以后，Retain会保留PV；Delete会把PV一起删掉": "删除PVC以后，Retain会保留PV；Delete",
		"/k8s 我覺得：是四種":                       "我覺得：是四種」",
		"搜索 存活探针：就绪探针？":                      "存活探针：就绪探针？」",
		"搜索 ｐｏｄ，存活":                          "ｐｏｄ，存活」",
		"主题 重启策略，Always":                     "重启策略，Always」",
		"排行 本周 第一名！":                         "第一名！」",
		"主题：ｐｏｄ，存活":                          "ｐｏｄ，存活」",
	})
}
