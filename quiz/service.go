// Package quiz is kubequiz's platform-neutral core: it turns a Request (a
// typed command or a pressed button) into a Response of neutral messages.
// It owns the interfaces it needs (Store, the clock, randomness); it imports
// no platform SDK and no Redis client, and it never sends anything itself.
package quiz

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/srs"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// RightAnswerPoints are what a right answer to an on-demand quiz earns.
const RightAnswerPoints = 10

// AnswerPeriod is how long an on-demand quiz takes answers.
const AnswerPeriod = 7 * 24 * time.Hour

// Config sets up a Service.
type Config struct {
	Bank  *bank.Bank
	Store Store
	// Now is the clock; Rand the source of randomness. Both are injected so
	// tests are deterministic. Rand need not be safe for concurrent use.
	Now  func() time.Time
	Rand rand.Source
	// Location is the default time zone of days and weeks (streaks, weekly
	// boards, the daily question): that of every scope that sets none of
	// its own (the zone command).
	Location *time.Location
	// Lang is the default interface language ("zh" or "en").
	Lang string
	// Logger receives internal errors, which users never see.
	Logger *slog.Logger
	// Scheduler is the spaced-repetition scheduler; the zero value means
	// srs.Default().
	Scheduler *srs.Scheduler
	// AdminIDs may run admin commands on any platform: full user IDs
	// ("slack:T1:U1", "tg:42") or a platform's own ("U1", "42").
	AdminIDs []string
	// Daily keeps the daily questions; without it the daily commands say
	// they are unavailable.
	Daily DailyStore
	// RevealAfter is how long after posting a daily's answer is revealed
	// (default 8h).
	RevealAfter time.Duration
	// Scorer scores answers in words; nil means one built from Bank when
	// the first answer comes (assess.FromBank).
	Scorer *assess.Scorer
	// Quizzes generates the multiple-choice quizzes; it must be built from
	// Bank. Nil means one built from Bank now (mcq.NewGenerator), which
	// indexes every question: a caller making several Services of one bank
	// can build it once.
	Quizzes *mcq.Generator
	// EmbeddedStore says that Store is an embedded in-memory Redis (no
	// REDIS_URL): `bot export` and `bot import`, which reach a team's data
	// through REDIS_URL, cannot reach it, and export and import typed in a
	// chat are told so.
	EmbeddedStore bool
	// UserLimit bounds how fast one user's requests are handled, in this
	// process (zero: no limit; the bot uses DefaultUserLimit), so that
	// one user flooding the bot delays nobody else's replies.
	UserLimit UserLimit
}

// Service is the quiz core. It is safe for concurrent use.
type Service struct {
	bank *bank.Bank
	// bankLang is the language of the bank's questions (bankLang).
	bankLang Lang
	gen      *mcq.Generator
	store    Store
	now      func() time.Time
	lang     Lang
	log      *slog.Logger
	sched    srs.Scheduler

	quizzes *quizCache
	// langs remembers users' language choices, for when the store cannot
	// answer.
	langs *langCache
	// zone is the default zone of days and weeks, of scopes that set none;
	// zones keeps the scopes' zones.
	zone  *zone
	zones *scopeZones

	admins  []string
	dailies DailyStore
	// daily posts `daily now` and `daily reveal` through the scheduler's
	// path; nil until NewScheduler attaches one.
	daily       *Scheduler
	revealAfter time.Duration
	// embedded is Config.EmbeddedStore.
	embedded bool
	// admission keeps Config.UserLimit.
	admission *admission
	// boards remembers the leaderboards posted lately (see top).
	boards *recentBoards

	// scorer is the assess scorer, given or built on first use.
	scorer func() *assess.Scorer

	mu  sync.Mutex // guards rnd
	rnd *rand.Rand
}

