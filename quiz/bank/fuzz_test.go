package bank_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// FuzzParse checks that no input makes Parse or New panic, and that every
// question of an accepted bank is usable.
func FuzzParse(f *testing.F) {
	f.Add(shippedSource(f))
	for _, s := range []string{
		"",
		"# q\n\na\n",
		"# q\n\n```go\nunclosed fence\n# not a heading\n",
		"# q\n\n~~~\n~~~\n",
		"# <b>html</b> title\n\n<div>\nblock\n</div>\n\n<servicename>.<ns>\n",
		"# q\n\n<!-- START doctoc -->\n- [q](#q)\n<!-- END doctoc -->\n",
		"<!-- START doctoc -->\n# inside toc\n\na\n<!-- END doctoc -->\n",
		"# q\n\n> > > deep\n> - a\n>   - b\n>     > c\n",
		"# q\n\n- a\n  - b\n    - c\n      - d\n        1. e\n",
		"# q\x00\n\nnul\x00byte\n",
		"# \xff\xfe\n\n\xc3\x28 invalid utf-8\n",
		"# " + strings.Repeat("很长的标题", 400) + "\n\n" + strings.Repeat("答", 100) + "\n",
		"#\n\n# \n\n#  #\n",
		"# a\n\nx\n\n# A\n\ny\n",
		"# q\r\n\r\ncrlf\r\n",
		"# q\r\rcr only\r",
		"title\n===\n\nsetext\n",
		"# q\n\n&amp;&#0;&#x110000;&#99999999;\\\n",
		"# q\n\n`unclosed code span\n\n*unclosed emphasis\n\n[link](\n",
		"   # indented\n\n    # code, not a heading\n",
		"# q\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"# `code title`\n\n![alt text](img.png)\n",
		"\uFEFF# bom\n\nanswer\n\uFEFF# joined\n\nx\n",
		"#NoSpace\n\ntext\n",
		"# q\n<!-- topics: pv, nosuch -->\n<!--\npoint: a\nlabel: b\nkeywords: c,, d\n-->\n\n- x <!-- keywords: k -->\n  <!-- label: -->\n",
		"# q\n\n- 控制循环：\n  <!-- keywords: x -->\n\n> <!-- point: y -->\n",
		"# q\n\n1）first（注：a。）second；\n\n2）third\n\nlead:\n\n```\ncode\n```\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		qs, err := bank.Parse("fuzz.md", src)
		if err != nil {
			var be *bank.Error
			if !errors.As(err, &be) || be.File != "fuzz.md" {
				t.Fatalf("Parse error %v (%T) is not a *bank.Error for fuzz.md", err, err)
			}
			if qs != nil {
				t.Fatalf("Parse returned %d questions with an error", len(qs))
			}
			return
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, q := range qs {
			if strings.TrimSpace(q.Title) == "" {
				t.Errorf("question at line %d has an empty title", q.Line)
			}
			if strings.TrimSpace(rich.Plain(q.Answer)) == "" {
				t.Errorf("question %q has an empty answer", q.Title)
			}
			if q.Line < 1 || q.Line > lines {
				t.Errorf("question %q at line %d, outside 1..%d", q.Title, q.Line, lines)
			}
			if plain := rich.Plain(q.Answer); !utf8.ValidString(q.Title) || !utf8.ValidString(plain) ||
				strings.ContainsRune(q.Title, 0) || strings.ContainsRune(plain, 0) {
				t.Errorf("question %q has invalid UTF-8 or NUL in its title or answer %q", q.Title, plain)
			}
			if q.Source != "fuzz.md" {
				t.Errorf("question %q has Source %q", q.Title, q.Source)
			}
		}
		b, err := bank.New(qs)
		if err != nil {
			var be *bank.Error
			if !errors.As(err, &be) || be.File != "fuzz.md" || be.Line < 1 {
				t.Fatalf("New error %v is not located in fuzz.md", err)
			}
			return
		}
		for _, q := range b.Questions() {
			if !idPattern.MatchString(q.ID) {
				t.Errorf("%q has ID %q", q.Title, q.ID)
			}
			if len(q.KeyPoints) > bank.MaxKeyPoints {
				t.Errorf("%q has %d key points", q.Title, len(q.KeyPoints))
			}
			for _, k := range q.KeyPoints {
				if k.Text == "" || k.Label == "" || utf8.RuneCountInString(k.Label) > 48 || len(k.Content) == 0 {
					t.Errorf("%q has key point %+v", q.Title, k)
				}
				for _, kw := range k.Keywords {
					if strings.TrimSpace(kw) == "" {
						t.Errorf("%q has an empty keyword in %+v", q.Title, k)
					}
				}
			}
			for _, topic := range q.Topics {
				_ = b.Matching(b.Resolve(topic))
			}
			_ = b.Search(strings.Fields(q.Title), nil)
			_ = b.Suggest(q.Title, 3)
			_, _ = b.ResolveAll(strings.Fields(q.Title))
			_ = b.LooksLikeID(q.Title)
		}
	})
}
