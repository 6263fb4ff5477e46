package mcq

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Limits of a blankable sentence, in characters: long enough to say
// something once the term and its glosses are out, short enough to read in
// a chat and to fit a Telegram quiz poll.
const (
	minSentenceRunes = 10
	maxSentenceRunes = 220
	minBlankContent  = 12
)

// blank is one "fill the blank" item: a sentence with a term hidden.
type blank struct {
	key    string
	prompt string
	term   string
	// distractors draws from the other terms of the term's kind.
	distractors picker
	// names are the topics the term itself names (cni for CNI): a quiz
	// asked on one of them does not blank it.
	names []string
}

// quiz makes a question of the blank with distractors drawn from its kind.
func (bl *blank) quiz(q *bank.Question, rnd *rand.Rand) Question {
	choices := append([]string{bl.term}, bl.distractors.pick(rnd)...)
	return shuffled(Question{Format: FillBlank, QuestionID: q.ID, Item: bl.key, Prompt: bl.prompt}, choices, rnd)
}

// findBlanks lists the answer's sentences with a term that can be blanked
// so that exactly one option fits: the sentence names no other term of the
// term's family (which would give it away or be a second right answer), the
// term is not part of an identifier, what is left says enough, and a term
// of a kind of things alike (workloads, components) is the sentence's
// subject.
//
// A term of several kinds (Always is a restart and an image pull policy) is
// taken as the kind the answer and the question's topics are about.
func findBlanks(ix *textIndex, q *bank.Question) []blank {
	text := shownText(q.Answer, false)
	named := termsIn(text)
	var out []blank
	seen := map[string]bool{}
	sentences := bank.Sentences(text)
	for _, s := range sentences {
		if n := utf8.RuneCountInString(s); n < minSentenceRunes || n > maxSentenceRunes || strings.Contains(s, Blank) || strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":") {
			continue
		}
		for _, c := range termsIn(s) {
			k := kindOf(c, q, named)
			if k == nil || namesRelated(s, c, k) || k.entity && !isSubject(s, c) || slices.Contains(k.obsolete, c) {
				continue
			}
			prompt, glossed, ok := blankOut(s, c)
			others := slices.DeleteFunc(othersOf(k, c, s), func(t string) bool {
				return glossed && definedAlike(sentences, prompt, t) || k.fitsToo(c, t, prompt)
			})
			key := itemKey(q, FillBlank, s, c)
			if !ok || ix.leaks(prompt, c) || glossedAway(prompt, c, others) || len(others) < minOptions-1 || seen[key] {
				continue
			}
			withTitle := ix.withContext(q.Title, prompt, append(others, c))
			if k.entity && withTitle == prompt && !anchored(prompt) {
				// Nothing says which of things alike the sentence is about.
				continue
			}
			seen[key] = true
			prompt = withTitle
			out = append(out, blank{
				key: key, prompt: prompt, term: c, names: namedTopics(ix.bank, c),
				distractors: newPicker(c, prompt, others, len(others), Options, ix.pairsOf),
			})
		}
	}
	return withinGate(out)
}

// withinGate leaves out the blanks a guesser does best on until, over the
// rest, no guesser does better than the gate allows on one question, with
// room for chance: the gate draws cueSeedsPerBlank quizzes of each blank,
// and a guesser whose fitted score is within two standard errors of the
// gate would pass or fail it by the luck of the draw. A term that is the
// shortest of its kind (IPVS) is fine beside others, not alone.
func withinGate(blanks []blank) []blank {
	for len(blanks) > 0 {
		g, over := 0, math.Inf(-1)
		for gs := range gateGuessers {
			total, spread := 0.0, 0.0
			for _, bl := range blanks {
				total += bl.distractors.guessed[gs]
				spread += bl.distractors.spread[gs]
			}
			if o := total + 2*math.Sqrt(spread/cueSeedsPerBlank) - MaxQuestionCueRate*float64(len(blanks)); o > over {
				g, over = gs, o
			}
		}
		if over <= 0 {
			break
		}
		worst := 0
		for i, bl := range blanks {
			if bl.distractors.guessed[g] > blanks[worst].distractors.guessed[g] {
				worst = i
			}
		}
		blanks = slices.Delete(blanks, worst, worst+1)
	}
	return blanks
}

