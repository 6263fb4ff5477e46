package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bot is one run of the bot binary, logging to a file of the test's.
type bot struct {
	t       *testing.T
	cmd     *exec.Cmd
	base    string // http://host:port of its one HTTP port
	logPath string
	exited  chan struct{}
	state   *os.ProcessState
}

// botEnv is the environment every bot of these tests runs with; each test
// adds its platforms' settings.
func botEnv(redisURL string) []string {
	return []string{
		"REDIS_URL=" + redisURL, "BOT_LANG=en", "BOT_TIMEZONE=UTC",
		"LOG_FORMAT=json", "LOG_LEVEL=info", "SHUTDOWN_TIMEOUT=20s",
	}
}

// startBot runs the bot with env and waits until /readyz says it is ready.
// It is killed when the test ends, if it still runs.
func startBot(t *testing.T, name string, env []string) *bot {
	t.Helper()
	bin, err := botBinary()
	if err != nil {
		t.Fatal(err)
	}
	b := &bot{t: t, logPath: filepath.Join(t.TempDir(), name+".log"), exited: make(chan struct{})}
	logFile, err := os.Create(b.logPath)
	if err != nil {
		t.Fatal(err)
	}
	b.cmd = exec.Command(bin)
	// The bot binds a free port and logs it: a port picked here could be
	// taken by another test's bot before this one binds it, and that bot's
	// /readyz would answer for it.
	b.cmd.Env = append(env, "HTTP_ADDR=127.0.0.1:0")
	b.cmd.Stdout, b.cmd.Stderr = logFile, logFile
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = b.cmd.Wait()
		b.state = b.cmd.ProcessState
		_ = logFile.Close()
		close(b.exited)
	}()
	t.Cleanup(func() {
		_ = b.cmd.Process.Kill()
		<-b.exited
		if t.Failed() {
			t.Logf("%s's warnings and errors, for the failure above:\n%s", name, b.warnings())
		}
	})
	deadline := time.Now().Add(time.Minute)
	for b.base == "" || !b.ready() {
		if b.base == "" {
			b.base = b.servingAt()
		}
		select {
		case <-b.exited:
			t.Fatalf("%s exited before it was ready: %v\n%s", name, b.state, b.logTail())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was not ready after a minute\n%s", name, b.logTail())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return b
}

// servingAt is the bot's HTTP address as its log says it serves it
// ("http://127.0.0.1:port"), or "" before it does.
func (b *bot) servingAt() string {
	raw, _ := os.ReadFile(b.logPath)
	for line := range bytes.Lines(raw) {
		var l struct{ Msg, Addr string }
		if json.Unmarshal(line, &l) == nil && l.Msg == "serving HTTP" && l.Addr != "" {
			return "http://" + l.Addr
		}
	}
	return ""
}

// ready reports whether /readyz answers 200.
func (b *bot) ready() bool {
	resp, err := http.Get(b.base + "/readyz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// kill sends SIGKILL, as a crash or an OOM kill would, and waits for the
// process to be gone.
func (b *bot) kill() {
	b.t.Helper()
	if err := b.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		b.t.Fatal(err)
	}
	<-b.exited
}

// stop sends SIGTERM and waits for a clean exit.
func (b *bot) stop() {
	b.t.Helper()
	defer func(start time.Time) { b.t.Logf("stopped in %s", time.Since(start).Round(100*time.Millisecond)) }(time.Now())
	if err := b.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		b.t.Fatal(err)
	}
	select {
	case <-b.exited:
	case <-time.After(30 * time.Second):
		b.t.Fatalf("the bot did not stop within 30 s of SIGTERM\n%s", b.logTail())
	}
	if !b.state.Success() {
		b.t.Errorf("the bot exited with %v\n%s", b.state, b.logTail())
	}
}

// peakRSS is the most memory the process has held resident so far, in
// bytes: VmHWM of /proc/<pid>/status, read while it runs. The rusage of its
// exit would not do: os/exec starts the bot from the test's own memory
// (vfork), and the kernel counts the test's peak as the child's.
func (b *bot) peakRSS() int64 {
	b.t.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", b.cmd.Process.Pid))
	if err != nil {
		b.t.Fatalf("reading the bot's memory: %v", err)
	}
	for line := range strings.Lines(string(raw)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				b.t.Fatalf("reading the bot's memory: %q: %v", line, err)
			}
			return kb << 10
		}
	}
	b.t.Fatalf("no VmHWM in the bot's status:\n%s", raw)
	return 0
}

// logTail is the end of the bot's log, for a failure message.
func (b *bot) logTail() string {
	raw, _ := os.ReadFile(b.logPath)
	return fmt.Sprintf("--- the end of %s ---\n%s", filepath.Base(b.logPath), lastLines(raw))
}

// lastLines are the whole lines of the last 6,000 bytes of log.
func lastLines(log []byte) []byte {
	const keep = 6000
	if len(log) > keep {
		log = log[len(log)-keep:]
		log = log[bytes.IndexByte(log, '\n')+1:]
	}
	return log
}

// warnings are the lines of the bot's log above info, the last of them
// when there are many.
func (b *bot) warnings() string {
	raw, _ := os.ReadFile(b.logPath)
	var out []byte
	for line := range bytes.Lines(raw) {
		if !bytes.Contains(line, []byte(`"level":"INFO"`)) && !bytes.Contains(line, []byte(`"level":"DEBUG"`)) {
			out = append(out, line...)
		}
	}
	return string(lastLines(out))
}

// linesWith are the lines of the bot's log that contain text.
func (b *bot) linesWith(text string) string {
	raw, _ := os.ReadFile(b.logPath)
	var out strings.Builder
	for line := range strings.Lines(string(raw)) {
		if strings.Contains(line, text) {
			out.WriteString(line)
		}
	}
	return out.String()
}

// logged reports whether the bot's log has a line containing text.
func (b *bot) logged(text string) bool {
	raw, _ := os.ReadFile(b.logPath)
	return bytes.Contains(raw, []byte(text))
}

// waitLong bounds a wait for the bot to finish something: generous, as a
// busy machine may be slow; a passing run waits far less.
const waitLong = 3 * time.Minute
