// Package slackfake helps tests and load tools play Slack's side of the
// wire to the Slack adapter: it signs requests as Slack does.
package slackfake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Sign sets the headers with which Slack signs a request whose body is
// body, sent at at, for an app whose signing secret is secret
// (X-Slack-Request-Timestamp and X-Slack-Signature, "v0=" and the hex of
// HMAC-SHA256 over "v0:<timestamp>:<body>").
func Sign(h http.Header, body []byte, at time.Time, secret string) {
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	h.Set("X-Slack-Request-Timestamp", ts)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
}
