package main

import (
	"math"
	"runtime/debug"
	"testing"
	"testing/fstest"
)

func TestContainerMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		name  string
		files fstest.MapFS
		want  int64
		ok    bool
	}{
		{"cgroup v2", fstest.MapFS{"memory.max": {Data: []byte("268435456\n")}}, 256 << 20, true},
		{"cgroup v2 without a limit", fstest.MapFS{"memory.max": {Data: []byte("max\n")}}, 0, false},
		{"cgroup v1", fstest.MapFS{"memory/memory.limit_in_bytes": {Data: []byte("536870912\n")}}, 512 << 20, true},
		{"cgroup v1 without a limit", fstest.MapFS{"memory/memory.limit_in_bytes": {Data: []byte("9223372036854771712\n")}}, 0, false},
		{"no cgroup files", fstest.MapFS{}, 0, false},
		{"garbage", fstest.MapFS{"memory.max": {Data: []byte("lots")}}, 0, false},
	} {
		got, ok := containerMemoryLimit(c.files)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: got %d, %v; want %d, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestTheBotStaysUnderItsContainersMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	cgroup := fstest.MapFS{"memory.max": {Data: []byte("268435456\n")}}

	got := limitMemory(func(string) string { return "" }, cgroup)
	limit := int64(256 << 20)
	if want := int64(float64(limit) * 0.9); got != want || debug.SetMemoryLimit(-1) != want {
		t.Errorf("a 256 MiB container: set %d, runtime has %d; want %d, with room below the limit", got, debug.SetMemoryLimit(-1), want)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	env := map[string]string{"GOMEMLIMIT": "100MiB"}
	if got := limitMemory(func(k string) string { return env[k] }, cgroup); got != 0 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set: limitMemory set %d (runtime %d); the operator's limit must stand", got, debug.SetMemoryLimit(-1))
	}
	if got := limitMemory(func(string) string { return "" }, fstest.MapFS{}); got != 0 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Errorf("no container limit: limitMemory set %d", got)
	}
}
