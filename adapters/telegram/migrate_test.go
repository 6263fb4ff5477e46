package telegram

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// The chats of the migration tests: a basic group, and the supergroup
// Telegram makes of it (a new ID).
const (
	oldGroup   = int64(-4009)
	supergroup = int64(-1004009)
	// carol and dave play only after the upgrade.
	carol = int64(13)
	dave  = int64(14)
)

// upgradedGroupEnv is a daily env whose group had the daily on (alice, its
// creator, turned it on at 10:00 UTC) and played one daily (alice and bob
// voted right) before Telegram upgraded it to a supergroup; with its daily
// clock.
func upgradedGroupEnv(t *testing.T) (*env, *quiz.Scheduler, running, func(), *testkit.Clock) {
	e, sched, dc, r := dailyEnv(t, 0)
	e.group = oldGroup
	e.api.SetMember(oldGroup, e.alice, "creator")
	e.deliver(r.Adapter, telegramtest.Message(1, oldGroup, e.alice, 1, "/daily on 10:00 UTC"))
	if calls := e.await("sendMessage", 1); !strings.Contains(calls[0].Params.Get("text"), "every day at 10:00 (UTC)") {
		t.Fatalf("daily on: %s", calls[0].Params.Get("text"))
	}
	dc.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	poll := e.await("sendPoll", 1)[0]
	correct := correctOption(t, poll)
	e.deliver(r.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.alice, correct))
	testkit.Eventually(t, "alice's vote scored", func() bool { return e.points(oldGroup, e.alice) > 0 })
	e.deliver(r.Adapter, telegramtest.PollAnswer(3, poll.PollID, e.bob, correct))
	testkit.Eventually(t, "bob's vote scored", func() bool { return e.points(oldGroup, e.bob) > 0 })
	e.api.Upgrade(oldGroup, supergroup)
	nextDay := func() {
		dc.Set(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
		sched.Tick(context.Background())
		sched.Tick(context.Background())
	}
	return e, sched, r, nextDay, dc
}

// TestAGroupUpgradedToASupergroupKeepsItsBoardAndDaily: after both service
// messages of an upgrade (the supergroup's first, then the group's, each as
// Telegram sends it), the supergroup's /top shows the group's board, the
// move is logged once, and the next daily goes to the supergroup.
func TestAGroupUpgradedToASupergroupKeepsItsBoardAndDaily(t *testing.T) {
	e, _, r, nextDay, _ := upgradedGroupEnv(t)
	alice, bob := e.points(oldGroup, e.alice), e.points(oldGroup, e.bob)

	e.deliver(r.Adapter, telegramtest.MigrateFrom(4, supergroup, oldGroup, 1), telegramtest.MigrateTo(5, oldGroup, supergroup, e.alice, 7))
	testkit.Eventually(t, "the group's data moved", func() bool {
		return e.points(supergroup, e.alice) == alice && strings.Contains(e.logs.String(), "a group became a supergroup")
	})
	sent := len(e.api.Calls("sendMessage"))
	e.deliver(r.Adapter, telegramtest.Message(6, supergroup, carol, 2, "/top"))
	top := e.await("sendMessage", sent+1)[sent]
	if top.Params.Get("chat_id") != fmt.Sprint(supergroup) {
		t.Fatalf("/top answered in chat %s", top.Params.Get("chat_id"))
	}
	board := top.Params.Get("text")
	for _, want := range []string{fmt.Sprintf("User%d", e.alice), fmt.Sprintf("User%d", e.bob), fmt.Sprint(alice), fmt.Sprint(bob)} {
		if !strings.Contains(board, want) {
			t.Errorf("the supergroup's board lacks %q:\n%s", want, board)
		}
	}

	// A vote on the group's poll, handled after the move, counts in the
	// supergroup.
	e.deliver(r.Adapter, telegramtest.PollAnswer(7, e.api.Calls("sendPoll")[0].PollID, carol, correctOption(t, e.api.Calls("sendPoll")[0])))
	testkit.Eventually(t, "carol's late vote scored in the supergroup", func() bool { return e.points(supergroup, carol) == quiz.DailyPoints })

	nextDay()
	polls := e.await("sendPoll", 2)
	if got := polls[1].Params.Get("chat_id"); got != fmt.Sprint(supergroup) {
		t.Errorf("the next daily went to chat %s, want the supergroup", got)
	}
	if n := toChat(e.api.Calls("sendPoll"), fmt.Sprint(oldGroup)); n != 1 {
		t.Errorf("%d daily polls tried in the old group, want only the one before the upgrade", n)
	}
	if n := strings.Count(e.logs.String(), "a group became a supergroup"); n != 1 {
		t.Errorf("the move was logged %d times, want once:\n%s", n, e.logs.String())
	}
}

