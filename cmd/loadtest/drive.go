package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A run of answers is a list of steps: a fixed offered rate each (open
// loop: answer k is due at start + k/rate whether or not earlier ones were
// acknowledged, and its latencies count from when it was due, so that a
// slow bot cannot slow the load down and hide its own delay), or
// saturation (closed loop: -c clients, each sending its next answer as soon
// as the last one is acknowledged).

// step is one offered load.
type step struct {
	rate float64 // answers a second; 0: saturation
	n    int     // answers to send
}

// name is the step as the report names it.
func (s step) name() string {
	if s.rate == 0 {
		return "max"
	}
	return strconv.FormatFloat(s.rate, 'f', -1, 64)
}

// parseSteps reads -rate: comma-separated answers a second, "max" for
// saturation; each step sends n answers.
func parseSteps(rates string, n int) ([]step, error) {
	var out []step
	for r := range strings.SplitSeq(rates, ",") {
		r = strings.TrimSpace(r)
		if r == "max" {
			out = append(out, step{n: n})
			continue
		}
		v, err := strconv.ParseFloat(r, 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("-rate %q: use answers a second (200,1000) or max", r)
		}
		out = append(out, step{rate: v, n: n})
	}
	if len(out) == 0 || n < 1 {
		return nil, errors.New("-rate needs at least one rate and -n a positive count")
	}
	return out, nil
}

// delivery is the outcome of sending one answer to the bot.
type delivery struct {
	// acked is true when the bot acknowledged it (200), after refusals
	// (a Telegram 503 delivered again) if any.
	acked bool
	// refusals counts the times the bot refused it for now (503): each
	// was delivered again, as the platform does.
	refusals int
	// failure, when not acked: what went wrong.
	failure string
}

// sender sends answer i (its index in the whole run) to the bot.
type sender func(ctx context.Context, client *http.Client, i int) delivery

// replyLog is when each answer's first reply reached the fake platform
// API, and whether that reply was a refusal the user was told of (shed,
// not recorded, an apology) rather than the answer's feedback.
type replyLog struct {
	at   []atomic.Int64 // unix nanoseconds; 0: none yet
	told []atomic.Int32 // a telling, by kind; 0: a real reply
	n    atomic.Int64
}

// Kinds of telling.
const (
	toldNone int32 = iota
	toldShed
	toldNotRecorded
	toldApology
)

func newReplyLog(total int) *replyLog {
	return &replyLog{at: make([]atomic.Int64, total), told: make([]atomic.Int32, total)}
}

// arrived records the first reply to answer i at t.
func (l *replyLog) arrived(i int, t time.Time, told int32) {
	if i < 0 || i >= len(l.at) || !l.at[i].CompareAndSwap(0, t.UnixNano()) {
		return
	}
	l.told[i].Store(told)
	l.n.Add(1)
}

// stepResult is what one step measured.
type stepResult struct {
	step  step
	from  int // answer indexes [from, from+n)
	start time.Time

	due      []time.Time
	ackLat   []time.Duration // 0 when not acknowledged
	lastAck  time.Time
	refused  int // answers refused at least once, then delivered again
	refusals int // refusals in all
	failed   int
	failures map[string]int
}

// drive sends one step's answers [from, from+s.n) and returns what it saw of
// the acknowledgements; the replies arrive in the log meanwhile.
func drive(ctx context.Context, s step, from, clients int, send sender) *stepResult {
	r := &stepResult{step: s, from: from, due: make([]time.Time, s.n), ackLat: make([]time.Duration, s.n), failures: map[string]int{}}
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
	}
	defer client.CloseIdleConnections()
	var mu sync.Mutex
	one := func(k int, due time.Time) {
		d := send(ctx, client, from+k)
		acked := time.Now()
		mu.Lock()
		defer mu.Unlock()
		r.refusals += d.refusals
		if d.refusals > 0 {
			r.refused++
		}
		if !d.acked {
			r.failed++
			r.failures[d.failure]++
			return
		}
		r.ackLat[k] = max(acked.Sub(due), time.Nanosecond)
		if acked.After(r.lastAck) {
			r.lastAck = acked
		}
	}
	r.start = time.Now()
	var wg sync.WaitGroup
	if s.rate == 0 {
		var next atomic.Int64
		for range clients {
			wg.Go(func() {
				for ctx.Err() == nil {
					k := int(next.Add(1)) - 1
					if k >= s.n {
						return
					}
					due := time.Now()
					r.due[k] = due
					one(k, due)
				}
			})
		}
		wg.Wait()
		return r
	}
	// Open loop: at most clients in flight; an answer that waits for a free
	// client is late, and its lateness counts in its latencies.
	slots := make(chan struct{}, clients)
	interval := time.Duration(float64(time.Second) / s.rate)
	for k := 0; k < s.n && ctx.Err() == nil; k++ {
		due := r.start.Add(time.Duration(k) * interval)
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		r.due[k] = due
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			one(k, due)
		})
	}
	wg.Wait()
	return r
}

