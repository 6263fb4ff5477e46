package main

import (
	"io/fs"
	"math"
	"runtime/debug"
	"strconv"
	"strings"
)

// memoryHeadroom is the share of the container's memory limit the Go
// runtime is asked to stay under: the rest is for what the runtime does
// not count (the binary's mapped pages, kernel buffers charged to the
// container), so that the collector works harder before the kernel
// OOM-kills the bot rather than at the very edge.
const memoryHeadroom = 0.9

// cgroupLimitFiles are where a container finds its memory limit, relative
// to /sys/fs/cgroup: cgroup v2, then v1.
var cgroupLimitFiles = []string{"memory.max", "memory/memory.limit_in_bytes"}

// containerMemoryLimit reads the memory limit of the cgroup the bot runs
// in from cgroupfs (the contents of /sys/fs/cgroup); ok is false when
// there is none: no cgroup file, "max", or v1's "unlimited", a number
// near the largest int64.
func containerMemoryLimit(cgroupfs fs.FS) (limit int64, ok bool) {
	for _, name := range cgroupLimitFiles {
		b, err := fs.ReadFile(cgroupfs, name)
		if err != nil {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err != nil || n <= 0 || n > math.MaxInt64/2 {
			return 0, false
		}
		return n, true
	}
	return 0, false
}

// limitMemory sets the Go runtime's soft memory limit to memoryHeadroom of
// the container's limit, unless GOMEMLIMIT sets one (the runtime has read
// it then) or there is no container limit. It returns the limit it set, 0
// when it set none.
func limitMemory(getenv func(string) string, cgroupfs fs.FS) int64 {
	if getenv("GOMEMLIMIT") != "" {
		return 0
	}
	limit, ok := containerMemoryLimit(cgroupfs)
	if !ok {
		return 0
	}
	soft := int64(float64(limit) * memoryHeadroom)
	debug.SetMemoryLimit(soft)
	return soft
}