// TestADailyRefusedAsUpgradedGoesToTheSupergroup: no service message
// reached the bot; the next day's post to the group is refused with
// Telegram's 400 and migrate_to_chat_id. The daily is not turned off: the
// group's data and daily move to the supergroup, and the day's post is
// made there, once; the admin is not told the daily is off.
func TestADailyRefusedAsUpgradedGoesToTheSupergroup(t *testing.T) {
	e, sched, _, nextDay, _ := upgradedGroupEnv(t)
	alice := e.points(oldGroup, e.alice)

	nextDay()
	testkit.Eventually(t, "the day's daily in the supergroup", func() bool {
		sched.Tick(context.Background())
		return toChat(e.api.Calls("sendPoll"), fmt.Sprint(supergroup)) > 0
	})
	refused := e.api.Calls("sendPoll")[1]
	if refused.Params.Get("chat_id") != fmt.Sprint(oldGroup) || refused.OK() {
		t.Errorf("the second post: %+v, want refused in the old group", refused)
	}
	sched.Tick(context.Background())
	if n := toChat(e.api.Calls("sendPoll"), fmt.Sprint(supergroup)); n != 1 {
		t.Errorf("%d daily polls in the supergroup, want 1", n)
	}
	if _, on, err := e.store.Daily(context.Background(), fmt.Sprintf("tg:%d", supergroup), fmt.Sprint(supergroup)); !on || err != nil {
		t.Errorf("the daily is not on in the supergroup (%v)", err)
	}
	if got := e.points(supergroup, e.alice); got != alice {
		t.Errorf("alice has %d points in the supergroup, want the group's %d", got, alice)
	}
	for _, c := range e.api.Calls("sendMessage") {
		if strings.Contains(c.Params.Get("text"), "daily question is off") {
			t.Errorf("the admin was told the daily is off: %s", c.Params.Get("text"))
		}
	}
}

// TestAMalformedMigrationMovesNothing: updates that carry a migrate field
// but are not what Telegram sends for an upgrade — migrate_from in a chat
// that is no supergroup, migrate_to in a supergroup (which never
// migrates), both fields at once, a private chat on either side, no chat —
// neither panic nor move the group's data, nor stop the real upgrade that
// follows from moving it.
func TestAMalformedMigrationMovesNothing(t *testing.T) {
	e, _, r, _, _ := upgradedGroupEnv(t)
	alice := e.points(oldGroup, e.alice)
	msg := func(id int, fields string) []byte {
		return fmt.Appendf(nil, `{"update_id":%d,"message":{"message_id":%d,"date":1764468000,"from":{"id":%d,"is_bot":false,"first_name":"A"}%s}}`, id, id, e.alice, fields)
	}
	group := func(id int64, typ string) string {
		return fmt.Sprintf(`,"chat":{"id":%d,"type":%q,"title":"G"}`, id, typ)
	}
	bogus := [][]byte{
		msg(10, group(-5555, "group")+fmt.Sprintf(`,"migrate_from_chat_id":%d`, oldGroup)),
		msg(11, group(oldGroup, "supergroup")+`,"migrate_to_chat_id":-6666`),
		msg(12, group(oldGroup, "group")+fmt.Sprintf(`,"migrate_to_chat_id":%d,"migrate_from_chat_id":-5555`, supergroup)),
		msg(13, group(oldGroup, "group")+`,"migrate_to_chat_id":42`),
		msg(14, `,"chat":{"id":42,"type":"private","first_name":"A"}`+fmt.Sprintf(`,"migrate_to_chat_id":%d`, supergroup)),
	}
	e.deliver(r.Adapter, bogus...)
	e.deliver(r.Adapter, msg(15, fmt.Sprintf(`,"migrate_to_chat_id":%d`, supergroup)))
	testkit.Eventually(t, "the malformed upgrades handled", func() bool {
		s := e.logs.String()
		return strings.Count(s, "was not followed")+strings.Count(s, "a group became a supergroup")+strings.Count(s, "could not follow") >= len(bogus)
	})
	if got := e.points(oldGroup, e.alice); got != alice {
		t.Fatalf("alice has %d points in the group after malformed upgrades, want %d:\n%s", got, alice, e.logs.String())
	}
	for _, chat := range []int64{-5555, -6666, supergroup} {
		if got := e.points(chat, e.alice); got != 0 {
			t.Errorf("alice has %d points in chat %d", got, chat)
		}
	}
	e.deliver(r.Adapter, telegramtest.MigrateTo(16, oldGroup, supergroup, e.alice, 7))
	testkit.Eventually(t, "the real upgrade moved the data", func() bool { return e.points(supergroup, e.alice) == alice })
}

