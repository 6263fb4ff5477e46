package adapters

import (
	"fmt"
	"strings"

	"github.com/kubequiz/kubequiz/internal/settings"
)

// Validator is a platform's configuration: Validate says what is wrong
// with it and how to fix it.
type Validator interface{ Validate() error }

// ConfigureByToken is the Configure of a Platform that its token, the
// first of all (its settings), turns on: nil when none of all is set; an
// error naming the token and the settings that are set when the token is
// not (they would be ignored); else the configuration read builds from env
// (whose Get trims every value), checked by its Validate, and a maker of
// its adapter by newAdapter.
func ConfigureByToken[C Validator, A Adapter](name string, all []settings.Setting, read func(settings.Env) C, newAdapter func(C, Deps) (A, error)) func(settings.Env) (func(Deps) (Adapter, error), error) {
	return func(env settings.Env) (func(Deps) (Adapter, error), error) {
		token := all[0]
		if !env.IsSet(token) {
			var stray []string
			for _, s := range all[1:] {
				if env.IsSet(s) {
					stray = append(stray, s.Name)
				}
			}
			if len(stray) > 0 {
				set := strings.Join(stray, ", ")
				return nil, fmt.Errorf("%s is not set, yet %s %s: set %s to turn %s on, or unset %s",
					token.Name, set, isOrAre(len(stray)), token.Name, name, set)
			}
			return nil, nil
		}
		cfg := read(env)
		if err := cfg.Validate(); err != nil {
			return nil, err
		}
		return func(d Deps) (Adapter, error) {
			a, err := newAdapter(cfg, d)
			if err != nil {
				return nil, err
			}
			return a, nil
		}, nil
	}
}

// isOrAre is the verb for n settings.
func isOrAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
