package quiz

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCommand(t *testing.T) {
	cases := []struct {
		in      string
		name    string
		args    []string
		problem parseProblem
	}{
		{"ask pv", "ask", []string{"pv"}, problemNone},
		{"  /ASK   pv  ", "ask", []string{"pv"}, problemNone},
		{"提问 存储", "ask", []string{"存储"}, problemNone},
		{"top all", "top", []string{"all"}, problemNone},
		{"", "help", nil, problemNone},
		{"start", "help", nil, problemNone},
		{"frob", "", nil, problemUnknown},
		{"ask \x00", "", nil, problemUnreadable},
		{"\xff", "", nil, problemUnreadable},
		{strings.Repeat("a", MaxCommandRunes+1), "", nil, problemTooLong},
		{"ask\ttab\tseparated", "ask", []string{"tab", "separated"}, problemNone},
		{"ａｓｋ　ＰＶ", "ask", []string{"PV"}, problemNone},
		{"／ｑｕｉｚ etcd", "quiz", []string{"etcd"}, problemNone},
		{"/k8s ask pv", "ask", []string{"pv"}, problemNone}, // Slack's command, typed where it is none
		{"K8S top all", "top", []string{"all"}, problemNone},
		{"/k8s", "help", nil, problemNone},
		{"/k8s frob", "", nil, problemUnknown},
		{"复习", "ask", nil, problemNone},
		{"问pv", "ask", []string{"pv"}, problemNone}, // a Chinese name runs into its argument
		{"搜索探针 存活", "search", []string{"探针", "存活"}, problemNone},
		{"/测验ETCD", "quiz", []string{"ETCD"}, problemNone},
		{"模拟面试pv", "interview", []string{"pv"}, problemNone},
		{"每日一题status", "daily", []string{"status"}, problemNone}, // the longest name, not 每日 一题status
		{"askpv", "", nil, problemUnknown},                       // a Latin name is no prefix
		{"问", "ask", nil, problemNone},
		{"help?", "help", nil, problemNone},              // a question mark after a name
		{"成绩？", "stats", nil, problemNone},               // full-width, as Chinese is typed
		{"帮助？", "help", nil, problemNone},                // help, not help's own entry
		{"stats ?", "stats", nil, problemNone},           // a mark alone is no argument
		{"ask pv?", "ask", []string{"pv?"}, problemNone}, // an argument keeps its own (ask reads it)
		{"?", "help", nil, problemNone},
		{"answer：gzrv43 RWO", "answer", []string{"gzrv43", "RWO"}, problemNone}, // a colon after a name
		{"ask:pv", "ask", []string{"pv"}, problemNone},
		{"stats:", "stats", nil, problemNone},
		{"Q: what is a pod?", "", nil, problemUnknown}, // a one-letter alias before a colon is a label
		{"me: hello", "", nil, problemUnknown},
		{"复习一下", "ask", nil, problemNone}, // a verb's 一下 is no argument
		{"搜索一下探针", "search", []string{"探针"}, problemNone},
		{"问下pv", "ask", []string{"pv"}, problemNone},
		{"问下载", "ask", []string{"下载"}, problemNone}, // 下 of a Chinese word stays
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%.20q", c.in), func(t *testing.T) {
			cmd, problem, _ := parseCommand(c.in)
			if problem != c.problem || cmd.Name != c.name || strings.Join(cmd.args, "|") != strings.Join(c.args, "|") {
				t.Errorf("parseCommand(%q) = %+v, %v; want %s %v, %v", c.in, cmd, problem, c.name, c.args, c.problem)
			}
		})
	}
}

