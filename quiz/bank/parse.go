package bank

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// md is shared: a goldmark parser is safe for concurrent use. It reads
// CommonMark and GitHub's tables (no other extension: ~~text~~ and bare
// URLs stay as written).
var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// fileParser collects the questions and problems of one bank file.
type fileParser struct {
	name     string
	src      []byte
	lines    lineIndex
	problems Errors
}

func (p *fileParser) fail(line int, format string, args ...any) {
	p.problems = append(p.problems, &Error{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *fileParser) warn(line int, format string, args ...any) {
	p.problems = append(p.problems, &Error{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...), Warning: true})
}

func (p *fileParser) lineOf(n ast.Node) int { return p.lines.lineOf(blockStart(n)) }

// parseFile parses one bank file into the questions that parse and every
// problem found in it, warnings included. A problem that is no warning makes
// the file unusable, but the questions that parse are still checked against
// the others (see Check).
//
// Every level-1 heading is a question and everything up to the next
// level-1 heading is its reference answer. A doctoc table of contents
// (wherever it is), and anything before the first question, is skipped.
// name is used in problems and as the questions' Source. Text that is not
// valid UTF-8, and NUL bytes, read as U+FFFD: every title and answer is
// valid UTF-8, as chat platforms require.
func parseFile(name string, src []byte) ([]*Question, Errors) {
	src = cleanSource(src)
	p := &fileParser{name: name, src: src, lines: newLineIndex(src)}
	doc := md.Parser().Parse(text.NewReader(src))
	toc := doctocRegion(doc, src)

	var (
		out     []*Question
		current *Question
		body    []ast.Node
		dropped bool
	)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if toc[n] {
			continue
		}
		if para, ok := n.(*ast.Paragraph); ok {
			p.checkHashLines(para)
		}
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			if current != nil {
				out = append(out, p.finish(current, body)...)
			}
			current, body = p.heading(h), body[:0]
			continue
		}
		if current != nil {
			body = append(body, n)
			continue
		}
		// Before the first question.
		if hb, ok := n.(*ast.HTMLBlock); ok && hb.HTMLBlockType == ast.HTMLBlockType2 {
			for _, c := range p.comments(hb) {
				if c.d != nil {
					p.fail(c.line, "a directive before the first question belongs to no question")
				}
			}
			continue
		}
		if _, ok := n.(*ast.ThematicBreak); !ok && !dropped {
			dropped = true
			p.warn(p.lineOf(n), "text before the first question (`# title`) is part of no question and is not shown")
		}
	}
	if current != nil {
		out = append(out, p.finish(current, body)...)
	}
	if len(out) == 0 && p.problems.Err() == nil {
		p.fail(0, "no questions: every question is a level-1 heading (`# title`) followed by its answer")
	}
	sortProblems(p.problems)
	return out, p.problems
}

// cleanSource makes src valid UTF-8 without NUL bytes, and drops a
// byte-order mark at the start of a line (an editor's, or one left where
// two files were joined): "\uFEFF# title" is a question.
func cleanSource(src []byte) []byte {
	if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
		src = bytes.ReplaceAll(bytes.ToValidUTF8(src, []byte("\uFFFD")), []byte{0}, []byte("\uFFFD"))
	}
	const bom = "\uFEFF"
	if !bytes.Contains(src, []byte(bom)) {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\n"+bom), []byte("\n"))
	return bytes.TrimPrefix(src, []byte(bom))
}

// heading starts a question at a level-1 heading, checking its title.
func (p *fileParser) heading(h *ast.Heading) *Question {
	line := p.lineOf(h)
	q := &Question{Title: strings.TrimSpace(inlineText(h, p.src)), Source: p.name, Line: line}
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if raw, ok := c.(*ast.RawHTML); ok && strings.HasPrefix(string(raw.Segments.Value(p.src)), "<!--") {
			p.fail(line, "a comment in a question's title would be part of the title: put it on the line under the heading")
		}
	}
	switch {
	case q.Title == "":
		p.fail(line, "a level-1 heading has no text: every `# ` heading is a question")
	case !p.atxHeading(h) && strings.Contains(q.Title, "\n"):
		p.fail(line, "%d lines underlined with === make one question title: write the question as `# title`, or put a blank line before the ===", strings.Count(q.Title, "\n")+1)
	case !p.atxHeading(h):
		p.warn(line, "the line %q is underlined with ===, which makes it a question like `# %s`", q.Title, q.Title)
	}
	return q
}

// atxHeading reports whether h is written "# title" rather than underlined.
func (p *fileParser) atxHeading(h *ast.Heading) bool {
	start := p.lines[p.lineOf(h)-1]
	return bytes.HasPrefix(bytes.TrimLeft(p.src[start:], " "), []byte("#"))
}

