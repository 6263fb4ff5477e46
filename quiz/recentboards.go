package quiz

import (
	"sync"
	"time"
)

// boardRepeat is how long after a leaderboard was posted in a conversation
// others read the same board asked for there again is not posted again
// (see Service.top): forty `top`s in a channel make one public board.
const boardRepeat = time.Minute

// maxRecentBoards bounds the boards remembered at once; past it, those
// posted longer than boardRepeat ago are forgotten, and if none is, all.
const maxRecentBoards = 4096

// recentBoards remembers when each board was last posted publicly, by
// scope, conversation and period, in this process.
type recentBoards struct {
	mu     sync.Mutex
	posted map[string]time.Time
}

// repeat reports whether the board called key was posted within
// boardRepeat before now; if not, it records that it is posted now.
func (r *recentBoards) repeat(key string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if at, ok := r.posted[key]; ok && now.Sub(at) < boardRepeat && !now.Before(at) {
		return true
	}
	if len(r.posted) >= maxRecentBoards {
		for k, at := range r.posted {
			if now.Sub(at) >= boardRepeat {
				delete(r.posted, k)
			}
		}
		if len(r.posted) >= maxRecentBoards {
			clear(r.posted)
		}
	}
	r.posted[key] = now
	return false
}
