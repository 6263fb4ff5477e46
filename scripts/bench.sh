#!/usr/bin/env bash
# Reproduces every figure of BENCHMARKS.md. It installs redis-server when it
# is missing (as scripts/test.sh --install-only does), starts one of its own
# on a free port for the load tests and the interleaved comparison (the Go
# benchmarks start their own through internal/redistest), and stops it at
# the end.
#
# Everything runs BENCH_ROUNDS times (default 3), one round after another
# (each round runs every part once), so that the machine's noise falls on
# every part alike; the raw output of each round goes to BENCH_OUT (default
# a new temporary directory) and the summary prints min / median / max of
# each figure over the rounds.
#
#   ./scripts/bench.sh              everything (10 to 30 minutes a round on 2 cores)
#   BENCH_ONLY=answers,slack ./scripts/bench.sh   some parts: micro, sched, answers, slack, peak, telegram, fanout
#   BENCH_N=100000 ./scripts/bench.sh             answers a load step sends (default 20000)
#   BENCH_BASE=main ./scripts/bench.sh            also runs the load parts (slack, peak,
#       telegram) with the bot built at that git revision, alternating with this tree's
#       bot within each round (the base first in odd rounds, last in even ones), so that
#       the two are compared under the same load; their lines are labelled base and tree
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/test.sh --install-only
rounds=${BENCH_ROUNDS:-3}
n=${BENCH_N:-20000}
only=${BENCH_ONLY:-micro,sched,answers,slack,peak,telegram,fanout}
out=${BENCH_OUT:-$(mktemp -d -t kubequiz-bench.XXXXXX)}
mkdir -p "$out"
redis_server=${REDIS_SERVER:-redis-server}

# A redis-server of our own on a free port: try random ports until one binds.
redis_dir=$(mktemp -d -t kubequiz-bench-redis.XXXXXX)
redis_pid=""
for _ in $(seq 20); do
  port=$((20000 + RANDOM % 40000))
  "$redis_server" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$redis_dir" >"$redis_dir/log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=""
done
[ -n "$redis_pid" ] || { echo "could not start redis-server on a free port" >&2; exit 1; }
trap 'kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; rm -rf "$redis_dir"' EXIT
url="redis://127.0.0.1:$port/0"
echo "redis-server $("$redis_server" --version | cut -d' ' -f3) on port $port; output in $out"

go build -o "$out/loadtest" ./cmd/loadtest
go build -o "$out/bot" ./cmd/bot
bots=("tree:$out/bot")
if [ -n "${BENCH_BASE:-}" ]; then
  mkdir -p "$out/base-src"
  git archive "$BENCH_BASE" | tar -x -C "$out/base-src"
  (cd "$out/base-src" && go build -o "$out/bot-base" ./cmd/bot)
  echo "base: the bot at $(git rev-parse --short "$BENCH_BASE")"
  bots=("base:$out/bot-base" "tree:$out/bot")
fi
want() { [[ ",$only," == *",$1,"* ]]; }

# each_bot runs its arguments once with each bot, as -bot and -label (the
# base first in odd rounds, last in even ones).
each_bot() {
  local order=("${bots[@]}")
  if [ $((round % 2)) -eq 0 ] && [ ${#bots[@]} -eq 2 ]; then order=("${bots[1]}" "${bots[0]}"); fi
  for b in "${order[@]}"; do
    "$@" -label "${b%%:*}" -bot "${b#*:}" || echo "loadtest $2 with the ${b%%:*} bot failed: $?"
  done
}

for round in $(seq "$rounds"); do
  log="$out/round-$round.txt"
  echo "== round $round of $rounds → $log"
  {
    if want micro; then
      # Bank parsing, quiz generation (the shipped bank and a 20× bank),
      # rich.Split of a 200 KB and a 400 KB answer as each adapter measures it, the
      # pacer with 100,000 conversations, and top on a board of 1,000,000 users.
      go test -run '^$' -bench . -benchtime 2s -benchmem ./quiz/bank ./quiz/mcq
      go test -run '^$' -bench 'Split[24]00KB' -benchmem ./adapters/slack ./adapters/telegram
      go test -run '^$' -bench 'WaitDistinctConversations' -benchtime 100000x -benchmem ./internal/pacing
      go test -run '^$' -bench 'LeaderboardMillion' -benchtime 5s ./redisstore
    fi
    if want sched; then
      # The scheduler's tick with 10,000 daily channels: idle, and all due.
      go test -run '^$' -bench 'SchedulerTickIdle10k' -benchtime 20x ./quiz
      go test -run '^$' -bench 'SchedulerTickAllDue10k' -benchtime 1x ./quiz
    fi
    if want answers; then
      # An answer through the core vs SET vs the four-command floor, in
      # alternating slices, for a first answer and a returning user.
      "$out/loadtest" answers -redis "$url" -callers 1,8,50
    fi
    if want slack; then
      # Slack button presses through the bot's edge: fixed rates, then saturation.
      each_bot "$out/loadtest" slack -redis "$url" -rate 200,1000,2000,max -n "$n"
    fi
    if want peak; then
      # 100,000 presses at saturation: the bot's peak RSS, shedding, lateness.
      each_bot "$out/loadtest" slack -redis "$url" -rate max -n 100000
    fi
    if want telegram; then
      # Telegram quiz-poll votes and button presses through the webhook, at
      # Telegram's flood limits (30 messages a second): fewer answers.
      each_bot "$out/loadtest" telegram -redis "$url" -rate 200,1000,max -n 2000 -quizzes 40 -wait 3m
    fi
    if want fanout; then
      # One message to 1,000 Telegram chats within the flood limits.
      "$out/loadtest" fanout -chats 1000
    fi
  } 2>&1 | tee "$log"
done

echo
echo "== Redis round trips per command through the core (a test: it fails beyond the limits it states)"
go test -count=1 -run 'TestRoundTripsPerCommand' -v ./quiz | grep -E 'round trip|^(ok|FAIL|---)'

echo
echo "== min / median / max over $rounds rounds"
"$out/loadtest" summary "$out"/round-*.txt
