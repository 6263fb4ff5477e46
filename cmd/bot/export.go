package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/redisstore"
)

// runExport writes a scope's data (its users' scores, boards, review
// schedules, settings and daily questions) as versioned JSON:
//
//	bot export -scope slack:T01 [-o file]
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scope := fs.String("scope", "", "the scope to export: slack:<team ID>, tg:<chat ID>, or console")
	out := fs.String("o", "", "the file to write (default: standard output)")
	if err := fs.Parse(args); err != nil || *scope == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: bot export -scope <scope> [-o file]")
		return exitConfig
	}
	if !checkScope(*scope, stderr) {
		return exitConfig
	}
	st, closeDB, code := openStore(ctx, getenv, stderr)
	if st == nil {
		return code
	}
	defer closeDB()
	data, err := st.ExportScope(ctx, *scope)
	if err == nil && len(data.Keys) == 0 {
		err = fmt.Errorf("the scope %q holds nothing", *scope)
	}
	var b []byte
	if err == nil {
		b, err = redisstore.MarshalScope(data)
	}
	if err == nil {
		if *out == "" {
			_, err = stdout.Write(append(b, '\n'))
		} else {
			err = os.WriteFile(*out, append(b, '\n'), 0o600)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "export: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stderr, "exported %d keys of %s\n", len(data.Keys), *scope)
	return exitOK
}

// runImport reads an export into its scope, or another whose users its
// user IDs can be (see ids.InScope; -force imports them all the same):
//
//	bot import [-scope other] [-replace] [-force] file
func runImport(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scope := fs.String("scope", "", "the scope to import into (default: the exported one)")
	replace := fs.Bool("replace", false, "delete the scope's present data first (else a scope with data is refused)")
	force := fs.Bool("force", false, "import users whose IDs name another workspace than the scope's")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: bot import [-scope <scope>] [-replace] [-force] <file>")
		return exitConfig
	}
	b, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "import: %v\n", err)
		return exitFailed
	}
	data, err := redisstore.UnmarshalScope(b)
	if err != nil {
		fmt.Fprintf(stderr, "import: %s: %v\n", fs.Arg(0), err)
		return exitFailed
	}
	to := *scope
	if to == "" {
		to = data.Scope
	}
	if !checkScope(to, stderr) {
		return exitConfig
	}
	if strangers := slices.DeleteFunc(data.Users(), func(u string) bool { return ids.InScope(u, to) }); len(strangers) > 0 && !*force {
		fmt.Fprintf(stderr, "import: %d of the export's users (%s) are not users of %s: their IDs name the workspace or platform of %s, so no one in %s would be them.\n"+
			"  Export and import move a scope between Redis instances, into the same workspace or chat (a Telegram chat's into another chat too).\n"+
			"  Add -force to import them all the same.\n", len(strangers), clip(strangers, 3), to, data.Scope, to)
		return exitConfig
	}
	st, closeDB, code := openStore(ctx, getenv, stderr)
	if st == nil {
		return code
	}
	defer closeDB()
	n, err := st.ImportScope(ctx, to, data, *replace)
	if errors.Is(err, redisstore.ErrScopeNotEmpty) {
		fmt.Fprintf(stderr, "import: %s %v: add -replace to delete its data first, or import into another scope\n", to, err)
		return exitConfig
	}
	if err != nil {
		fmt.Fprintf(stderr, "import: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stderr, "imported %d keys into %s\n", n, to)
	return exitOK
}

// openStore connects to REDIS_URL, which an export or import needs: the
// embedded store would hold nothing.
func openStore(ctx context.Context, getenv func(string) string, stderr io.Writer) (*redisstore.Store, func(), int) {
	url := getenv(setRedisURL.Name)
	if url == "" {
		fmt.Fprintf(stderr, "%s is not set: export and import work on a running bot's Redis\n", setRedisURL.Name)
		return nil, nil, exitConfig
	}
	st, rdb, err := redisstore.Open(ctx, url)
	if err != nil {
		fmt.Fprintf(stderr, "store: %v\n", err)
		return nil, nil, exitFailed
	}
	return st, func() { _ = rdb.Close() }, exitOK
}

// checkScope refuses, saying the forms, a scope that no platform makes (a
// typo: T0456 without slack:, slack-T0456), which would be exported empty
// or imported where no one reads it.
func checkScope(scope string, stderr io.Writer) bool {
	if ids.IsScope(scope) {
		return true
	}
	fmt.Fprintf(stderr, "the scope %q is none the bot makes: use %s (the bot logs the scope with every command)\n", scope, ids.ScopeForms)
	return false
}

// clip lists the first n of vs, and how many more there are.
func clip(vs []string, n int) string {
	if len(vs) <= n {
		return strings.Join(vs, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(vs[:n], ", "), len(vs)-n)
}
