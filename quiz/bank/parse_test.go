package bank_test

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

func parseOne(t *testing.T, src string) *bank.Question {
	t.Helper()
	qs, err := bank.Parse("test.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(qs) != 1 {
		t.Fatalf("Parse gave %d questions, want 1: %q", len(qs), titles(qs))
	}
	return qs[0]
}

// TestAnEmptyBulletIsNoKeyPoint: "- 控制循环：" with nothing after it is a
// heading its author left empty, not a point to check.
func TestAnEmptyBulletIsNoKeyPoint(t *testing.T) {
	q := parseOne(t, "# q\n\n- 控制循环：\n- Informers：Controller 通过 Informer 读取缓存\n- Scheduler：监听并调度\n")
	for _, k := range q.KeyPoints {
		if k.Label == "控制循环" {
			t.Errorf("the empty bullet is a key point: %+v", k)
		}
	}
	if len(q.KeyPoints) != 2 {
		t.Errorf("%d key points, want the 2 that say something: %+v", len(q.KeyPoints), q.KeyPoints)
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantTitle string
		wantPlain string
	}{
		{
			name:      "emphasis and inline code keep their words",
			src:       "# **Bold** and `code` title\n\nuse **kubectl** and `kubectl get pods`\n",
			wantTitle: "Bold and code title",
			wantPlain: "use kubectl and kubectl get pods",
		},
		{
			name:      "backslash escapes give the character itself",
			src:       "# a \\# b\n\n1\\) \\*not emphasis\\* \\<servicename\\> \\[not a link\\] \\_x\\_ \\`y\\` \\a \\\\\n",
			wantTitle: "a # b",
			wantPlain: "1) *not emphasis* <servicename> [not a link] _x_ `y` \\a \\",
		},
		{
			name:      "entity and numeric references are resolved",
			src:       "# A &amp; B\n\n&lt;pod-ip&gt; &#65;&#x42; &copy;\n",
			wantTitle: "A & B",
			wantPlain: "<pod-ip> AB ©",
		},
		{
			name:      "an unknown entity name stays literal",
			src:       "# q\n\n&notanentity; &amp x &ampx; &#; &#x; &semi;\n",
			wantTitle: "q",
			wantPlain: "&notanentity; &amp x &ampx; &#; &#x; ;",
		},
		{
			name:      "inline code is verbatim: no escapes or entities inside it",
			src:       "# q\n\n`a\\*b &amp; c`\n",
			wantTitle: "q",
			wantPlain: "a\\*b &amp; c",
		},
		{
			name:      "a code span across a line end reads as one line",
			src:       "# q\n\nrun `kubectl get\npods` now\n",
			wantTitle: "q",
			wantPlain: "run kubectl get pods now",
		},
		{
			name:      "inline raw HTML stays literal text",
			src:       "# <b>title</b>\n\n格式为<servicename>.<namespace>.svc.<clusterdomain>，默认 cluster.local\n",
			wantTitle: "<b>title</b>",
			wantPlain: "格式为<servicename>.<namespace>.svc.<clusterdomain>，默认 cluster.local",
		},
		{
			name:      "a block of raw HTML stays literal text",
			src:       "# q\n\n<clusterdomain>\n\n<table><tr><td>cell</td></tr></table>\n",
			wantTitle: "q",
			wantPlain: "<clusterdomain>\n<table><tr><td>cell</td></tr></table>",
		},
		{
			name:      "an HTML comment is not answer text",
			src:       "# q\n\nbefore\n\n<!-- a note for editors -->\n\nafter\n",
			wantTitle: "q",
			wantPlain: "before\nafter",
		},
		{
			name:      "a link keeps its text",
			src:       "# q\n\nsee [the docs](https://kubernetes.io/docs) and <https://k8s.io>\n",
			wantTitle: "q",
			wantPlain: "see the docs and https://k8s.io",
		},
		{
			name:      "a soft line break is kept as a line end",
			src:       "# q\n\nline one\nline two\n",
			wantTitle: "q",
			wantPlain: "line one\nline two",
		},
		{
			name:      "a heading of a lower level is answer text",
			src:       "# q\n\n## part one\n\ntext\n",
			wantTitle: "q",
			wantPlain: "part one\ntext",
		},
		{
			name:      "a thematic break is not answer text",
			src:       "# q\n\nabove\n\n---\n\nbelow\n",
			wantTitle: "q",
			wantPlain: "above\nbelow",
		},
		{
			name:      "a closing sequence of hashes is not part of the title",
			src:       "# pod 是什么 ##\n\nx\n",
			wantTitle: "pod 是什么",
			wantPlain: "x",
		},
		{
			name:      "a heading inside a block quote is not a question",
			src:       "# q\n\n> # not a question\n> text\n",
			wantTitle: "q",
			wantPlain: "not a question\ntext",
		},
		{
			name:      "a hash line inside fenced code is not a question",
			src:       "# q\n\n```bash\n# a shell comment\nkubectl get pods\n```\n",
			wantTitle: "q",
			wantPlain: "# a shell comment\nkubectl get pods",
		},
		{
			name:      "invalid UTF-8 and NUL bytes read as U+FFFD",
			src:       "# bad\xff title\n\nnul\x00 byte \xc3\x28 and `code\x00`\n",
			wantTitle: "bad\uFFFD title",
			wantPlain: "nul\uFFFD byte \uFFFD( and code\uFFFD",
		},
		{
			name:      "CRLF line ends read like LF ones",
			src:       "# q\r\n\r\nline one\r\nline two\r\n\r\n```sh\r\nkubectl get pods\r\nkubectl get svc\r\n```\r\n",
			wantTitle: "q",
			wantPlain: "line one\nline two\nkubectl get pods\nkubectl get svc",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := parseOne(t, tt.src)
			if q.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", q.Title, tt.wantTitle)
			}
			if got := rich.Plain(q.Answer); got != tt.wantPlain {
				t.Errorf("answer = %q, want %q", got, tt.wantPlain)
			}
		})
	}
}

