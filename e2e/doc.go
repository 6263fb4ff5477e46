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
// and the flood at full size (100,000 deliveries to each platform; several
// minutes) with
//
//	go test ./e2e -run Flood -timeout 30m -e2e.long
package e2e
