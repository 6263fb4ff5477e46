package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/internal/pacing"
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
// may take longer than timeout (a long poll included).
func newAPI(token, endpoint string, timeout time.Duration) *api {
	bot := &tgbotapi.BotAPI{Token: token}
	bot.SetAPIEndpoint(endpoint)
	return &api{bot: bot, http: &http.Client{Timeout: timeout}, token: token}
}

// call makes one request and returns its result. A request the API refused
// is an *apiError; one that asked to wait is also a *pacing.RetryAfterError.
func (c *api) call(ctx context.Context, method string, params tgbotapi.Params) (json.RawMessage, error) {
	bot := *c.bot // a copy per call, to give this request its context
	bot.Client = ctxClient{ctx: ctx, http: c.http, token: c.token}
	resp, err := bot.MakeRequest(method, params)
	var refused *tgbotapi.Error
	switch {
	case errors.As(err, &refused):
		e := &apiError{Method: method, Code: refused.Code, Description: refused.Message}
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
		return fmt.Errorf("%s: reading the result: %w", method, err)
	}
	return nil
}

// apiError is a request the Bot API answered with ok: false.
type apiError struct {
	Method      string
	Code        int
	Description string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s: %d %s", e.Method, e.Code, e.Description)
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

// ctxClient sends the library's requests with a context and strips the
// token from transport errors (the token is part of every API URL).
type ctxClient struct {
	ctx   context.Context
	http  *http.Client
	token string
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.http.Do(req.WithContext(c.ctx))
	var ue *url.Error
	if errors.As(err, &ue) {
		return nil, &url.Error{Op: ue.Op, URL: strings.ReplaceAll(ue.URL, c.token, "<token>"), Err: ue.Err}
	}
	return resp, err
}

// jsonParam encodes a parameter the Bot API takes as JSON (keyboards,
// lists); the adapter's own values always encode.
func jsonParam(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