func TestParseStructure(t *testing.T) {
	t.Run("a fenced code block keeps its language and text verbatim", func(t *testing.T) {
		q := parseOne(t, "# q\n\n```yaml\napiVersion: v1\n  kind: Pod\n\n# end\n```\n")
		if len(q.Answer) != 1 {
			t.Fatalf("answer = %#v", q.Answer)
		}
		if c := q.Answer[0]; c.Kind != rich.Code || c.Lang != "yaml" || c.Text != "apiVersion: v1\n  kind: Pod\n\n# end" {
			t.Errorf("code = %#v", c)
		}
	})

	t.Run("an indented code block is code without a language", func(t *testing.T) {
		q := parseOne(t, "# q\n\ntext\n\n    kubectl get pods\n    kubectl get svc\n")
		c, ok := findBlock(q.Answer, func(b rich.Block) bool { return b.Kind == rich.Code })
		if !ok || c.Lang != "" || c.Text != "kubectl get pods\nkubectl get svc" {
			t.Errorf("code = %#v (found %v)", c, ok)
		}
	})

	t.Run("an unclosed fence runs to the end of the question", func(t *testing.T) {
		qs, err := bank.Parse("test.md", []byte("# q\n\n```go\nfunc main() {}\n\n# still code\n"))
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != 1 || qs[0].Answer[0].Kind != rich.Code || !strings.Contains(qs[0].Answer[0].Text, "# still code") {
			t.Errorf("questions = %q, answer = %#v", titles(qs), qs[0].Answer)
		}
	})

	t.Run("a numbered list is ordered and keeps its first number", func(t *testing.T) {
		q := parseOne(t, "# q\n\n3. three\n4. four\n")
		if l := q.Answer[0]; l.Kind != rich.List || !l.Ordered || l.Start != 3 || len(l.Items) != 2 {
			t.Errorf("list = %#v", l)
		}
	})

	t.Run("nested lists and quotes keep their nesting", func(t *testing.T) {
		q := parseOne(t, "# q\n\n- outer\n  - inner\n    > quoted\n- second\n")
		outer := q.Answer[0]
		if outer.Kind != rich.List || len(outer.Items) != 2 {
			t.Fatalf("outer = %#v", outer)
		}
		inner, ok := findBlock(outer.Items[0], func(b rich.Block) bool { return b.Kind == rich.List })
		if !ok || len(inner.Items) != 1 {
			t.Fatalf("inner = %#v", inner)
		}
		quote, ok := findBlock(inner.Items[0], func(b rich.Block) bool { return b.Kind == rich.Quote })
		if !ok || rich.Plain(quote.Children) != "quoted" {
			t.Errorf("quote = %#v", quote)
		}
	})

	t.Run("bold, italic and code spans carry their styles", func(t *testing.T) {
		q := parseOne(t, "# q\n\n**b** *i* `c` ***bi***\n")
		want := map[string]rich.Style{"b": rich.Bold, "i": rich.Italic, "c": rich.InlineCode, "bi": rich.Bold | rich.Italic}
		for _, s := range q.Answer[0].Spans {
			if w, ok := want[s.Text]; ok {
				if s.Style != w {
					t.Errorf("span %q has style %b, want %b", s.Text, s.Style, w)
				}
				delete(want, s.Text)
			}
		}
		if len(want) != 0 {
			t.Errorf("no spans for %v in %#v", want, q.Answer[0].Spans)
		}
	})

	t.Run("a link span carries its URL", func(t *testing.T) {
		q := parseOne(t, "# q\n\n[docs](https://kubernetes.io)\n")
		if s := q.Answer[0].Spans; len(s) != 1 || s[0].Text != "docs" || s[0].URL != "https://kubernetes.io" {
			t.Errorf("spans = %#v", s)
		}
	})

	t.Run("a doctoc table of contents anywhere is skipped", func(t *testing.T) {
		src := "# A\n\nanswer A\n\n<!-- START doctoc generated TOC -->\n**Table of Contents**\n\n- [A](#a)\n- [B](#b)\n\n<!-- END doctoc generated TOC -->\n\nmore A\n\n# B\n\nanswer B\n"
		qs, err := bank.Parse("test.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != 2 {
			t.Fatalf("questions = %q", titles(qs))
		}
		if got := rich.Plain(qs[0].Answer); got != "answer A\nmore A" {
			t.Errorf("answer A = %q", got)
		}
	})

	t.Run("a START doctoc marker with no END skips nothing", func(t *testing.T) {
		q := parseOne(t, "# A\n\n<!-- START doctoc -->\n\nstill the answer\n")
		if got := rich.Plain(q.Answer); got != "still the answer" {
			t.Errorf("answer = %q", got)
		}
	})

	t.Run("text before the first question is not a question", func(t *testing.T) {
		qs, err := bank.Parse("test.md", []byte("Kubernetes 面试题\n\n- intro\n\n# first\n\nanswer\n"))
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != 1 || qs[0].Title != "first" || rich.Plain(qs[0].Answer) != "answer" {
			t.Errorf("questions = %q", titles(qs))
		}
	})

	t.Run("questions keep the order and lines of the file", func(t *testing.T) {
		qs, err := bank.Parse("dir/x.md", []byte("intro\n\n# one\n\na\n\n\n# two\nb\n# three\n\nc"))
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			title string
			line  int
		}{{"one", 3}, {"two", 8}, {"three", 10}}
		if len(qs) != len(want) {
			t.Fatalf("questions = %q", titles(qs))
		}
		for i, w := range want {
			if qs[i].Title != w.title || qs[i].Line != w.line || qs[i].Source != "dir/x.md" {
				t.Errorf("question %d = %q at %s:%d, want %q at dir/x.md:%d", i, qs[i].Title, qs[i].Source, qs[i].Line, w.title, w.line)
			}
		}
	})
}

