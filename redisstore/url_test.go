package redisstore

import (
	"context"
	"crypto/tls"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want redis.UniversalOptions
		// tls is the ServerName of the TLS configuration; empty means none.
		tls string
	}{
		{
			name: "a node with a database",
			url:  "redis://cache.internal:6380/2",
			want: redis.UniversalOptions{Addrs: []string{"cache.internal:6380"}, DB: 2},
		},
		{
			name: "a node with the default port and database",
			url:  "redis://localhost",
			want: redis.UniversalOptions{Addrs: []string{"localhost:6379"}},
		},
		{
			name: "TLS with rediss",
			url:  "rediss://cache.example.com:6380/0",
			want: redis.UniversalOptions{Addrs: []string{"cache.example.com:6380"}},
			tls:  "cache.example.com",
		},
		{
			name: "user and password",
			url:  "redis://alice:s3cr%40t@cache:6379/1",
			want: redis.UniversalOptions{Addrs: []string{"cache:6379"}, DB: 1, Username: "alice", Password: "s3cr@t"},
		},
		{
			name: "a password alone",
			url:  "redis://:s3cret@cache:6379",
			want: redis.UniversalOptions{Addrs: []string{"cache:6379"}, Password: "s3cret"},
		},
		{
			name: "connection options in the query",
			url:  "redis://cache:6379/0?client_name=kubequiz&pool_size=50&min_idle_conns=2&max_retries=5&dial_timeout=2s&read_timeout=1s&write_timeout=1500ms&pool_timeout=3s&conn_max_idle_time=1m&protocol=2",
			want: redis.UniversalOptions{
				Addrs: []string{"cache:6379"}, ClientName: "kubequiz", PoolSize: 50, MinIdleConns: 2, MaxRetries: 5,
				DialTimeout: 2 * time.Second, ReadTimeout: time.Second, WriteTimeout: 1500 * time.Millisecond,
				PoolTimeout: 3 * time.Second, ConnMaxIdleTime: time.Minute, Protocol: 2,
			},
		},
		{
			name: "a cluster",
			url:  "redis://h1:6379?addr=h2:6379&addr=h3:6379",
			want: redis.UniversalOptions{Addrs: []string{"h1:6379", "h2:6379", "h3:6379"}, IsClusterMode: true},
		},
		{
			name: "a cluster with TLS, credentials and options",
			url:  "rediss://bob:pw@h1:6379?addr=h2:6379&read_timeout=2s&route_randomly=true",
			want: redis.UniversalOptions{
				Addrs: []string{"h1:6379", "h2:6379"}, IsClusterMode: true, Username: "bob", Password: "pw",
				ReadTimeout: 2 * time.Second, RouteRandomly: true,
			},
			tls: "h1",
		},
		{
			name: "Sentinel",
			url:  "redis://s1:26379/0?master_name=mymaster",
			want: redis.UniversalOptions{Addrs: []string{"s1:26379"}, MasterName: "mymaster"},
		},
		{
			name: "Sentinel with more sentinels, passwords and options",
			url:  "redis://:masterpw@s1:26379/3?master_name=my%20master&addr=s2:26379&addr=s3:26379&sentinel_password=x%40y&sentinel_username=sen&dial_timeout=1s",
			want: redis.UniversalOptions{
				Addrs: []string{"s1:26379", "s2:26379", "s3:26379"}, DB: 3, MasterName: "my master",
				Password: "masterpw", SentinelUsername: "sen", SentinelPassword: "x@y", DialTimeout: time.Second,
			},
		},
		{
			name: "a password that looks like a query",
			url:  "redis://:addr=x@cache:6379",
			want: redis.UniversalOptions{Addrs: []string{"cache:6379"}, Password: "addr=x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseURL(tt.url)
			if err != nil {
				t.Fatalf("ParseURL(%q): %v", tt.url, err)
			}
			switch {
			case tt.tls == "" && got.TLSConfig != nil:
				t.Errorf("TLS config set: %+v", got.TLSConfig)
			case tt.tls != "" && got.TLSConfig == nil:
				t.Errorf("no TLS config")
			case tt.tls != "" && (got.TLSConfig.ServerName != tt.tls || got.TLSConfig.InsecureSkipVerify):
				t.Errorf("TLS server name %q, skip verify %v; want %q, false", got.TLSConfig.ServerName, got.TLSConfig.InsecureSkipVerify, tt.tls)
			}
			if got.DialerRetries != dialerRetries {
				t.Errorf("DialerRetries = %d, want the bot's default %d", got.DialerRetries, dialerRetries)
			}
			if !got.DisableIdentity {
				t.Error("the client would send CLIENT SETINFO, which Redis 7.0 refuses")
			}
			if !got.ContextTimeoutEnabled {
				t.Error("the client would ignore its callers' deadlines")
			}
			if m := got.MaintNotificationsConfig; m == nil || m.Mode != maintnotifications.ModeDisabled {
				t.Errorf("maintenance notices %+v: the client would send CLIENT MAINT_NOTIFICATIONS, which Redis 7 refuses", m)
			}
			g := *got
			g.TLSConfig, g.MaintNotificationsConfig = nil, nil
			g.DialerRetries, g.DisableIdentity, g.ContextTimeoutEnabled = 0, false, false // checked above
			if !reflect.DeepEqual(g, tt.want) {
				t.Errorf("ParseURL(%q) =\n%+v\nwant\n%+v", tt.url, g, tt.want)
			}
			// The options make the right kind of client.
			c := redis.NewUniversalClient(got)
			defer c.Close()
			_, isCluster := c.(*redis.ClusterClient)
			if isCluster != tt.want.IsClusterMode {
				t.Errorf("client is %T", c)
			}
		})
	}

	t.Run("skip_verify reaches the TLS config", func(t *testing.T) {
		got, err := ParseURL("rediss://cache:6380?skip_verify=true")
		if err != nil {
			t.Fatal(err)
		}
		if got.TLSConfig == nil || !got.TLSConfig.InsecureSkipVerify || got.TLSConfig.MinVersion < tls.VersionTLS12 {
			t.Errorf("TLS config = %+v", got.TLSConfig)
		}
	})
}

