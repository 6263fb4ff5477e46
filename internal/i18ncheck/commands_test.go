package i18ncheck

import (
	"slices"
	"testing"
)

// TestCommandsAreFoundAsACatalogWritesThem reads commands as catalogs write
// them: after a prefix verb, up to a punctuation mark, values as
// wildcards, optional parts left out, alternatives apart.
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
		"e.g. %[1]sdaily on 09:30 Asia/Shanghai.": {"daily on 09:30 Asia/Shanghai"},
	} {
		if got := Commands(format, named); !slices.Equal(got, want) {
			t.Errorf("Commands(%q) = %q, want %q", format, got, want)
		}
	}
}
