package redisstore

import (
	"fmt"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Embedded is an in-process Redis (miniredis) for running with no setup.
// Nothing in it survives a restart.
type Embedded struct {
	srv *miniredis.Miniredis
	rdb redis.UniversalClient
}

// StartEmbedded starts an in-process Redis on a loopback port and connects
// to it the same way as to a real one.
func StartEmbedded() (*Embedded, error) {
	srv, err := miniredis.Run()
	if err != nil {
		return nil, fmt.Errorf("starting the embedded Redis: %w", err)
	}
	opts, err := ParseURL("redis://" + srv.Addr())
	if err != nil {
		srv.Close()
		return nil, err
	}
	return &Embedded{srv: srv, rdb: redis.NewUniversalClient(opts)}, nil
}

// Client is the client connected to the embedded server.
func (e *Embedded) Client() redis.UniversalClient { return e.rdb }

// Close disconnects and stops the server.
func (e *Embedded) Close() error {
	err := e.rdb.Close()
	e.srv.Close()
	return err
}

// Connect makes the store at url (see ParseURL), or on an embedded server
// when url is empty. embedded says which; close releases the client (and
// the embedded server). It does not wait for a Redis at url to answer (a
// bot may start before its Redis: a cluster coming back, Redis loading its
// AOF; it runs degraded until Redis does), nor load the scripts: see
// Store.Preload, and Open for a command that needs Redis at once.
func Connect(url string) (st *Store, rdb redis.UniversalClient, embedded bool, close func(), err error) {
	if url == "" {
		e, err := StartEmbedded()
		if err != nil {
			return nil, nil, false, nil, err
		}
		return New(e.Client()), e.Client(), true, func() { _ = e.Close() }, nil
	}
	st, rdb, err = dial(url)
	if err != nil {
		return nil, nil, false, nil, err
	}
	return st, rdb, false, func() { _ = rdb.Close() }, nil
}
