#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: every benchmark and load figure, on a real
# redis-server that the benchmarks start themselves (installed like the
# tests install it). Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || ./scripts/test.sh --install-only

echo "== (a) the answer path through the core vs a plain SET, same run, same parallelism"
go test -run '^$' -bench 'AnswerThroughCore|RedisSET' -benchtime 5s -cpu 2,8 -count 3 ./quiz

echo "== (b) top with the caller's rank on a board of 1,000,000 users"
go test -run '^$' -bench 'LeaderboardMillion' -benchtime 5s ./redisstore

echo "== (c) parsing and indexing the shipped bank"
go test -run '^$' -bench . -benchtime 2s ./quiz/bank ./quiz/mcq

echo "== (d) Redis round trips per command"
go test -count=1 -run 'TestRoundTripsPerCommand' -v ./quiz | grep 'round trip'
