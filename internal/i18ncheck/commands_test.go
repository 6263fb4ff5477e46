package i18ncheck

import (
	"slices"
	"testing"
)

// TestCommandsAreFoundAsACatalogWritesThem reads commands as catalogs write
// them: after a prefix verb, up to a punctuation mark or English prose,
// values as wildcards, optional parts left out, alternatives apart.
func TestCommandsAreFoundAsACatalogWritesThem(t *testing.T) {
	names := []string{"daily", "每日一题", "help", "帮助", "lang", "语言", "answer", "作答", "forget", "删除记录", "跳过"}
	named := func(w string) bool { return slices.Contains(names, w) }
	for format, want := range map[string][]string{
		"输入「%s帮助」查看所有命令。":                                   {"帮助"},
		"输入 %shelp 查看所有命令":                                  {"help 查看所有命令"},
		"重新开启：%s每日一题 开启 %s":                                 {"每日一题 开启 *"},
		"要留在 %s：%sdaily on %02d:%02d %s.":                   {"daily on * *"},
		"Usage: %sanswer <id> <your answer>, e.g. answer x": {"answer * *"},
		"用法：%s每日一题 开启 [HH:MM] [城市或地区/城市] | 关闭 | 状态":         {"每日一题 开启", "每日一题 关闭", "每日一题 状态"},
		"%s删除记录 我 | 删除记录 <名字|ID>":                           {"删除记录 我", "删除记录 *"},
		"%slang zh|en":       {"lang zh", "lang en"},
		"或输入 %s跳过（记为不会）":     {"跳过"},
		"%s没有记录任何内容。%s后（%s）": nil,
		"%s%s %s": nil,
		"e.g. %[1]sdaily on 09:30 Asia/Shanghai.":   {"daily on 09:30 Asia/Shanghai"},
		"Type %stopics for all of them.":            {"topics"},
		"Type %sdaily onn 09:30 to get one.":        {"daily onn 09:30"},
		"Say `%sforgett me` or %sinterview pausee.": {"forgett me", "interview pausee"},
		"%sdaily on [city or Area/City] | off":      {"daily on", "daily off"},
		"Type %sask or %squiz.":                     {"ask", "quiz"},
	} {
		if got := Commands(format, Prefixes(named, format), EnglishProse); !slices.Equal(got, want) {
			t.Errorf("Commands(%q) = %q, want %q", format, got, want)
		}
	}
}

// TestAMisspeltCommandIsFoundByItsPrefix: a word after the prefix is a
// command even when it is no command's name; the prefix is the argument
// written before a command in either language (run into a Latin word, or
// into a name), and no other %s starts a command ("%s后公布").
func TestAMisspeltCommandIsFoundByItsPrefix(t *testing.T) {
	named := func(w string) bool { return w == "daily" || w == "每日一题" || w == "quiz" }
	for _, c := range []struct {
		zh, en string
		want   []string
	}{
		{"「%s每日一提 开启」", "%sdaily on", []string{"每日一提 开启"}},
		{"输入 %s每日一题 for all", "", []string{"每日一题 for all"}},
		{"用「%s测试 存储」练习", "Practise with %squiz storage", []string{"测试 存储"}},
		{"答案将于%s公布，「%s测验」", "The answer is out at %s; %squiz", []string{"测验"}},
		{"%s没有记录。作答：%[2]s作答 %s", "%s recorded nothing. Answer with %[2]sanswer %s", []string{"作答 *"}},
		{"「%s每日一题 开启」", "", []string{"每日一题 开启"}},
		{"%s公布。", "at %s.", nil},
	} {
		if got := Commands(c.zh, Prefixes(named, c.zh, c.en), nil); !slices.Equal(got, c.want) {
			t.Errorf("Commands(%q) by %q = %q, want %q", c.zh, c.en, got, c.want)
		}
	}
}
