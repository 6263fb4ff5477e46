package quiz

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// searchLimit is how many questions `search` lists.
const searchLimit = 10

// searchForms are the other forms of a searched word: its synonyms and
// translations (container: 容器), the names of the topics it stands for,
// and a compound's two words (sidecar: side car).
func searchForms(word string) []string {
	return slices.Concat(assess.Translations(word), bank.TopicNames(word), compoundForms(word))
}

// closeForms are the forms of a searched word that say what it says: its
// synonyms and translations, not the topics it names nor its parts
// (searchForms). A question found by them matches better.
func closeForms(word string) []string { return assess.Translations(word) }

// maxPhraseWords is the most words a term is read of ("persistent volume
// claim"): what bounds the lookups of a long query.
const maxPhraseWords = 4

// phrases joins the words that name one term together, longest first
// ("persistent volume", "load balancing", "滚动 更新"), so that a term of
// several words is searched for as one, with its other forms
// (PersistentVolume, 负载均衡, rolling update), not word by word.
func phrases(words []string) []string {
	var out []string
	for i := 0; i < len(words); {
		j := min(len(words), i+maxPhraseWords)
		for ; j > i+1; j-- {
			if len(searchForms(joinTerm(words[i:j]))) > 1 {
				break
			}
		}
		out = append(out, joinTerm(words[i:j]))
		i = j
	}
	return out
}