// checkHashLines refuses a paragraph line written like a heading without
// its space ("#Title"): CommonMark reads it as text, so the question it was
// meant to start would silently join the answer before it.
func (p *fileParser) checkHashLines(para *ast.Paragraph) {
	lines := para.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		l := bytes.TrimLeft(seg.Value(p.src), " \t")
		if len(l) > 1 && l[0] == '#' && !bytes.ContainsAny(l[1:2], " \t#\r\n") {
			title := strings.TrimSpace(string(l[1:]))
			p.fail(p.lines.lineOf(seg.Start), "%q is not a heading: write `# %s` (a space after #) to make it a question, or `\\#%s` to keep it as text", strings.TrimSpace(string(l)), title, title)
		}
	}
}

// finish converts a question's answer, reads its directives and builds its
// key points; a question that cannot be used is reported and left out.
func (p *fileParser) finish(q *Question, body []ast.Node) []*Question {
	var (
		blocks  []rich.Block
		auth    = authoring{items: map[[2]int]*note{}}
		content bool
	)
	for _, n := range body {
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.HTMLBlockType == ast.HTMLBlockType2 {
				for _, c := range p.comments(n) {
					if c.d != nil {
						p.topLevel(q, c, &auth, len(blocks)-1, content)
					}
				}
				continue
			}
		case *ast.List:
			for j, item := 0, n.FirstChild(); item != nil; j, item = j+1, item.NextSibling() {
				for _, c := range p.comments(item) {
					p.inBullet(c, &auth, [2]int{len(blocks), j})
				}
			}
		case *ast.Paragraph:
			for _, c := range p.comments(n) {
				if c.d != nil {
					p.topLevel(q, c, &auth, len(blocks), true)
				}
			}
		default:
			for _, c := range p.comments(n) {
				if c.d != nil {
					p.fail(c.line, "directives are read under a heading, in a bullet or between blocks, not inside a %s", strings.ToLower(n.Kind().String()))
				}
			}
		}
		converted := convertBlock(n, p.src)
		content = content || len(converted) > 0
		blocks = append(blocks, converted...)
	}
	if strings.TrimSpace(rich.Plain(blocks)) == "" {
		p.fail(q.Line, "question %q has an empty answer", q.Title)
		return nil
	}
	q.Answer = blocks
	kps, problems := keyPoints(blocks, auth)
	for _, pr := range problems {
		p.fail(pr.line, "%s", pr.msg)
	}
	q.KeyPoints = p.capKeyPoints(q, kps)
	return []*Question{q}
}

// topLevel applies a directive found at the top level of an answer, after
// the block of index at; content tells whether answer text came before it.
func (p *fileParser) topLevel(q *Question, c comment, auth *authoring, at int, content bool) {
	d := c.d
	switch {
	case d.isTopics() && content:
		p.fail(c.line, "topics: belongs right under the question's heading, before its answer")
	case d.isTopics() && q.topicsStated:
		p.fail(c.line, "topics: given twice for one question")
	case d.isTopics():
		q.Topics, q.topicsStated = d.topics, true
	case d.isPoint():
		auth.stated = append(auth.stated, d)
	default:
		auth.after = append(auth.after, placedDirective{at: at, d: d})
	}
}

// inBullet applies a directive found inside a top-level bullet.
func (p *fileParser) inBullet(c comment, auth *authoring, ref [2]int) {
	d := c.d
	switch {
	case d == nil:
	case d.isTopics():
		p.fail(c.line, "topics: belongs right under the question's heading, not in a bullet")
	case d.isPoint():
		p.fail(c.line, "point: states a key point of its own: put it between blocks, not in a bullet (a bullet is a key point already)")
	default:
		n := auth.items[ref]
		if n == nil {
			n = &note{line: c.line}
			auth.items[ref] = n
		}
		if d.label != "" {
			if n.label != "" {
				p.fail(c.line, "label: given twice for one bullet")
			}
			n.label = d.label
		}
		n.keywords = append(n.keywords, d.keywords...)
	}
}

// comment is an HTML comment in an answer, read as a directive when it is
// one (d is nil for an ordinary comment).
type comment struct {
	line int
	d    *directive
}

