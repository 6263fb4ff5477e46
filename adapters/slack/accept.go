package slack

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/quiz"
)

// The kinds of delivery the adapter accepts; each body is JSON.
const (
	kindCommand     = "command"     // a slackapi.SlashCommand
	kindInteraction = "interaction" // an interaction payload (see readInteraction)
	kindEvent       = "event"       // an Events API callback
)

// commandDelivery is a slash command as a delivery: handled once per
// trigger_id, which Slack keeps when it delivers again. The legacy
// verification token is not kept.
func commandDelivery(c slackapi.SlashCommand) edge.Delivery {
	c.Token = ""
	body, _ := json.Marshal(c) // a struct of strings always encodes
	return edge.Delivery{ID: "trigger:" + c.TeamID + ":" + c.TriggerID, Kind: kindCommand, Body: body}
}

// eventDelivery is an Events API callback as a delivery, by its event_id.
func eventDelivery(ev eventCallback, raw []byte) edge.Delivery {
	return edge.Delivery{ID: "event:" + ev.TeamID + ":" + ev.EventID, Kind: kindEvent, Body: raw}
}

// refusal says how accepting a delivery failed: the inbox was full (shed),
// or it could not be reached (nothing recorded).
type refusal struct {
	full bool
	err  error
}

// accept offers a delivery to the inbox; nil means it is in (or was
// before), else why not.
func (a *Adapter) accept(ctx context.Context, d edge.Delivery) *refusal {
	v, err := a.inbox.Accept(ctx, d)
	switch {
	case err != nil:
		a.log.Warn("a Slack delivery could not be accepted", "kind", d.Kind, adapters.ErrAttr(err))
		return &refusal{err: err}
	case v == edge.Full:
		a.log.Warn("the inbox is full: a Slack delivery was shed", "kind", d.Kind)
		return &refusal{full: true}
	}
	return nil
}

// refused offers an event to the inbox, or has it handled in memory when
// the inbox is unreachable (servedInMemory), and reports whether neither
// was done: Slack is then to deliver it again.
func (a *Adapter) refused(ctx context.Context, d edge.Delivery) bool {
	why := a.accept(ctx, d)
	return why != nil && !a.servedInMemory(d, why)
}

// acceptOrTell offers a command or a press to the inbox within ctx. Its
// user is told at once when the inbox is full; one the inbox cannot take,
// unreachable, is handled at once in memory (servedInMemory). When the inbox did not
// answer, the delivery may have been taken all the same (Redis may still
// run a command whose reply the bot stopped waiting for), so whether it
// was is settled in the background before its user is told anything.
func (a *Adapter) acceptOrTell(ctx context.Context, d edge.Delivery) {
	defer a.hold()()
	switch why := a.accept(ctx, d); {
	case why == nil || a.servedInMemory(d, why):
	case why.full:
		a.tellRefused(d, why)
	default:
		a.settle(d)
	}
}

// servedInMemory has the runner handle a delivery the inbox refused at
// once, in memory (edge.Runner.Serve), when the refusal says the inbox is
// unreachable — Redis down, or refusing the bot — rather than full or
// slow: the core answers from the bank what needs no Redis and says
// scores are unavailable for what does. It reports whether it did.
func (a *Adapter) servedInMemory(d edge.Delivery, why *refusal) bool {
	return !why.full && errors.Is(why.err, edge.ErrUnreachable) && a.runner.Serve(d)
}

// hold counts one piece of acceptance work — an offer, the settling of one
// in doubt, the telling of a refusal — until the function it returns is
// called: Run waits for them before it returns (see awaitAcceptances),
// as Slack sends none of them again.
func (a *Adapter) hold() (release func()) {
	a.accepting.Add(1)
	return func() { a.accepting.Add(-1) }
}

// awaitAcceptances waits, up to the settling time and a reply's budget (the bot's
// shutdown timeout may end it sooner), until no acceptance work is left:
// a delivery still in doubt is settled and its user told, also when the
// bot stops during a Redis stall.
func (a *Adapter) awaitAcceptances() {
	deadline := time.Now().Add(a.settleTime + refusalBudget)
	if a.accepting.Load() > 0 {
		a.log.Info("waiting for deliveries in doubt to be settled", "count", a.accepting.Load())
	}
	for a.accepting.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
}

// defaultSettleTime bounds how long a delivery whose acceptance is in
// doubt is offered again before its user is told it was not recorded (the
// adapter's settleTime, which tests may shorten); maxSettling
// bounds how many are offered again at once (beyond, the user is told at
// once).
const (
	defaultSettleTime = 10 * time.Second
	maxSettling       = 1024
)

