package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestTheReadmeWarnsOfTheFirstBuild is issue 11's item 18: the README's
// first section says, next to `go run ./cmd/bot`, that the first run is
// silent while Go compiles.
func TestTheReadmeWarnsOfTheFirstBuild(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(readme), "\n## ")
	for _, want := range []string{"go run ./cmd/bot", "the first `go run` is silent", "compiles"} {
		if !strings.Contains(first, want) {
			t.Errorf("the README's first section lacks %q", want)
		}
	}
}

// TestThePlatformDocsNameEveryCommand is issue 11's item 19 for the
// platform guides: docs/slack.md and docs/telegram.md name every command
// and every daily subcommand (daily reveal was missing).
func TestThePlatformDocsNameEveryCommand(t *testing.T) {
	daily, ok := quiz.LookupCommand("daily")
	if !ok {
		t.Fatal("no daily command")
	}
	var subs []string // "daily on [HH:MM] [Area/City] | off | …": on, off, …
	for _, part := range strings.Split(strings.TrimPrefix(daily.Usage(quiz.LangEN), "daily "), "|") {
		if f := strings.Fields(part); len(f) > 0 {
			subs = append(subs, f[0])
		}
	}
	for _, doc := range []string{"../../docs/slack.md", "../../docs/telegram.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, c := range quiz.Commands() {
			if !strings.Contains(text, c.Name) {
				t.Errorf("%s does not name %s", doc, c.Name)
			}
		}
		for _, sub := range subs {
			if !strings.Contains(text, "daily "+sub) && !strings.Contains(text, "|"+sub) {
				t.Errorf("%s does not name daily %s", doc, sub)
			}
		}
	}
	if len(subs) != 5 {
		t.Errorf("read the daily subcommands %v from %q", subs, daily.Usage(quiz.LangEN))
	}
}

// TestBenchmarksAreReproducedByTheScript is the rest of issue 11's item 19:
// every load command BENCHMARKS.md names is one bench.sh runs, the script
// starts the redis-server it needs, and no command names a Redis on a fixed
// port that nothing starts.
func TestBenchmarksAreReproducedByTheScript(t *testing.T) {
	doc, err := os.ReadFile("../../BENCHMARKS.md")
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../scripts/bench.sh")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(script), `"$redis_server" --port "$port"`) {
		t.Error("bench.sh does not start a redis-server of its own")
	}
	for _, part := range []string{"answers", "slack", "telegram", "fanout"} {
		if strings.Contains(string(doc), "loadtest "+part) && !strings.Contains(string(script), "loadtest\" "+part) {
			t.Errorf("BENCHMARKS.md names loadtest %s, which bench.sh does not run", part)
		}
	}
	for _, fixed := range []string{"127.0.0.1:6379", "127.0.0.1:6399", "localhost:6399"} {
		if strings.Contains(string(doc), fixed) {
			t.Errorf("BENCHMARKS.md names a Redis at %s that nothing starts", fixed)
		}
	}
}

// TestTheShutdownWarningKnowsTheDeployedGracePeriod: `bot config` warns
// of a SHUTDOWN_TIMEOUT near shutdownGrace, the time the manifests give
// the bot to stop; they must say that time.
func TestTheShutdownWarningKnowsTheDeployedGracePeriod(t *testing.T) {
	for file, re := range map[string]*regexp.Regexp{
		"../../deploy/k8s/base/deployment.yaml": regexp.MustCompile(`(?m)^\s*terminationGracePeriodSeconds:\s*(\d+)\s*$`),
		"../../deploy/compose/compose.yaml":     regexp.MustCompile(`(?m)^\s*stop_grace_period:\s*(\d+)s\s*$`),
	} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m := re.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s names no grace period", file)
			continue
		}
		if secs, _ := strconv.Atoi(string(m[1])); time.Duration(secs)*time.Second != shutdownGrace {
			t.Errorf("%s gives the bot %ss to stop; shutdownGrace is %s", file, m[1], shutdownGrace)
		}
	}
}

// listedPackage is what `go list -json` says of a package of the module.
type listedPackage struct {
	ImportPath                string
	GoFiles, Imports          []string
	TestGoFiles, XTestGoFiles []string
	TestImports, XTestImports []string
}

// testsOnly reports whether p's code is only tests: no Go file but a
// package comment (doc.go).
func (p listedPackage) testsOnly() bool {
	for _, f := range p.GoFiles {
		if f != "doc.go" {
			return false
		}
	}
	return len(p.TestGoFiles)+len(p.XTestGoFiles) > 0
}

