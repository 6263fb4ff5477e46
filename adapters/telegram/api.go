package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/retry"
)

// api calls Bot API methods through the library's MakeRequest, with a
// context on every request and the token kept out of every error.
type api struct {
	bot   *tgbotapi.BotAPI
	http  *http.Client
	token string
}

// newAPI makes the client without calling the network: the library's
// constructors call getMe, which Run does instead, with retries. No request
// may take longer than timeout (a long poll included). The client keeps
// up to conns connections to the API alive for reuse: as many as there
// are calls in flight at most (a worker makes one call at a time, and the
// poller one more). At Telegram's 30 messages a second, taking up to a
// second or two each, that is up to about 60 at once, callback answers
// and edits included; the default transport kept only 2, and dialled anew
// for every other call.
func newAPI(token, endpoint string, timeout time.Duration, conns int) *api {
	bot := &tgbotapi.BotAPI{Token: token}
	bot.SetAPIEndpoint(endpoint)
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConns, transport.MaxIdleConnsPerHost = conns, conns
	return &api{bot: bot, http: &http.Client{Timeout: timeout, Transport: transport}, token: token}
}

// call makes one request and returns its result. A request the API refused
// is an *apiError; one that asked to wait is also a *pacing.RetryAfterError;
// one that failed in a way a later attempt may not (no answer, a 5xx, an
// answer that cannot be read) is retry.Transient.
func (c *api) call(ctx context.Context, method string, params tgbotapi.Params) (json.RawMessage, error) {
	bot := *c.bot // a copy per call, to give this request its context
	bot.Client = ctxClient{ctx: ctx, http: c.http, token: c.token}
	resp, err := bot.MakeRequest(method, params)
	var refused *tgbotapi.Error
	switch {
	case errors.As(err, &refused):
		e := &apiError{Method: method, Code: refused.Code, Description: refused.Message, MigrateTo: refused.MigrateToChatID}
		if refused.RetryAfter > 0 {
			return nil, &pacing.RetryAfterError{After: time.Duration(refused.RetryAfter) * time.Second, Err: e}
		}
		return nil, e
	case err != nil:
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	return resp.Result, nil
}

// callInto makes a request and decodes its result into out.
func (c *api) callInto(ctx context.Context, method string, params tgbotapi.Params, out any) error {
	raw, err := c.call(ctx, method, params)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return retry.InDoubt(fmt.Errorf("%s: reading the result: %w", method, err))
	}
	return nil
}

// apiError is a request the Bot API answered with ok: false.
type apiError struct {
	Method      string
	Code        int
	Description string
	// MigrateTo is the supergroup a group was upgraded to, for a call to
	// the group (its parameters' migrate_to_chat_id); 0 otherwise.
	MigrateTo int64
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s: %d %s", e.Method, e.Code, e.Description)
}

// goneReasons are the descriptions of a 400 that say a chat is gone for
// the bot: deleted, or a group deactivated, or turned into a supergroup
// whose ID the refusal does not give.
var goneReasons = []string{"chat not found", "group chat was upgraded to a supergroup", "group chat was deactivated"}

// gone reports whether the refusal says the bot can no longer post in the
// chat: a 403 (kicked from the group, blocked by the user, a user who
// never started the bot or whose account is deleted), or a 400 of
// goneReasons. A group upgraded to a supergroup whose ID the refusal gives
// is not gone: it moved (see migratedTo).
func (e *apiError) gone() bool {
	if e.Code == http.StatusForbidden {
		return true
	}
	if e.MigrateTo != 0 {
		return false
	}
	return e.Code == http.StatusBadRequest && slices.ContainsFunc(goneReasons, func(r string) bool {
		return strings.Contains(strings.ToLower(e.Description), r)
	})
}

// refusedWith reports whether err is the API's refusal with this code.
func refusedWith(err error, code int) bool {
	var e *apiError
	return errors.As(err, &e) && e.Code == code
}

// notModified reports whether an edit was refused because nothing changed,
// which is success for an edit.
func notModified(err error) bool {
	var e *apiError
	return errors.As(err, &e) && e.Code == http.StatusBadRequest && strings.Contains(e.Description, "message is not modified")
}

// maxAnswer bounds the answer read from one call; getUpdates's hundred
// updates take a few megabytes at most.
const maxAnswer = 32 << 20

// ctxClient sends the library's requests with a context, strips the token
// from transport errors (the token is part of every API URL), and marks as
// retry.Transient what a later attempt may not meet: no answer (a
// timeout, a dropped connection), a 5xx, an answer that is not JSON; and
// as in doubt (retry.InDoubt: a message so sent may be in its chat already) those of them after which the request may
// have been carried out: no answer to a request sent whole, an answer
// that could not be read, a 2xx that is not JSON. It reads every answer
// to its end, so that the connection is reused.
type ctxClient struct {
	ctx   context.Context
	http  *http.Client
	token string
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	var sent atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(w httptrace.WroteRequestInfo) { sent.Store(w.Err == nil) }}
	resp, err := c.http.Do(req.WithContext(httptrace.WithClientTrace(c.ctx, trace)))
	if err != nil {
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = &url.Error{Op: ue.Op, URL: strings.ReplaceAll(ue.URL, c.token, "<token>"), Err: ue.Err}
		}
		if sent.Load() {
			err = retry.InDoubt(err)
		}
		return nil, retry.Transient(err)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	_ = resp.Body.Close()
	switch {
	case err != nil:
		return nil, retry.InDoubt(fmt.Errorf("reading the answer: %w", err))
	case resp.StatusCode >= http.StatusInternalServerError:
		return nil, retry.Transient(fmt.Errorf("the Bot API answered %s", resp.Status))
	case !json.Valid(body):
		err := fmt.Errorf("the Bot API answered %s with a body that is not JSON (%d bytes)", resp.Status, len(body))
		if resp.StatusCode < http.StatusMultipleChoices {
			err = retry.InDoubt(err)
		}
		return nil, retry.Transient(err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// jsonParam encodes a parameter the Bot API takes as JSON (keyboards,
// lists); the adapter's own values always encode.
func jsonParam(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
