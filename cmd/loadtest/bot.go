package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
)

// The bot under load runs as a child process: the real cmd/bot, configured
// by its environment as in production (JSON logs at info, metrics, the
// scheduler, the edge's inbox and workers), so that its peak RSS and CPU
// time are its own, read from /proc, and not mixed with the load
// generator's and the fake platform's, which share the machine.

// botPackage is the bot's main package, built when -bot is not given.
const botPackage = "github.com/kubequiz/kubequiz/cmd/bot"

// buildBot returns the bot binary to run: path when given, else one built
// into a temporary directory that cleanup removes.
func buildBot(ctx context.Context, path string) (binary string, cleanup func(), err error) {
	if path != "" {
		return path, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "loadtest-bot-")
	if err != nil {
		return "", nil, err
	}
	binary = filepath.Join(dir, "bot")
	build := exec.CommandContext(ctx, "go", "build", "-o", binary, botPackage)
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		_ = os.RemoveAll(dir)
		return "", nil, fmt.Errorf("building the bot (go build %s): %w", botPackage, err)
	}
	return binary, func() { _ = os.RemoveAll(dir) }, nil
}

// child is the bot running as a child process.
type child struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:port
	logs *logTally
	exit chan error
}

// startBot runs binary with env (added to a minimal environment) on a free
// loopback port, and waits until /readyz answers 200.
func startBot(ctx context.Context, binary string, env map[string]string, keepLog string) (*child, error) {
	port, err := redistest.Port()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.Command(binary, "run")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "HTTP_ADDR=" + addr}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	logs := &logTally{}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = io.Discard
	var log io.Reader = stderr
	var kept *os.File
	if keepLog != "" {
		if kept, err = os.Create(keepLog); err != nil {
			return nil, err
		}
		log = io.TeeReader(stderr, kept)
	}
	if err := cmd.Start(); err != nil {
		if kept != nil {
			kept.Close()
		}
		return nil, err
	}
	c := &child{cmd: cmd, base: "http://" + addr, logs: logs, exit: make(chan error, 1)}
	drained := make(chan struct{})
	go func() {
		logs.read(log)
		if kept != nil {
			kept.Close()
		}
		close(drained)
	}()
	go func() {
		<-drained
		c.exit <- cmd.Wait()
	}()
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(c.base + "/readyz")
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return c, nil
			}
		}
		select {
		case err := <-c.exit:
			return nil, fmt.Errorf("the bot exited before it was ready (%v): %s", err, logs.problems())
		case <-ctx.Done():
			c.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.stop()
			return nil, fmt.Errorf("the bot was not ready within a minute: %s", logs.problems())
		}
	}
}

// stop asks the bot to shut down (SIGTERM) and waits for it, killing it
// after 30 s.
func (c *child) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exit:
	case <-time.After(30 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.exit
	}
}

// usage is what the bot used: its peak resident memory since the last
// reset (VmHWM) and its CPU time so far.
type usage struct {
	peakRSS int64 // bytes
	cpu     time.Duration
}

// usage reads /proc for the bot's peak RSS and CPU time.
func (c *child) usage() (usage, error) {
	var u usage
	pid := strconv.Itoa(c.cmd.Process.Pid)
	status, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return u, err
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			u.peakRSS = kb << 10
		}
	}
	u.cpu, err = processCPU(pid)
	return u, err
}

// processCPU is the CPU time a process (a pid, or "self") has used.
func processCPU(pid string) (time.Duration, error) {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, err
	}
	// Fields after the command's name (which ends with ')'): utime and
	// stime are the 12th and 13th, in clock ticks (100 a second on Linux).
	_, after, _ := strings.Cut(string(stat), ") ")
	f := strings.Fields(after)
	if len(f) < 13 {
		return 0, errors.New("unreadable /proc/" + pid + "/stat")
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond, nil
}

// resetPeak starts a new peak RSS measurement (Linux: clear_refs 5).
func (c *child) resetPeak() {
	_ = os.WriteFile("/proc/"+strconv.Itoa(c.cmd.Process.Pid)+"/clear_refs", []byte("5"), 0)
}

// logTally counts the bot's log lines by level and keeps the first few
// warnings and errors, to show them; it tells a watcher of the commands the
// bot handled.
type logTally struct {
	mu       sync.Mutex
	lines    int
	warnings int
	errors   int
	first    []string
	handled  func(delivery string, at time.Time)
}

// onHandled has f told of every command the bot's core handled and did
// not find the store down for (nor left for later, its write in doubt):
// the delivery it came from and when its log line was written.
func (t *logTally) onHandled(f func(delivery string, at time.Time)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handled = f
}

// commandLine is what the tally reads of the core's log line of a command.
type commandLine struct {
	Time     time.Time `json:"time"`
	Outcome  string    `json:"outcome"`
	Delivery string    `json:"delivery"`
}

func (t *logTally) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		t.mu.Lock()
		handled := t.handled
		t.mu.Unlock()
		var c commandLine
		if handled != nil && strings.Contains(line, `"msg":"command"`) && json.Unmarshal([]byte(line), &c) == nil && !quiz.Outcome(c.Outcome).StoreFailed() {
			handled(c.Delivery, c.Time)
		}
		t.mu.Lock()
		t.lines++
		bad := false
		switch {
		case strings.Contains(line, `"level":"WARN"`):
			t.warnings++
			bad = true
		case strings.Contains(line, `"level":"ERROR"`):
			t.errors++
			bad = true
		}
		if bad && len(t.first) < 5 {
			t.first = append(t.first, line)
		}
		t.mu.Unlock()
	}
	if err := sc.Err(); err != nil { // a line over 1 MiB: count it as an error, and drain the rest unread
		t.mu.Lock()
		t.errors++
		if len(t.first) < 5 {
			t.first = append(t.first, "(reading the bot's log: "+err.Error()+")")
		}
		t.mu.Unlock()
		_, _ = io.Copy(io.Discard, r)
	}
}

// counts are the lines, warnings and errors so far.
func (t *logTally) counts() (lines, warnings, errs int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.lines, t.warnings, t.errors
}

// problems are the first warnings and errors logged.
func (t *logTally) problems() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.first) == 0 {
		return "(no warnings or errors logged)"
	}
	return strings.Join(t.first, "\n")
}
