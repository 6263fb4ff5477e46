package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime/debug"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	slackapi "github.com/slack-go/slack"
)

// admitBudget bounds how long a command or a press is held back before it
// is accepted, so that with acceptTimeout it is acknowledged within Slack's
// 3 s.
const admitBudget = time.Second

// maxBody is the largest request body read; Slack's are a few kilobytes
// (a press on a long Chinese message, URL-encoded, some hundreds).
const maxBody = 1 << 20

// A body is read before its signature can be checked, so anyone who can
// reach the port can make the bot hold one. These bound what that costs:
// at most maxReading bodies are read at once, a request waiting for its
// turn up to readingWait (an unsigned flood is refused, 503, instead of
// filling the pod's memory), and each must arrive within bodyTimeout
// (Slack sends its bodies at once; a slow one holds its place no longer).
const (
	maxReading  = 32
	readingWait = 500 * time.Millisecond
	bodyTimeout = 5 * time.Second
)

// Handler serves Slack's signed HTTP requests (HTTP mode):
//
//	POST /slack/commands     the /k8s slash command
//	POST /slack/interactive  button presses and modal submissions
//	POST /slack/events       mentions and direct messages (Events API)
//
// Each request's signature and timestamp are checked (401 when they fail,
// 413 for a body over 1 MiB, 400 for one it cannot read or that does not
// arrive in time, 503 while too many are being read); a good request is
// answered 200 at once and handled afterwards. Without a signing secret
// every request is refused.
func (a *Adapter) Handler() http.Handler {
	mux := http.NewServeMux()
	for path, serve := range map[string]func(http.ResponseWriter, *http.Request, []byte){
		pathCommands: a.serveCommand, pathInteractive: a.serveInteraction, pathEvents: a.serveEvent,
	} {
		mux.Handle("POST "+path, a.verified(path, serve))
	}
	return a.recovered(mux)
}

// The HTTP endpoints' paths (Handler).
const (
	pathCommands    = "/slack/commands"
	pathInteractive = "/slack/interactive"
	pathEvents      = "/slack/events"
)

// Why a request is refused unread, as the metric says it, besides
// adapters.RefusedTooLarge and adapters.RefusedUnreadable.
const (
	reasonBadSignature   = "bad_signature"
	reasonStaleTimestamp = "stale_timestamp"
	reasonMissingHeaders = "missing_headers"
	reasonBusy           = "busy"
)

// signatureReason names why Slack's signature check failed.
func signatureReason(err error) string {
	switch {
	case errors.Is(err, slackapi.ErrExpiredTimestamp):
		return reasonStaleTimestamp
	case errors.Is(err, slackapi.ErrMissingHeaders):
		return reasonMissingHeaders
	}
	return reasonBadSignature
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

// verified reads a request's body, to path, and passes it on only when
// Slack signed it, within the last five minutes.
func (a *Adapter) verified(path string, next func(http.ResponseWriter, *http.Request, []byte)) http.Handler {
	reject := func(w http.ResponseWriter, status int, reason string, err error) {
		a.refusals.Refuse(w, path, status, reason, err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.cfg.SigningSecret == "" {
			http.Error(w, "Slack HTTP endpoints are off: SLACK_SIGNING_SECRET is not set", http.StatusNotFound)
			return
		}
		sv, err := slackapi.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
		if err != nil {
			reject(w, http.StatusUnauthorized, signatureReason(err), err)
			return
		}
		if r.ContentLength > maxBody {
			reject(w, http.StatusRequestEntityTooLarge, adapters.RefusedTooLarge, fmt.Errorf("a body of %d bytes", r.ContentLength))
			return
		}
		wait := time.NewTimer(readingWait)
		select {
		case a.reading <- struct{}{}:
			wait.Stop()
		case <-wait.C:
			reject(w, http.StatusServiceUnavailable, reasonBusy, fmt.Errorf("%d request bodies are being read already", maxReading))
			return
		case <-r.Context().Done():
			wait.Stop()
			return
		}
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(a.bodyTimeout))
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		<-a.reading // the place is for reading: what follows may wait on Redis
		if err != nil {
			a.refusals.RefuseBody(w, path, err)
			return
		}
		_, _ = sv.Write(body)
		if err := sv.Ensure(); err != nil {
			reject(w, http.StatusUnauthorized, signatureReason(err), err)
			return
		}
		next(w, r, body)
	})
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
// (acceptOrTell). While the workers fall behind, it is held back first, up
// to admitBudget (edge.Runner.Admit): a user waits a moment for the
// button's spinner rather than for an answer that comes too late.
func (a *Adapter) acceptHTTP(w http.ResponseWriter, r *http.Request, d edge.Delivery) {
	admit, stop := context.WithTimeout(r.Context(), admitBudget)
	a.runner.Admit(admit)
	stop()
	ctx, cancel := context.WithTimeout(r.Context(), acceptTimeout)
	defer cancel()
	a.acceptOrTell(ctx, d)
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	c, err := slackapi.SlashCommandParse(formRequest(body))
	if err != nil || !validCommand(c) {
		http.Error(w, errMalformed.Error(), http.StatusBadRequest)
		return
	}
	a.acceptHTTP(w, r, commandDelivery(c))
}

// serveInteraction acknowledges a press once the inbox has its payload,
// read only as far as accepting it needs (readInteraction); a modal's
// submission is read in full and answered at once.
func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	raw := []byte(form.Get("payload"))
	h, d, rerr := readInteraction(raw)
	if err != nil || rerr != nil {
		http.Error(w, errMalformed.Error(), http.StatusBadRequest)
		return
	}
	if h.Type == slackapi.InteractionTypeViewSubmission {
		var cb slackapi.InteractionCallback
		if err := json.Unmarshal(raw, &cb); err != nil {
			http.Error(w, errMalformed.Error(), http.StatusBadRequest)
			return
		}
		// Answered within Slack's 3 s: taken, or kept open saying why not
		// (the user submits again; the view's ID makes a second submission
		// of one already taken a repeat).
		ctx, cancel := context.WithTimeout(r.Context(), acceptTimeout)
		defer cancel()
		a.serveViewSubmission(w, r.WithContext(ctx), cb)
		return
	}
	a.acceptHTTP(w, r, d)
}

// serveEvent acknowledges an event once the inbox has it, or once it is
// handled in memory (the inbox unreachable: servedInMemory); when the
// inbox is full or slow it answers 503, and Slack delivers the event again
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
	if d := eventDelivery(ev, body); a.refused(r.Context(), d) {
		http.Error(w, "not accepted now; deliver again later", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}
