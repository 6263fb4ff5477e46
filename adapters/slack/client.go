package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"

	"github.com/kubequiz/kubequiz/internal/retry"
)

// maxAnswer bounds the answer read from one Slack call; Slack's are a few
// kilobytes.
const maxAnswer = 8 << 20

// apiClient is the HTTP client of every Slack call. It marks as
// retry.Transient what a later attempt may not meet: a call that did not
// reach Slack (notReached: no connection, a request not written whole, a
// 5xx), and as retry.InDoubt one that Slack may have carried out all the
// same: a request written whole and not answered (a timeout, a dropped
// connection), a success whose answer cannot be read or is not one Slack
// gives. It reads every answer to its end, so that connections are
// reused, and gives a 429 without a number of seconds to wait one second,
// so that slack-go reports it as a rate limit.
type apiClient struct{ http *http.Client }

// notReached is a call that Slack did not take: not sent, or a 5xx.
type notReached struct{ err error }

func (e *notReached) Error() string { return e.err.Error() }

func (e *notReached) Unwrap() error { return e.err }

func (c apiClient) Do(req *http.Request) (*http.Response, error) {
	var written atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(w httptrace.WroteRequestInfo) { written.Store(w.Err == nil) }}
	resp, err := c.http.Do(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
	if err != nil {
		if written.Load() {
			return nil, retry.InDoubt(err)
		}
		return nil, retry.Transient(&notReached{err})
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	_ = resp.Body.Close()
	success := resp.StatusCode < http.StatusMultipleChoices
	switch {
	case err != nil && success:
		return nil, retry.InDoubt(fmt.Errorf("reading Slack's answer to a success: %w", err))
	case err != nil:
		return nil, retry.Transient(&notReached{fmt.Errorf("reading Slack's answer: %w", err)})
	case resp.StatusCode >= http.StatusInternalServerError:
		return nil, retry.Transient(&notReached{fmt.Errorf("slack answered %s", resp.Status)})
	case resp.StatusCode == http.StatusOK && !wellFormed(body):
		return nil, retry.InDoubt(fmt.Errorf("slack answered %s with a body it never sends (%d bytes)", resp.Status, len(body)))
	case resp.StatusCode == http.StatusTooManyRequests:
		if _, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil {
			resp.Header.Set("Retry-After", "1")
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// wellFormed reports whether a successful answer is one Slack gives: JSON,
// or "ok" from a response URL.
func wellFormed(body []byte) bool {
	return json.Valid(body) || string(body) == "ok"
}

// reachedSlack reports whether a call that failed with err reached Slack
// and was, or may have been, taken there: neither unsent, nor a 5xx, nor
// a 429.
func reachedSlack(err error) bool {
	var nr *notReached
	return !errors.As(err, &nr) && !isRateLimited(err)
}