// TestAnUpgradeIsNeverShedNorApologisedFor: a service message of an
// upgrade that waited too long in the inbox is handled however late
// (edge.LateTeller), as a vote is: shed, the group's data would stay
// behind for good where no daily post finds it moved; and one given up
// is not apologised for in the chat, where nobody asked anything.
func TestAnUpgradeIsNeverShedNorApologisedFor(t *testing.T) {
	e, _, r, _, _ := upgradedGroupEnv(t)
	w := worker{r.Adapter}
	settle(r) // the votes' private feedback is sent after they are scored
	sent := len(e.api.Calls("sendMessage"))
	for i, body := range [][]byte{telegramtest.MigrateFrom(4, supergroup, oldGroup, 1), telegramtest.MigrateTo(5, oldGroup, supergroup, e.alice, 7)} {
		d := edge.Delivery{ID: fmt.Sprintf("update:%d", 4+i), Kind: kindUpdate, Body: body}
		if w.TooLate(context.Background(), d) {
			t.Errorf("the upgrade's service message %s was shed as too late", body)
		}
		w.Apologize(context.Background(), d)
	}
	if calls := e.api.Calls("sendMessage"); len(calls) != sent {
		t.Errorf("the bot wrote about a service message: %+v", calls[sent:])
	}
}

// TestAReplyRefusedAsUpgradedGoesToTheSupergroup: no service message
// reached the bot; a command sent in the group just before the upgrade is
// answered after it, and Telegram refuses the reply with its 400 and
// migrate_to_chat_id. The group's data moves, and the reply is posted in
// the supergroup, quoting nothing (the command stayed in the group); the
// next reply goes there at once.
func TestAReplyRefusedAsUpgradedGoesToTheSupergroup(t *testing.T) {
	e, _, r, _, _ := upgradedGroupEnv(t)
	settle(r) // the votes' private feedback is sent after they are scored
	alice := e.points(oldGroup, e.alice)
	sent, ok := len(e.api.Calls("sendMessage")), len(e.await("sendMessage", 0))
	e.deliver(r.Adapter, telegramtest.Message(8, oldGroup, e.bob, 30, "/top"))
	e.await("sendMessage", ok+1)
	calls := e.api.Calls("sendMessage")[sent:]
	if len(calls) != 2 {
		t.Fatalf("the reply took %d calls, want 2: %+v", len(calls), calls)
	}
	if calls[0].Params.Get("chat_id") != fmt.Sprint(oldGroup) || calls[0].OK() {
		t.Fatalf("the first try of the reply: %+v, want refused in the group", calls[0])
	}
	reply := calls[1]
	if reply.Params.Get("chat_id") != fmt.Sprint(supergroup) || !reply.OK() || reply.Params.Get("reply_parameters") != "" {
		t.Errorf("the reply: %+v, want it in the supergroup, quoting nothing", reply)
	}
	if !strings.Contains(reply.Params.Get("text"), fmt.Sprint(alice)) {
		t.Errorf("the reply lacks alice's %d points:\n%s", alice, reply.Params.Get("text"))
	}
	testkit.Eventually(t, "the group's data moved", func() bool { return e.points(supergroup, e.alice) == alice })
	if got := e.points(oldGroup, e.alice); got != 0 {
		t.Errorf("alice still has %d points in the group", got)
	}
}

// upgrade is the move of the migration tests' group to its supergroup.
var upgrade = quiz.ScopeMove{
	Platform:  Name,
	FromScope: ids.TelegramScope(oldGroup), FromChannel: fmt.Sprint(oldGroup),
	ToScope: ids.TelegramScope(supergroup), ToChannel: fmt.Sprint(supergroup),
}