// comments are the HTML comments inside n (block and inline), in order;
// those that fail to read as directives are reported and left out.
func (p *fileParser) comments(n ast.Node) []comment {
	var out []comment
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var text string
		var start int
		switch c := c.(type) {
		case *ast.HTMLBlock:
			if c.HTMLBlockType != ast.HTMLBlockType2 {
				return ast.WalkSkipChildren, nil
			}
			text, start = htmlBlockText(c, p.src), blockStart(c)
		case *ast.RawHTML:
			if c.Segments.Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			text, start = string(c.Segments.Value(p.src)), c.Segments.At(0).Start
		default:
			return ast.WalkContinue, nil
		}
		line := p.lines.lineOf(start)
		d, problems := parseDirective(text, line)
		for _, pr := range problems {
			p.fail(pr.line, "%s", pr.msg)
		}
		if d != nil || problems == nil {
			if _, isComment := commentBody(text); isComment {
				out = append(out, comment{line: line, d: d})
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// doctocRegion returns the top-level blocks of a doctoc table of contents:
// those between a "START doctoc" and the next "END doctoc" comment, markers
// included. Level-1 headings are never part of it (every one is a question),
// and a START marker with no END marker skips nothing.
func doctocRegion(doc ast.Node, src []byte) map[ast.Node]bool {
	var region map[ast.Node]bool
	var open []ast.Node
	inside := false
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		text := ""
		if hb, ok := n.(*ast.HTMLBlock); ok && hb.HTMLBlockType == ast.HTMLBlockType2 {
			text = htmlBlockText(hb, src)
		}
		switch {
		case !inside && strings.Contains(text, "START doctoc"):
			inside, open = true, []ast.Node{n}
		case inside && strings.Contains(text, "END doctoc"):
			if region == nil {
				region = map[ast.Node]bool{}
			}
			for _, o := range append(open, n) {
				region[o] = true
			}
			inside, open = false, nil
		case inside:
			if h, ok := n.(*ast.Heading); !ok || h.Level != 1 {
				open = append(open, n)
			}
		}
	}
	return region
}

// htmlBlockText is the verbatim text of an HTML block, closing line included.
func htmlBlockText(n *ast.HTMLBlock, src []byte) string {
	var b bytes.Buffer
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(src))
	}
	return strings.TrimRight(crlf.Replace(b.String()), "\n")
}

// blockStart is the byte offset where a block node starts.
func blockStart(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return 0
}

type lineIndex []int // byte offsets at which lines start

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) lineOf(offset int) int {
	lo, hi := 0, len(l)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

func convertBlocks(nodes []ast.Node, src []byte) []rich.Block {
	var out []rich.Block
	for _, n := range nodes {
		out = append(out, convertBlock(n, src)...)
	}
	return out
}

func convertChildren(n ast.Node, src []byte) []rich.Block {
	var nodes []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		nodes = append(nodes, c)
	}
	return convertBlocks(nodes, src)
}

func convertBlock(n ast.Node, src []byte) []rich.Block {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		spans := convertInlines(n, src, 0)
		if strings.TrimSpace(rich.SpansText(spans)) == "" {
			return nil
		}
		return []rich.Block{{Kind: rich.Paragraph, Spans: spans}}
	case *ast.List:
		b := rich.Block{Kind: rich.List, Ordered: n.IsOrdered(), Start: n.Start}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			b.Items = append(b.Items, convertChildren(item, src))
		}
		return []rich.Block{b}
	case *ast.FencedCodeBlock:
		return []rich.Block{{Kind: rich.Code, Lang: string(n.Language(src)), Text: linesText(n, src)}}
	case *ast.CodeBlock:
		return []rich.Block{{Kind: rich.Code, Text: linesText(n, src)}}
	case *ast.Blockquote:
		return []rich.Block{{Kind: rich.Quote, Children: convertChildren(n, src)}}
	case *ast.HTMLBlock:
		// Comments (such as doctoc markers) carry no answer text. Any other
		// raw HTML block, such as a line holding only <clusterdomain> or an
		// HTML table, is kept as literal text: nothing is silently dropped.
		if n.HTMLBlockType == ast.HTMLBlockType2 {
			return nil
		}
		t := strings.TrimSpace(htmlBlockText(n, src))
		if t == "" {
			return nil
		}
		return []rich.Block{rich.Text(t)}
	case *ast.ThematicBreak:
		return nil
	case *east.Table:
		return []rich.Block{convertTable(n, src)}
	default:
		return convertChildren(n, src)
	}
}

// convertTable reads a table: its header cells and its body rows.
func convertTable(n *east.Table, src []byte) rich.Block {
	var header [][]rich.Span
	var rows [][][]rich.Span
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		var cells [][]rich.Span
		for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, convertInlines(cell, src, 0))
		}
		if _, ok := c.(*east.TableHeader); ok {
			header = cells
			continue
		}
		rows = append(rows, cells)
	}
	return rich.NewTable(header, rows)
}

