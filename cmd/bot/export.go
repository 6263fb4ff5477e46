package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

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

// runImport reads an export into its scope, or another:
//
//	bot import [-scope other] [-replace] file
func runImport(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scope := fs.String("scope", "", "the scope to import into (default: the exported one)")
	replace := fs.Bool("replace", false, "delete the scope's present data first (else a scope with data is refused)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: bot import [-scope <scope>] [-replace] <file>")
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
	st, closeDB, code := openStore(ctx, getenv, stderr)
	if st == nil {
		return code
	}
	defer closeDB()
	n, err := st.ImportScope(ctx, to, data, *replace)
	if err != nil {
		fmt.Fprintf(stderr, "import: %v\n", err)
		if errors.Is(err, redisstore.ErrScopeNotEmpty) {
			return exitConfig
		}
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
