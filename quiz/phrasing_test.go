package quiz

import (
	"strings"
	"testing"
)

// TestCommonWordsNameTheirCommands: words testers typed for a command
// run it (review and flashcards draw a card, scores and streak show
// stats, 我的成绩 too).
func TestCommonWordsNameTheirCommands(t *testing.T) {
	for word, want := range map[string]string{
		"review": "ask", "flashcard": "ask", "flashcards": "ask",
		"score": "stats", "scores": "stats", "points": "stats", "streak": "stats", "statistics": "stats", "我的成绩": "stats",
		"Statistics?": "stats",
		// A Chinese tester's words for commands whose English words ran.
		"积分": "stats", "我的积分": "stats", "成绩单": "stats", "排名": "top", "总榜": "top", "周榜": "top",
		"查找 探针": "search", "查询 探针": "search", "搜 探针": "search", "搜探针": "search", "话题": "topics", "所有主题": "topics",
		"切换语言 英文": "lang",
	} {
		if cmd, problem, _ := parseCommand(word); problem != problemNone || cmd.Name != want {
			t.Errorf("parseCommand(%q) = %q (%v), want %s", word, cmd.Name, problem, want)
		}
	}
}

// TestBoardAliasesNameTheirPeriod: 总榜 is the all-time board, 周榜 the
// week's, as top all and top week.
func TestBoardAliasesNameTheirPeriod(t *testing.T) {
	for typed, want := range map[string]bool{"总榜": false, "周榜": true, "排名": true} {
		cmd, problem, _ := parseCommand(typed)
		weekly := true
		if len(cmd.args) > 0 {
			weekly, _ = boardPeriod(cmd.args[0])
		}
		if problem != problemNone || cmd.Name != "top" || weekly != want {
			t.Errorf("parseCommand(%q) = %q %q (%v), want top, weekly %v", typed, cmd.Name, cmd.args, problem, want)
		}
	}
}

// TestSearchWordsSplitWhereScriptsMeet: Chinese written into Latin is
// two words; a hyphen or a dot is no border; question words go, unless
// they are all there is.
func TestSearchWordsSplitWhereScriptsMeet(t *testing.T) {
	for typed, want := range map[string]string{
		"service类型": "service|类型", "pod终止": "pod|终止", "类型service": "类型|service", "kube-proxy": "kube-proxy",
		"kube-proxy原理": "kube-proxy|原理", "k8s的pod": "k8s|pod", "什么是etcd": "etcd", "what is etcd": "etcd",
		"what is": "what|is", "v1.29特性": "v1.29|特性",
	} {
		if got := strings.Join(searchWords(strings.Fields(typed)), "|"); got != want {
			t.Errorf("searchWords(%q) = %q, want %q", typed, got, want)
		}
	}
	for typed, want := range map[string]string{"服务类型": "服务|类型", "探针类型": "探针|类型", "类型": "类型", "pod": "pod"} {
		if got := strings.Join(segmented([]string{typed}), "|"); got != want {
			t.Errorf("segmented(%q) = %q, want %q", typed, got, want)
		}
	}
}