// New makes a Service from its configuration.
func New(c Config) (*Service, error) {
	if c.Bank == nil || c.Store == nil {
		return nil, errors.New("quiz: a bank and a store are required")
	}
	s := &Service{
		bank:     c.Bank,
		bankLang: bankLang(c.Bank),
		gen:      c.Quizzes,
		store:    c.Store,
		now:      c.Now,
		lang:     ParseLang(c.Lang),
		log:      c.Logger,
		sched:    srs.Default(),

		quizzes: newQuizCache(quizCacheSize),
		langs:   newLangCache(langCacheSize),
		zones:   newScopeZones(scopeZoneCap),

		admins:      c.AdminIDs,
		dailies:     c.Daily,
		revealAfter: c.RevealAfter,
		embedded:    c.EmbeddedStore,
		admission:   &admission{limit: c.UserLimit, users: map[string]*allowance{}},
		boards:      &recentBoards{posted: map[string]time.Time{}},
	}
	if s.gen == nil {
		s.gen = mcq.NewGenerator(c.Bank)
	}
	s.scorer = func() *assess.Scorer { return c.Scorer }
	if c.Scorer == nil {
		s.scorer = sync.OnceValue(func() *assess.Scorer { return assess.FromBank(c.Bank) })
	}
	if s.revealAfter <= 0 {
		s.revealAfter = 8 * time.Hour
	}
	if s.now == nil {
		s.now = time.Now
	}
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	s.zone = s.zones.shared(loc)
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if c.Scheduler != nil {
		s.sched = *c.Scheduler
	}
	src := c.Rand
	if src == nil {
		src = rand.NewPCG(rand.Uint64(), rand.Uint64())
	}
	s.rnd = rand.New(src)
	return s, nil
}

// withRand runs f with the service's random source, which is not safe for
// concurrent use on its own.
func (s *Service) withRand(f func(r *rand.Rand)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s.rnd)
}

// Handle answers one request. It never panics on bad input and always
// returns something to show; the response names the command it handled and
// how it went.
func (s *Service) Handle(ctx context.Context, req Request) Response {
	if r, ok := s.limited(ctx, req); ok {
		return r
	}
	req.UserName = textnorm.DisplayName(req.UserName) // names come in here only; boards show them as they are kept
	var r Response
	var name string
	switch {
	case req.Reply != nil:
		r, name = s.handleReply(ctx, req), "answer"
	case req.Payload != "":
		r, name = s.handleAction(ctx, req)
	default:
		r, name = s.handleText(ctx, req)
	}
	r.Command = name
	if r.Outcome == "" {
		r.Outcome = OutcomeOK
	}
	return r
}

func (s *Service) handleText(ctx context.Context, req Request) (Response, string) {
	cmd, problem, word := parseCommand(req.Text)
	switch problem {
	case problemUnreadable:
		return s.invalid(s.langOf(ctx, req), msgUnreadable), "unreadable"
	case problemTooLong:
		limit := MaxCommandRunes
		if cmd.Name != "" {
			limit = cmd.limit()
		} else if r, ok := s.plainAnswer(ctx, req, "", s.interviewsOnce(ctx, req)); ok {
			return r, "answer" // a long answer typed without "answer" is no command too long
		}
		return s.invalid(s.langOf(ctx, req), msgTooLong, limit), "too-long"
	case problemUnknown:
		l := s.langOf(ctx, req)
		if choice, number, ok := typedChoice(req.Text); ok { // B, ｂ, 2: a quiz's option, typed
			return s.choiceTyped(ctx, req, l, choice, number), "typed-choice"
		}
		if n, ok := buttonNumber(req); ok {
			return s.noSuchButton(l, req, n), "no-such-button"
		}
		if r, name, ok := s.confirmTyped(ctx, req); ok { // yes, 取消: the typist's confirmation pressed
			return r, name
		}
		if isSkipLine(req.Text) { // skip, 跳过, 下一题: a mock interview's pass, or the next card
			return s.skipTyped(ctx, req)
		}
		// A button's label, the stop and the unknown word's hint read the
		// interviews once.
		ivs := s.interviewsOnce(ctx, req)
		if r, name, ok := s.buttonLabelTyped(ctx, req, l, ivs); ok { // 显示答案, submit: a button's label
			return r, name
		}
		if r, ok := s.stopTyped(ctx, req, l, ivs); ok { // stop, 结束: in an interview, its end
			return r, "interview"
		}
		if r, ok := s.optionTextTyped(ctx, req, l); ok { // Guaranteed: an option of the waiting quiz, typed whole
			return r, "typed-choice"
		}
		return s.unknownCommand(ctx, req, l, word, ivs)
	}
	ivs := s.interviewsOnce(ctx, req)
	if r, ok := s.sentenceAnswer(ctx, req, cmd, ivs); ok { // 搜索过资料：…, 主题：… in an interview
		return r, "answer"
	}
	if cmd.glued != "" && !s.gluedFits(ctx, req, cmd) {
		// "问题在于……" is a sentence, not ask 题在于: a name run into words
		// its command would not take is a word the bot does not know.
		return s.unknownCommand(ctx, req, s.langOf(ctx, req), cmd.glued, ivs)
	}
	if cmd.words != freeWords && len(cmd.args) > cmd.words {
		return s.extraWords(ctx, req, cmd.Command, cmd.args), cmd.Name
	}
	return cmd.run(s, ctx, req, cmd.args), cmd.Name
}