// settle offers a delivery whose acceptance is in doubt again until the
// inbox answers, in the background: in the inbox now, or before (the
// first offer did reach Redis), it is answered by a worker like any other
// and its user is told nothing more; found unreachable, it is handled at
// once in memory (servedInMemory); shed, or still unanswered after the
// adapter's settleTime, its user is told. A user told "not recorded" is
// never answered after all: every offer carries its deadline, and one that
// Redis runs later still, when it wakes from a stall, records nothing
// (redisstore.Inbox.Accept).
func (a *Adapter) settle(d edge.Delivery) {
	select {
	case a.settling <- struct{}{}:
	default:
		a.tellRefused(d, &refusal{err: errors.New("too many deliveries in doubt")})
		return
	}
	release := a.hold()
	go func() {
		defer release()
		defer func() { <-a.settling }()
		ctx, cancel := context.WithTimeout(context.Background(), a.settleTime)
		defer cancel()
		for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
			v, err := a.inbox.Accept(ctx, d)
			switch {
			case err == nil && v == edge.Full:
				a.tellRefused(d, &refusal{full: true})
				return
			case err == nil, a.servedInMemory(d, &refusal{err: err}):
				return
			}
			select {
			case <-ctx.Done():
				a.log.Warn("a Slack delivery could not be accepted", "kind", d.Kind, adapters.ErrAttr(err))
				a.tellRefused(d, &refusal{err: err})
				return
			case <-time.After(wait):
			}
		}
	}()
}

// refusalBudget bounds telling a user their action was not taken, retries
// and waits for rate limits included.
const refusalBudget = 10 * time.Second

// tellRefused tells the user, through the response_url of their command or
// press, that it was shed or not recorded, as any reply goes (paced, a
// 429 or a failure that may pass tried again, a spent URL replaced by a
// direct message), in their language where it is known (notice). Best
// effort, in the background: the acknowledgement must not wait for it.
func (a *Adapter) tellRefused(d edge.Delivery, why *refusal) {
	r, err := a.routeOf(d)
	if err != nil || r.hook == "" {
		return
	}
	say := quiz.NotRecorded
	if why.full {
		say = quiz.Busy
	}
	release := a.hold()
	go func() {
		defer release()
		ctx, cancel := context.WithTimeout(context.Background(), refusalBudget)
		defer cancel()
		if _, err := a.send(ctx, r, quiz.PrivateLine(a.notice(ctx, r.user, say))); err != nil {
			a.log.Warn("telling a user their action was not taken failed", adapters.ErrAttr(err))
		}
	}()
}

// worker handles the adapter's deliveries from the inbox (edge.Worker).
type worker struct{ a *Adapter }

// Work answers one accepted delivery. One whose answer or grade is in
// doubt, the store having failed during it, is left for later
// (adapters.Deferred) and its user told nothing yet; anything else the
// store cannot do now its user is told, and may type or press again.
func (w worker) Work(ctx context.Context, d edge.Delivery) error {
	a := w.a
	switch d.Kind {
	case kindCommand:
		var c slackapi.SlashCommand
		if err := json.Unmarshal(d.Body, &c); err == nil {
			return a.command(ctx, c, d.ID)
		}
	case kindInteraction:
		if p, err := readPress(d.Body); err == nil {
			return a.interaction(ctx, p, d.ID)
		}
	case kindEvent:
		if ev, err := parseEvent(d.Body); err == nil {
			return a.event(ctx, ev, d.ID)
		}
	case kindViewAnswer:
		var v viewAnswer
		if err := json.Unmarshal(d.Body, &v); err == nil {
			return a.answerView(ctx, v, d.ID)
		}
	}
	a.log.Error("a delivery in the inbox cannot be read; dropped", "kind", d.Kind)
	return nil
}

// Apologize tells the delivery's user that it failed.
func (w worker) Apologize(ctx context.Context, d edge.Delivery) {
	if r, err := w.a.routeOf(d); err == nil {
		w.a.apologize(ctx, r)
	}
}

// routeOf is where the replies to a delivery go.
func (a *Adapter) routeOf(d edge.Delivery) (*route, error) {
	switch d.Kind {
	case kindCommand:
		var c slackapi.SlashCommand
		err := json.Unmarshal(d.Body, &c)
		return &route{channel: c.ChannelID, user: c.UserID, hook: c.ResponseURL}, err
	case kindInteraction:
		p, err := readPress(d.Body)
		return p.route(), err
	case kindEvent:
		ev, err := parseEvent(d.Body)
		if r := eventRoute(ev); r != nil {
			return r, err
		}
		return nil, errors.Join(err, errMalformed)
	case kindViewAnswer:
		var v viewAnswer
		err := json.Unmarshal(d.Body, &v)
		return v.route(), err
	}
	return nil, errMalformed
}
