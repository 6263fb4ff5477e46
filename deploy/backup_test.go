package deploy

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
	"github.com/kubequiz/kubequiz/redisstore"
)

// operationsDoc is the operators' guide whose backup and restore commands
// the round trip runs.
const operationsDoc = "../docs/operations.md"

// docBlock is the fenced shell block of the operators' guide that follows
// the marker <!-- tested: name …-->.
func docBlock(t *testing.T, name string) string {
	t.Helper()
	doc, err := os.ReadFile(operationsDoc)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- tested: " + regexp.QuoteMeta(name) + "\\b[^>]*-->\\s*```sh\n(.*?)```")
	m := re.FindSubmatch(doc)
	if m == nil {
		t.Fatalf("%s has no ```sh block marked <!-- tested: %s -->", operationsDoc, name)
	}
	return string(m[1])
}

// deployedRedis starts a Redis configured as deploy/k8s/base/redis.yaml
// runs it (deploy/check checks those flags): AOF fsync'd before each write is answered,
// no RDB snapshots, a password.
func deployedRedis(t *testing.T, password string) *redistest.Server {
	t.Helper()
	return redistest.StartWith(t, redistest.Options{
		Password: password,
		Args:     []string{"--appendonly", "yes", "--appendfsync", "always", "--save", ""},
	})
}

// runBlock runs a block of the operators' guide as an operator would, from
// workdir, with in_redis standing for the Redis container: it runs its
// command in redisDir (the container's data directory) with redis-cli
// logging in with password (REDISCLI_AUTH, as the container's environment
// sets it). The block's ports are replaced as ports says, the deployed
// Redis's 6379 by the test server's port.
func runBlock(t *testing.T, block, workdir, redisDir, password string, ports map[string]string) {
	t.Helper()
	if n := strings.Count(block, "redis-cli"); n != strings.Count(block, "redis-cli -p ") {
		t.Fatalf("a redis-cli in the block names no port (-p): the test could not point it at its own server\n%s", block)
	}
	for from, to := range ports {
		re := regexp.MustCompile(`\b` + from + `\b`)
		if !re.MatchString(block) {
			t.Fatalf("the block never uses port %s", from)
		}
		block = re.ReplaceAllString(block, to)
	}
	script := `in_redis() { (cd "$REDIS_DATA" && "$@"); }` + "\n" + block
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-ec", script)
	cmd.Dir = workdir
	cmd.Env = append(os.Environ(), "REDISCLI_AUTH="+password, "REDIS_DATA="+redisDir, "PATH="+redisPath())
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	t.Logf("%s\n%s", block, out)
	if err != nil {
		t.Fatalf("the block failed: %v", err)
	}
}

// redisPath is PATH with the directory of $REDIS_SERVER first, where the
// tests' redis-server (and so its redis-cli) comes from there.
func redisPath() string {
	if p := os.Getenv("REDIS_SERVER"); p != "" {
		return filepath.Dir(p) + string(os.PathListSeparator) + os.Getenv("PATH")
	}
	return os.Getenv("PATH")
}

