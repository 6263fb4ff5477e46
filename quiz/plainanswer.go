package quiz

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Text typed with no command, and a sentence that only starts with a
// command's name (搜索过资料：…, 主题：重启策略), while something waits
// for an answer in words. In the user's direct chat with the bot (the
// console, a private chat) it is the answer: to the current question of
// their mock interview (typedInterviewAnswer), else to the flashcard on
// screen (cardOnScreen), as `answer <text>` with no ID takes it — unless
// it is close to a command. Elsewhere, or then, a flashcard on screen is
// no reason to lose the line unsaid: the reply quotes it and says how to
// answer the card.

const msgCardNotAnswered msgKey = "cardNotAnswered"

func init() {
	register(map[msgKey]Text{
		msgCardNotAnswered: {"「%s」不是命令，没有当作回答。回答刚才的闪卡：点它的「作答」按钮，或输入「%s作答 <你的回答>」。",
			"\"%s\" is no command, and was not taken as an answer. To answer the flashcard above, press its Answer it button, or type %sanswer <your answer>."},
	})
}

// plainAnswerQuoteRunes bounds the line quoted back when it was not
// taken as the answer to a flashcard.
const plainAnswerQuoteRunes = 40

// plainAnswer answers text that is no command (or, meant "" too, a
// sentence that only starts with a command's name) as the answer to what
// waits for one in the user's direct chat: their mock interview's
// question, else the flashcard on screen. ok is false elsewhere, when
// neither waits (or they cannot be read), or when the text is close to a
// command (meant).
func (s *Service) plainAnswer(ctx context.Context, req Request, meant string, ivs func() (Interviews, error)) (Response, bool) {
	if r, ok := s.typedInterviewAnswer(ctx, req, meant, ivs); ok {
		return r, true
	}
	if !req.inDirectChat() || meant != "" {
		return Response{}, false
	}
	if read, err := ivs(); err != nil || read.Current.ID != "" && !read.Current.Done() {
		return Response{}, false
	}
	line := strings.TrimSpace(withoutSlashCommand(req.Text))
	if !looksLikeAnAnswer(line) {
		return Response{}, false
	}
	if _, ok := s.cardOnScreen(ctx, req); !ok {
		return Response{}, false
	}
	// Answered as `answer <text>` typed with no ID answers the card.
	req.Text = "answer " + line
	return s.answerCommand(ctx, req, strings.Fields(textnorm.Input(line))), true
}

// acknowledgements are lines people send a bot to say they follow, as
// its input normalises them: never an answer to a flashcard, nor are the
// lines chatLine answers (greetings, thanks, pleas for a question).
var acknowledgements = map[string]bool{
	"thanks again": true, "got it": true, "ok thanks": true, "okay thanks": true, "i see": true, "makes sense": true,
	"好的谢谢": true, "知道了": true, "明白了": true, "我知道了": true, "我明白了": true,
}

// looksLikeAnAnswer reports whether a line typed with a flashcard on
// screen says enough to be taken for its answer, rather than a word sent
// in passing (hi, thanks, ok, 谢谢) or a mistyped command: two words or
// more, or one of four Chinese characters or more, no thanks, and no
// question (what is a pod?, which search answers). A line
// not taken is quoted back with how to answer the card, so nothing typed
// is lost unsaid, and no review of Again is recorded for a "thanks".
func looksLikeAnAnswer(line string) bool {
	if strings.HasSuffix(line, "?") || strings.HasSuffix(line, "？") {
		return false // a question to the bot (chatLine), not an answer
	}
	norm := strings.ToLower(strings.Join(strings.FieldsFunc(textnorm.Input(line), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	}), " "))
	if acknowledgements[norm] || acknowledgements[strings.ReplaceAll(norm, " ", "")] || isChatPhrase(norm) {
		return false
	}
	if words := strings.Fields(norm); len(words) != 1 {
		return len(words) > 1
	}
	han := 0
	for _, r := range norm {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return han >= 4
}

// sentenceAnswer answers a line that only starts with a command's name
// (sentence) as the answer to what waits for one in the user's direct
// chat (plainAnswer), and one whose words its command would refuse as
// the answer to the user's mock interview (interviewSentence): "Start
// the new pods first" is no help on "the".
func (s *Service) sentenceAnswer(ctx context.Context, req Request, cmd command, ivs func() (Interviews, error)) (Response, bool) {
	switch {
	case !req.inDirectChat():
		return Response{}, false
	case cmd.sentence():
		return s.plainAnswer(ctx, req, "", ivs)
	case s.interviewSentence(req, cmd, afterCommand(req.Text), ivs):
		return s.typedInterviewAnswer(ctx, req, "", ivs)
	}
	return Response{}, false
}