func TestEveryNameOfEveryCommandParses(t *testing.T) {
	for _, c := range Commands() {
		for _, word := range append([]string{c.Name}, c.Aliases...) {
			cmd, problem, _ := parseCommand(word + " x")
			args := 1
			if _, preset := c.presets[word]; preset {
				args = 2 // 周榜 x is top week x
			}
			if problem != problemNone || cmd.Name != c.Name || len(cmd.args) != args {
				t.Errorf("%q parses as %q (%v), want %s", word, cmd.Name, problem, c.Name)
			}
		}
		if c.Usage(LangZH) == "" || c.Usage(LangEN) == "" || c.Help(LangZH, "") == "" || c.Help(LangEN, "") == "" {
			t.Errorf("%s lacks a usage or help text in a language", c.Name)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for word, want := range map[string]string{
		"aks": "ask", "qiuz": "quiz", "leaderbord": "top", "serch": "search", "xyzzy": "",
		// A Chinese name of two characters, one mistyped, is suggested as
		// itself; a word one character from none is not.
		"测试": "测验", "排列": "排行", "统记": "统计", "帮忙": "帮助", "你好": "", "测": "", "hi": "",
		// Two changes make any short word another: foo is no top.
		"foo": "", "tpo": "top", "pto": "",
		// Nor are two changes close for a word of four letters (raft is
		// no rank), and a word that stops an interview is no top.
		"raft": "", "stat": "stats", "quizz": "quiz", "Stop": "", "exit": "", "每日一提": "每日一题", "搜素": "搜索",
	} {
		if got := closestCommand(word); got != want {
			t.Errorf("closestCommand(%q) = %q, want %q", word, got, want)
		}
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"ask pv", "/quiz etcd", "top week", "", "\x00", "\xff\xfe", "lang en", "search 探针 probe", strings.Repeat("x", 600)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		cmd, problem, word := parseCommand(in)
		switch problem {
		case problemNone:
			if _, ok := LookupCommand(cmd.Name); !ok {
				t.Fatalf("parsed an unknown command name %q", cmd.Name)
			}
			for _, a := range cmd.args {
				if a == "" || !utf8.ValidString(a) {
					t.Fatalf("bad argument %q", a)
				}
			}
		case problemUnknown:
			if word == "" || !strings.Contains(in, word) {
				t.Fatalf("unknown word %q not from the input", word)
			}
		case problemTooLong:
			if utf8.RuneCountInString(in) <= MaxCommandRunes {
				t.Fatalf("a short line was called too long")
			}
		}
	})
}

var payloadForm = regexp.MustCompile(`^((s:[a-z2-7]{6}|c:[a-z2-7]{6}:[a-z2-7]{6}|g:[a-z2-7]{6}:[1-4]:[a-z2-7]{6}|[tk]:[a-z2-7]{6}:[0-9a-z]+:[a-z2-7]{6})(:[^:]+)?|a:[a-z2-7]{8}:[0-9]|n:[^:]*|[wr]:[a-z2-7]{6}|o:[a-z2-7]{8}:[1-4]|i:[a-z2-7]{8}(?:[a-z2-7]{2})?:[0-9]:[wrx1-4]|[fx]:.*)$`)

func TestParseActionRoundTrips(t *testing.T) {
	for _, p := range []string{
		encodeShow("abcdef", ""), encodeChecklist("abcdef", "tok234", ""), encodeGrade("abcdef", 3, "tok234", ""),
		encodeMaskAction(actionToggle, "abcdef", 5, "tok234", ""), encodeMaskAction(actionSubmit, "abcdef", 1<<19, "tok234", ""),
		encodeShow("abcdef", "pv"), encodeChecklist("abcdef", "tok234", "存储 网络"), encodeGrade("abcdef", 3, "tok234", "pv pvc"),
		encodeMaskAction(actionToggle, "abcdef", 5, "tok234", "etcd"), encodeMaskAction(actionSubmit, "abcdef", 1<<19, "tok234", strings.Repeat("长", 13)),
		encodeAnswer("abcdefgh", 3), encodeNext("pv"), encodeNext("存储"), encodeNext(""),
		encodeWrite("abcdef"), encodeReference("abcdef"), encodeOverride("abcdefgh", 4), encodeInterview("abcdefgh", 9, opReveal), encodeInterview("abcdefgh", 0, '2'),
		encodeInterview("abcdefgh23", 4, opSkip),
		encodeForget("abcd2345"), encodeKeep("abcd2345"), "f:tg:42", "x:console",
	} {
		a, err := parseAction(p)
		if err != nil {
			t.Errorf("parseAction(%q): %v", p, err)
			continue
		}
		if got := encode(a); got != p {
			t.Errorf("%q parsed and encoded back as %q", p, got)
		}
	}
	if p := encodeNext(strings.Repeat("长", 20)); p != "n:" {
		t.Errorf("a topic too long for a payload should be dropped, got %q", p)
	}
	if p := encodeGrade("abcdef", 3, "tok234", strings.Repeat("长", 20)); p != "g:abcdef:3:tok234" {
		t.Errorf("a topic too long for a payload should be dropped, got %q", p)
	}
	for _, bad := range []string{"s:abcdef:", "g:abcdef:3:tok234:", "k:abcdef:1:tok234:a:b", "a:abcdefgh:1:pv", "c:abcdef:tok234:"} {
		if _, err := parseAction(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// encode is the payload of a parsed action.
func encode(a action) string {
	switch a.kind {
	case actionShow:
		return encodeShow(a.questionID, a.topic)
	case actionChecklist:
		return encodeChecklist(a.questionID, a.token, a.topic)
	case actionGrade:
		return encodeGrade(a.questionID, a.grade, a.token, a.topic)
	case actionToggle, actionSubmit:
		return encodeMaskAction(a.kind, a.questionID, a.mask, a.token, a.topic)
	case actionAnswer:
		return encodeAnswer(a.quizID, a.choice)
	case actionWrite:
		return encodeWrite(a.questionID)
	case actionReference:
		return encodeReference(a.questionID)
	case actionOverride:
		return encodeOverride(a.rehearsalID, a.grade)
	case actionInterview:
		return encodeInterview(a.interview.id, a.interview.step, a.interview.op)
	case actionForget, actionKeep:
		switch {
		case a.token == "": // sent before confirmations had tokens
			return string(a.kind) + ":" + a.user
		case a.kind == actionKeep:
			return encodeKeep(a.token)
		}
		return encodeForget(a.token)
	default:
		return encodeNext(a.topic)
	}
}

func FuzzParseAction(f *testing.F) {
	for _, s := range []string{"s:abcdef", "s:abcdef:pv", "g:abcdef:3:tok234:存储 网络", "t:abcdef:1z:tok234:etcd", "g:abcdef:3:tok234", "t:abcdef:1z:tok234", "k:abcdef:0:tok234", "c:abcdef:tok234", "g:abcdef:3", "a:abcdefgh:3", "n:pv", "n:", "a:abcdefgh:-1", "x", "a::", "k:abcdef:zzzzzz", "n:存储",
		"w:abcdef", "r:abcdef", "o:abcdefgh:2", "i:abcdefgh:3:w", "i:abcdefgh:03:r", "i:abcdefgh:1:5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		a, err := parseAction(p)
		if err != nil {
			return
		}
		if len(p) > MaxPayload {
			t.Fatalf("accepted a %d-byte payload", len(p))
		}
		if !payloadForm.MatchString(p) {
			t.Fatalf("accepted %q, which is not of a payload's form", p)
		}
		if got := encode(a); got != p {
			t.Fatalf("%q parsed and encoded back as %q", p, got)
		}
	})
}

// declaredMessages are the message keys the package's files declare
// (constants of type msgKey), read from the source.
func declaredMessages(t *testing.T) []msgKey {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var keys []msgKey
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, sp := range g.Specs {
				vs := sp.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "msgKey" {
					for _, v := range vs.Values {
						lit := v.(*ast.BasicLit)
						keys = append(keys, msgKey(strings.Trim(lit.Value, `"`)))
					}
				}
			}
		}
	}
	return keys
}

func TestCatalogIsCompleteInBothLanguages(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	keys := declaredMessages(t)
	if len(keys) < 100 {
		t.Fatalf("found only %d message keys in the source", len(keys))
	}
	for _, key := range keys {
		m, ok := catalog[key]
		if !ok {
			t.Errorf("message %s has no translation", key)
			continue
		}
		if m.ZH == "" || m.EN == "" {
			t.Errorf("message %s is missing a language: %+v", key, m)
		}
		if a, b := verbs.FindAllString(m.ZH, -1), verbs.FindAllString(m.EN, -1); strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("message %s: zh verbs %v, en verbs %v", key, a, b)
		}
	}
	if len(catalog) != len(keys) {
		t.Errorf("the catalog has %d messages, the source declares %d", len(catalog), len(keys))
	}
}