func TestParseURLRejectsWithoutShowingThePassword(t *testing.T) {
	const secret = "hunter2"
	for _, url := range []string{
		"",
		"cache:6379",
		"http://u:hunter2@cache:6379",
		"redis://u:hunter2@cache:port/0",
		"redis://u:hunter2@cache:6379/abc",
		"redis://u:hunter2@cache:6379/0/1",
		"redis://u:hunter2@cache:6379/0?nonsense=1",
		"redis://u:hunter2@cache:6379/0?pool_size=lots",
		"redis://u:hunter 2@cache:6379",
		"redis://u:hunter2@[::1:6379",
		"redis://u:hun%zzter2@cache",
		"redis://u:hunter2@s1:26379?master_name=",
		"redis://u:hunter2@s1:26379?master_name=m&nonsense=1",
		"redis://u:hunter2@s1:26379/x?master_name=m",
		"redis://u:hunter2@h1:6379?addr=h2:6379&nonsense=1",
		"redis://u:hunter2@h1:6379/1?addr=h2:6379",
		"redis://:hunter2@h1:6379?addr=h2:6379&read_timeout=soon",
		"unix://u:hunter2@/tmp/redis.sock?addr=x",
		"redis://u:hunter2@h:6379?sentinel_password=hunter2&addr=x:1&master_name=m&db=x",
	} {
		got, err := ParseURL(url)
		if err == nil {
			t.Errorf("ParseURL(%q) = %+v, want an error", url, got)
			continue
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "hun%zzter2") {
			t.Errorf("ParseURL(%q): the error shows the password: %v", url, err)
		}
		if url != "" && !strings.Contains(err.Error(), "REDIS_URL") {
			t.Errorf("ParseURL(%q): error %q does not name REDIS_URL", url, err)
		}
	}
}

func TestRedactURL(t *testing.T) {
	for url, want := range map[string]string{
		"redis://cache:6379/0":                                                   "redis://cache:6379/0",
		"redis://alice:hunter2@cache:6379/0":                                     "redis://***@cache:6379/0",
		"rediss://:hunter2@cache:6380":                                           "rediss://***@cache:6380",
		"redis://u:hun@ter2@cache:6379":                                          "redis://***@cache:6379",
		"redis://h1:6379?addr=h2:6379&addr=h3:6379":                              "redis://h1:6379?addr=h2:6379&addr=h3:6379",
		"redis://s1:26379?master_name=m&sentinel_password=hunter2&addr=s2:26379": "redis://s1:26379?master_name=m&sentinel_password=***&addr=s2:26379",
		"redis://:hunter2@s1:26379?sentinel_password=hunter2":                    "redis://***@s1:26379?sentinel_password=***",
		"cache:6379":           "(unparseable URL)",
		"u:hunter2@cache:6379": "(unparseable URL)",
		"":                     "(unparseable URL)",
	} {
		got := RedactURL(url)
		if got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", url, got, want)
		}
		if strings.Contains(got, "hunter2") || strings.Contains(got, "ter2") {
			t.Errorf("RedactURL(%q) shows the password: %q", url, got)
		}
	}
}

// TestACallersDeadlineBoundsItsWaitForRedis: a command whose caller has a
// deadline returns when it passes, though Redis has not answered and the
// read timeout is far off. go-redis ignores deadlines unless told to, and a
// Slack delivery's acceptance (2 s, so that Slack has its acknowledgement
// within 3) then waited for a paused Redis the whole read timeout.
func TestACallersDeadlineBoundsItsWaitForRedis(t *testing.T) {
	srv := redistest.Start(t)
	opts, err := ParseURL(srv.URL() + "?read_timeout=-1") // no read timeout
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewUniversalClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	// Paused for longer than the test lasts: this Redis answers nothing more
	// (the server is killed at the test's end).
	if err := srv.Client(t).Do(context.Background(), "CLIENT", "PAUSE", time.Hour.Milliseconds()).Err(); err != nil {
		t.Fatal(err)
	}
	returned := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		returned <- rdb.Get(ctx, "kq:deadline").Err()
	}()
	select {
	case err := <-returned:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("a GET with a 200 ms deadline on a paused Redis: %v, want the deadline's error", err)
		}
	case <-time.After(testkit.Patience):
		t.Fatalf("a GET with a 200 ms deadline on a paused Redis, without a read timeout, waited for Redis past %s", testkit.Patience)
	}
}