// TestTheArchitectureTableMatchesTheImports checks docs/architecture.md's
// package table against `go list ./...`: every package of the module has a
// row, and each row's last column names exactly the module's packages and
// go.mod's direct requirements the package imports (a pattern `x/*`
// allows any package under x; "everything below", any).
func TestTheArchitectureTableMatchesTheImports(t *testing.T) {
	doc, err := os.ReadFile("../../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	checkArchitectureTable(t, string(doc), goList(t), directRequirements(t))
}

// TestTheArchitectureCheckFindsAMissingImport makes sure the check above
// can fail: a row that leaves out an import, a package without a row and a
// row naming what its package does not import are each reported.
func TestTheArchitectureCheckFindsAMissingImport(t *testing.T) {
	const table = "| package | what it owns | may import |\n|---|---|---|\n" +
		"| `a` | a | `b`, `c` |\n" +
		"| `b` | b | standard library |\n"
	mod := "github.com/kubequiz/kubequiz/"
	pkgs := []listedPackage{
		{ImportPath: mod + "a", GoFiles: []string{"a.go"}, Imports: []string{mod + "b", "golang.org/x/text/unicode/norm"}},
		{ImportPath: mod + "b", GoFiles: []string{"b.go"}},
		{ImportPath: mod + "c", GoFiles: []string{"c.go"}},
	}
	rec := &recordingT{}
	checkArchitectureTable(rec, table, pkgs, []string{"golang.org/x/text"})
	want := []string{
		"`a` imports x/text, which its row does not name",
		"`a`'s row names `c`, which it does not import",
		"c has no row",
	}
	for _, w := range want {
		if !slices.ContainsFunc(rec.errors, func(e string) bool { return strings.Contains(e, w) }) {
			t.Errorf("the check did not report %q; it reported %q", w, rec.errors)
		}
	}
	if len(rec.errors) != len(want) {
		t.Errorf("the check reported %q; want only %q", rec.errors, want)
	}
}

// recordingT records what a check reports instead of failing a test.
type recordingT struct {
	testing.TB
	errors []string
}

func (r *recordingT) Helper() {}

func (r *recordingT) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// goList lists the module's packages as `go list -json ./...` sees them.
func goList(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []listedPackage
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			return pkgs
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
}

// directRequirements is the module paths go.mod requires directly.
func directRequirements(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("go", "mod", "edit", "-json")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go mod edit -json: %v", err)
	}
	var mod struct {
		Require []struct {
			Path     string
			Indirect bool
		}
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, r := range mod.Require {
		if !r.Indirect {
			paths = append(paths, r.Path)
		}
	}
	return paths
}

// checkArchitectureTable reports, through t, where the table in doc
// disagrees with pkgs, the module's packages, and reqs, go.mod's direct
// requirements.
func checkArchitectureTable(t testing.TB, doc string, pkgs []listedPackage, reqs []string) {
	t.Helper()
	const mod = "github.com/kubequiz/kubequiz/"
	backticked := regexp.MustCompile("`([^`]+)`")
	rows := map[string]string{} // package → its last column
	for _, line := range strings.Split(doc, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 3 || !strings.HasPrefix(cells[0], "`") {
			continue
		}
		for _, m := range backticked.FindAllStringSubmatch(cells[0], -1) {
			rows[m[1]] = cells[2]
		}
	}
	if len(rows) == 0 {
		t.Errorf("no package table found")
		return
	}
	short := func(module string) string { // golang.org/x/text → x/text
		_, rest, _ := strings.Cut(module, "/")
		return rest
	}
	for _, p := range pkgs {
		name := strings.TrimPrefix(p.ImportPath, mod)
		column, ok := rows[name]
		if !ok {
			t.Errorf("%s has no row in docs/architecture.md's package table", name)
			continue
		}
		if column == "everything below" {
			continue
		}
		imports := p.Imports
		if p.testsOnly() {
			imports = append(slices.Clone(p.TestImports), p.XTestImports...)
		}
		used := map[string]bool{} // the names, as the table writes them, of what p imports
		for _, imp := range imports {
			switch {
			case strings.HasPrefix(imp, mod):
				used[strings.TrimPrefix(imp, mod)] = true
			case !strings.Contains(strings.Split(imp, "/")[0], "."):
				// the standard library
			default:
				i := slices.IndexFunc(reqs, func(r string) bool { return imp == r || strings.HasPrefix(imp, r+"/") })
				if i < 0 {
					t.Errorf("`%s` imports %s, which go.mod does not require directly", name, imp)
					continue
				}
				used[short(reqs[i])] = true
			}
		}
		var listed, patterns []string
		for _, m := range backticked.FindAllStringSubmatch(column, -1) {
			if prefix, ok := strings.CutSuffix(m[1], "/*"); ok {
				patterns = append(patterns, prefix+"/")
			} else {
				listed = append(listed, m[1])
			}
		}
		for u := range used {
			if !slices.Contains(listed, u) && !slices.ContainsFunc(patterns, func(p string) bool { return strings.HasPrefix(u, p) }) {
				t.Errorf("`%s` imports %s, which its row does not name", name, u)
			}
		}
		for _, l := range listed {
			if !used[l] {
				t.Errorf("`%s`'s row names `%s`, which it does not import", name, l)
			}
		}
	}
}
