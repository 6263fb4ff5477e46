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

// sameUsers checks that the users told their answer was scored are the
// users whose answer Redis holds.
func sameUsers(t *testing.T, told, stored map[string]bool) {
	t.Helper()
	var toldOnly, storedOnly []string
	for u := range told {
		if !stored[u] {
			toldOnly = append(toldOnly, u)
		}
	}
	for u := range stored {
		if !told[u] {
			storedOnly = append(storedOnly, u)
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

// tally checks that each of deliveries 0 … n-1 got exactly one reply — or
// the same reply twice when it is in twiceOK: a replica killed with it in
// hand may have sent its reply without removing it from the inbox, and
// the delivery handled again finds its answer scored by itself, never
// "already answered". It returns the users told their answer was scored,
// and how many replies of each kind were sent.
func tally(t *testing.T, n int, twiceOK map[string]bool, of replies) (told map[string]bool, kinds map[replyKind]int) {
	t.Helper()
	told, kinds = map[string]bool{}, map[replyKind]int{}
	twice := 0
	for i := range n {
		id, user, got := of(i)
		switch {
		case len(got) == 1:
		case len(got) == 2 && twiceOK[id] && got[0] == got[1]:
			twice++
		default:
			t.Errorf("delivery %s got the replies %v, want exactly one (may be repeated: %v)", id, got, twiceOK[id])
			continue
		}
		kinds[got[0]]++
		if got[0] == scored {
			told[user] = true
		}
	}
	if twice > 0 {
		t.Logf("%d deliveries were answered twice (of %d that could be)", twice, len(twiceOK))
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
// tgUpdate(i), as they are now.
func telegramReplies(tf *tgFake) replies {
	answers := tf.answers()
	return func(i int) (string, string, []replyKind) {
		var kinds []replyKind
		for _, text := range answers[callbackID(tgUpdate(i))] {
			kinds = append(kinds, kindOf(text))
		}
		return "update:" + strconv.Itoa(tgUpdate(i)), "tg:" + strconv.FormatInt(tgUser(i), 10), kinds
	}
}