// awaitReplies waits until every acknowledged answer of the step has a
// reply, or for at most wait after the last acknowledgement.
func awaitReplies(ctx context.Context, r *stepResult, log *replyLog, wait time.Duration) {
	deadline := time.Now().Add(wait)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		missing := false
		for k := range r.step.n {
			if r.ackLat[k] > 0 && log.at[r.from+k].Load() == 0 {
				missing = true
				break
			}
		}
		if !missing {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// report is a step's figures.
type report struct {
	offered             string
	sent, acked, failed int
	acksPerSec          float64
	ack                 quantiles
	replied             int
	repliesPerSec       float64
	reply               quantiles
	late                int // replies later than lateAfter
	shed, notRecorded   int // told through the platform
	apologies           int
	refused, refusals   int // refused (503) and delivered again
	silent              int // acknowledged, and neither answered nor told
	failures            map[string]int
	peakRSS             int64
	cpu                 time.Duration // the bot's
	loadCPU, redisCPU   time.Duration // the load generator's and fakes', Redis's (0 when embedded)
	logLines, warn, err int
	redraws, followUps  int
}

// lateAfter is how late a reply may be: beyond it, load should be shed.
const lateAfter = 5 * time.Second

// quantiles are latency percentiles.
type quantiles struct{ p50, p99, p999, max time.Duration }

func quantilesOf(d []time.Duration) quantiles {
	if len(d) == 0 {
		return quantiles{}
	}
	slices.Sort(d)
	at := func(p float64) time.Duration { return d[min(len(d)-1, int(float64(len(d))*p))] }
	return quantiles{at(0.50), at(0.99), at(0.999), d[len(d)-1]}
}

// summarize turns a step's acknowledgements and the replies logged into its
// report (without the bot's usage, which the caller adds).
func summarize(r *stepResult, log *replyLog) report {
	rep := report{offered: r.step.name(), sent: r.step.n, failed: r.failed, refused: r.refused, refusals: r.refusals, failures: r.failures}
	var acks, replies []time.Duration
	lastReply := r.start
	for k := range r.step.n {
		if r.ackLat[k] == 0 {
			continue
		}
		acks = append(acks, r.ackLat[k])
		at := log.at[r.from+k].Load()
		if at == 0 {
			rep.silent++
			continue
		}
		t := time.Unix(0, at)
		switch log.told[r.from+k].Load() {
		case toldShed:
			rep.shed++
			continue
		case toldNotRecorded:
			rep.notRecorded++
			continue
		case toldApology:
			rep.apologies++
			continue
		}
		lat := t.Sub(r.due[k])
		replies = append(replies, lat)
		if lat > lateAfter {
			rep.late++
		}
		if t.After(lastReply) {
			lastReply = t
		}
	}
	rep.acked, rep.replied = len(acks), len(replies)
	if rep.acked > 0 {
		rep.acksPerSec = float64(rep.acked) / r.lastAck.Sub(r.start).Seconds()
	}
	if rep.replied > 0 {
		rep.repliesPerSec = float64(rep.replied) / lastReply.Sub(r.start).Seconds()
	}
	rep.ack, rep.reply = quantilesOf(acks), quantilesOf(replies)
	return rep
}

// print writes a step's report for people, then as one line in Go's
// benchmark format for `loadtest summary`, named BenchmarkLoad/<name>/….
func (rep report) print(name string) {
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) + "ms" }
	offered := rep.offered + " answers/s offered"
	if rep.offered == "max" {
		offered = "saturation"
	}
	fmt.Printf("\n%s · %s\n", name, offered)
	fmt.Printf("  acks:    %6d  %8.0f/s   p50 %s  p99 %s  p999 %s  max %s\n", rep.acked, rep.acksPerSec, ms(rep.ack.p50), ms(rep.ack.p99), ms(rep.ack.p999), ms(rep.ack.max))
	fmt.Printf("  replies: %6d  %8.0f/s = %.2f × acks/s   p50 %s  p99 %s  p999 %s  max %s   later than %s: %d\n", rep.replied, rep.repliesPerSec, rep.repliesPerSec/max(rep.acksPerSec, 1), ms(rep.reply.p50), ms(rep.reply.p99), ms(rep.reply.p999), ms(rep.reply.max), lateAfter, rep.late)
	fmt.Printf("  shed and told: %d   not recorded and told: %d   apologised: %d   refused (503) and delivered again: %d answers, %d times   silent: %d   failed: %d %v\n",
		rep.shed, rep.notRecorded, rep.apologies, rep.refused, rep.refusals, rep.silent, rep.failed, rep.failures)
	perAnswer := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(max(rep.acked, 1)) }
	fmt.Printf("  bot: peak RSS %.0f MB, CPU %.1fs (%.0f µs an answer), %d log lines (%d warnings, %d errors); quiz redraws %d; private messages after the replies %d\n",
		float64(rep.peakRSS)/(1<<20), rep.cpu.Seconds(), perAnswer(rep.cpu), rep.logLines, rep.warn, rep.err, rep.redraws, rep.followUps)
	fmt.Printf("  CPU an answer elsewhere: Redis %.0f µs, the load generator and fake API %.0f µs\n", perAnswer(rep.redisCPU), perAnswer(rep.loadCPU))
	msf := func(d time.Duration) float64 { return float64(d) / 1e6 }
	fmt.Printf("BenchmarkLoad/%s/rate=%s/n=%d %d %.0f acks/s %.2f ack-p50-ms %.2f ack-p99-ms %.2f ack-p999-ms %.0f replies/s %.2f replies/acks %.2f reply-p50-ms %.2f reply-p99-ms %.2f reply-p999-ms %d late>5s %d shed %d refused %d silent %.0f peak-RSS-MB %.0f bot-CPU-µs/answer %.0f redis-CPU-µs/answer %.0f loadgen-CPU-µs/answer\n",
		name, rep.offered, rep.sent, rep.acked, rep.acksPerSec, msf(rep.ack.p50), msf(rep.ack.p99), msf(rep.ack.p999),
		rep.repliesPerSec, rep.repliesPerSec/max(rep.acksPerSec, 1), msf(rep.reply.p50), msf(rep.reply.p99), msf(rep.reply.p999), rep.late, rep.shed+rep.notRecorded, rep.refused, rep.silent,
		float64(rep.peakRSS)/(1<<20), perAnswer(rep.cpu), perAnswer(rep.redisCPU), perAnswer(rep.loadCPU))
}
