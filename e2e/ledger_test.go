package e2e

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// storedAnswers are the users whose answer to a quiz Redis holds: the
// quiz hash's a:<user> fields.
func storedAnswers(t *testing.T, rdb *redis.Client, scope, quiz string) map[string]bool {
	t.Helper()
	fields, err := rdb.HKeys(context.Background(), "kq:{"+scope+"}:quiz:"+quiz).Result()
	if err != nil {
		t.Fatalf("reading quiz %s of %s: %v", quiz, scope, err)
	}
	out := map[string]bool{}
	for _, f := range fields {
		if user, ok := strings.CutPrefix(f, "a:"); ok {
			out[user] = true
		}
	}
	return out
}

// checkStored checks what users were told against what Redis holds: an
// answer told "scored" is in Redis, and one in Redis was told "scored" —
// never "unavailable" (an answer the bot could not tell it had stored is
// in doubt and handled again, never told it was not recorded:
// RELIABILITY.md).
func checkStored(t *testing.T, told map[string]replyKind, stored map[string]bool) {
	t.Helper()
	var toldOnly, storedOnly []string
	for u, kind := range told {
		if kind == scored && !stored[u] {
			toldOnly = append(toldOnly, u)
		}
	}
	for u := range stored {
		if told[u] != scored {
			storedOnly = append(storedOnly, fmt.Sprintf("%s (told %q)", u, told[u]))
		}
	}
	if len(toldOnly) > 0 {
		slices.Sort(toldOnly)
		t.Errorf("%d users were told their answer was scored, but Redis does not hold it: %v", len(toldOnly), head(toldOnly))
	}
	if len(storedOnly) > 0 {
		slices.Sort(storedOnly)
		t.Errorf("%d users' answers are in Redis, but they were not told they were scored: %v", len(storedOnly), head(storedOnly))
	}
}

// head is the start of a long list, for a failure message.
func head(list []string) string {
	if len(list) > 10 {
		return fmt.Sprintf("%v … (%d more)", list[:10], len(list)-10)
	}
	return fmt.Sprint(list)
}

// pendingDeliveries are the delivery IDs of the entries of an inbox that a
// consumer had taken and not finished: those in hand when a replica died.
func pendingDeliveries(t *testing.T, rdb *redis.Client, stream string) map[string]bool {
	t.Helper()
	ctx := context.Background()
	pending, err := rdb.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: stream, Group: "workers", Start: "-", End: "+", Count: 100000}).Result()
	if err != nil {
		t.Fatalf("XPENDING %s: %v", stream, err)
	}
	out := map[string]bool{}
	for _, p := range pending {
		msgs, err := rdb.XRange(ctx, stream, p.ID, p.ID).Result()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			id, _ := m.Values["i"].(string)
			out[id] = true
		}
	}
	return out
}

// replies says what one delivery's replies told: the delivery's ID, its
// user as the store names them, and the kind of each reply.
type replies func(i int) (id, user string, kinds []replyKind)

// leeway names the deliveries that may be answered other than exactly
// once.
type leeway struct {
	// twice may get the same reply twice: a replica killed with it in
	// hand may have sent its reply without removing it from the inbox; the
	// delivery handled again finds its answer scored by itself, never
	// "already answered".
	twice map[string]bool
	// unacknowledged were not acknowledged in time, or their connection
	// failed (Slack shows its user an error): answered once at most.
	unacknowledged map[string]bool
}

// tally checks that each of deliveries 0 … n-1 got exactly one reply,
// within the leeway, and returns what each user answered was told, and
// how many replies of each kind were sent.
func tally(t *testing.T, n int, lee leeway, of replies) (told map[string]replyKind, kinds map[replyKind]int) {
	t.Helper()
	told, kinds = map[string]replyKind{}, map[replyKind]int{}
	twice, silent := 0, 0
	for i := range n {
		id, user, got := of(i)
		switch {
		case len(got) == 1:
		case len(got) == 0 && lee.unacknowledged[id]:
			silent++
			continue
		case len(got) == 2 && lee.twice[id] && got[0] == got[1]:
			twice++
		default:
			t.Errorf("delivery %s got the replies %v, want exactly one (in hand at a kill: %v; unacknowledged: %v)",
				id, got, lee.twice[id], lee.unacknowledged[id])
			continue
		}
		kinds[got[0]]++
		told[user] = got[0]
	}
	if twice > 0 {
		t.Logf("%d deliveries were answered twice (of %d in hand at the kill)", twice, len(lee.twice))
	}
	if len(lee.unacknowledged) > 0 {
		t.Logf("%d deliveries were not acknowledged in time; %d of them were not answered", len(lee.unacknowledged), silent)
	}
	return told, kinds
}

// slackReplies are the replies to the presses of slackUser(i) in team,
// through the response URLs of slackTrigger(i).
func slackReplies(sf *slackFake, team string) replies {
	return func(i int) (string, string, []replyKind) {
		var kinds []replyKind
		for _, r := range sf.repliesTo(slackTrigger(i)) {
			kinds = append(kinds, r.kind)
		}
		return "trigger:" + team + ":" + slackTrigger(i), "slack:" + team + ":" + slackUser(i), kinds
	}
}

// telegramReplies are the answers to the presses of tgUser(i) in updates
// tgUpdate(i), as they are now: the toasts the user saw, and the private
// messages to the user (each presses once), paired up — a toast and the
// private message that follows it (a quiz answer's feedback) are one
// reply; a press too old for a toast is answered by message alone.
func telegramReplies(tf *tgFake) replies {
	answers, private := tf.answers(), tf.private()
	return func(i int) (string, string, []replyKind) {
		return "update:" + strconv.Itoa(tgUpdate(i)), "tg:" + strconv.FormatInt(tgUser(i), 10),
			pairUp(answers[callbackID(tgUpdate(i))], private[tgUser(i)])
	}
}

// pairUp reads a press's toasts and private messages as replies: the k-th
// toast and the k-th message are one reply when they tell the same (both
// kinds, when not: the check fails on them), the rest one each.
func pairUp(toasts, messages []string) []replyKind {
	var kinds []replyKind
	for k := range max(len(toasts), len(messages)) {
		switch {
		case k >= len(messages):
			kinds = append(kinds, kindOf(toasts[k]))
		case k >= len(toasts) || kindOf(toasts[k]) == kindOf(messages[k]):
			kinds = append(kinds, kindOf(messages[k]))
		default:
			kinds = append(kinds, kindOf(toasts[k]), kindOf(messages[k]))
		}
	}
	return kinds
}

// voteReplies are the private messages to the voters tgVoter(i) of
// updates tgVoteUpdate(i), as they are now.
func voteReplies(tf *tgFake) replies {
	texts := tf.private()
	return func(i int) (string, string, []replyKind) {
		var kinds []replyKind
		for _, text := range texts[tgVoter(i)] {
			kinds = append(kinds, kindOf(text))
		}
		return "update:" + strconv.Itoa(tgVoteUpdate(i)), "tg:" + strconv.FormatInt(tgVoter(i), 10), kinds
	}
}

// drained reports whether the inbox streams are empty: every delivery
// taken was handled, its replies sent.
func drained(rdb *redis.Client, streams ...string) bool {
	for _, s := range streams {
		if n, err := rdb.XLen(context.Background(), s).Result(); err != nil || n > 0 {
			return false
		}
	}
	return true
}
