package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestExportAndImportARoundTrip scores in the console on a real Redis,
// exports the console's scope to a file, imports it into another Redis
// (what export and import are for: a scope moved between Redis
// instances), and reads the same stats and time zone there; importing
// again into a scope with data is refused unless it replaces it.
func TestExportAndImportARoundTrip(t *testing.T) {
	srv, other := redistest.Start(t), redistest.Start(t)
	vars := map[string]string{"REDIS_URL": srv.URL(), "BOT_LANG": "en"}
	to := map[string]string{"REDIS_URL": other.URL(), "BOT_LANG": "en"}
	if code, out, log := script(t, vars, "zone Europe/Berlin\nask pv\n1\n3\n"); code != exitOK {
		t.Fatalf("the session exited %d:\n%s\n%s", code, out, log)
	}
	file := filepath.Join(t.TempDir(), "console.json")
	if code, _, errOut := script(t, vars, "", "export", "-scope", "console", "-o", file); code != exitOK || !strings.Contains(errOut, "exported") {
		t.Fatalf("export exited %d: %s", code, errOut)
	}
	if code, _, errOut := script(t, to, "", "import", file); code != exitOK || !strings.Contains(errOut, "imported") {
		t.Fatalf("import exited %d: %s", code, errOut)
	}
	rdb := other.Client(t)
	for _, key := range []string{"kq:{console}:cards:*", "kq:{console}:user:*"} {
		if keys, err := rdb.Keys(t.Context(), key).Result(); err != nil || len(keys) != 1 {
			t.Errorf("after the import, %s: %v, %v", key, keys, err)
		}
	}
	if zone, err := rdb.HGet(t.Context(), "kq:{console}:settings", "zone").Result(); err != nil || zone != "Europe/Berlin" {
		t.Errorf("after the import, the scope's zone is %q (%v), want Europe/Berlin", zone, err)
	}
	if code, _, errOut := script(t, to, "", "import", "-scope", "console", file); code != exitConfig ||
		!strings.Contains(errOut, "console the scope already holds data") || !strings.Contains(errOut, "add -replace to delete its data first") {
		t.Errorf("an import into a scope with data: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, to, "", "import", "-scope", "console", "-replace", file); code != exitOK {
		t.Errorf("an import replacing a scope's data: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, vars, "", "export", "-scope", "tg:-100424242"); code != exitFailed || !strings.Contains(errOut, "holds nothing") {
		t.Errorf("exporting an empty scope: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, nil, "", "export", "-scope", "console"); code != exitConfig || !strings.Contains(errOut, "REDIS_URL") {
		t.Errorf("exporting without REDIS_URL: exit %d, %s", code, errOut)
	}
}

// TestAScopeNoPlatformMakesIsRefused: a typo in the scope (no slack:, a
// dash for the colon, a word) is refused, saying the forms, before Redis
// is touched — it used to be imported where no one reads it.
func TestAScopeNoPlatformMakesIsRefused(t *testing.T) {
	srv := redistest.Start(t)
	vars := map[string]string{"REDIS_URL": srv.URL()}
	file := writeExport(t, "console", "console:alice")
	for _, scope := range []string{"foo", "T0456", "slack-T0456", "console-copy", "tg:chat"} {
		for _, args := range [][]string{{"import", "-scope", scope, file}, {"export", "-scope", scope}} {
			code, _, errOut := script(t, vars, "", args...)
			if code != exitConfig || !strings.Contains(errOut, "slack:<team ID>") || !strings.Contains(errOut, "tg:<chat ID>") {
				t.Errorf("bot %v: exit %d, %s", args, code, errOut)
			}
		}
	}
	if keys, err := srv.Client(t).Keys(t.Context(), "kq:*").Result(); err != nil || len(keys) != 0 {
		t.Errorf("refused imports wrote %v (%v)", keys, err)
	}
}

// TestAWorkspacesExportIsNotImportedIntoAnother: Slack user IDs name their
// workspace, so a workspace's export imported into another's scope would
// hold users no one there is. It is refused, naming them and -force,
// unless forced; into its own workspace, or a Telegram chat's into another
// chat (Telegram user IDs are the same in every chat), it is imported.
func TestAWorkspacesExportIsNotImportedIntoAnother(t *testing.T) {
	srv := redistest.Start(t)
	vars := map[string]string{"REDIS_URL": srv.URL()}
	slackFile := writeExport(t, "slack:T0123", "slack:T0123:U01")
	code, _, errOut := script(t, vars, "", "import", "-scope", "slack:T0456", slackFile)
	if code != exitConfig || !strings.Contains(errOut, "slack:T0123:U01") || !strings.Contains(errOut, "-force") {
		t.Errorf("into another workspace: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, vars, "", "import", "-scope", "tg:42", slackFile); code != exitConfig {
		t.Errorf("into a Telegram chat: exit %d, %s", code, errOut)
	}
	if keys, err := srv.Client(t).Keys(t.Context(), "kq:*").Result(); err != nil || len(keys) != 0 {
		t.Errorf("refused imports wrote %v (%v)", keys, err)
	}
	if code, _, errOut := script(t, vars, "", "import", "-scope", "slack:T0456", "-force", slackFile); code != exitOK {
		t.Errorf("forced: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, vars, "", "import", slackFile); code != exitOK {
		t.Errorf("into its own workspace: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, vars, "", "import", "-scope", "tg:-100777", writeExport(t, "tg:-100555", "tg:42")); code != exitOK {
		t.Errorf("a Telegram chat's into another chat: exit %d, %s", code, errOut)
	}
}

// writeExport writes an export of scope holding user's points, as bot
// export writes one, and returns its file.
func writeExport(t *testing.T, scope, user string) string {
	t.Helper()
	b, err := redisstore.MarshalScope(redisstore.ScopeData{
		Format: redisstore.ScopeFormat, Version: redisstore.ScopeVersion, Scope: scope, Exported: time.Now(),
		Keys: []redisstore.KeyValue{{Key: "user:" + user, Type: "hash", Hash: map[string]string{"name": "someone"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestAFileThatIsNoExportIsToldSo: a JSON file that bot export did not
// write (another format, none, another version) is refused as what it is,
// before its scope is looked at — it used to be told that its scope "" is
// none the bot makes.
func TestAFileThatIsNoExportIsToldSo(t *testing.T) {
	srv := redistest.Start(t)
	for _, c := range []struct{ file, want string }{
		{`{"format":"x"}`, `is not a kubequiz export: its "format" is "x", not "kubequiz-scope" as bot export writes`},
		{`{}`, `is not a kubequiz export: its "format" is "", not "kubequiz-scope"`},
		{`{"format":"kubequiz-scope","version":2,"scope":"console","keys":[]}`, "is a kubequiz export of version 2: this bot reads version 1"},
	} {
		file := filepath.Join(t.TempDir(), "in.json")
		if err := os.WriteFile(file, []byte(c.file), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := script(t, map[string]string{"REDIS_URL": srv.URL()}, "", "import", file)
		if code != exitFailed || !strings.Contains(errOut, file+": "+c.want) || strings.Contains(errOut, "none the bot makes") {
			t.Errorf("import of %s: exit %d, %s", c.file, code, errOut)
		}
	}
}

// TestARefusedPasswordIsNotAnOutage: export and import against a Redis
// that answers and refuses the password say so, not that it does not
// answer, and never show the password.
func TestARefusedPasswordIsNotAnOutage(t *testing.T) {
	srv := redistest.StartWith(t, redistest.Options{Password: "right-not-real"})
	url := "redis://:wrong-not-real@" + srv.Addr + "/0"
	for _, args := range [][]string{{"export", "-scope", "console"}, {"import", writeExport(t, "console", "console:alice")}} {
		code, _, errOut := script(t, map[string]string{"REDIS_URL": url}, "", args...)
		if code != exitFailed || !strings.Contains(errOut, "answers but refuses the login") || !strings.Contains(errOut, "WRONGPASS") ||
			!strings.Contains(errOut, "REDIS_URL's password") || strings.Contains(errOut, "does not answer") || strings.Contains(errOut, "-not-real") {
			t.Errorf("bot %v: exit %d, %s", args, code, errOut)
		}
	}
}
