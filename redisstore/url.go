package redisstore

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// ParseURL reads REDIS_URL into universal options: a redis:// or rediss://
// URL for one node; with ?addr= parameters (go-redis's cluster URL form) for
// a cluster; with ?master_name= for Sentinel (the URL's host then names a
// sentinel, more may follow in addr=, and sentinel_username= and
// sentinel_password= log in to them). go-redis's connection options in the
// query (pool_size=, dial_timeout=, …) are kept. Errors never show the
// password.
func ParseURL(rawURL string) (*redis.UniversalOptions, error) {
	opts, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if opts.DialerRetries == 0 {
		opts.DialerRetries = dialerRetries
	}
	// No CLIENT SETINFO on connecting: Redis 7.0 refuses it, which go-redis
	// reports as a failed command on every new connection.
	opts.DisableIdentity = true
	// Nor CLIENT MAINT_NOTIFICATIONS (the maintenance notices of Redis
	// Enterprise and Cloud, from Redis 8): Redis 7 refuses it, go-redis
	// counts the first connection's try as a failed command, and the bot
	// runs on one Redis whose maintenance it does not follow.
	if opts.MaintNotificationsConfig == nil {
		opts.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	}
	// A caller's deadline bounds its command's wait for Redis's reply, as
	// the read timeout does: without it go-redis ignores the deadline, and
	// a Slack delivery accepted within 2 s (acknowledged within Slack's 3)
	// would wait for a stalled Redis the whole read timeout.
	opts.ContextTimeoutEnabled = true
	return opts, nil
}

// dialerRetries bounds how long a request waits while Redis is down (go-redis
// would try 5 times): a chat reply that says "scores are unavailable" soon
// beats one that says it late.
const dialerRetries = 2

func parseURL(rawURL string) (*redis.UniversalOptions, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, urlError(rawURL, "", err)
	}
	q := u.Query()
	switch {
	case q.Has("master_name"):
		return parseSentinelURL(rawURL, u, q)
	case q.Has("addr"):
		co, err := redis.ParseClusterURL(rawURL)
		if err != nil {
			return nil, urlError(rawURL, "cluster ", err)
		}
		if db := strings.Trim(u.Path, "/"); db != "" && db != "0" {
			return nil, urlError(rawURL, "cluster ", errors.New("a Redis Cluster has only database 0"))
		}
		return fromClusterOptions(co), nil
	default:
		o, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, urlError(rawURL, "redis:// ", err)
		}
		if o.Network != "tcp" {
			return nil, urlError(rawURL, "redis:// ", fmt.Errorf("%s connections are not supported", o.Network))
		}
		return fromOptions(o), nil
	}
}

// parseSentinelURL reads a Sentinel URL. It is not go-redis's
// ParseFailoverURL: that one reads the URL's user and password as the
// sentinels' and wants the data node's in ?password=, so the same
// user:pass@ would mean different servers in the three forms REDIS_URL takes.
// Here user:pass@ is always the data node's login, as in redis.ParseURL and
// redis.ParseClusterURL, and the sentinels' is in sentinel_username= and
// sentinel_password=. It reads
// redis://[user:pass@]sentinel:26379/0?master_name=mymaster[&addr=other-sentinel:26379][&sentinel_password=…].
func parseSentinelURL(rawURL string, u *url.URL, q url.Values) (*redis.UniversalOptions, error) {
	master := q.Get("master_name")
	if master == "" {
		return nil, urlError(rawURL, "Sentinel ", errors.New("master_name is empty"))
	}
	sentinels := q["addr"]
	user, pass := q.Get("sentinel_username"), q.Get("sentinel_password")
	for _, k := range []string{"master_name", "addr", "sentinel_username", "sentinel_password"} {
		q.Del(k)
	}
	base := *u
	base.RawQuery = q.Encode()
	o, err := redis.ParseURL(base.String())
	if err != nil {
		return nil, urlError(rawURL, "Sentinel ", err)
	}
	opts := fromOptions(o)
	opts.MasterName, opts.SentinelUsername, opts.SentinelPassword = master, user, pass
	for _, a := range sentinels {
		if h, p, err := net.SplitHostPort(a); err != nil || h == "" || p == "" {
			return nil, urlError(rawURL, "Sentinel ", fmt.Errorf("addr %q is not host:port", a))
		}
		opts.Addrs = append(opts.Addrs, a)
	}
	return opts, nil
}

