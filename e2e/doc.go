// Package e2e holds the bot's fault tests: each runs the real bot binary
// (built once per test run) against real redis-server processes and fake
// Slack and Telegram APIs, injects a fault — Redis paused, asleep, killed;
// a replica killed with a backlog; a flood of deliveries — and checks what
// RELIABILITY.md promises: every acknowledged delivery is answered, once,
// and what users are told was scored is what Redis holds.
//
// The package has no code of its own beyond this comment; run it with
//
//	go test ./e2e
//
// and the flood at full size with
//
//	go test ./e2e -run Flood -args -deliveries=100000
package e2e
