package telegram

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// maxText is the longest message Telegram takes, in UTF-16 code units. The
// rendered HTML is measured, tags included: a message that fits as HTML
// fits once Telegram has parsed the tags away.
const maxText = 4096

// renderHTML renders blocks in Telegram's HTML: paragraphs apart by a blank
// line; lists as "• " and "1. " lines, nested ones indented; code in
// <pre><code class="language-x">; quotes in <blockquote>. Text is escaped,
// and only the tags Telegram knows are written, always balanced.
func renderHTML(blocks []rich.Block) string {
	return renderBlocks(blocks, "", "", "\n\n", false)
}

// renderBlocks renders blocks, joined by sep: the first line of the first
// block starts with first, every other line with indent. Inside a quote
// (quoted) quotes are not nested, as Telegram does not nest them.
func renderBlocks(blocks []rich.Block, first, indent, sep string, quoted bool) string {
	parts := make([]string, 0, len(blocks))
	for i, b := range blocks {
		lead := indent
		if i == 0 {
			lead = first
		}
		parts = append(parts, renderBlock(b, lead, indent, quoted))
	}
	return strings.Join(parts, sep)
}

func renderBlock(b rich.Block, first, indent string, quoted bool) string {
	switch b.Kind {
	case rich.List:
		items := make([]string, 0, len(b.Items))
		for n, item := range b.Items {
			marker := "• "
			if b.Ordered {
				marker = strconv.Itoa(b.Start+n) + ". "
			}
			lead := indent
			if n == 0 {
				lead = first
			}
			pad := strings.Repeat(" ", len([]rune(marker)))
			items = append(items, renderBlocks(item, lead+marker, indent+pad, "\n", quoted))
		}
		return strings.Join(items, "\n")
	case rich.Code:
		if codeLang.MatchString(b.Lang) {
			return first + `<pre><code class="language-` + b.Lang + `">` + escapeText(b.Text) + "</code></pre>"
		}
		return first + "<pre>" + escapeText(b.Text) + "</pre>"
	case rich.Quote:
		if quoted {
			return renderBlocks(b.Children, first, indent, "\n", true)
		}
		return first + "<blockquote>" + renderBlocks(b.Children, "", "", "\n", true) + "</blockquote>"
	default:
		return first + strings.ReplaceAll(renderSpans(b.Spans), "\n", "\n"+indent)
	}
}

// codeLang is a language name safe in a class attribute.
var codeLang = regexp.MustCompile(`^[A-Za-z0-9_+#.-]{1,32}$`)

// renderSpans renders a paragraph's spans. Inline code stands alone (no
// other entity may hold or be held by code in Telegram); a link keeps its
// bold and italic but not its code style.
func renderSpans(spans []rich.Span) string {
	var b strings.Builder
	n := 0
	for _, s := range spans {
		n += len(s.Text) + len("<b><i></i></b>")
	}
	b.Grow(n)
	for _, s := range spans {
		t := escapeText(latinCommands(s.Text))
		if t == "" {
			continue
		}
		link := linkURL(s.URL)
		if s.Style&rich.InlineCode != 0 && link == "" {
			b.WriteString("<code>" + t + "</code>")
			continue
		}
		bold, italic := s.Style&rich.Bold != 0, s.Style&rich.Italic != 0
		if link != "" {
			b.WriteString(`<a href="` + escapeAttr(link) + `">`)
		}
		if bold {
			b.WriteString("<b>")
		}
		if italic {
			b.WriteString("<i>")
		}
		b.WriteString(t)
		if italic {
			b.WriteString("</i>")
		}
		if bold {
			b.WriteString("</b>")
		}
		if link != "" {
			b.WriteString("</a>")
		}
	}
	return b.String()
}

// linkURL is u when Telegram would take it as a link (http or https with a
// host), else "".
func linkURL(u string) string {
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// htmlEscaper escapes what Telegram's HTML parse mode requires.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeText makes s safe as HTML text: clean, with &, <, > escaped.
func escapeText(s string) string {
	if plainASCII(s) {
		return s // the usual case, in one pass
	}
	return htmlEscaper.Replace(cleanText(s))
}

// plainASCII reports whether s is printable ASCII, tabs and newlines: text
// that neither cleaning nor escaping changes.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&' || c == '<' || c == '>' || c >= 0x7f:
			return false
		case c < ' ' && c != '\n' && c != '\t':
			return false
		}
	}
	return true
}

// cleanText is s as Telegram takes plain text: valid UTF-8, and no control
// characters but newlines and tabs.
func cleanText(s string) string {
	if !strings.ContainsFunc(s, unwanted) && utf8.ValidString(s) {
		return s // the usual case, without allocating
	}
	return strings.Map(func(r rune) rune {
		if unwanted(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// unwanted are the control characters Telegram's text may not hold.
func unwanted(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }

// escapeAttr makes s safe in a double-quoted attribute.
func escapeAttr(s string) string {
	return strings.ReplaceAll(escapeText(s), `"`, "&quot;")
}

// textLen is the length of s as Telegram counts it, in UTF-16 code units.
func textLen(s string) int { return rich.UTF16Len(s) }

// htmlSize measures blocks as rendered, for rich.Split.
func htmlSize(blocks []rich.Block) int { return textLen(renderHTML(blocks)) }

// htmlChunks renders blocks as one or more messages that each fit, cut
// between blocks (or lines, where one block is too long) by rich.Split:
// never inside a tag. Chunks with nothing to show are left out.
func htmlChunks(blocks []rich.Block) []string {
	var out []string
	for _, chunk := range rich.Split(blocks, maxText, htmlSize) {
		if blank(chunk) {
			continue
		}
		out = append(out, renderHTML(chunk))
	}
	return out
}

// blank reports whether blocks show nothing once rendered: Telegram
// refuses an empty message.
func blank(blocks []rich.Block) bool {
	return strings.TrimFunc(rich.Plain(blocks), func(r rune) bool {
		return unicode.IsSpace(r) || unwanted(r)
	}) == ""
}

// clipText shortens s to at most n UTF-16 code units, ending in "…" when
// cut, between grapheme clusters (an emoji sequence or a flag stays
// whole: rich.Clip).
func clipText(s string, n int) string { return rich.Clip(s, n, textLen) }

// escapedLen is the length of s once cleaned and escaped by escapeText;
// what it measures of the parts of a text is never less than of the text.
func escapedLen(s string) int { return textLen(escapeText(s)) }
