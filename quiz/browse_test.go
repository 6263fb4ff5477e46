package quiz_test

import (
	"regexp"
	"strings"
	"testing"
)

// helpListWords are the words the help list shows as they are typed, in
// the user's language: on each line before its " — ", the words of the
// usage without the prefix, the optional parts and the values to give
// (interview … | skip | stop: interview, skip, stop).
func helpListWords(t *testing.T, list string) []string {
	t.Helper()
	optional := regexp.MustCompile(`\[[^\]]*\]|<[^>]*>`)
	var words []string
	for _, line := range strings.Split(list, "\n") {
		usage, _, ok := strings.Cut(line, " — ")
		if !ok {
			continue
		}
		for _, w := range strings.FieldsFunc(optional.ReplaceAllString(usage, " "), func(r rune) bool { return r == '|' || r == ' ' }) {
			words = append(words, strings.TrimPrefix(w, "/"))
		}
	}
	if len(words) < 20 {
		t.Fatalf("the help list shows only %q:\n%s", words, list)
	}
	return words
}

// TestEveryWordOfTheHelpListGivesHelp: each word the help list shows
// (a command's name, a word of its forms: stop, reveal, 揭晓, export), and
// the words that skip an interview's question or draw the next (next,
// another, 换一题), typed after help in either language, gives help on
// it, never "there is no command".
func TestEveryWordOfTheHelpListGivesHelp(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		user, lang, help, none string
		skipWords              []string
	}{
		{"ann", "en", "help", "There is no command", []string{"skip", "pass", "next", "another"}},
		{"li", "zh", "帮助", "这个命令", []string{"跳过", "不会", "下一题", "换一题"}},
	} {
		e.cmd(c.user, "lang "+c.lang)
		words := append(helpListWords(t, text(e.cmd(c.user, c.help))), c.skipWords...)
		for _, w := range words {
			if got := text(e.cmd(c.user, c.help+" "+w)); strings.Contains(got, c.none) {
				t.Errorf("%s %s: %q", c.help, w, got)
			}
		}
	}
}

// TestHelpOnAWordOfACommandShowsItsEntry: help on a word of a command's
// forms shows that command's entry; on a word that skips an interview's
// question, also what it does after a card or a quiz (draws another; a
// word saying one does not know shows a card's answer), naming the word; on a word that ends an interview or reveals the daily's
// answer, what it does, naming it; on export, its Chinese words too.
func TestHelpOnAWordOfACommandShowsItsEntry(t *testing.T) {
	e := newEnv(t)
	for typed, want := range map[string][]string{
		"help stop": {"/interview [topic…] [n] [time] | skip | stop — ", "Also typed as: mock, 面试, 模拟面试",
			`"stop" typed alone ends the mock interview in progress and shows its report; so does /interview stop.`},
		"help QUIT": {"/interview [topic…]", `"quit" typed alone ends the mock interview in progress`},
		"help reveal": {"/daily on [HH:MM] [city or Area/City] | off | status | now | reveal — ",
			"With /daily reveal, an admin shows the answer of the latest daily question here now, before its time."},
		"help 公布答案":         {"/daily on [HH:MM]", "With /daily reveal, an admin shows the answer of the latest daily question here now"},
		"help next":         {"/interview [topic…]", `"next" typed alone skips the question of a mock interview; after a flashcard or a quiz it draws another of its topic, as the Another button does.`},
		"help Another":      {`"another" typed alone skips the question of a mock interview; after a flashcard or a quiz it draws another of its topic`},
		"help pass":         {`"pass" typed alone skips the question of a mock interview, recorded as not known; after a flashcard or a quiz it draws another of its topic, as the Another button does.`},
		"help skip":         {`"skip" typed alone skips the question of a mock interview, recorded as not known; after a flashcard or a quiz it draws another`},
		"help I don't know": {`"i don't know" typed alone skips the question of a mock interview, recorded as not known; after a flashcard it shows the answer, as the Show answer button does, for you to grade`},
		"help export":       {"/export | /import — ", "Also typed as: 导出, 导入"},
	} {
		got := text(e.cmd("ann", typed))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s:\n%s\nwant %q", typed, got, w)
			}
		}
	}
	e.cmd("li", "lang zh")
	for typed, want := range map[string][]string{
		"帮助 结束": {"/面试 [主题…] [题数] [每题时限] | 跳过 | 结束 — ", "单独输入「结束」会结束进行中的模拟面试并给出报告，和「/面试 结束」一样。"},
		"帮助 揭晓": {"/每日一题 开启 [HH:MM] [城市或地区/城市] | 关闭 | 状态 | 现在 | 揭晓 — ",
			"「/每日一题 揭晓」会立即公布这里最近一道每日一题的答案，不等到公布时间（仅限管理员）。"},
		"帮助 换一题": {"在模拟面试中单独输入「换一题」会跳过当前题；在闪卡或测验之后输入，会再抽一道同一主题的闪卡或测验，和「换一题」按钮一样。"},
		"帮助 跳过":  {"在模拟面试中单独输入「跳过」会跳过当前题，记为不会；在闪卡或测验之后输入，会再抽一道同一主题的闪卡或测验"},
		"帮助 不会":  {"在模拟面试中单独输入「不会」会跳过当前题，记为不会；在闪卡之后输入，会显示答案（和「显示答案」按钮一样）"},
		"帮助 导出":  {"/导出 | /导入 — ", "也可以输入：export、import"},
	} {
		got := text(e.cmd("li", typed))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s:\n%s\nwant %q", typed, got, w)
			}
		}
	}
}