// nearSentence reports whether a line whose first word is no command but
// close to one ("Topic: the scheduler…") is a sentence for the user's
// mock interview (interviewSentence) as that command's line.
func (s *Service) nearSentence(req Request, word string, ivs func() (Interviews, error)) bool {
	near := closestCommand(word)
	if near == "" || !req.inDirectChat() {
		return false
	}
	rest := afterWords(withoutSlashCommand(req.Text), 1)
	cmd, problem, _ := parseCommand(near + " " + rest)
	return problem == problemNone && s.interviewSentence(req, cmd, rest, ivs)
}

// interviewSentence reports whether a line typed as cmd, rest the words
// after its name, is rather the answer to the question the user's mock
// interview waits for: rest says enough (looksLikeAnAnswer: "top week"
// and "stats bob" are commands, run or refused) and cmd would refuse it
// (refuses).
func (s *Service) interviewSentence(req Request, cmd command, rest string, ivs func() (Interviews, error)) bool {
	if !looksLikeAnAnswer(rest) || !s.refuses(cmd) {
		return false
	}
	read, err := ivs()
	return err == nil && read.Current.ID != "" && !read.Current.Done()
}

// refuses reports whether cmd would refuse its words rather than run on
// them: words top, stats, lang or topics does not take, a first word help
// knows no command by, words that name no topic for ask and quiz, nor an
// interview's topics, count, time, skip or stop, and a sentence of words
// for search (four or more), which takes any. Answer, daily, zone and
// forget read their words as typed.
func (s *Service) refuses(cmd command) bool {
	args := cmd.args
	switch cmd.Name {
	case "answer", "daily", "zone", "forget":
		return false
	case "search":
		return len(args) >= 4
	case "help":
		for len(args) > 0 && slices.Contains(helpPleas, strings.ToLower(args[0])) {
			args = args[1:]
		}
		return len(args) > 0 && !Understood(strings.TrimRight(args[0], trailingMarks)) && !isSkipLine(strings.Join(args, " "))
	case "interview":
		if len(args) == 0 || isSkipLine(strings.Join(args, " ")) || isStopWord(args[0]) {
			return false
		}
		_, _, ok := s.planInterview(LangEN, Request{}, terms(args))
		return !ok
	case "ask", "quiz":
		if len(args) == 0 {
			return false
		}
		_, _, ok := s.selectQuestions(LangEN, Request{}, cmd.Name, args)
		return !ok
	}
	return len(args) > cmd.words || len(args) > 0 && cmd.takes != nil && !cmd.takes(args[0])
}

// sentence reports whether a command's name that ran into other words
// (搜索过资料：…) or a colon (主题：重启策略) only starts a sentence: its
// command would refuse the words (topics takes none), or, for search,
// which takes any, they are several terms run into its name (搜索探针
// searches). Answer and interview, whose words are an answer or the
// interview's own (面试结束), are run as typed, and so are names that
// ran into words their command does not take, which are no command
// (gluedFits).
func (cmd command) sentence() bool {
	switch {
	case cmd.glued == "" && !cmd.colon || cmd.Name == "answer" || cmd.Name == "interview":
		return false
	case cmd.Name == "search":
		return len(terms(cmd.args)) > 1
	}
	return cmd.words != freeWords && len(cmd.args) > cmd.words
}

// cardHint is the reply to a line that is no command while a flashcard
// is on screen, not taken as its answer: the line quoted (cut if long),
// and how to answer the card; then the command it may have meant. ok is
// false with no card on screen.
func (s *Service) cardHint(ctx context.Context, req Request, l Lang, meant string) (Response, bool) {
	if _, ok := s.cardOnScreen(ctx, req); !ok {
		return Response{}, false
	}
	typed := clip(strings.Join(strings.Fields(withoutSlashCommand(req.Text)), " "), plainAnswerQuoteRunes)
	r := s.invalid(l, msgCardNotAnswered, typed, req.Prefix)
	if meant != "" {
		r = withLine(r, s.t(l, msgDidYouMean, meant))
	}
	return r, true
}