func linesText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return strings.TrimRight(crlf.Replace(b.String()), "\n")
}

// crlf turns Windows line ends into "\n": a bank saved with CRLF line ends
// reads the same as one saved with LF.
var crlf = strings.NewReplacer("\r\n", "\n")

// convertInlines flattens the inline children of n into spans with styles.
func convertInlines(n ast.Node, src []byte, style rich.Style) []rich.Span {
	var out []rich.Span
	add := func(s rich.Span) {
		if s.Text == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].Style == s.Style && out[k].URL == s.URL {
			out[k].Text += s.Text
			return
		}
		out = append(out, s)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			s := string(c.Segment.Value(src))
			if !c.IsRaw() {
				s = unescape(s)
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				s += "\n"
			}
			add(rich.Span{Text: s, Style: style})
		case *ast.String:
			add(rich.Span{Text: string(c.Value), Style: style})
		case *ast.CodeSpan:
			add(rich.Span{Text: codeSpanText(c, src), Style: style | rich.InlineCode})
		case *ast.Emphasis:
			st := style | rich.Italic
			if c.Level >= 2 {
				st = style | rich.Bold
			}
			for _, s := range convertInlines(c, src, st) {
				add(s)
			}
		case *ast.Link:
			for _, s := range convertInlines(c, src, style) {
				s.URL = string(c.Destination)
				add(s)
			}
		case *ast.AutoLink:
			url := string(c.URL(src))
			add(rich.Span{Text: string(c.Label(src)), Style: style, URL: url})
		case *ast.RawHTML:
			// Text like <servicename> parses as inline HTML; it is literal
			// text here. A comment is for editors, not readers.
			if raw := string(c.Segments.Value(src)); !strings.HasPrefix(raw, "<!--") {
				add(rich.Span{Text: raw, Style: style})
			}
		case *ast.Image:
			for _, s := range convertInlines(c, src, style) {
				add(s)
			}
		default:
			for _, s := range convertInlines(c, src, style) {
				add(s)
			}
		}
	}
	// A trailing line break inside a paragraph carries nothing.
	if k := len(out) - 1; k >= 0 {
		out[k].Text = strings.TrimRight(out[k].Text, "\n")
		if out[k].Text == "" {
			out = out[:k]
		}
	}
	return out
}

// codeSpanText is the verbatim text of a code span: no escapes apply inside
// one, and a line ending in it is a space.
func codeSpanText(n *ast.CodeSpan, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			v := string(t.Segment.Value(src))
			if s, ok := strings.CutSuffix(v, "\n"); ok {
				v = strings.TrimSuffix(s, "\r") + " "
			}
			b.WriteString(v)
		}
	}
	return b.String()
}

// unescape turns Markdown text source into the text it stands for: a
// backslash before ASCII punctuation is dropped, entity and numeric character
// references (&amp; &lt; &#65; &#x41;) are resolved, as CommonMark specifies.
func unescape(s string) string {
	if !strings.ContainsAny(s, "\\&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '&':
			if n := entityLen(s[i:]); n > 0 {
				b.WriteString(html.UnescapeString(s[i : i+n]))
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// entityLen is the length of the character reference s starts with, or 0:
// &name; with an alphanumeric name, &#digits; (up to 7) or &#xhex; (up to 6).
func entityLen(s string) int {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 33 {
		return 0
	}
	body := s[1:semi]
	digits, limit := body, 32
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	ok := func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	switch {
	case len(body) > 1 && body[0] == '#' && (body[1] == 'x' || body[1] == 'X'):
		digits, limit = body[2:], 6
		ok = func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
	case body[0] == '#':
		digits, limit, ok = body[1:], 7, isDigit
	case !(body[0] >= 'a' && body[0] <= 'z' || body[0] >= 'A' && body[0] <= 'Z'):
		return 0
	}
	if len(digits) == 0 || len(digits) > limit {
		return 0
	}
	for i := range len(digits) {
		if !ok(digits[i]) {
			return 0
		}
	}
	if body[0] != '#' {
		// Only a whole, known name is a reference: html.UnescapeString also
		// takes legacy prefixes ("&notanentity;" → "¬anentity;"), which
		// leave the semicolon unconsumed.
		if res := html.UnescapeString(s[:semi+1]); res == s[:semi+1] || strings.HasSuffix(res, ";") && res != ";" {
			return 0
		}
	}
	return semi + 1
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// inlineText is the plain text of an inline container such as a heading.
func inlineText(n ast.Node, src []byte) string {
	return rich.SpansText(convertInlines(n, src, 0))
}
