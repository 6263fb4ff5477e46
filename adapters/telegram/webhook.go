package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
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
// it is read. An update is acknowledged as soon as the inbox has it, and
// handled after by whichever replica's worker takes it. One the inbox
// cannot take, unreachable, is handled at once in memory and acknowledged
// (acceptOrServe), unless it is a quiz-poll vote; any other the inbox
// cannot take now is answered 503, so that Telegram delivers it again. A
// body that is not JSON with an update_id is answered 400. While the
// workers fall behind, an update is held back before it is accepted
// (edge.Runner.Admit): Telegram sends the next one on a connection only
// once the last is answered, so it keeps the rest on its side meanwhile.
func (a *Adapter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+WebhookPath, a.serveWebhook)
	return mux
}

func (a *Adapter) serveWebhook(w http.ResponseWriter, r *http.Request) {
	got := r.Header.Get(secretHeader)
	switch {
	case got == "":
		http.Error(w, "missing "+secretHeader, http.StatusUnauthorized)
		return
	case a.cfg.WebhookSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(a.cfg.WebhookSecret)) != 1:
		http.Error(w, "wrong "+secretHeader, http.StatusForbidden)
		return
	}
	if a.botName() == "" {
		w.Header().Set("Retry-After", "1")
		http.Error(w, "starting", http.StatusServiceUnavailable) // Telegram delivers it again
		return
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateBytes))
	var head updateHead
	if err != nil || json.Unmarshal(raw, &head) != nil || head.UpdateID == nil {
		http.Error(w, "not an update", http.StatusBadRequest)
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