// diesAfterScript is a go-redis hook whose client dies after its first
// script ran: every later call fails, as a replica's that crashed midway.
type diesAfterScript struct{ dead atomic.Bool }

func (d *diesAfterScript) DialHook(next redis.DialHook) redis.DialHook { return next }

func (d *diesAfterScript) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if d.dead.Load() {
			return errReplicaDied
		}
		err := next(ctx, cmd)
		if name := cmd.Name(); err == nil && (name == "evalsha" || name == "eval") {
			d.dead.Store(true)
		}
		return err
	}
}

func (d *diesAfterScript) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if d.dead.Load() {
			return errReplicaDied
		}
		return next(ctx, cmds)
	}
}

var errReplicaDied = errors.New("the replica died")

// freezeOnly moves the group as a replica that froze its data (the move's
// first step) and died before copying it: the group's data is in neither
// scope until another call finishes the move.
func freezeOnly(t *testing.T, e *env) {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: e.rdb.(*redis.Client).Options().Addr})
	t.Cleanup(func() { _ = c.Close() })
	c.AddHook(&diesAfterScript{})
	if _, err := redisstore.New(c).MoveScope(context.Background(), upgrade); !errors.Is(err, errReplicaDied) {
		t.Fatalf("the dying replica's move: %v", err)
	}
	if e.points(oldGroup, e.alice) != 0 || e.points(supergroup, e.alice) != 0 {
		t.Fatal("the group's data is not frozen")
	}
}

// feedbackTo waits for the private messages sent to user after sent
// messages in all, and returns their text.
func (e *env) feedbackTo(user int64, sent int) string {
	e.t.Helper()
	var text string
	testkit.Eventually(e.t, "the voter's feedback", func() bool {
		text = ""
		for _, c := range e.api.Calls("sendMessage")[sent:] {
			if c.Params.Get("chat_id") == fmt.Sprint(user) {
				text += c.Params.Get("text") + "\n"
			}
		}
		return text != ""
	})
	return text
}

// TestAVoteDuringTheMoveCountsInTheSupergroupOnce: a replica froze the
// group's data and died before copying it (no service message reached any
// other). A vote on the group's daily poll handled then finds its quiz in
// neither scope: it finishes the move, is scored in the supergroup, and
// its voter gets the usual feedback; the vote handled again (the inbox's
// redelivery) is scored once; the group's earlier scores moved too.
func TestAVoteDuringTheMoveCountsInTheSupergroupOnce(t *testing.T) {
	e, _, r, _, _ := upgradedGroupEnv(t)
	alice := e.points(oldGroup, e.alice)
	settle(r)
	freezeOnly(t, e)
	poll := e.api.Calls("sendPoll")[0]
	sent := len(e.api.Calls("sendMessage"))
	vote := telegramtest.PollAnswer(20, poll.PollID, carol, correctOption(t, poll))
	e.deliver(r.Adapter, vote)
	settle(r)
	if got := e.points(supergroup, carol); got != quiz.DailyPoints {
		t.Fatalf("carol's vote during the move: %d points in the supergroup, %d in the group; want %d in the supergroup:\n%s",
			got, e.points(oldGroup, carol), quiz.DailyPoints, e.feedbackTo(carol, sent))
	}
	if text := e.feedbackTo(carol, sent); !strings.Contains(text, "Right") {
		t.Errorf("carol's feedback: %q, want her usual verdict", text)
	}
	if got := e.points(supergroup, e.alice); got != alice {
		t.Errorf("alice has %d points in the supergroup, want the group's %d", got, alice)
	}
	if err := (worker{r.Adapter}).Work(context.Background(), edge.Delivery{ID: "update:20", Kind: kindUpdate, Body: vote}); err != nil {
		t.Fatal(err)
	}
	settle(r)
	if got := e.points(supergroup, carol); got != quiz.DailyPoints {
		t.Errorf("carol's vote handled again: %d points, want %d", got, quiz.DailyPoints)
	}
}

// movedGroupEnv is an upgradedGroupEnv whose group's data moved to the
// supergroup (the group's service message handled), with alice's points.
func movedGroupEnv(t *testing.T) (*env, running, int64) {
	e, _, r, _, _ := upgradedGroupEnv(t)
	alice := e.points(oldGroup, e.alice)
	settle(r)
	e.deliver(r.Adapter, telegramtest.MigrateTo(4, oldGroup, supergroup, e.alice, 7))
	testkit.Eventually(t, "the group's data moved", func() bool { return e.points(supergroup, e.alice) == alice })
	return e, r, alice
}

