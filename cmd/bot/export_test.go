package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/redistest"
)

// TestExportAndImportARoundTrip scores in the console on a real Redis,
// exports the console's scope to a file, imports it into another scope,
// and reads the same stats and time zone there; importing again into a scope with data
// is refused unless it replaces it.
func TestExportAndImportARoundTrip(t *testing.T) {
	srv := redistest.Start(t)
	vars := map[string]string{"REDIS_URL": srv.URL(), "BOT_LANG": "en"}
	if code, out, log := script(t, vars, "zone Europe/Berlin\nask pv\n1\n3\n"); code != exitOK {
		t.Fatalf("the session exited %d:\n%s\n%s", code, out, log)
	}
	file := filepath.Join(t.TempDir(), "console.json")
	if code, _, errOut := script(t, vars, "", "export", "-scope", "console", "-o", file); code != exitOK || !strings.Contains(errOut, "exported") {
		t.Fatalf("export exited %d: %s", code, errOut)
	}
	if code, _, errOut := script(t, vars, "", "import", "-scope", "console-copy", file); code != exitOK || !strings.Contains(errOut, "imported") {
		t.Fatalf("import exited %d: %s", code, errOut)
	}
	rdb := srv.Client(t)
	for _, key := range []string{"kq:{console-copy}:cards:*", "kq:{console-copy}:user:*"} {
		if keys, err := rdb.Keys(t.Context(), key).Result(); err != nil || len(keys) != 1 {
			t.Errorf("after the import, %s: %v, %v", key, keys, err)
		}
	}
	if zone, err := rdb.HGet(t.Context(), "kq:{console-copy}:settings", "zone").Result(); err != nil || zone != "Europe/Berlin" {
		t.Errorf("after the import, the scope's zone is %q (%v), want Europe/Berlin", zone, err)
	}
	if code, _, errOut := script(t, vars, "", "import", "-scope", "console-copy", file); code != exitConfig || !strings.Contains(errOut, "already holds data") {
		t.Errorf("an import into a scope with data: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, vars, "", "import", "-scope", "console-copy", "-replace", file); code != exitOK {
		t.Errorf("an import replacing a scope's data: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, vars, "", "export", "-scope", "nosuchscope"); code != exitFailed || !strings.Contains(errOut, "holds nothing") {
		t.Errorf("exporting an empty scope: exit %d, %s", code, errOut)
	}
	if code, _, errOut := script(t, nil, "", "export", "-scope", "console"); code != exitConfig || !strings.Contains(errOut, "REDIS_URL") {
		t.Errorf("exporting without REDIS_URL: exit %d, %s", code, errOut)
	}
}
