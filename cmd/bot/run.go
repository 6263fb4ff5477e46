package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime"
	"strings"

	"golang.org/x/term"

	"github.com/kubequiz/kubequiz/adapters/console"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// version is stamped at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitConfig = 2
)

// run is the whole program behind main, with its environment injected.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "run"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	if noArgs[cmd] && len(args) > 0 {
		if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		fmt.Fprintf(stderr, "bot %s takes no arguments: %q\n\n%s", cmd, args, usage)
		return exitConfig
	}
	switch cmd {
	case "run":
		return runBot(ctx, getenv, stdin, stdout, stderr)
	case "lint":
		return runLint(args, getenv, stdout, stderr)
	case "export":
		return runExport(ctx, args, getenv, stdout, stderr)
	case "import":
		return runImport(ctx, args, getenv, stderr)
	case "config":
		cfg, err := loadConfig(getenv)
		writeConfig(stdout, getenv, cfg.effective())
		if err != nil {
			fmt.Fprintf(stderr, "configuration:\n%v\n", err)
			return exitConfig
		}
		for _, w := range cfg.warnings() {
			fmt.Fprintf(stderr, "warning: %s\n", w)
		}
		return exitOK
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "kubequiz %s (%s)\n", version, runtime.Version())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return exitConfig
	}
}

// noArgs are the commands that take no arguments (flags included).
var noArgs = map[string]bool{"run": true, "config": true, "version": true, "--version": true, "-v": true, "help": true, "-h": true, "--help": true}

const usage = `usage: bot [command]

commands:
  run                  run the bot (default): the console when no chat tokens are set
  lint [dir | file.md] report on the banks the bot loads with BANK_DIR=dir (or
                       file.md alone): the shipped bank and dir's (default: BANK_DIR's)
  export               write a scope's scores and progress as JSON: export -scope <scope> [-o file]
  import               read an export back: import [-scope <scope>] [-replace] [-force] <file>
  config               print the configuration in effect, secrets masked
  version              print the version (also --version, -v)
  help                 this text (also --help, -h)

Configuration comes from the environment; see README.md.
`

func runBot(ctx context.Context, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := loadConfig(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "configuration:\n%v\n", err)
		return exitConfig
	}
	log, health := newLogger(stderr, cfg)
	for _, w := range cfg.warnings() {
		log.Warn(w)
	}
	if soft := limitMemory(getenv, os.DirFS("/sys/fs/cgroup")); soft > 0 {
		log.Info("memory limit set below the container's", "GOMEMLIMIT", soft)
	} else if getenv("GOMEMLIMIT") == "" {
		log.Debug("no container memory limit found in /sys/fs/cgroup: the Go runtime has none")
	}
	a, err := newApp(ctx, cfg, log, health, stdin, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitFailed
	}
	code, err := a.run(ctx)
	if errors.Is(err, console.ErrNoInput) {
		fmt.Fprint(stderr, noInput())
	}
	return code
}

// noInput explains a bot with no chat platform and no one at the console:
// which variables turn a platform on, and how to use the console instead.
func noInput() string {
	var tokens []string
	for _, p := range platforms {
		tokens = append(tokens, p.Settings[0].Name)
	}
	return fmt.Sprintf(`no chat platform is configured and the console has no input: stdin is not a terminal and ended at once.
  To serve a chat, set %s (see README.md).
  To use the console, run it on a terminal (docker run -it …) or pipe commands into it (printf 'ask pv\n' | bot).
`, strings.Join(tokens, " or "))
}

// loadBank parses the embedded bank and, when dir is set, the banks in it.
func loadBank(dir string) (*bank.Bank, error) {
	qs, problems, err := readConfiguredBanks(dir)
	if err != nil {
		return nil, err
	}
	b, problems := bank.Check(qs, problems)
	if b == nil {
		return nil, problems.Err()
	}
	return b, nil
}

// consoleUser names the person at the terminal from the OS account.
func consoleUser() (name, id string) {
	u, err := user.Current()
	if err != nil || u.Username == "" {
		return "you", "local"
	}
	return u.Username, u.Username
}

// isTerminal reports whether f (stdin, stderr) is a terminal: not a pipe,
// a file, or a character device such as /dev/null.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}
