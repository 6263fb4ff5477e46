// Package settings describes the environment variables the bot reads, so
// that one list drives loading them, `bot config` (secrets masked) and the
// README's table; each chat adapter declares its own.
package settings

import "strings"

// Setting is one environment variable.
type Setting struct {
	Name    string
	Default string
	// Secret values are never printed or logged.
	Secret bool
	Help   string
}

// Env reads settings from an environment (os.Getenv, or a map in tests).
type Env func(name string) string

// Get is the trimmed value of s, or its default when unset.
func (e Env) Get(s Setting) string {
	if v := strings.TrimSpace(e(s.Name)); v != "" {
		return v
	}
	return s.Default
}

// IsSet reports whether s is set (to something other than white space).
func (e Env) IsSet(s Setting) bool { return strings.TrimSpace(e(s.Name)) != "" }