// joinTerm writes words as one term: Latin words apart ("load
// balancing"), Chinese ones together, as Chinese is written ("滚动 更新"
// is 滚动更新).
func joinTerm(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 && (textnorm.HasLatin(words[i-1]) || textnorm.HasLatin(w)) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// What help says of a word typed alone that skips an interview's
// question (skip, 不会), asks for the next one (next, 换一题) or ends the
// interview (stop, 结束), and of a word after daily that reveals its
// answer (reveal, 揭晓).
const (
	msgHelpSkipWord msgKey = "helpSkipWord"
	// msgHelpDontKnowWord is msgHelpSkipWord of a word saying the user
	// does not know (I don't know, 不会).
	msgHelpDontKnowWord msgKey = "helpDontKnowWord"
	msgHelpNextWord     msgKey = "helpNextWord"
	msgHelpStopWord     msgKey = "helpStopWord"
	msgHelpRevealWord   msgKey = "helpRevealWord"
)

// What search says when no question has every word: those with most of
// them, or, with none, the topics near the words.
const (
	msgSearchMost     msgKey = "searchMost"
	msgSearchNoneNear msgKey = "searchNoneNear"
	msgSearchTerm     msgKey = "searchTerm" // a word searched, quoted
)

func init() {
	register(map[msgKey]Text{
		msgSearchMost: {"没有题目包含全部关键词%s；以下题目包含得最多（%d/%d 个）：%d 题",
			"No question has all the words searched, %s; these have the most of them (%d of %d): %d {question|questions}"},
		msgSearchTerm: {"「%s」", "\"%s\""},
		msgSearchNoneNear: {"没有找到包含「%s」的题目。相近的主题：%s，例如「%s提问 %s」；输入「%s主题」查看全部主题。",
			"No question contains \"%s\". Topics near it: %s, e.g. %sask %s. Type %stopics for all of them."},
		msgHelpSkipWord: {"在模拟面试中单独输入「%s」会跳过当前题，记为不会；在闪卡或测验之后输入，会再抽一道同一主题的闪卡或测验，和「换一题」按钮一样。",
			"\"%s\" typed alone skips the question of a mock interview, recorded as not known; after a flashcard or a quiz it draws another of its topic, as the Another button does."},
		msgHelpDontKnowWord: {"在模拟面试中单独输入「%s」会跳过当前题，记为不会；在闪卡之后输入，会显示答案（和「显示答案」按钮一样），看完再自评；在测验之后输入，会再抽一道同一主题的测验。",
			"\"%s\" typed alone skips the question of a mock interview, recorded as not known; after a flashcard it shows the answer, as the Show answer button does, for you to grade; after a quiz it draws another of its topic."},
		msgHelpNextWord: {"在模拟面试中单独输入「%s」会跳过当前题；在闪卡或测验之后输入，会再抽一道同一主题的闪卡或测验，和「换一题」按钮一样。",
			"\"%s\" typed alone skips the question of a mock interview; after a flashcard or a quiz it draws another of its topic, as the Another button does."},
		msgHelpStopWord: {"单独输入「%s」会结束进行中的模拟面试并给出报告，和「%s面试 结束」一样。",
			"\"%s\" typed alone ends the mock interview in progress and shows its report; so does %sinterview stop."},
		msgHelpRevealWord: {"「%s每日一题 揭晓」会立即公布这里最近一道每日一题的答案，不等到公布时间（仅限管理员）。",
			"With %sdaily reveal, an admin shows the answer of the latest daily question here now, before its time."},
	})
}

// help lists the commands with examples; "help <command>" shows that one,
// with the other words that run it.
func (s *Service) help(ctx context.Context, req Request, args []string) Response {
	l := s.langOf(ctx, req)
	line := func(c Command) rich.Block {
		return rich.Para(
			rich.Span{Text: req.Prefix + c.Usage(l), Style: rich.InlineCode},
			rich.Span{Text: " — " + c.Help(l, req.Prefix)},
		)
	}
	var blocks []rich.Block
	// "help me", "help me with quiz" and "help please" ask for help (with
	// quiz), not for the command me names (stats); "help quiz?" is help
	// quiz.
	for len(args) > 0 && slices.Contains(helpPleas, strings.ToLower(args[0])) {
		args = args[1:]
	}
	if len(args) > 0 {
		args = append([]string{strings.TrimRight(args[0], trailingMarks)}, args[1:]...)
	}
	if len(args) > 1 && isSkipLine(strings.Join(args, " ")) {
		args = []string{strings.Join(args, " ")} // help I don't know, help skip this
	}
	if len(args) > 0 {
		if r, ok := s.helpOnWord(l, req, args[0], line); ok {
			return r
		}
		// A word that is no command: say so before the list.
		word := clip(args[0], 40)
		no := s.t(l, msgHelpNoSuch, word)
		if c := closestCommand(args[0]); c != "" {
			no = s.t(l, msgHelpNoSuchDidYouMean, word, req.Prefix, c)
		}
		blocks = append(blocks, rich.Text(no))
	}
	var items [][]rich.Block
	for _, c := range commandTable {
		items = append(items, []rich.Block{line(c)})
	}
	items = append(items, []rich.Block{s.operatorHelp(l, req)})
	invalid := len(blocks) > 0 // help with a word that is no command
	blocks = append(blocks, rich.Para(rich.Span{Text: s.t(l, msgHelpTitle, s.bank.Len()), Style: rich.Bold}))
	if note := s.bankNote(l); note != "" {
		blocks = append(blocks, rich.Text(note))
	}
	r := Response{Messages: []Message{{
		Private: true,
		Blocks: append(blocks,
			rich.Block{Kind: rich.List, Items: items},
			rich.Text(s.t(l, msgHelpFooter, req.Prefix)),
		),
	}}}
	if invalid {
		r.Outcome = OutcomeInvalid
	}
	return r
}

// helpOnWord is help on a word of the help list: a command's name or
// alias, that command's entry; a word that does one thing of a command
// (wordHelp: skip, next, stop, reveal, 揭晓), that command's entry and
// what the word does; another word its usage shows (off, zh), that
// command's entry; an operator's command's word (export: its line, not
// its reply). ok is false for any other word.
func (s *Service) helpOnWord(l Lang, req Request, word string, line func(Command) rich.Block) (Response, bool) {
	if c, ok := LookupCommand(word); ok {
		return s.helpOn(l, req, line(c), c.forms.In(l), c.otherNames(l)), true
	}
	if name, says, ok := s.wordHelp(l, req, word); ok {
		c, _ := LookupCommand(name)
		return s.helpOn(l, req, line(c), says, c.otherNames(l)), true
	}
	c, ok := commandOfUsageWord(word)
	switch {
	case ok:
		return s.helpOn(l, req, line(c), c.forms.In(l), c.otherNames(l)), true
	case slices.Contains(operatorWords, commandWord(word)):
		return s.helpOn(l, req, s.operatorHelp(l, req), "", otherOperatorWords(l)), true
	}
	return Response{}, false
}

// commandOfUsageWord finds the command whose usage, in either language,
// shows word outside its optional parts and values to give: off and 状态
// (daily on … | off | status …), zh (lang zh|en).
func commandOfUsageWord(word string) (Command, bool) {
	w := commandWord(word)
	for _, c := range commandTable {
		for _, l := range []Lang{LangEN, LangZH} {
			if slices.Contains(usageWords(c.Usage(l)), w) {
				return c, true
			}
		}
	}
	return Command{}, false
}

// usageParts are a usage's optional parts ([topic|id]) and values to give
// (<id>).
var usageParts = regexp.MustCompile(`\[[^\]]*\]|<[^>]*>`)

// usageWords are the words a usage shows as they are typed: its command's
// name and the words of its forms (daily on | off …), without its
// optional parts and values to give.
func usageWords(usage string) []string {
	return strings.FieldsFunc(usageParts.ReplaceAllString(usage, " "), func(r rune) bool { return r == '|' || unicode.IsSpace(r) })
}

// wordHelp is what help says of a word that does one thing of a command
// (named): one that skips an interview's question or draws the next
// (skip, next, 换一题), or ends it (stop, end, 结束), typed alone; one
// after daily that reveals its answer (reveal, 揭晓, 公布答案), told as
// daily reveal. ok is false for any other word.
func (s *Service) wordHelp(l Lang, req Request, word string) (named, says string, ok bool) {
	switch {
	case isSkipLine(word):
		return "interview", s.skipWordHelp(l, word), true
	case isStopWord(word):
		return "interview", s.t(l, msgHelpStopWord, textnorm.Fold(word), req.Prefix), true
	}
	if sub, daily := dailyWord(word); daily && sub == "reveal" {
		return "daily", s.t(l, msgHelpRevealWord, req.Prefix), true
	}
	return "", "", false
}

// skipWordHelp says what a word that skips an interview's question does
// typed alone, outside an interview too: after a flashcard or a quiz it
// draws another of its topic, but a word saying the user does not know
// shows a flashcard's answer (see skipTyped).
func (s *Service) skipWordHelp(l Lang, word string) string {
	switch {
	case isNextLine(word):
		return s.t(l, msgHelpNextWord, phraseLine(word))
	case isDontKnowLine(word):
		return s.t(l, msgHelpDontKnowWord, phraseLine(word))
	}
	return s.t(l, msgHelpSkipWord, phraseLine(word))
}

// otherOperatorWords are the operator's commands' words in the language
// other than l (operatorWords: English, then Chinese).
func otherOperatorWords(l Lang) []string {
	if l == LangZH {
		return operatorWords[:2]
	}
	return operatorWords[2:]
}

// helpOn is help's reply on one command: its line, its forms and its
// other names when it has any, and how to list them all.
func (s *Service) helpOn(l Lang, req Request, line rich.Block, forms string, others []string) Response {
	blocks := []rich.Block{line}
	if forms != "" {
		blocks = append(blocks, rich.Text(forms))
	}
	if len(others) > 0 {
		blocks = append(blocks, rich.Text(s.t(l, msgHelpAliases, s.list(l, others))))
	}
	blocks = append(blocks, rich.Text(s.t(l, msgHelpAll, req.Prefix)))
	return Response{Messages: []Message{{Private: true, Blocks: blocks}}}
}

// topics lists the topics with their question counts.
func (s *Service) topics(ctx context.Context, req Request) Response {
	l := s.langOf(ctx, req)
	// Each with what ask draws from for it: a topic that is also a broader
	// word (network, security) reaches its neighbours' questions too.
	counts := s.bank.TopicCounts()
	for i := range counts {
		counts[i].Count = len(s.bank.Matching(s.bank.Resolve(counts[i].Topic)))
	}
	slices.SortStableFunc(counts, func(a, b bank.TopicCount) int { return cmp.Compare(b.Count, a.Count) })
	var parts []string
	for _, tc := range counts {
		parts = append(parts, fmt.Sprintf("%s (%d)", tc.Topic, tc.Count))
	}
	return Response{Messages: []Message{{
		Private: true,
		Blocks: []rich.Block{
			rich.Para(rich.Span{Text: s.t(l, msgTopicsTitle, len(parts), s.bank.Len()), Style: rich.Bold}),
			rich.Text(s.list(l, parts)),
			rich.Text(s.t(l, msgTopicsFooter, req.Prefix)),
		},
	}}}
}

// search lists questions whose title, answer or key points have every
// word, or one of the other names the synonym table gives it
// (assess.Synonyms), or, for a word that names topics as ask reads it
// (无头服务), one of their names (bank.TopicNames).
func (s *Service) search(ctx context.Context, req Request, words []string) Response {
	l := s.langOf(ctx, req)
	typed := terms(words)
	query := clip(typedArgs(req.Text, typed), 60)
	// A word of no letter or digit ("(") would be found in every text
	// holding it: it is no term (the query is shown as typed).
	words = slices.DeleteFunc(typed, noLetterOrDigit)
	if len(words) == 0 {
		return s.invalid(l, msgSearchUsage, req.Prefix)
	}
	words = searchWords(words)
	found := s.searchAll(words)
	if len(found) == 0 {
		// Chinese words written together ("服务类型"): the terms in them.
		if seg := segmented(words); len(seg) > len(words) {
			words, found = seg, s.searchAll(seg)
		}
	}
	title := s.t(l, msgSearchTitle, query, len(found))
	if len(found) == 0 {
		// None has every word: those with most of them, said so.
		var most int
		found, most = s.bank.SearchMost(phrases(words), searchForms)
		if len(found) == 0 {
			return s.searchNone(l, req, query, words)
		}
		// The words counted, not the query: those that make a question
		// of it ("what is") are left out, and a term of several words
		// ("readiness probe") is one.
		counted := bank.SearchTerms(phrases(words))
		for i, w := range counted {
			counted[i] = s.t(l, msgSearchTerm, clip(w, 30))
		}
		title = s.t(l, msgSearchMost, s.list(l, counted), most, len(counted), len(found))
	}
	var items [][]rich.Block
	for i, q := range found {
		if i == searchLimit {
			break
		}
		items = append(items, []rich.Block{rich.Para(
			rich.Span{Text: q.ID, Style: rich.InlineCode},
			rich.Span{Text: " " + q.Title},
		)})
	}
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: title, Style: rich.Bold}),
		{Kind: rich.List, Items: items},
	}
	if len(found) > searchLimit {
		blocks = append(blocks, rich.Text(s.t(l, msgSearchMore, len(found)-searchLimit)))
	}
	blocks = append(blocks, rich.Text(s.t(l, msgSearchFooter, req.Prefix, found[0].ID)))
	return Response{Messages: []Message{{Private: true, Blocks: blocks}}}
}

