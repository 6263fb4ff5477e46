package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime/debug"

	"github.com/kubequiz/kubequiz/internal/edge"
	slackapi "github.com/slack-go/slack"
)

// maxBody is the largest request body read; Slack's are a few kilobytes.
const maxBody = 1 << 20

// Handler serves Slack's signed HTTP requests (HTTP mode):
//
//	POST /slack/commands     the /k8s slash command
//	POST /slack/interactive  button presses and modal submissions
//	POST /slack/events       mentions and direct messages (Events API)
//
// Each request's signature and timestamp are checked (401 when they fail,
// 413 for a body over 1 MiB, 400 for one it cannot read); a good request is
// answered 200 at once and handled afterwards. Without a signing secret
// every request is refused.
func (a *Adapter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /slack/commands", a.verified(a.serveCommand))
	mux.Handle("POST /slack/interactive", a.verified(a.serveInteraction))
	mux.Handle("POST /slack/events", a.verified(a.serveEvent))
	return a.recovered(mux)
}

// recovered turns a panic into a 500 and a log line.
func (a *Adapter) recovered(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("panic while serving a Slack request", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// verified reads a request's body and passes it on only when Slack signed
// it, within the last five minutes.
func (a *Adapter) verified(next func(http.ResponseWriter, *http.Request, []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.cfg.SigningSecret == "" {
			http.Error(w, "Slack HTTP endpoints are off: SLACK_SIGNING_SECRET is not set", http.StatusNotFound)
			return
		}
		sv, err := slackapi.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
		if err != nil {
			a.reject(w, r, http.StatusUnauthorized, err)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			status := http.StatusBadRequest
			if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
				status = http.StatusRequestEntityTooLarge
			}
			a.reject(w, r, status, err)
			return
		}
		_, _ = sv.Write(body)
		if err := sv.Ensure(); err != nil {
			a.reject(w, r, http.StatusUnauthorized, err)
			return
		}
		next(w, r, body)
	})
}

// reject answers a request that will not be handled, and logs why.
func (a *Adapter) reject(w http.ResponseWriter, r *http.Request, status int, err error) {
	a.log.Warn("refused a Slack request", "path", r.URL.Path, "status", status, "err", err)
	http.Error(w, http.StatusText(status), status)
}

// formRequest wraps a form body for slack-go's parsers.
func formRequest(body []byte) *http.Request {
	r, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, "/", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

// acceptHTTP acknowledges a command or a press it could read: 200 once the
// inbox has it, within Slack's 3 s. When the inbox is full or does not
// answer in time, the request is still acknowledged (Slack would only show
// its user an error) and the user is told through the response_url
// (acceptOrTell).
func (a *Adapter) acceptHTTP(w http.ResponseWriter, r *http.Request, d edge.Delivery, hook string) {
	ctx, cancel := context.WithTimeout(r.Context(), acceptTimeout)
	defer cancel()
	a.acceptOrTell(ctx, d, hook)
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	c, err := slackapi.SlashCommandParse(formRequest(body))
	if err != nil || !validCommand(c) {
		http.Error(w, errMalformed.Error(), http.StatusBadRequest)
		return
	}
	a.acceptHTTP(w, r, commandDelivery(c), c.ResponseURL)
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request, body []byte) {
	cb, err := slackapi.InteractionCallbackParse(formRequest(body))
	if err != nil || !validInteraction(cb) {
		http.Error(w, errMalformed.Error(), http.StatusBadRequest)
		return
	}
	if cb.Type == slackapi.InteractionTypeViewSubmission {
		// Answered within Slack's 3 s: taken, or kept open saying why not
		// (the user submits again; the view's ID makes a second submission
		// of one already taken a repeat).
		ctx, cancel := context.WithTimeout(r.Context(), acceptTimeout)
		defer cancel()
		a.serveViewSubmission(w, r.WithContext(ctx), cb)
		return
	}
	d, err := interactionDelivery(cb)
	if err != nil {
		http.Error(w, errMalformed.Error(), http.StatusBadRequest)
		return
	}
	a.acceptHTTP(w, r, d, cb.ResponseURL)
}

// serveEvent acknowledges an event once the inbox has it; when the inbox is
// full or unreachable it answers 503, and Slack delivers the event again
// later (it retries events, with X-Slack-Retry-Num).
func (a *Adapter) serveEvent(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := parseEvent(body)
	switch {
	case err != nil:
		http.Error(w, errMalformed.Error(), http.StatusBadRequest)
		return
	case ev.Type == typeURLVerification:
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"challenge": ev.Challenge})
		return
	}
	if why := a.accept(r.Context(), eventDelivery(ev, body)); why != nil {
		http.Error(w, "not accepted now; deliver again later", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}