func TestRefusedBanks(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantLine int
		wantMsg  []string
	}{
		{
			name:     "a question with no answer before the next question",
			src:      "# first\n\nanswer\n\n# second\n\n# third\n\nanswer\n",
			wantLine: 5,
			wantMsg:  []string{"second", "empty answer"},
		},
		{
			name:     "a last question with no answer",
			src:      "# first\n\nanswer\n\n# last\n\n",
			wantLine: 5,
			wantMsg:  []string{"last", "empty answer"},
		},
		{
			name:     "an answer that is only an HTML comment",
			src:      "# first\n\n<!-- TODO -->\n",
			wantLine: 1,
			wantMsg:  []string{"first", "empty answer"},
		},
		{
			name:     "an answer that is only white space in a code block",
			src:      "# first\n\n```\n   \n```\n",
			wantLine: 1,
			wantMsg:  []string{"empty answer"},
		},
		{
			name:     "a heading with no text",
			src:      "# first\n\nanswer\n\n#\n\nanswer\n",
			wantLine: 5,
			wantMsg:  []string{"no text"},
		},
		{
			name:     "a heading of only spaces",
			src:      "# first\n\nanswer\n\n\n#    \n\nanswer\n",
			wantLine: 6,
			wantMsg:  []string{"no text"},
		},
		{
			name:     "a heading of only an image without alt text",
			src:      "# first\n\nanswer\n\n\n# ![](logo.png)\n\nanswer\n",
			wantLine: 6,
			wantMsg:  []string{"no text"},
		},
		{
			name:    "a file with no level-1 heading",
			src:     "## not a question\n\ntext\n",
			wantMsg: []string{"no questions"},
		},
		{
			name:    "an empty file",
			src:     "",
			wantMsg: []string{"no questions"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused at its file and line", func(t *testing.T) {
			qs, err := bank.Parse("banks/bad.md", []byte(tt.src))
			if qs != nil {
				t.Errorf("Parse returned questions %q along with the error", titles(qs))
			}
			be := asBankError(t, err)
			if be.File != "banks/bad.md" || be.Line != tt.wantLine {
				t.Errorf("error at %s:%d, want banks/bad.md:%d", be.File, be.Line, tt.wantLine)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "banks/bad.md") {
				t.Errorf("message %q does not start with the file", msg)
			}
			for _, w := range tt.wantMsg {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not mention %q", msg, w)
				}
			}
		})
	}

	t.Run("a duplicate question is refused naming both locations", func(t *testing.T) {
		qs, err := bank.Parse("banks/dup.md", []byte("# pod是什么？\n\na\n\n# other\n\nb\n\n#   POD是什么？ \n\nc\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = bank.New(qs)
		be := asBankError(t, err)
		if be.File != "banks/dup.md" || be.Line != 9 {
			t.Errorf("error at %s:%d, want banks/dup.md:9", be.File, be.Line)
		}
		if msg := err.Error(); !strings.Contains(msg, "banks/dup.md:9") || !strings.Contains(msg, "banks/dup.md:1") || !strings.Contains(msg, "duplicate") {
			t.Errorf("message %q does not name both locations", msg)
		}
	})

	t.Run("a bank of no questions is refused", func(t *testing.T) {
		_, err := bank.New(nil)
		if be := asBankError(t, err); !strings.Contains(be.Msg, "no questions") {
			t.Errorf("message = %q", be.Msg)
		}
	})
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"banks/b-more.md":  {Data: []byte("# b one\n\nanswer b1\n\n# b two\n\nanswer b2\n")},
		"banks/a-first.MD": {Data: []byte("intro\n\n# a one\n\nanswer a1\n")},
		"banks/notes.txt":  {Data: []byte("# not a bank\n\ntext\n")},
		"banks/sub/c.md":   {Data: []byte("# in a subdirectory\n\ntext\n")},
		"banks/sub.md/x":   {Data: []byte("a directory named like a bank file")},
	}

	t.Run("every bank file's questions load, files in name order", func(t *testing.T) {
		b, err := bank.Load(fsys, "banks")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"a one", "b one", "b two"}
		if got := titles(b.Questions()); !slices.Equal(got, want) {
			t.Errorf("titles = %q, want %q", got, want)
		}
		sources := map[string]string{"a one": "banks/a-first.MD", "b one": "banks/b-more.md", "b two": "banks/b-more.md"}
		lines := map[string]int{"a one": 3, "b one": 1, "b two": 5}
		for _, q := range b.Questions() {
			if q.Source != sources[q.Title] || q.Line != lines[q.Title] {
				t.Errorf("%q at %s:%d, want %s:%d", q.Title, q.Source, q.Line, sources[q.Title], lines[q.Title])
			}
		}
	})

	t.Run("Read gives the same questions without indexing them", func(t *testing.T) {
		qs, problems, err := bank.Read(fsys, "banks")
		if err == nil {
			err = problems.Err()
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(qs); !slices.Equal(got, []string{"a one", "b one", "b two"}) {
			t.Errorf("titles = %q", got)
		}
	})

	t.Run("a duplicate across files is refused naming both files", func(t *testing.T) {
		dup := fstest.MapFS{
			"banks/1.md": {Data: []byte("# shared\n\nfirst\n")},
			"banks/2.md": {Data: []byte("# other\n\nx\n\n# Shared\n\nsecond\n")},
		}
		_, err := bank.Load(dup, "banks")
		be := asBankError(t, err)
		if be.File != "banks/2.md" || be.Line != 5 {
			t.Errorf("error at %s:%d, want banks/2.md:5", be.File, be.Line)
		}
		if msg := err.Error(); !strings.Contains(msg, "banks/1.md:1") || !strings.Contains(msg, "banks/2.md:5") {
			t.Errorf("message %q does not name both files and lines", msg)
		}
	})

	t.Run("every problem is listed at once: a duplicate beside a bad question", func(t *testing.T) {
		bad := fstest.MapFS{
			"banks/1.md": {Data: []byte("# shared\n\nfirst\n")},
			"banks/2.md": {Data: []byte("# empty\n\n# Shared\n\nsecond\n")},
		}
		_, err := bank.Load(bad, "banks")
		var got []string
		for _, p := range asBankErrors(t, err) {
			got = append(got, fmt.Sprintf("%s:%d", p.File, p.Line))
		}
		if want := []string{"banks/2.md:1", "banks/2.md:3"}; !slices.Equal(got, want) {
			t.Errorf("problems at %v, want %v (the empty answer and the duplicate):\n%v", got, want, err)
		}
	})

	t.Run("a bad file among good ones is refused at its own file and line", func(t *testing.T) {
		bad := fstest.MapFS{
			"banks/good.md": {Data: []byte("# fine\n\nok\n")},
			"banks/poor.md": {Data: []byte("# fine too\n\nok\n\n# empty\n")},
		}
		_, err := bank.Load(bad, "banks")
		if be := asBankError(t, err); be.File != "banks/poor.md" || be.Line != 5 {
			t.Errorf("error at %s:%d, want banks/poor.md:5", be.File, be.Line)
		}
	})

	t.Run("a directory with no bank file is refused naming it", func(t *testing.T) {
		empty := fstest.MapFS{"banks/readme.txt": {Data: []byte("# text\n\nnot markdown\n")}}
		_, err := bank.Load(empty, "banks")
		if be := asBankError(t, err); be.File != "banks" || !strings.Contains(be.Msg, ".md") || strings.Contains(err.Error(), "no questions") {
			t.Errorf("error = %v, want the directory's problem alone", err)
		}
	})

	t.Run("a missing directory is an error", func(t *testing.T) {
		_, err := bank.Load(fsys, "nowhere")
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error = %v, want one wrapping fs.ErrNotExist", err)
		}
	})

	t.Run("the root of a file system can hold the banks", func(t *testing.T) {
		b, err := bank.Load(fstest.MapFS{"x.md": {Data: []byte("# q\n\na\n")}}, ".")
		if err != nil {
			t.Fatal(err)
		}
		if q := b.Questions()[0]; q.Source != "x.md" {
			t.Errorf("Source = %q, want x.md", q.Source)
		}
	})
}