// TestAVoteAndAPressAfterTheMoveCountInTheSupergroupOnce: after the move,
// a press of an answer on the group's daily (its message stayed in the
// group) is scored in the supergroup and answered as usual; a vote scored
// in the group before the move and handled again after it (the inbox's
// redelivery after a crash) counts once, and its voter is told as before.
func TestAVoteAndAPressAfterTheMoveCountInTheSupergroupOnce(t *testing.T) {
	e, r, alice := movedGroupEnv(t)

	poll := e.api.Calls("sendPoll")[0]
	quizID := e.pollQuiz(t, poll)
	e.deliver(r.Adapter, telegramtest.Callback(5, oldGroup, carol, poll.MessageID, quiz.AnswerPayload(quizID, correctOption(t, poll))))
	toasts := e.await("answerCallbackQuery", 1)
	if got := e.points(supergroup, carol); got != quiz.DailyPoints {
		t.Errorf("carol's press after the move: %d points in the supergroup, want %d (told %q)", got, quiz.DailyPoints, toasts[0].Params.Get("text"))
	}
	if text := toasts[0].Params.Get("text"); !strings.Contains(text, "Right") {
		t.Errorf("carol's press was answered %q", text)
	}
	settle(r)
	if edits := e.api.Calls("editMessageText"); len(edits) != 0 {
		t.Errorf("the group's message was redrawn in another chat: %+v", edits)
	}

	sent := len(e.api.Calls("sendMessage"))
	again := telegramtest.PollAnswer(2, poll.PollID, e.alice, correctOption(t, poll)) // as upgradedGroupEnv delivered it
	if err := (worker{r.Adapter}).Work(context.Background(), edge.Delivery{ID: "update:2", Kind: kindUpdate, Body: again}); err != nil {
		t.Fatal(err)
	}
	settle(r)
	if got := e.points(supergroup, e.alice); got != alice {
		t.Errorf("alice's vote handled again after the move: %d points, want %d", got, alice)
	}
	if text := e.feedbackTo(e.alice, sent); !strings.Contains(text, "Right") {
		t.Errorf("alice's vote handled again was answered %q, want her verdict", text)
	}
}

// pollQuiz is the quiz a poll stands for, as the adapter recorded it.
func (e *env) pollQuiz(t *testing.T, poll telegramtest.Call) string {
	t.Helper()
	owner, ok, err := e.store.Get(context.Background(), e.cfg.PollOwnerKey(poll.PollID))
	if !ok || err != nil {
		t.Fatalf("the poll's owner: %v, %v", ok, err)
	}
	_, quizID, _ := ParsePollOwner(owner)
	return quizID
}

// TestACommandHandledAfterTheMoveFollowsTheGroup: a /quiz sent in the
// group just before the upgrade is handled after the move (the inbox's
// backlog): its quiz is written to the group's scope, and its poll,
// refused in the group, is posted in the supergroup. The quiz follows the
// group (a late write), so a vote on the poll counts in the supergroup.
func TestACommandHandledAfterTheMoveFollowsTheGroup(t *testing.T) {
	e, r, _ := movedGroupEnv(t)

	e.deliver(r.Adapter, telegramtest.Message(5, oldGroup, e.bob, 30, "/quiz"))
	testkit.Eventually(t, "the quiz posted in the supergroup", func() bool { return toChat(e.api.Calls("sendPoll"), fmt.Sprint(supergroup)) == 1 })
	polls := e.api.Calls("sendPoll")
	poll := polls[len(polls)-1]
	sent := len(e.api.Calls("sendMessage"))
	e.deliver(r.Adapter, telegramtest.PollAnswer(6, poll.PollID, carol, correctOption(t, poll)))
	settle(r)
	if got := e.points(supergroup, carol); got != quiz.RightAnswerPoints {
		t.Errorf("carol's vote on the late quiz: %d points in the supergroup, want %d:\n%s", got, quiz.RightAnswerPoints, e.feedbackTo(carol, sent))
	}
	left, err := e.store.ExportScope(context.Background(), upgrade.FromScope)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range left.Keys {
		if strings.HasPrefix(kv.Key, "quiz:") {
			t.Errorf("the late quiz stayed in the group's scope: %s", kv.Key)
		}
	}
}

