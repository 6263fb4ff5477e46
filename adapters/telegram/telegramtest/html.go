package telegramtest

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf16"
)

// entities are the character references Telegram's HTML mode decodes.
var entities = map[string]string{"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": `"`}

var (
	entity   = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});`)
	openTag  = regexp.MustCompile(`^(b|i|code|pre|blockquote)$|^a href="([^"<>]*)"$|^code class="language-([^"<>&]+)"$`)
	closeTag = regexp.MustCompile(`^/(b|i|code|pre|blockquote|a)$`)
)

// CheckHTML checks text the way Telegram's HTML parse mode reads it, as the
// adapter writes it: only the tags b, i, code, pre, a href and blockquote
// (and code class="language-x" directly inside pre), balanced and properly
// nested; nothing inside code or pre but that code; no blockquote in a
// blockquote and no link in a link; every <, > and & outside a tag escaped.
// It returns the visible text, with the tags gone and entities decoded.
func CheckHTML(s string) (string, error) {
	var visible strings.Builder
	var open []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("byte %d: unescaped < or unclosed tag", i)
			}
			tag := s[i+1 : i+end]
			if err := nest(&open, tag); err != nil {
				return "", fmt.Errorf("byte %d: %w", i, err)
			}
			i += end + 1
		case '>':
			return "", fmt.Errorf("byte %d: unescaped >", i)
		case '&':
			m := entity.FindString(s[i:])
			if m == "" {
				return "", fmt.Errorf("byte %d: unescaped &", i)
			}
			if v, ok := entities[m]; ok {
				visible.WriteString(v)
			} else {
				visible.WriteString("?") // a numeric reference is one character
			}
			i += len(m)
		default:
			visible.WriteByte(s[i])
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("unclosed <%s>", open[len(open)-1])
	}
	return visible.String(), nil
}

// nest applies one tag to the stack of open tags, or says why Telegram
// would refuse it.
func nest(open *[]string, tag string) error {
	top := ""
	if len(*open) > 0 {
		top = (*open)[len(*open)-1]
	}
	if m := closeTag.FindStringSubmatch(tag); m != nil {
		if top != m[1] {
			return fmt.Errorf("</%s> closes <%s>", m[1], top)
		}
		*open = (*open)[:len(*open)-1]
		return nil
	}
	m := openTag.FindStringSubmatch(tag)
	if m == nil {
		return fmt.Errorf("tag <%s> is not one of Telegram's", tag)
	}
	name := m[1]
	switch {
	case m[2] != "" || strings.HasPrefix(tag, "a "):
		name = "a"
	case m[3] != "":
		if top != "pre" {
			return errors.New(`<code class="language-…"> outside <pre>`)
		}
		name = "code"
	}
	inCode := slices.Contains(*open, "code") || slices.Contains(*open, "pre")
	switch {
	case inCode && !(name == "code" && top == "pre"):
		return fmt.Errorf("<%s> inside code", name)
	case name == "blockquote" && slices.Contains(*open, "blockquote"):
		return errors.New("nested <blockquote>")
	case name == "a" && slices.Contains(*open, "a"):
		return errors.New("a link inside a link")
	}
	*open = append(*open, name)
	return nil
}

// Len is the length of text as Telegram counts it, in UTF-16 code units.
func Len(text string) int {
	return len(utf16.Encode([]rune(text)))
}