// fromOptions carries what redis.ParseURL read over to universal options.
func fromOptions(o *redis.Options) *redis.UniversalOptions {
	return &redis.UniversalOptions{
		Addrs: []string{o.Addr}, DB: o.DB, ClientName: o.ClientName, Protocol: o.Protocol,
		Username: o.Username, Password: o.Password, TLSConfig: o.TLSConfig,
		MaxRetries: o.MaxRetries, MinRetryBackoff: o.MinRetryBackoff, MaxRetryBackoff: o.MaxRetryBackoff,
		DialTimeout: o.DialTimeout, ReadTimeout: o.ReadTimeout, WriteTimeout: o.WriteTimeout,
		PoolFIFO: o.PoolFIFO, PoolSize: o.PoolSize, PoolTimeout: o.PoolTimeout, MaxConcurrentDials: o.MaxConcurrentDials,
		MinIdleConns: o.MinIdleConns, MaxIdleConns: o.MaxIdleConns, MaxActiveConns: o.MaxActiveConns,
		ConnMaxIdleTime: o.ConnMaxIdleTime, ConnMaxLifetime: o.ConnMaxLifetime, ConnMaxLifetimeJitter: o.ConnMaxLifetimeJitter,
		PipelinePoolSize: o.PipelinePoolSize, PipelineReadBufferSize: o.PipelineReadBufferSize,
		PipelineWriteBufferSize: o.PipelineWriteBufferSize,
	}
}

// fromClusterOptions carries what redis.ParseClusterURL read over to
// universal options.
func fromClusterOptions(o *redis.ClusterOptions) *redis.UniversalOptions {
	return &redis.UniversalOptions{
		IsClusterMode: true,
		Addrs:         o.Addrs, ClientName: o.ClientName, Protocol: o.Protocol,
		Username: o.Username, Password: o.Password, TLSConfig: o.TLSConfig,
		MaxRedirects: o.MaxRedirects, ReadOnly: o.ReadOnly, RouteByLatency: o.RouteByLatency,
		RouteByLatencyTolerance: o.RouteByLatencyTolerance, RouteRandomly: o.RouteRandomly,
		MaxRetries: o.MaxRetries, MinRetryBackoff: o.MinRetryBackoff, MaxRetryBackoff: o.MaxRetryBackoff,
		DialTimeout: o.DialTimeout, DialerRetries: o.DialerRetries, DialerRetryTimeout: o.DialerRetryTimeout,
		ReadTimeout: o.ReadTimeout, WriteTimeout: o.WriteTimeout,
		PoolFIFO: o.PoolFIFO, PoolSize: o.PoolSize, PoolTimeout: o.PoolTimeout, MaxConcurrentDials: o.MaxConcurrentDials,
		MinIdleConns: o.MinIdleConns, MaxIdleConns: o.MaxIdleConns, MaxActiveConns: o.MaxActiveConns,
		ConnMaxIdleTime: o.ConnMaxIdleTime, ConnMaxLifetime: o.ConnMaxLifetime, ConnMaxLifetimeJitter: o.ConnMaxLifetimeJitter,
		PipelinePoolSize: o.PipelinePoolSize, PipelineReadBufferSize: o.PipelineReadBufferSize,
		PipelineWriteBufferSize: o.PipelineWriteBufferSize, FailingTimeoutSeconds: o.FailingTimeoutSeconds,
	}
}

// urlError explains a bad REDIS_URL without showing its password: a
// *url.Error quotes the whole URL, so only its cause is kept, and whatever
// looks like a password is masked in what remains.
func urlError(rawURL, kind string, err error) error {
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
	}
	if _, ok := errors.AsType[url.EscapeError](err); ok { // it quotes the escape, which may be part of the password
		msg = "a % is not followed by two hex digits (percent-encode % as %25)"
	}
	for _, secret := range urlSecrets(rawURL) {
		msg = strings.ReplaceAll(msg, secret, "***")
	}
	return fmt.Errorf("REDIS_URL is not a valid %sURL (%s): %s", kind, RedactURL(rawURL), msg)
}

// urlSecrets finds the password and any password parameters of a URL by
// plain string cutting, so that it works on URLs url.Parse rejects.
func urlSecrets(rawURL string) []string {
	var out []string
	add := func(s string) {
		if s == "" {
			return
		}
		out = append(out, s)
		if u, err := url.QueryUnescape(s); err == nil && u != s {
			out = append(out, u)
		}
	}
	_, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		rest = rawURL
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		userinfo := rest[:at]
		if _, pass, ok := strings.Cut(userinfo, ":"); ok {
			add(pass)
		} else {
			add(userinfo)
		}
	}
	if _, query, ok := strings.Cut(rest, "?"); ok {
		for _, kv := range strings.Split(query, "&") {
			if k, v, ok := strings.Cut(kv, "="); ok && strings.Contains(strings.ToLower(k), "password") {
				add(v)
			}
		}
	}
	return out
}

// RedactURL hides the user information and password parameters of a URL
// for messages.
func RedactURL(rawURL string) string {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok || scheme == "" {
		return "(unparseable URL)"
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		rest = "***@" + rest[at+1:]
	}
	if base, query, ok := strings.Cut(rest, "?"); ok {
		params := strings.Split(query, "&")
		for i, kv := range params {
			if k, _, ok := strings.Cut(kv, "="); ok && strings.Contains(strings.ToLower(k), "password") {
				params[i] = k + "=***"
			}
		}
		rest = base + "?" + strings.Join(params, "&")
	}
	return scheme + "://" + rest
}
