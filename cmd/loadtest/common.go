package main

import (
	"context"
	"log/slog"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/redisstore"
)

// loadCore opens the -redis server, or an embedded one when url is empty,
// and makes the quiz core on it with the shipped bank. where names the
// Redis without its URL (it may hold a password).
func loadCore(ctx context.Context, url string, log *slog.Logger) (core *quiz.Service, st *redisstore.Store, close func(), where string, err error) {
	st, _, embedded, close, err := redisstore.Connect(url)
	if err != nil {
		return nil, nil, nil, "", err
	}
	if err := st.Preload(ctx); err != nil { // a measurement needs Redis from the start
		close()
		return nil, nil, nil, "", err
	}
	where = "the -redis server"
	if embedded {
		where = "embedded (miniredis)"
	}
	b, err := bank.Load(data.Banks, data.Dir)
	if err == nil {
		core, err = quiz.New(quiz.Config{Bank: b, Store: st, Lang: "en", Logger: log})
	}
	if err != nil {
		close()
		return nil, nil, nil, "", err
	}
	return core, st, close, where, nil
}

// deps are what an adapter in this process gets: the core and the store's
// inbox and values, as the bot gives them.
func deps(core *quiz.Service, st *redisstore.Store, log *slog.Logger) adapters.Deps {
	return adapters.Deps{
		Core: core, Values: st, Log: log,
		Inbox: func(name string) edge.Inbox { return st.Inbox(name, redisstore.InboxOptions{}) },
	}
}
