package telegram

import (
	"context"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// fuzzBlocks builds a rich-text tree from fuzzed parts: shape's bits pick
// lists, quotes, code, styles, links, and a text long enough to split.
func fuzzBlocks(text, url, lang string, shape uint8) []rich.Block {
	if shape&0x80 != 0 {
		text = strings.Repeat(text+"\n", 4096/(len(text)+1)+1)
	}
	var spans []rich.Span
	for i, w := range strings.SplitAfter(text, " ") {
		s := rich.Span{Text: w, Style: rich.Style(uint8(i)^shape) & (rich.Bold | rich.Italic | rich.InlineCode)}
		if shape&0x10 != 0 && i%3 == 0 {
			s.URL = url
		}
		spans = append(spans, s)
	}
	blocks := []rich.Block{rich.Para(spans...)}
	if shape&0x04 != 0 {
		blocks = append(blocks, rich.Block{Kind: rich.Code, Lang: lang, Text: text})
	}
	if shape&0x01 != 0 {
		blocks = []rich.Block{{Kind: rich.List, Ordered: shape&0x08 != 0, Start: int(shape), Items: [][]rich.Block{blocks, {
			{Kind: rich.List, Items: [][]rich.Block{{rich.Text(url)}, blocks}},
		}}}}
	}
	if shape&0x02 != 0 {
		blocks = []rich.Block{{Kind: rich.Quote, Children: append(blocks, rich.Block{Kind: rich.Quote, Children: blocks})}}
	}
	return blocks
}

// FuzzRenderHTML: whatever the text, the HTML uses only Telegram's tags,
// balanced, with the text escaped, in messages of at most 4096 characters,
// and nothing that shows is dropped.
func FuzzRenderHTML(f *testing.F) {
	for i, q := range testkit.ShippedBank(f).Questions() {
		if i%8 == 0 {
			f.Add(rich.Plain(q.Answer), "https://kubernetes.io/docs", "yaml", uint8(i))
		}
	}
	f.Add("<b>x</b> &amp; <a href=\"y\">", "javascript:alert(1)", `"><i>`, uint8(0xff))
	f.Add("长\x00\xff😀 <pre>", "https://a/?<b>&c", "c++", uint8(0x97))
	f.Fuzz(func(t *testing.T, text, url, lang string, shape uint8) {
		blocks := fuzzBlocks(text, url, lang, shape)
		chunks := htmlChunks(blocks)
		for _, c := range chunks {
			checkHTML(t, c)
		}
		if len(chunks) == 0 && !blank(blocks) {
			t.Fatalf("text that shows rendered as no message")
		}
	})
}

// FuzzUserText: whatever a user types, the core's reply renders as
// messages and keyboards Telegram takes, and a quiz poll within its limits.
func FuzzUserText(f *testing.F) {
	for _, s := range []string{
		"/ask pv", "/quiz etcd", "/search <b>&amp;</b>", "/ask@KubeQuizBot <script>", "/k8s search " + strings.Repeat("长<", 300),
		"/top all", "/stats", "/topics", "/help", "hello <i>", "\x00\xff", "/lang en", "/ask@other pv",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	e := newEnv(f)
	a, err := New(e.cfg, deps(e.core, e.store, nil))
	if err != nil {
		f.Fatal(err)
	}
	name := e.api.Username()
	a.username.Store(&name)
	f.Fuzz(func(t *testing.T, text string, private bool) {
		chat := int64(-1001)
		if private {
			chat = 42
		}
		cmd, ok := a.commandText(text, private)
		if !ok {
			return
		}
		req := a.request(chat, 0, &tgbotapi.User{ID: 42, FirstName: text})
		req.Text = cmd
		for _, m := range a.core.Handle(context.Background(), req).Messages {
			for _, p := range parts(m) {
				checkHTML(t, p.html)
			}
			if p, ok := planPoll(m); ok && (textLen(p.question) > maxPollQuestion || len(p.options) < 2) {
				t.Fatalf("a poll beyond Telegram's limits: %+v", p)
			}
		}
	})
}
