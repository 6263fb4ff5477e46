package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisServer is a redis-server this command started.
type redisServer struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{} // closed when it has exited and its directory is gone
}

// startRedisServer starts redis-server (REDIS_SERVER, else the one on the
// PATH) on a free loopback port, without persistence, and waits until it
// answers.
func startRedisServer(ctx context.Context) (*redisServer, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	bin := os.Getenv("REDIS_SERVER")
	if bin == "" {
		bin = "redis-server"
	}
	dir, err := os.MkdirTemp("", "loadtest-redis-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	if err := cmd.Start(); err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("starting redis-server (install it as scripts/test.sh --install-only does): %w", err)
	}
	s := &redisServer{cmd: cmd, url: fmt.Sprintf("redis://127.0.0.1:%d/0", port), done: make(chan struct{})}
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(port)})
	defer rdb.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if rdb.Ping(ctx).Err() == nil {
			go func() {
				_ = cmd.Wait()
				_ = os.RemoveAll(dir)
				close(s.done)
			}()
			return s, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			_ = os.RemoveAll(dir)
			return nil, fmt.Errorf("redis-server on port %d did not answer within 10 s", port)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop stops the server.
func (s *redisServer) stop() {
	_ = s.cmd.Process.Kill()
	<-s.done
}
