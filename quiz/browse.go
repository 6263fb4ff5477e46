package quiz

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// searchLimit is how many questions `search` lists.
const searchLimit = 10

// searchForms are the other forms of a searched word: its synonyms and
// translations (container: 容器), and the names of the topics it stands for.
func searchForms(word string) []string {
	return append(assess.Translations(word), bank.TopicNames(word)...)
}

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

// helpPleas are words after help that ask for help itself.
var helpPleas = []string{"me", "please", "pls", "with", "on", "我", "一下"}

// help lists the commands with examples; "help <command>" shows that one,
// with the other words that run it.
func (s *Service) help(ctx context.Context, req Request, args []string) Response {
	l := s.langOf(ctx, req)
	line := func(c Command) rich.Block {
		return rich.Para(
			rich.Span{Text: req.Prefix + c.Usage(l), Style: rich.InlineCode},
			rich.Span{Text: " — " + c.helpWith(l, req.Prefix)},
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
	if len(args) > 0 {
		c, ok := LookupCommand(args[0])
		if !ok && isSkipLine(args[0]) { // help skip: the interview's pass
			c, ok = LookupCommand("interview")
		}
		if ok {
			return s.helpOn(l, req, line(c), c.forms.In(l), c.otherNames(l))
		}
		if slices.Contains(operatorWords, commandWord(args[0])) { // help export: its line, not its reply
			return s.helpOn(l, req, s.operatorHelp(l, req), "", nil)
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
	r := Response{Messages: []Message{{
		Private: true,
		Blocks: append(blocks,
			rich.Para(rich.Span{Text: s.t(l, msgHelpTitle, s.bank.Len()), Style: rich.Bold}),
			rich.Block{Kind: rich.List, Items: items},
			rich.Text(s.t(l, msgHelpFooter, req.Prefix)),
		),
	}}}
	if len(blocks) > 0 { // help with a word that is no command
		r.Outcome = OutcomeInvalid
	}
	return r
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
			rich.Text(strings.Join(parts, " · ")),
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
	query := clip(strings.Join(typed, " "), 60)
	// A word of no letter or digit ("(") would be found in every text
	// holding it: it is no term (the query is shown as typed).
	words = slices.DeleteFunc(typed, noLetterOrDigit)
	if len(words) == 0 {
		return s.invalid(l, msgSearchUsage, req.Prefix)
	}
	found := s.bank.Search(phrases(words), searchForms)
	// A phrase's forms may miss what its words find one by one ("健康 检查",
	// "health check"): those come after.
	for _, q := range s.bank.Search(words, searchForms) {
		if !slices.Contains(found, q) {
			found = append(found, q)
		}
	}
	if len(found) == 0 {
		return s.private(l, msgSearchNone, query, req.Prefix)
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
		rich.Para(rich.Span{Text: s.t(l, msgSearchTitle, query, len(found)), Style: rich.Bold}),
		{Kind: rich.List, Items: items},
	}
	if len(found) > searchLimit {
		blocks = append(blocks, rich.Text(s.t(l, msgSearchMore, len(found)-searchLimit)))
	}
	blocks = append(blocks, rich.Text(s.t(l, msgSearchFooter, req.Prefix, found[0].ID)))
	return Response{Messages: []Message{{Private: true, Blocks: blocks}}}
}