// anchored reports whether a blanked sentence names something technical
// besides the blank (a Latin word of three letters or more, "api-server",
// "CRI", "Nodes") that ties it to one thing of a kind: "高可用性：____可用于
// 避免硬件的单点故障" fits any component.
func anchored(prompt string) bool {
	return slices.ContainsFunc(latinWords(prompt), func(w string) bool { return len(w) >= 3 })
}

// maxPromptRunes is the longest prompt, in characters: a Telegram quiz
// poll's question holds 300.
const maxPromptRunes = 300

// withContext puts the question's title before a blanked sentence, which
// often needs it to have a single answer ("通过____协议进行节点之间数据同步"
// is Raft for etcd, not in general), unless the title names an option or
// shares a character pair with one, or would make the prompt too long.
func (ix *textIndex) withContext(title, prompt string, options []string) string {
	tp := ix.pairsOf(title)
	for _, o := range options {
		if countForms(title, o) > 0 || slices.ContainsFunc(ix.pairsOf(o), func(bg uint64) bool { return has(tp, bg) }) {
			return prompt
		}
	}
	withTitle := "【" + strings.TrimSpace(title) + "】" + prompt
	if utf8.RuneCountInString(withTitle) > maxPromptRunes {
		return prompt
	}
	return withTitle
}

