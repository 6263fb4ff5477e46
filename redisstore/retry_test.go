package redisstore

import (
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// TestAWriteRetriedAfterATimeoutRecognisesItself holds back Redis's reply
// to a write for good, after Redis ran it, so the client gives up at its
// read timeout: go-redis sends the write again, which must find its own
// mark and report what the first run did — never "already answered",
// never a dropped delivery, never a second review.
func TestAWriteRetriedAfterATimeoutRecognisesItself(t *testing.T) {
	t.Parallel()
	st, proxy := throughProxy(t)
	f := &fx{t: t, st: st, scope: newScope(t), ctx: ctxFor(t)}
	stall := func() { proxy.HoldReplies(1) }

	t.Run("an answer", func(t *testing.T) {
		// From a caller fetching the quiz, and from one holding it (the
		// core's common case, answerHeldScript).
		for _, held := range []bool{false, true} {
			q := f.quiz()
			user := "alice"
			if held {
				user = "dave"
			}
			before := proxy.Lost()
			stall()
			res := f.answer(q, user, q.Correct, func(a *quiz.Answer) {
				a.Delivery = "update:1"
				if held {
					a.Held = &q
				}
			})
			if proxy.Lost() != before+1 {
				t.Fatal("the reply was not held back")
			}
			if res.Status != quiz.AnswerScored || res.Points != quiz.RightAnswerPoints || res.Answered != 1 {
				t.Errorf("held %v: the answer whose reply timed out: %+v; want it scored", held, res)
			}
			if got := f.points(week1, user); got != int64(quiz.RightAnswerPoints) {
				t.Errorf("held %v: %s has %d points, want %d (scored once)", held, user, got, quiz.RightAnswerPoints)
			}
		}
		t.Run("one that earned nothing, its question answered this week", func(t *testing.T) {
			for _, held := range []bool{false, true} {
				user := "erin"
				if held {
					user = "frank"
				}
				q := f.quiz()
				answer := func(a *quiz.Answer) {
					a.WeekStart, a.Delivery = week1Start, "update:"+q.ID
					if held {
						a.Held = &q
					}
				}
				f.answer(f.quiz(), user, 0, answer) // the week's points for q1
				stall()
				res := f.answer(q, user, q.Correct, answer)
				if res.Status != quiz.AnswerScored || res.Points != 0 || !res.AnsweredThisWeek || res.WeekPoints != quiz.RightAnswerPoints {
					t.Errorf("held %v: the answer whose reply timed out: %+v; want it scored, no points, as answered this week", held, res)
				}
			}
		})
		t.Run("without the delivery's mark the retry would be told it is a repeat", func(t *testing.T) {
			q := f.quiz()
			stall()
			if res := f.answer(q, "bob", q.Correct); res.Status != quiz.AnswerRepeated {
				t.Errorf("an unmarked answer retried after a timeout: %+v; the hazard the mark prevents is gone?", res)
			}
		})
	})

	t.Run("an accepted delivery", func(t *testing.T) {
		in := st.Inbox(newScope(t), InboxOptions{})
		stall()
		v, err := in.Accept(f.ctx, edge.Delivery{ID: "update:9", Kind: "update", Body: []byte("{}")})
		if err != nil || v != edge.Queued {
			t.Errorf("the accept whose reply timed out: %v, %v; want queued", v, err)
		}
		if n, _ := in.Backlog(f.ctx); n != 1 {
			t.Errorf("backlog %d, want the delivery once", n)
		}
	})

	t.Run("a grade", func(t *testing.T) {
		if _, err := st.Reveal(f.ctx, f.scope, "carol", "qa", "tokabc"); err != nil {
			t.Fatal(err)
		}
		stall()
		res, err := st.SaveReview(f.ctx, quiz.Review{Scope: f.scope, User: "carol", QuestionID: "qa", Card: sampleCard(),
			Grade: srs.Good, Day: day0, RevealToken: "tokabc", Delivery: "press-1"})
		if err != nil || res.Status != quiz.ReviewSaved {
			t.Errorf("the grade whose reply timed out: %+v, %v; want it saved", res, err)
		}
		if s := f.stats("carol", week1); s.Reviews != 1 {
			t.Errorf("%d reviews, want 1", s.Reviews)
		}
	})
}

// TestADailyClaimRetriedAfterATimeoutIsStillWon holds back the reply to a
// daily's claim for good, so the client gives up at its read timeout:
// go-redis sends the claim again, which must find its own token and still
// win — or that day's daily (or reveal) would never be made.
func TestADailyClaimRetriedAfterATimeoutIsStillWon(t *testing.T) {
	t.Parallel()
	st, proxy := throughProxy(t)
	ctx, scope := ctxFor(t), newScope(t)
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	post := quiz.DailyClaim{Scope: scope, Channel: "C1", Date: "2026-12-01", Action: "post", Start: start, At: start.Add(9 * time.Hour)}
	reveal := quiz.DailyClaim{Scope: scope, Channel: "C1", Date: "2026-12-01", Action: "reveal"}
	for _, c := range []quiz.DailyClaim{post, reveal} {
		before := proxy.Lost()
		proxy.HoldReplies(1)
		taken, err := st.ClaimAll(ctx, []quiz.DailyClaim{c})
		if proxy.Lost() != before+1 {
			t.Fatal("the reply was not held back")
		}
		if err != nil || taken[0] != c.Date {
			t.Errorf("the %s claim whose reply timed out: %q, %v; want it won", c.Action, taken[0], err)
		}
		if again, err := st.ClaimAll(ctx, []quiz.DailyClaim{c}); err != nil || again[0] != "" {
			t.Errorf("a second %s claim (another replica's): %q, %v; want it lost", c.Action, again[0], err)
		}
	}
}

// throughProxy is a store whose client reaches the shared redis-server
// through a proxy, its connection made, and sends a command again up to 3
// times. It gives up on a reply after 2 s: a reply the proxy holds back
// costs that wait, and any other reply, on a busy machine too, comes well
// within it.
func throughProxy(t *testing.T) (*Store, *redistest.Proxy) {
	t.Helper()
	srv := redistest.Shared(t)
	proxy := redistest.StartProxy(t, srv.Addr)
	rdb := redis.NewClient(&redis.Options{
		Addr: proxy.Addr, ReadTimeout: 2 * time.Second, MaxRetries: 3,
		MinRetryBackoff: time.Millisecond, MaxRetryBackoff: 5 * time.Millisecond,
	})
	t.Cleanup(func() { _ = rdb.Close() })
	// The scripts are loaded straight into the server, whose script cache
	// every client shares: through the proxy, loading them all is many
	// round trips more that could each time out on a busy machine.
	preloaded(t, srv.Client(t))
	if err := rdb.Ping(ctxFor(t)).Err(); err != nil { // the connection made, before any reply is held back
		t.Fatal(err)
	}
	return New(rdb), proxy
}

// TestADailyClaimWhoseReplyWasLostIsWonAgainWithItsToken cuts the
// connection of a daily's claims after Redis ran them, with a client that
// does not send them again: the caller gets an error and never learns that
// it won. Sent again by a later call with the same Token (and, for the
// post, the same At), each claim finds its own marker and wins, under the
// name it took; another replica's claim (another token and instant) still
// loses. On a real redis-server and on the embedded one.
func TestADailyClaimWhoseReplyWasLostIsWonAgainWithItsToken(t *testing.T) {
	t.Parallel()
	for _, b := range []struct {
		name   string
		server func(t *testing.T) (addr string, direct redis.UniversalClient)
	}{
		{"redis-server", func(t *testing.T) (string, redis.UniversalClient) {
			srv := redistest.Shared(t)
			return srv.Addr, srv.Client(t)
		}},
		{"embedded", func(t *testing.T) (string, redis.UniversalClient) {
			e := startEmbedded(t)
			return e.srv.Addr(), e.Client()
		}},
	} {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			addr, direct := b.server(t)
			preloaded(t, direct) // the scripts, loaded straight into the server
			proxy := redistest.StartProxy(t, addr)
			rdb := redis.NewClient(&redis.Options{Addr: proxy.Addr, MaxRetries: -1})
			t.Cleanup(func() { _ = rdb.Close() })
			st := New(rdb)
			ctx, scope := ctxFor(t), newScope(t)
			// The connection the claims' pipeline takes made, before its
			// reply is lost.
			if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error { p.Ping(ctx); return nil }); err != nil {
				t.Fatal(err)
			}
			start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
			claims := []quiz.DailyClaim{
				{Scope: scope, Channel: "C1", Date: "2026-12-01", Action: "post", Start: start, End: start.AddDate(0, 0, 1),
					At: start.Add(9 * time.Hour), Token: "replica-a-1"},
				{Scope: scope, Channel: "C1", Date: "2026-11-30", Action: "reveal", Token: "replica-a-2"},
				{Scope: scope, Channel: "C1", Date: "2026-11-30", Action: "skip", Token: "replica-a-3"},
			}
			before := proxy.Lost()
			proxy.CutReplies(1)
			if taken, err := st.ClaimAll(ctx, claims); err == nil || taken[0] != "" || taken[1] != "" || taken[2] != "" {
				t.Fatalf("the claims whose reply was cut: %q, %v; want an error and nothing known taken", taken, err)
			}
			if proxy.Lost() != before+1 {
				t.Fatal("the reply was not lost")
			}
			// Redis ran them: the markers are there.
			if ok, err := st.Claimed(ctx, scope, "C1", "2026-11-30", "reveal"); err != nil || !ok {
				t.Fatalf("the reveal's marker after the lost reply: %v, %v; want it taken", ok, err)
			}

			other := slices.Clone(claims)
			for i := range other {
				other[i].Token = "replica-b"
			}
			other[0].At = start.Add(9*time.Hour + time.Minute)
			if taken, err := st.ClaimAll(ctx, other); err != nil || slices.ContainsFunc(taken, func(n string) bool { return n != "" }) {
				t.Errorf("another replica's claims (another token): %q, %v; want them all lost", taken, err)
			}
			taken, err := st.ClaimAll(ctx, claims)
			if want := []string{"2026-12-01", "2026-11-30", "2026-11-30"}; err != nil || !slices.Equal(taken, want) {
				t.Errorf("the claims sent again with their tokens: %q, %v; want %q, won again", taken, err, want)
			}
			// A `daily now` handled again from its delivery claims with its
			// token later within the day: its own claim still.
			post := claims[0]
			post.At = post.At.Add(time.Second)
			if taken, err := st.ClaimAll(ctx, []quiz.DailyClaim{post}); err != nil || taken[0] != "2026-12-01" {
				t.Errorf("the post's token at another instant of its day: %q, %v; want it won again", taken, err)
			}
		})
	}
}
