package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/pacing"
)

// runPolling receives updates by long polling, on one replica at a time:
// the one holding the lease in Redis. Each round renews the lease for
// longer than the poll can last, so a poll always ends before its lease
// could pass to another replica: two replicas never poll at once (which
// Telegram answers with 409 Conflict). The others stand by and take over
// within standbyWait of the lease being released, or of it lapsing when
// its holder died. Each update fetched is put in the inbox before the
// offset moves past it, and the offset is kept in Redis, so that neither a
// crash nor a new poller loses or replays one; when the inbox cannot take
// an update, polling waits and fetches it again — unless Redis cannot be
// reached at all: then the updates are handled at once, in memory, and the
// offset moves past them, kept in memory until Redis takes it; the
// replica that held the lease keeps polling, as no other can take the
// lease meanwhile, until Redis answers that another holds it. A Redis that
// refuses the bot (edge.ErrRefused: a password changed under it)
// is different: other replicas may reach it and take the lease once it
// lapses, so the replica stops polling at once, leaving what it fetched
// but could not accept to Telegram for the next poller.
func (a *Adapter) runPolling(ctx context.Context) error {
	err := a.retry(ctx, "deleteWebhook", func(ctx context.Context) error {
		return a.api.callInto(ctx, "deleteWebhook", nil, &json.RawMessage{})
	})
	if err != nil || ctx.Err() != nil {
		return err
	}
	a.ready.Store(true)
	lease, ttl := a.key("poller"), a.cfg.leaseTTL()
	defer a.release(ctx, lease)
	defer a.polls.standBy()
	leading, offset := false, 0
	for ctx.Err() == nil {
		held, err := a.values.Acquire(ctx, lease, a.holder, ttl)
		if err != nil && ctx.Err() == nil {
			a.log.Warn("polling lease unavailable", slog.Any("err", err))
		}
		// Redis does not answer: nobody can take the lease from this
		// replica either, which keeps polling if it did. Redis refusing
		// this replica may take others: it gives the lease up.
		held = held || err != nil && leading && !errors.Is(err, edge.ErrRefused)
		if !held {
			if leading {
				a.log.Info("polling lease lost; standing by")
			}
			leading = false
			a.polls.standBy()
			_ = a.clock.Sleep(ctx, a.standbyWait())
			continue
		}
		if !leading {
			offset = a.loadOffset(ctx)
			leading = true
			a.polls.lead(a.clock.Now())
			a.log.Info("polling for updates", slog.Int("offset", offset))
		}
		// The poll must end before the lease does: halfway between the
		// poll's timeout and the lease's end.
		pollCtx, cancel := context.WithTimeout(ctx, a.cfg.pollTimeout()+(ttl-a.cfg.pollTimeout())/2)
		next, err := a.pollOnce(pollCtx, offset)
		cancel()
		if next != offset {
			offset = next
			a.saveOffset(ctx, offset)
		}
		if err != nil {
			if fatal := a.pollFailed(ctx, err); fatal != nil {
				return fatal
			}
		}
	}
	return nil
}

// pollOnce calls getUpdates once and puts the updates in the inbox, in
// order, or has them handled in memory while the inbox is unreachable
// (acceptOrServe). It returns the offset after the updates taken; the
// first one the inbox cannot take otherwise ends the round (it comes again in the next poll,
// after a wait). One that cannot be read is skipped with a warning. After
// a failed getUpdates the poll is short (timeout 0): its success, updates
// or none, makes the replica ready again at once, not at the end of a long
// poll of an idle bot.
func (a *Adapter) pollOnce(ctx context.Context, offset int) (int, error) {
	timeout := max(1, int(a.cfg.pollTimeout()/time.Second))
	if a.polls.failing() {
		timeout = 0
	}
	var raws []json.RawMessage
	err := a.api.callInto(ctx, "getUpdates", tgbotapi.Params{
		"offset":          strconv.Itoa(offset),
		"timeout":         strconv.Itoa(timeout),
		"allowed_updates": jsonParam(allowedUpdates),
	}, &raws)
	a.polls.polled(a.clock.Now(), err)
	if err != nil {
		return offset, err
	}
	down := false // the inbox was found unreachable: the rest are served without waiting on it
	for _, raw := range raws {
		_, id, err := decodeUpdate(raw)
		switch {
		case err != nil:
			a.log.Warn("an update the library cannot read was skipped", slog.Int("update_id", id), slog.Any("err", err))
		case down && a.serveUpdate(id, raw):
		default:
			if down, err = a.acceptOrServe(context.WithoutCancel(ctx), id, raw, false); err != nil {
				return offset, fmt.Errorf("update %d not accepted: %w", id, err)
			}
		}
		offset = max(offset, id+1)
	}
	return offset, nil
}

// pollFailed waits after a failed poll as the failure asks, and returns an
// error only when polling cannot go on (the token was refused).
func (a *Adapter) pollFailed(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	if fatal := tokenRefused(err); fatal != nil {
		return fatal
	}
	wait := time.Second
	var ra *pacing.RetryAfterError
	switch {
	case errors.As(err, &ra):
		wait = ra.After
	case refusedWith(err, http.StatusConflict):
		// Another process polls with this token outside the lease (an old
		// deployment, a developer's laptop), or a webhook is set.
		wait = a.standbyWait()
	}
	a.log.Warn("getUpdates failed", slog.Duration("retry_in", wait), slog.Any("err", err))
	_ = a.clock.Sleep(ctx, wait)
	return nil
}

// standbyWait is how often a standing-by replica tries for the lease.
func (a *Adapter) standbyWait() time.Duration {
	return min(a.cfg.leaseTTL()/4, 2*time.Second)
}

// loadOffset reads the saved offset; 0 (Telegram's oldest pending update)
// when there is none or Redis cannot say.
func (a *Adapter) loadOffset(ctx context.Context) int {
	v, _, err := a.values.Get(ctx, a.key("offset"))
	if err != nil {
		a.log.Warn("reading the polling offset failed; starting from the oldest pending update", slog.Any("err", err))
	}
	n, _ := strconv.Atoi(v) // none is "", which is 0
	return n
}

// saveOffset keeps the offset for the next poller, even while stopping.
func (a *Adapter) saveOffset(ctx context.Context, offset int) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := a.values.Put(ctx, a.key("offset"), strconv.Itoa(offset), 0); err != nil {
		a.log.Warn("saving the polling offset failed", slog.Any("err", err))
	}
}

// release gives the lease up on stopping, so that another replica takes
// over at once.
func (a *Adapter) release(ctx context.Context, lease string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := a.values.Release(ctx, lease, a.holder); err != nil {
		a.log.Warn("releasing the polling lease failed; another replica takes over when it lapses", slog.Any("err", err))
	}
}
