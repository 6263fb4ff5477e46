# Convenience targets; the README's commands work without make.
.PHONY: run test bench

run:
	go run ./cmd/bot

test:
	./scripts/test.sh

bench:
	./scripts/bench.sh