// extraWords tells the user that cmd does not take args, and what it takes:
// "stats bob" is not bob's stats. The words it takes are left out of the
// quote ("top week extra": "extra"); when the first is not one of them,
// which word is amiss is not known ("lang set en"), and all are quoted.
func (s *Service) extraWords(ctx context.Context, req Request, cmd Command, args []string) Response {
	l := s.langOf(ctx, req)
	typed := typedFields(req.Text, args)
	if cmd.takes != nil && len(args) > cmd.words && cmd.takes(args[0]) {
		typed = typed[cmd.words:]
	}
	extra := clip(strings.Join(typed, " "), 40)
	return s.invalid(l, msgExtraWords, cmd.NameIn(l), extra, req.Prefix+cmd.Usage(l))
}

// gluedFits reports whether what a Chinese name ran into is what its
// command takes, before anything runs: topics or a question ID for ask,
// quiz and interview (or interview's count and time, or a word that stops
// it), a question ID (or one near it) for answer, or any answer while the
// user is in a mock interview or has a flashcard on screen
// (cardOnScreen), a command for help, one of daily's words for daily, the
// user themselves for forget (忘记我), anything for search. For ask, quiz,
// interview and answer, a Latin letter or digit right after the name fits
// too: no sentence starts
// so (问pvv is ask pvv, whose reply names the topics near it), while
// 问题在于… does. Other commands are not run glued (gluedCommand).
func (s *Service) gluedFits(ctx context.Context, req Request, cmd command) bool {
	rest := cmd.args[0]
	latin := textnorm.IsWordByte(rest[0])
	switch cmd.Name {
	case "search":
		return true
	case "help":
		return Understood(rest) || slices.Contains(helpPleas, rest)
	case "daily":
		_, _, ok := readDailyWord(cmd.args[:1])
		return ok
	case "forget":
		return isMe(rest)
	case "answer":
		id, _ := cutAnswerID(rest)
		id = textnorm.Term(id)
		_, known := s.bank.ByID(id)
		_, near := s.bank.NearestID(id)
		if known || near || latin || s.bank.LooksLikeID(id) {
			return true
		}
		ivs, err := s.store.Interviews(ctx, req.Scope, req.User)
		// A store that fails is told by the answer itself.
		if err != nil || ivs.Current.ID != "" {
			return true
		}
		_, onScreen := s.cardOnScreen(ctx, req)
		return onScreen
	case "interview":
		args := terms(cmd.args)
		if latin || len(args) == 1 && isStopWord(args[0]) || len(args) > 0 && isSkipLine(strings.Join(cmd.args, " ")) {
			return true
		}
		_, _, ok := s.planInterview(LangEN, Request{}, args)
		return ok
	default: // ask, quiz
		if latin {
			return true
		}
		_, _, ok := s.selectQuestions(LangEN, Request{}, cmd.Name, cmd.args)
		return ok
	}
}

