package quiz

import (
	"context"
	"errors"
	"fmt"
)

// ScopeMove is a conversation that its platform gave a new ID, and so a new
// scope (a Telegram group upgraded to a supergroup): its scope's data —
// scores, boards, streaks, review schedules, settings, quizzes — and its
// channel's daily question move from the old place to the new one.
type ScopeMove struct {
	Platform               string
	FromScope, FromChannel string
	ToScope, ToChannel     string
}

// ScopeMoved is what one call of MoveScope did.
type ScopeMoved struct {
	// Keys is how many of the old scope's keys this call copied; 0 when an
	// earlier call had copied them.
	Keys int
	// Already says an earlier call (another replica's, or one cut off
	// midway) had copied the data; this one finished what it left.
	Already bool
	// Merged says the new scope held some of the moved keys already (a
	// board, a player's record), which were merged: boards and counts add
	// up, and where both scopes have another value the new one's wins.
	Merged bool
	// Late is how many keys written to the old scope after its data was
	// frozen (a command handled late) this call moved, merged as the
	// others were.
	Late int
}

// ScopeMover moves a scope's data to another scope, once (see
// redisstore.Store.MoveScope).
type ScopeMover interface {
	// MoveScope moves m's old scope into its new one: idempotent, so that
	// a move handled twice, by two replicas at once, or again after a call
	// cut off midway neither loses nor doubles anything.
	MoveScope(ctx context.Context, m ScopeMove) (ScopeMoved, error)
	// MovedTo reports the move of a scope and how far it has gone, from
	// the moment it began; NotMoved for a scope never moved.
	MovedTo(ctx context.Context, scope string) (ScopeMove, MoveStage, error)
}

// MoveStage is how far a scope's move has gone.
type MoveStage int

// The stages of a move.
const (
	// NotMoved: the scope was never moved.
	NotMoved MoveStage = iota
	// MoveBegun: the scope's data was frozen, and may not be in the new
	// scope yet (a move cut off, or under way).
	MoveBegun
	// MoveCopied: the scope's data is in the new scope.
	MoveCopied
)

// ErrMovedElsewhere is a ScopeMover's refusal to move a scope that was
// moved to another place before: no retry can mend it.
var ErrMovedElsewhere = errors.New("the scope was moved elsewhere before")

// MovedError is an Outbox's error (wrapping ErrNotSent) for a message
// refused because its conversation has moved to another ID, and its
// scope's data with it: Scope and Channel are the new place. The daily
// question is given back there, to be posted on the next tick.
type MovedError struct {
	Scope, Channel string
	Err            error
}

// Error names the new place.
func (e *MovedError) Error() string {
	return fmt.Sprintf("the conversation moved to %s: %v", e.Channel, e.Err)
}

// Unwrap is the platform's refusal.
func (e *MovedError) Unwrap() error { return e.Err }
