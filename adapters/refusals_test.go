package adapters_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters"
)

// TestARefusalAtAPathNotNamedBeforeIsAnsweredCountedAndLogged: a refusal
// at a path the refusals have not seen yet is answered with its status,
// counted and logged like any other, not a crash of the handler.
func TestARefusalAtAPathNotNamedBeforeIsAnsweredCountedAndLogged(t *testing.T) {
	var out bytes.Buffer
	var counted []string
	r := adapters.Deps{OnRefused: func(path, reason string) { counted = append(counted, path+" "+reason) }}.
		Refusals(slog.New(slog.NewTextHandler(&out, nil)), "refused requests")
	w := httptest.NewRecorder()
	r.Refuse(w, "/somewhere/new", http.StatusForbidden, "bad_secret", errors.New("wrong secret"))
	if w.Code != http.StatusForbidden {
		t.Errorf("answered %d, want 403", w.Code)
	}
	if len(counted) != 1 || counted[0] != "/somewhere/new bad_secret" {
		t.Errorf("counted %q, want the one refusal at /somewhere/new", counted)
	}
	r.Flush()
	if line := out.String(); !strings.Contains(line, "path=/somewhere/new") || !strings.Contains(line, "reason=bad_secret") {
		t.Errorf("logged %q, want a line of the refusal at /somewhere/new", line)
	}
}