// unknownCommand answers a first word that is no command, and names what
// it did: an operator's hint where one fits (export, import); when the
// user's mock interview waits for an answer (ivs reads it), or a flashcard
// is on screen, in the user's direct chat the text is the answer unless
// the word is close to a command (plainAnswer), and in an interview
// elsewhere, or then, the reply says how to answer, then the command the
// word may have meant; else a line that talks to the bot (chatLine: a
// greeting, a plea for a question, a question) is answered as such; else,
// with a flashcard on screen, the line is quoted with how to answer it
// (cardHint); else the word is no command, with the closest one.
func (s *Service) unknownCommand(ctx context.Context, req Request, l Lang, word string, ivs func() (Interviews, error)) (Response, string) {
	if r, name, ok := s.operatorHint(req, l, word); ok {
		return r, name
	}
	meant := meantCommand(req, word)
	if meant != "" && s.nearSentence(req, word, ivs) { // "Topic: the scheduler…" in an interview
		meant = ""
	}
	if r, ok := s.plainAnswer(ctx, req, meant, ivs); ok {
		return r, "answer"
	}
	if r, ok := s.interviewHint(req, l, ivs); ok {
		if meant != "" {
			r = withLine(r, s.t(l, msgDidYouMean, meant))
		}
		return r, "unknown"
	}
	if r, name, ok := s.chatLine(ctx, req, l); ok {
		return r, name
	}
	if r, ok := s.cardHint(ctx, req, l, meant); ok {
		return r, "unknown"
	}
	quoted := clip(typedWord(req.Text, word), 40)
	if meant != "" {
		return s.invalid(l, msgUnknownCommandDidYouMean, quoted, meant, req.Prefix), "unknown"
	}
	return s.invalid(l, msgUnknownCommand, quoted, req.Prefix), "unknown"
}

// meantCommand is the command a word that is no command most likely
// meant, after the platform's prefix, with the rest of the line as it
// was meant (测试 pv → 测验 pv); "" when no command is close.
func meantCommand(req Request, word string) string {
	c := closestCommand(word)
	if c == "" {
		return ""
	}
	line := withoutSlashCommand(req.Text)
	if rest := afterWords(line, 1); rest != "" && strings.HasPrefix(strings.TrimSpace(line), word) &&
		!strings.Contains(rest, "\n") && utf8.RuneCountInString(rest) <= 30 {
		c += " " + rest
	}
	return req.Prefix + c
}

// actionNames names the button actions in logs and metrics.
var actionNames = map[actionKind]string{
	actionShow: "show-answer", actionNext: "another", actionGrade: "grade", actionChecklist: "checklist",
	actionToggle: "checklist-toggle", actionSubmit: "checklist-submit", actionAnswer: "answer", actionForget: "forget",
	actionWrite: "answer-it", actionOverride: "change-grade", actionInterview: "interview", actionReference: "reference", actionKeep: "forget-cancel",
}