// TestTheGroupsLastDailyIsRevealedInTheSupergroup: Telegram takes no more
// calls in a group that became a supergroup, so the group's last daily
// poll cannot be stopped; its reveal is posted in the supergroup, on
// time, and counts the votes cast on the group's poll during the move and
// after it.
func TestTheGroupsLastDailyIsRevealedInTheSupergroup(t *testing.T) {
	e, sched, r, _, dc := upgradedGroupEnv(t)
	settle(r)
	freezeOnly(t, e)
	poll := e.api.Calls("sendPoll")[0]
	e.deliver(r.Adapter, telegramtest.PollAnswer(20, poll.PollID, carol, correctOption(t, poll)))
	e.deliver(r.Adapter, telegramtest.PollAnswer(21, poll.PollID, dave, (correctOption(t, poll)+1)%4))
	settle(r)
	sent := len(e.api.Calls("sendMessage"))
	dc.Set(time.Date(2026, 12, 1, 18, 1, 0, 0, time.UTC))
	testkit.Eventually(t, "the reveal", func() bool {
		sched.Tick(context.Background())
		return len(e.api.Calls("sendMessage")) > sent
	})
	reveal := e.api.Calls("sendMessage")[sent]
	if reveal.Params.Get("chat_id") != fmt.Sprint(supergroup) {
		t.Errorf("the reveal went to chat %s, want the supergroup", reveal.Params.Get("chat_id"))
	}
	if text := reveal.Params.Get("text"); !strings.Contains(text, "4 answered, 3 right") {
		t.Errorf("the reveal does not count the four votes, three right:\n%s", text)
	}
	for _, c := range e.api.Calls("stopPoll") {
		t.Errorf("a poll was stopped: %+v", c)
	}
}

// flakyMover is a store whose moves fail while down is set.
type flakyMover struct {
	quiz.ScopeMover
	down atomic.Bool
}

func (f *flakyMover) MoveScope(ctx context.Context, m quiz.ScopeMove) (quiz.ScopeMoved, error) {
	if f.down.Load() {
		return quiz.ScopeMoved{}, errReplicaDied
	}
	return f.ScopeMover.MoveScope(ctx, m)
}

// TestAVoteDuringAMoveThatCannotBeFinishedNowIsLeftForLater: the group's
// data is frozen and the store cannot finish the move now. A vote on the
// group's poll is neither scored nor answered: it is left in the inbox
// (edge.ErrRetryLater), and handled again once the store can, it is scored
// in the supergroup, once, however often it is handled.
func TestAVoteDuringAMoveThatCannotBeFinishedNowIsLeftForLater(t *testing.T) {
	e, _, r, _, _ := upgradedGroupEnv(t)
	settle(r)
	freezeOnly(t, e)
	flaky := &flakyMover{ScopeMover: e.store}
	flaky.down.Store(true)
	d := deps(e.core, e.store, slogTo(e.logs))
	d.Scopes = flaky
	a, err := New(e.cfg, d)
	if err != nil {
		t.Fatal(err)
	}
	poll := e.api.Calls("sendPoll")[0]
	voter := &tgbotapi.User{ID: carol, FirstName: "Carol", LanguageCode: "en"}
	vote := func() (quiz.Response, int64, error) {
		return a.handleMoving(context.Background(), oldGroup, 0, voter, quiz.AnswerPayload(e.pollQuiz(t, poll), correctOption(t, poll)), "update:20")
	}
	if _, _, err := vote(); !errors.Is(err, edge.ErrRetryLater) {
		t.Fatalf("a vote during a move that cannot be finished: %v, want it left for later", err)
	}
	if e.points(supergroup, carol) != 0 || e.points(oldGroup, carol) != 0 {
		t.Fatal("the vote left for later was scored")
	}
	flaky.down.Store(false)
	for range 2 {
		resp, chat, err := vote()
		if err != nil || chat != supergroup || !resp.Scored {
			t.Fatalf("the vote handled again: %+v in chat %d, %v; want it scored in the supergroup", resp, chat, err)
		}
	}
	if got := e.points(supergroup, carol); got != quiz.DailyPoints {
		t.Errorf("carol has %d points in the supergroup, want %d", got, quiz.DailyPoints)
	}
}
