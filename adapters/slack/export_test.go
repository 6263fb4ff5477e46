package slack

import (
	"context"
	"fmt"
	"time"

	slackapi "github.com/slack-go/slack"
)

// SetSettleTime has a offer a delivery whose acceptance is in doubt again
// for d instead of defaultSettleTime before its user is told it was not
// recorded, so that the tests of deliveries never accepted do not wait
// ten seconds each. Call it before Run.
func SetSettleTime(a *Adapter, d time.Duration) { a.settleTime = d }

// SetAPITimeout has a give up on a Slack call not answered within d
// instead of apiTimeout. Call it before Run.
func SetAPITimeout(a *Adapter, d time.Duration) { a.http.Timeout = d }

// SetBodyTimeout has a cut a request body that has not arrived within d
// instead of bodyTimeout. Call it before serving.
func SetBodyTimeout(a *Adapter, d time.Duration) { a.bodyTimeout = d }

// MaxReading is how many request bodies are read at once.
const MaxReading = maxReading

// Busy says what work the adapter has not finished, "" when none:
// deliveries in its inbox (queued, in hand, or handled and not yet
// removed), jobs given to its runner's Later still running, and acceptance
// work (a delivery in doubt offered again, a user being told their action
// was not taken). Its inbox must tell its backlog, as redisstore's does.
func Busy(ctx context.Context, a *Adapter) (string, error) {
	in, ok := a.inbox.(interface {
		Backlog(context.Context) (int64, error)
	})
	if !ok {
		return "", fmt.Errorf("the inbox (%T) does not tell its backlog", a.inbox)
	}
	queued, err := in.Backlog(ctx)
	if err != nil {
		return "", err
	}
	later, accepting := a.runner.LaterRunning(), a.accepting.Load()
	if queued == 0 && later == 0 && accepting == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d deliveries in the inbox, %d jobs after a reply, %d acceptances", queued, later, accepting), nil
}

// Call makes a call of method for conversation as the adapter makes its
// calls to Slack: within the conversation's pacing.
func Call(ctx context.Context, a *Adapter, method, conversation string, f func(context.Context) error) error {
	return a.call(ctx, method, conversation, f)
}

// HandleAgain has a handle slash command c again, as its inbox has a
// delivery handled again that a replica killed while handling it left
// unacknowledged.
func HandleAgain(ctx context.Context, a *Adapter, c slackapi.SlashCommand) error {
	return worker{a}.Work(ctx, commandDelivery(c))
}