func (s *Service) handleAction(ctx context.Context, req Request) (Response, string) {
	a, err := parseAction(req.Payload)
	if err != nil {
		return s.badButton(s.langOf(ctx, req)), "bad-button"
	}
	name := actionNames[a.kind]
	switch a.kind {
	case actionShow:
		return s.showAnswer(ctx, req, a.questionID, a.topic), name
	case actionNext:
		return s.ask(ctx, req, strings.Fields(a.topic)), name
	case actionGrade:
		return s.grade(ctx, req, a.questionID, a.token, a.grade, coverage{}, a.topic), name
	case actionChecklist:
		return s.openChecklist(ctx, req, a.questionID, a.token, 0, false, a.topic), name
	case actionToggle:
		return s.openChecklist(ctx, req, a.questionID, a.token, a.mask, true, a.topic), name
	case actionSubmit:
		return s.submitChecklist(ctx, req, a.questionID, a.token, a.mask, a.topic), name
	case actionWrite:
		return s.promptAnswer(ctx, req, a.questionID), name
	case actionReference:
		return s.showReference(ctx, req, a.questionID), name
	case actionOverride:
		return s.overrideGrade(ctx, req, a.rehearsalID, a.grade), name
	case actionInterview:
		return s.interviewAction(ctx, req, a.interview), name
	case actionForget:
		return s.forgetConfirmed(ctx, req, a), name
	case actionKeep:
		return s.forgetCancelled(ctx, req, a), name
	default:
		return s.answer(ctx, req, a.quizID, a.choice), name
	}
}

// langOf finds the user's interface language: their choice, else the
// platform's hint, else the default. A store that cannot answer is not an
// error here: the reply is still given, in the choice remembered (see
// langCache) or the fallback language.
func (s *Service) langOf(ctx context.Context, req Request) Lang {
	stored, err := s.store.Language(ctx, req.Scope, req.User)
	if err != nil {
		s.storeFailed(ctx, "reading language", err)
		return s.langUnread(req)
	}
	if stored == "" {
		s.langs.put(req.Scope, req.User, "") // none: no longer remembered (pickLang remembers a choice)
	}
	return s.pickLang(stored, req)
}

// langUnread is the user's interface language when the store could not
// be read: their choice as last read or set here, else the platform's
// hint, else the default.
func (s *Service) langUnread(req Request) Lang {
	return s.pickLang(s.langs.get(req.Scope, req.User), req)
}

// pickLang is the user's interface language given their stored choice
// ("" for none, or unread), which it remembers for when the store cannot
// answer: the choice, else the platform's hint when it names a language
// the bot speaks, else the default.
func (s *Service) pickLang(stored string, req Request) Lang {
	if stored != "" {
		s.langs.put(req.Scope, req.User, stored)
		return ParseLang(stored)
	}
	if l, ok := LookupLang(req.Locale); ok {
		return l
	}
	return s.lang
}

// storeFailed logs a store error with its context; users are told only that
// scores are unavailable for now.
func (s *Service) storeFailed(ctx context.Context, doing string, err error) {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return // shutting down is not a failure
	}
	s.log.LogAttrs(ctx, slog.LevelWarn, "store unavailable", slog.String("doing", doing), slog.Any("err", err))
}

// clip shortens text a user typed before it is echoed back.
func clip(s string, n int) string { return bank.Truncate(s, n) }

// typedWord is word, the first word of text as the bot read it
// (textnorm.Input, after Slack's command), as the user typed it:
// full-width punctuation and traditional characters are quoted back as
// typed. It is word itself when the first word typed does not read as
// it.
func typedWord(text, word string) string {
	if f := strings.Fields(withoutSlashCommand(text)); len(f) > 0 && textnorm.Input(f[0]) == word {
		return f[0]
	}
	return word
}

// typedFields are args, a command's words as the bot read them
// (textnorm.Input), as the user typed them after its name: each when
// every one reads as its own; else args.
func typedFields(text string, args []string) []string {
	raw := strings.Fields(afterCommand(text))
	if len(raw) != len(args) {
		return args
	}
	for i, w := range raw {
		if textnorm.Input(w) != args[i] {
			return args
		}
	}
	return raw
}

// typedArgs are a command's words, read as terms (typed, textnorm.Terms),
// as the user typed them: the rest of the line after the command's name,
// trimmed, when it reads as those terms; else the terms.
func typedArgs(text string, typed []string) string {
	if rest := strings.TrimSpace(afterCommand(text)); slices.Equal(textnorm.Terms(rest), typed) {
		return rest
	}
	return strings.Join(typed, " ")
}