// stopLeftover kills, when the test ends, a redis-server the restore block
// started and left running: Redis removes its pid file when it stops, so
// the file is there only when the block failed half-way. It may still be
// on its way then (the server writes it after it forks), so a failed test
// waits a moment for it.
func stopLeftover(t *testing.T, pidFile string) {
	t.Cleanup(func() {
		deadline := time.Now().Add(3 * time.Second)
		for {
			if b, err := os.ReadFile(pidFile); err == nil {
				if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
					killRedis(pid)
				}
				return
			}
			if !t.Failed() || time.Now().After(deadline) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

// killRedis kills process pid if it is a redis-server, never another
// process that got the number since.
func killRedis(pid int) {
	cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err == nil && strings.Contains(string(cmdline), "redis-server") {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// The data of the round trip: one team's quiz, answered by two users, a
// reviewed card, a language and a delivery marker, as the bot writes them.
var (
	backupAt   = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	backupDay  = int64(20514)
	backupWeek = "2026-W10"
	backupQuiz = quiz.Quiz{
		ID: "bkquiz", Scope: "slack:T0BACKUP", Channel: "C1", Lang: "zh", QuestionID: "q1",
		Topics: []string{"pod"}, Format: "which", Prompt: "Which object runs containers?",
		Choices: []string{"Pod", "Service", "ConfigMap"}, Correct: 0, Points: quiz.RightAnswerPoints,
		Created: backupAt, TTL: 30 * 24 * time.Hour,
	}
	backupCard   = srs.Card{Stability: 3.2, Difficulty: 5.1, Due: backupAt.Add(72 * time.Hour), LastReview: backupAt, Reps: 1}
	backupMarker = "slack:event:Ev0BACKUP"
)

func backupAnswer(user string, choice int) quiz.Answer {
	return quiz.Answer{Scope: backupQuiz.Scope, Channel: backupQuiz.Channel, QuizID: backupQuiz.ID,
		User: user, UserName: user, Choice: choice, At: backupAt, Day: backupDay, Week: backupWeek}
}

func record(t *testing.T, st *redisstore.Store) {
	t.Helper()
	ctx := context.Background()
	if err := st.CreateQuiz(ctx, backupQuiz); err != nil {
		t.Fatal(err)
	}
	for user, choice := range map[string]int{"alice": 0, "bob": 2} {
		if r, err := st.Answer(ctx, backupAnswer(user, choice)); err != nil || r.Status != quiz.AnswerScored {
			t.Fatalf("%s's answer: %+v, %v", user, r, err)
		}
	}
	if _, err := st.Reveal(ctx, backupQuiz.Scope, "alice", "q1", "tokbak"); err != nil {
		t.Fatal(err)
	}
	if r, err := st.SaveReview(ctx, quiz.Review{Scope: backupQuiz.Scope, User: "alice", QuestionID: "q1",
		Card: backupCard, Grade: srs.Good, Day: backupDay, RevealToken: "tokbak", Delivery: "press-1"}); err != nil || r.Status != quiz.ReviewSaved {
		t.Fatalf("alice's grade: %+v, %v", r, err)
	}
	if err := st.SetLanguage(ctx, backupQuiz.Scope, "bob", "en"); err != nil {
		t.Fatal(err)
	}
	if v, err := st.Inbox("slack", redisstore.InboxOptions{}).Accept(ctx, edge.Delivery{ID: backupMarker, Kind: "event"}); err != nil || v != edge.Queued {
		t.Fatalf("accepting the delivery: %v, %v", v, err)
	}
}

// checkRestored checks that everything record wrote is there, as the bot
// reads it.
func checkRestored(t *testing.T, st *redisstore.Store) {
	t.Helper()
	ctx := context.Background()
	b, err := st.Leaderboard(ctx, quiz.BoardQuery{Scope: backupQuiz.Scope, Week: backupWeek, User: "alice", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if b.Players != 1 || len(b.Entries) != 1 || b.Entries[0].User != "alice" || b.Entries[0].Points != int64(quiz.RightAnswerPoints) {
		t.Errorf("the weekly board: %+v; want alice with %d points (bob's wrong answer earns no place)", b, quiz.RightAnswerPoints)
	}
	stats, err := st.Stats(ctx, backupQuiz.Scope, "bob", backupWeek)
	if err != nil || stats.Answered != 1 || stats.Correct != 0 {
		t.Errorf("bob's stats: %+v, %v; want one wrong answer", stats, err)
	}
	// The answers are kept: answering again is a repeat, scored once.
	if r, err := st.Answer(ctx, backupAnswer("alice", 0)); err != nil || r.Status != quiz.AnswerRepeated {
		t.Errorf("alice answering again: %+v, %v; want a repeat", r, err)
	}
	c, err := st.Card(ctx, backupQuiz.Scope, "alice", "q1")
	if err != nil || !c.Card.Due.Equal(backupCard.Due) || c.Card.Reps != 1 {
		t.Errorf("alice's card: %+v, %v; want %+v", c, err, backupCard)
	}
	if lang, err := st.Language(ctx, backupQuiz.Scope, "bob"); err != nil || lang != "en" {
		t.Errorf("bob's language: %q, %v", lang, err)
	}
	// The delivery marker, with its time to live, so a redelivery is
	// still recognised.
	if v, err := st.Inbox("slack", redisstore.InboxOptions{}).Accept(ctx, edge.Delivery{ID: backupMarker, Kind: "event"}); err != nil || v != edge.Repeat {
		t.Errorf("the delivery marker is gone: %v, %v", v, err)
	}
}

// TestBackupAndRestoreAsTheOperatorsGuideSays takes a backup of a Redis
// run as deployed, with the guide's own commands, and restores it with
// them into a fresh Redis that already holds other data: the bot's data is
// all there, the other data gone, and it stays there when that Redis
// restarts from its append-only file.
func TestBackupAndRestoreAsTheOperatorsGuideSays(t *testing.T) {
	const password = "3b8f1c0d9e2a47b6c5d4e3f2a1b0c9d8"
	ctx := context.Background()
	workstation := t.TempDir()

	source := deployedRedis(t, password)
	st, rdb, err := redisstore.Open(ctx, source.URL())
	if err != nil {
		t.Fatal(err)
	}
	record(t, st)
	_ = rdb.Close()
	runBlock(t, docBlock(t, "backup"), workstation, source.Dir(), password, map[string]string{"6379": portOf(t, source)})
	if fi, err := os.Stat(filepath.Join(workstation, "kubequiz-backup.rdb")); err != nil || fi.Size() == 0 {
		t.Fatalf("the backup is not on the workstation: %v", err)
	}
	source.Stop() // the restore needs nothing but the file

	fresh := deployedRedis(t, password)
	if err := fresh.Client(t).Set(ctx, "not-in-the-backup", "x", 0).Err(); err != nil {
		t.Fatal(err)
	}
	stopLeftover(t, filepath.Join(fresh.Dir(), "restore", "redis.pid"))
	runBlock(t, docBlock(t, "restore"), workstation, fresh.Dir(), password,
		map[string]string{"6379": portOf(t, fresh), "6380": strconv.Itoa(redistest.FreePort(t))})
	if _, err := os.Stat(filepath.Join(fresh.Dir(), "restore")); !os.IsNotExist(err) {
		t.Errorf("the restore left its directory behind: %v", err)
	}

	verify := func(t *testing.T) {
		st, rdb, err := redisstore.Open(ctx, fresh.URL())
		if err != nil {
			t.Fatal(err)
		}
		defer rdb.Close()
		checkRestored(t, st)
		if n, err := rdb.Exists(ctx, "not-in-the-backup").Result(); err != nil || n != 0 {
			t.Errorf("data that was not in the backup survived the restore: %d, %v", n, err)
		}
		if role, err := rdb.Do(ctx, "ROLE").Slice(); err != nil || role[0] != "master" {
			t.Errorf("Redis is left as %v (%v), want a master", role, err)
		}
		// The replication's copy of the backup (dump.rdb) is no part of
		// Redis's data: with AOF it is never read again, and it would keep
		// for good, on the volume, what forget later erases.
		entries, err := os.ReadDir(fresh.Dir())
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".rdb") {
				t.Errorf("the restore left %s in Redis's data directory: a stale copy of the data", e.Name())
			}
		}
	}
	t.Run("after the restore", verify)
	fresh.Restart(t)
	t.Run("after Redis restarts from its AOF", verify)
}

// portOf is the port of a test server.
func portOf(t *testing.T, s *redistest.Server) string {
	t.Helper()
	_, port, err := net.SplitHostPort(s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	return port
}
