package slack

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters"
)

func TestErrorsAreLoggedWithoutResponseURLs(t *testing.T) {
	hook := "https://hooks.slack.com/actions/T1/123/not-a-real-secret"
	err := fmt.Errorf("sending: %w", &url.Error{Op: "Post", URL: hook, Err: errors.New("connection refused")})
	got := adapters.ErrAttr(err).Value.String()
	if strings.Contains(got, "not-a-real-secret") || !strings.Contains(got, "connection refused") {
		t.Errorf("got %q: want the cause without the URL", got)
	}
}
