package telegram

import (
	"cmp"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters"
)

// WebhookPath is where Handler takes Telegram's updates; the public
// TELEGRAM_WEBHOOK_URL should reach it.
const WebhookPath = "/telegram/webhook"

// secretHeader carries the webhook's secret_token in Telegram's requests.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxUpdateBytes bounds the body of one webhook request.
const maxUpdateBytes = 1 << 20

// Handler serves POST /telegram/webhook, for the bot's HTTP server to
// mount. A request without the webhook's secret token is refused (401 when
// missing, 403 when wrong, and always outside webhook mode) and nothing in
// it is read; one whose body is over 1 MiB is refused 413, and one that is
// not JSON with an update_id 400. Each refusal is counted and logged
// (Adapter.refusals). An update is acknowledged as soon as the inbox has
// it, and handled after by whichever replica's worker takes it. One the
// inbox cannot take, unreachable, is handled at once in memory and
// acknowledged (acceptOrServe), unless it is a quiz-poll vote; any other
// the inbox cannot take now is answered 503, so that Telegram delivers it
// again. While the workers fall behind, an update is held back before it
// is accepted (edge.Runner.Admit): Telegram sends the next one on a
// connection only once the last is answered, so it keeps the rest on its
// side meanwhile.
func (a *Adapter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+WebhookPath, a.serveWebhook)
	return mux
}

func (a *Adapter) serveWebhook(w http.ResponseWriter, r *http.Request) {
	got := r.Header.Get(secretHeader)
	switch {
	case got == "":
		a.refusals.Refuse(w, WebhookPath, http.StatusUnauthorized, reasonMissingSecret, errNoSecret)
		return
	case a.cfg.WebhookSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(a.cfg.WebhookSecret)) != 1:
		a.refusals.Refuse(w, WebhookPath, http.StatusForbidden, reasonBadSecret, errWrongSecret)
		return
	}
	if a.botName() == "" {
		w.Header().Set("Retry-After", "1")
		http.Error(w, "starting", http.StatusServiceUnavailable) // Telegram delivers it again
		return
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateBytes))
	if err != nil {
		a.refusals.RefuseBody(w, WebhookPath, err)
		return
	}
	var head updateHead
	if err := json.Unmarshal(raw, &head); err != nil || head.UpdateID == nil {
		a.refusals.Refuse(w, WebhookPath, http.StatusBadRequest, adapters.RefusedUnreadable, cmp.Or(err, errNoUpdateID))
		return
	}
	id := *head.UpdateID
	a.runner.Admit(r.Context()) // while the workers fall behind, Telegram waits, and keeps the rest
	if _, err := a.acceptOrServe(r.Context(), id, raw, true); err != nil {
		// Not taken in: Telegram delivers it again later.
		a.log.Warn("an update could not be accepted; Telegram will deliver it again", slog.Int("update_id", id), slog.Any("err", err))
		w.Header().Set("Retry-After", "1")
		http.Error(w, "not accepted now", http.StatusServiceUnavailable)
	}
}

// Why a request to the webhook is refused unread, as the metric says it,
// besides adapters.RefusedTooLarge and adapters.RefusedUnreadable: no
// secret token, or not the webhook's (never logged).
const (
	reasonMissingSecret = "missing_secret"
	reasonBadSecret     = "bad_secret"
)

// What a refused request lacked, as the log says it.
var (
	errNoSecret    = errors.New("no " + secretHeader + " header: not from Telegram, or the webhook was set without the secret")
	errWrongSecret = errors.New("a " + secretHeader + " that is not " + EnvWebhookSecret + ", or no webhook is set")
	errNoUpdateID  = errors.New("JSON without an update_id")
)

// updateHead is what accepting an update reads of it: its ID. The rest is
// read once, by the worker that handles it (an update the library cannot
// read is dropped there, logged).
type updateHead struct {
	UpdateID *int `json:"update_id"`
}

// runWebhook registers the webhook (setWebhook with its secret_token, which
// v5.5.1's WebhookConfig lacks) and waits for ctx: updates arrive through
// Handler, on every replica alike.
func (a *Adapter) runWebhook(ctx context.Context) error {
	err := a.retry(ctx, "setWebhook", func(ctx context.Context) error {
		return a.api.callInto(ctx, "setWebhook", tgbotapi.Params{
			"url":             a.cfg.WebhookURL,
			"secret_token":    a.cfg.WebhookSecret,
			"allowed_updates": jsonParam(allowedUpdates),
		}, &json.RawMessage{})
	})
	if err != nil || ctx.Err() != nil {
		return err
	}
	a.ready.Store(true)
	a.log.Info("webhook registered", slog.String("url", a.cfg.WebhookURL))
	<-ctx.Done()
	return nil
}