// termsIn lists the glossary terms sentence s names, each once, as the
// glossary spells them, in glossary order.
func termsIn(s string) []string {
	var out []string
	lower := toLowerASCII(s)
	for _, k := range glossary {
		for _, t := range k.terms {
			if strings.Contains(lower, toLowerASCII(t)) && countForms(s, t) > 0 && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// kindOf picks the kind a term is of in question q whose answer names the
// terms named: of the kinds holding it whose topics q is on (or that have
// none), the one whose other terms the answer names most; nil when none
// fits.
func kindOf(term string, q *bank.Question, named []string) *termKind {
	var best *termKind
	bestMentions := -1
	for i := range glossary {
		k := &glossary[i]
		if !slices.ContainsFunc(k.terms, func(t string) bool { return strings.EqualFold(t, term) }) {
			continue
		}
		mentions := 0
		for _, t := range k.terms {
			if !strings.EqualFold(t, term) && slices.Contains(named, t) {
				mentions++
			}
		}
		onTopic := len(k.topics) == 0 || slices.ContainsFunc(k.topics, func(t string) bool { return slices.Contains(q.Topics, t) })
		if !onTopic && mentions == 0 {
			continue
		}
		if mentions > bestMentions {
			best, bestMentions = k, mentions
		}
	}
	return best
}

// namesRelated reports whether sentence s names, besides term, another term
// of term's family.
func namesRelated(s, term string, k *termKind) bool {
	for _, other := range glossary {
		if other.family != k.family {
			continue
		}
		for _, t := range other.terms {
			if !strings.EqualFold(t, term) && countForms(s, t) > 0 {
				return true
			}
		}
	}
	return false
}

// isSubject reports whether term (or its plural) is what sentence s is
// about: it opens the sentence, after a list number ("1）"), itself or
// after a short label ("pod管理：").
func isSubject(s, term string) bool {
	s = strings.TrimLeft(s, "0123456789）)、.- ")
	if opensWith(s, term) {
		return true
	}
	head, rest, ok := cutLabel(s)
	return ok && utf8.RuneCountInString(head) <= 12 && opensWith(strings.TrimLeft(rest, " "), term)
}

// opensWith reports whether s opens with the word term or its plural.
func opensWith(s, term string) bool {
	for _, form := range []string{term + "s", term} {
		if len(s) >= len(form) && strings.EqualFold(s[:len(form)], form) && (len(s) == len(form) || !textnorm.IsWordByte(s[len(form)])) {
			return true
		}
	}
	return false
}

// cutLabel splits "label：rest" at its first colon.
func cutLabel(s string) (head, rest string, ok bool) {
	i := strings.IndexAny(s, ":：")
	if i < 0 {
		return "", s, false
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[:i], s[i+n:], true
}

// blankOut hides every occurrence of term in s (and its plural) with the
// glosses beside them, and reports whether there was a gloss; false when
// the term is part of an identifier or too little is left to go on.
func blankOut(s, term string) (prompt string, glossed, ok bool) {
	var spans []span
	for _, form := range []string{term + "s", term} {
		found, joined := wordSpans(s, form, false)
		if joined {
			return "", false, false
		}
		for _, sp := range found {
			hidden := withGloss(s, sp)
			glossed = glossed || len(hidden) > 1 || hidden[0] != sp
			spans = append(spans, hidden...)
		}
	}
	prompt = strings.TrimSpace(render(s, spans))
	if content(prompt) < minBlankContent || !strings.Contains(prompt, Blank) {
		return "", false, false
	}
	return prompt, glossed, true
}

// definedAlike reports whether, among an answer's sentences, the one
// defining term (opening with it) opens its definition with the same clause
// as prompt, and that clause is most of what prompt says:
// "Succeeded（成功）：Pod内所有容器均已退出，且不会再重启" and
// "Failed（失败）：Pod内所有容器均已退出，且至少有一个……". Once the gloss
// that told them apart is hidden, such a term may fit the prompt too; a
// shared lead-in to longer definitions ("如果Volume插件支持，…") does not
// make them alike.
func definedAlike(sentences []string, prompt, term string) bool {
	opening := firstClause(prompt)
	if n := utf8.RuneCountInString(opening); n < minClauseRunes || 2*n < content(prompt) {
		return false
	}
	for _, s := range sentences {
		if !isSubject(s, term) {
			continue
		}
		if p, _, ok := blankOut(s, term); ok && firstClause(p) == opening {
			return true
		}
	}
	return false
}

// minClauseRunes is the shortest opening clause definedAlike compares.
const minClauseRunes = 4

// firstClause is the letters and digits of the clause that follows the
// first blank of prompt, up to the first comma or stop.
func firstClause(prompt string) string {
	_, after, _ := strings.Cut(prompt, Blank)
	after = strings.TrimLeft(after, " ：:，,")
	if i := strings.IndexAny(after, "，,；;。"); i >= 0 {
		after = after[:i]
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, after)
}

// leaks reports whether the prompt still spells most of term, in other
// words ("cluster ip" beside a blank for ClusterIP).
func (ix *textIndex) leaks(prompt, term string) bool {
	tp := ix.pairsOf(term)
	if len(tp) == 0 {
		return false
	}
	pp := ix.pairsOf(prompt)
	n := 0
	for _, bg := range tp {
		if has(pp, bg) {
			n++
		}
	}
	return 2*n >= len(tp)
}

// othersOf are the distractors of term in sentence s: the other terms of
// its kind that s does not name.
func othersOf(k *termKind, term, s string) []string {
	var out []string
	for _, t := range k.terms {
		if !strings.EqualFold(t, term) && countForms(s, t) == 0 {
			out = append(out, t)
		}
	}
	return out
}

// namedTopics are the bank's topics that term is the name of: those it
// resolves to as a topic word that it spells, is spelled in, or abbreviates
// ("CNI" names cni, "kube-scheduler" scheduler, "PersistentVolume" pv).
func namedTopics(b *bank.Bank, term string) []string {
	folded := textnorm.Fold(term)
	var initials strings.Builder
	for _, r := range term {
		if r >= 'A' && r <= 'Z' {
			initials.WriteRune(r + 'a' - 'A')
		}
	}
	var out []string
	for _, t := range b.Resolve(term) {
		if strings.Contains(folded, t) || strings.Contains(t, folded) || initials.String() == t {
			out = append(out, t)
		}
	}
	return out
}

// countForms counts whole-word occurrences of w and of its plural w+"s":
// "daemonsets" names DaemonSet.
func countForms(s, w string) int {
	return textnorm.CountWord(s, w) + textnorm.CountWord(s, w+"s")
}
