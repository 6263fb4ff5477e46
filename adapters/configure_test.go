package adapters_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/settings"
)

// fakeConfig is a platform's configuration, valid when its token is "ok".
type fakeConfig struct{ token, extra string }

func (c fakeConfig) Validate() error {
	if c.token != "ok" {
		return errors.New("FAKE_TOKEN is not ok")
	}
	return nil
}

// fakeAdapter is an Adapter that New never makes.
type fakeAdapter struct{ adapters.Adapter }

var (
	fakeToken = settings.Setting{Name: "FAKE_TOKEN", Secret: true}
	fakeExtra = settings.Setting{Name: "FAKE_EXTRA"}
	fakeOther = settings.Setting{Name: "FAKE_OTHER"}
)

func TestConfigureByTokenTurnsAPlatformOnByItsTokenOnly(t *testing.T) {
	var made *fakeConfig
	configure := adapters.ConfigureByToken("fake", []settings.Setting{fakeToken, fakeExtra, fakeOther},
		func(env settings.Env) fakeConfig { return fakeConfig{env.Get(fakeToken), env.Get(fakeExtra)} },
		func(c fakeConfig, _ adapters.Deps) (*fakeAdapter, error) {
			made = &c
			if c.extra == "fail" {
				return nil, errors.New("cannot make it")
			}
			return &fakeAdapter{}, nil
		})
	envOf := func(vars map[string]string) settings.Env { return func(k string) string { return vars[k] } }

	if mk, err := configure(envOf(map[string]string{"FAKE_EXTRA": " "})); mk != nil || err != nil {
		t.Errorf("nothing set: %v, want the platform off", err)
	}
	_, err := configure(envOf(map[string]string{"FAKE_EXTRA": "x", "FAKE_OTHER": "y"}))
	if err == nil || !strings.Contains(err.Error(), "FAKE_TOKEN is not set, yet FAKE_EXTRA, FAKE_OTHER are") {
		t.Errorf("stray settings: %v, want them named with the token", err)
	}
	if _, err := configure(envOf(map[string]string{"FAKE_TOKEN": "bad"})); err == nil || err.Error() != "FAKE_TOKEN is not ok" {
		t.Errorf("an invalid token: %v, want Validate's error", err)
	}
	mk, err := configure(envOf(map[string]string{"FAKE_TOKEN": " ok\n", "FAKE_EXTRA": "\tfail "}))
	if err != nil || mk == nil {
		t.Fatalf("a token with white space around it: %v", err)
	}
	if a, err := mk(adapters.Deps{}); a != nil || err == nil {
		t.Errorf("a maker that fails gave %v (%v), want no adapter (not a nil pointer in one) and its error", a, err)
	}
	if *made != (fakeConfig{"ok", "fail"}) {
		t.Errorf("the adapter was made of %+v, want the settings trimmed", *made)
	}
}
