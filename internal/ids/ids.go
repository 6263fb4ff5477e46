// Package ids is the one place that knows the shapes of the scopes and
// user IDs the chat adapters make: it builds them (Slack: "slack:"+team,
// "slack:"+team+":"+user; Telegram: "tg:"+chat, "tg:"+user; the console:
// "console", "console:"+account), takes them apart (Own), and checks what
// an operator types — ADMIN_IDS, the scope of `bot import` — against them
// before it is used. The shapes are stored (keys, boards, exports): they
// never change.
package ids

import (
	"regexp"
	"strconv"
	"strings"
)

// ConsoleScope is the console's scope: it has one conversation.
const ConsoleScope = "console"

// The platforms' names, which start their IDs: "slack:…", "tg:…",
// "console:…".
const (
	slack   = "slack"
	tg      = "tg"
	console = ConsoleScope
)

// SlackScope is the scope of the Slack workspace team (its team ID, T…).
func SlackScope(team string) string { return slack + ":" + team }

// SlackUser is the ID of the Slack user user (U…, W…) of workspace team.
func SlackUser(team, user string) string { return SlackScope(team) + ":" + user }

// TelegramScope is the scope of the Telegram chat chat (a private chat's
// ID is its user's; a group's is negative).
func TelegramScope(chat int64) string { return tg + ":" + strconv.FormatInt(chat, 10) }

// TelegramUser is the ID of the Telegram user id (or of a group posting as
// itself, by its chat ID).
func TelegramUser(id int64) string { return tg + ":" + strconv.FormatInt(id, 10) }

// ConsoleUser is the ID of the console's user account.
func ConsoleUser(account string) string { return console + ":" + account }

// Own is the platform's own part of the user ID user, what follows its
// last colon: U0456 of slack:T0123:U0456, 42 of tg:42, alice of
// console:alice; an ID with no colon is its own.
func Own(user string) string { return user[strings.LastIndexByte(user, ':')+1:] }

// Fellow is the ID of the user whose platform's own ID is own, on the
// platform (and in the workspace) of the user ID user: slack:T0123:U0789
// for slack:T0123:U0456 and U0789, tg:7 for tg:42 and 7; ok is false for
// a user ID with no colon, which names no platform.
func Fellow(user, own string) (id string, ok bool) {
	i := strings.LastIndexByte(user, ':')
	return user[:i+1] + own, i >= 0
}

// Slack's IDs: a workspace's (T…, or E… for an Enterprise Grid
// organisation) and a user's (U…, W… for an Enterprise Grid user).
const (
	slackTeam = `[TE][A-Z0-9]{2,}`
	slackUser = `[UW][A-Z0-9]{2,}`
	tgID      = `-?[0-9]{1,20}`
)

var (
	scopeRE = regexp.MustCompile(`^(?:` + slack + `:` + slackTeam + `|` + tg + `:` + tgID + `|` + console + `)$`)
	userRE  = regexp.MustCompile(`^(?:` + slack + `:` + slackTeam + `:` + slackUser + `|` + tg + `:` + tgID + `|` + console + `:\S+|` + slackUser + `|[0-9]{1,20})$`)
)

// ScopeForms names the scopes' forms, for a message refusing one.
const ScopeForms = "slack:<team ID> (slack:T0123ABCD), tg:<chat ID> (tg:-1001234567890) or console"

// UserForms names the user IDs' forms, for a message refusing one.
const UserForms = "slack:<team ID>:<user ID> (slack:T0123ABCD:U0456EFGH), tg:<user ID> (tg:42), console:<account>, or a platform's own user ID (U0456EFGH, 42)"

// IsScope reports whether s is a scope of a shape an adapter makes.
func IsScope(s string) bool { return scopeRE.MatchString(s) }

// IsUser reports whether s names a user as the adapters do, in full or by
// the platform's own ID (what ADMIN_IDS takes).
func IsUser(s string) bool { return userRE.MatchString(s) }

// InScope reports whether the user ID user can be one of scope's users: a
// Slack user's ID names their workspace, which must be scope's; a Telegram
// user may be in any chat; the console's users are the console's.
func InScope(user, scope string) bool {
	switch platform, rest, _ := strings.Cut(user, ":"); platform {
	case slack:
		team, _, _ := strings.Cut(rest, ":")
		return scope == SlackScope(team)
	case tg:
		return strings.HasPrefix(scope, tg+":")
	case console:
		return scope == ConsoleScope
	}
	return false
}