// searchAll is the questions that have every word, best matches first:
// those that have them as typed or translated (closeForms), then those
// that have only a topic a word names or a compound's parts ("pending"
// finds pod termination's question, filed under lifecycle, after the
// pending pod's); each time those of the words' phrases (a term of
// several words as one), then those of the words one by one, which a
// phrase's forms may miss ("健康 检查", "health check").
func (s *Service) searchAll(words []string) []*bank.Question {
	var found []*bank.Question
	for _, forms := range []func(string) []string{closeForms, searchForms} {
		for _, ws := range [][]string{phrases(words), words} {
			for _, q := range s.bank.Search(ws, forms) {
				if !slices.Contains(found, q) {
					found = append(found, q)
				}
			}
		}
	}
	return found
}

// searchNone answers a search no question has a word of: the topics near
// its words (a mistyping, or a Kubernetes word the bank has no topic for:
// ingress), to search or ask for; else where to look.
func (s *Service) searchNone(l Lang, req Request, query string, words []string) Response {
	var near []string
	for _, w := range words {
		for _, t := range s.bank.Suggest(w, termTopics) {
			if !slices.Contains(near, t) && len(near) < termTopics {
				near = append(near, t)
			}
		}
	}
	if len(near) > 0 {
		return s.private(l, msgSearchNoneNear, query, s.list(l, near), req.Prefix, near[0], req.Prefix)
	}
	return s.private(l, msgSearchNone, query, req.Prefix)
}
