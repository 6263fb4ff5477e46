package redisstore

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
)

func TestOnceIsOnceAcrossConcurrentCallers(t *testing.T) {
	st := New(redistest.Shared(t).Client(t))
	ctx := context.Background()
	key := "test:once:" + t.Name()
	var firsts atomic.Int64
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := st.Once(ctx, key, time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				firsts.Add(1)
			}
		}()
	}
	wg.Wait()
	if firsts.Load() != 1 {
		t.Errorf("%d callers were first", firsts.Load())
	}
}

func TestOnceExpires(t *testing.T) {
	st := New(redistest.Shared(t).Client(t))
	ctx := context.Background()
	key := "test:expire:" + t.Name()
	if ok, _ := st.Once(ctx, key, 200*time.Millisecond); !ok {
		t.Fatal("first call not first")
	}
	time.Sleep(400 * time.Millisecond)
	if ok, _ := st.Once(ctx, key, time.Minute); !ok {
		t.Error("a marker outlived its TTL")
	}
}

func TestPutGet(t *testing.T) {
	st := New(redistest.Shared(t).Client(t))
	ctx := context.Background()
	if _, ok, err := st.Get(ctx, "test:none:"+t.Name()); ok || err != nil {
		t.Errorf("missing value: ok %v, err %v", ok, err)
	}
	if err := st.Put(ctx, "test:v:"+t.Name(), "42", 0); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := st.Get(ctx, "test:v:"+t.Name()); v != "42" || !ok || err != nil {
		t.Errorf("Get = %q, %v, %v", v, ok, err)
	}
}

func TestLeaseHasOneHolderAndCanBeHandedOver(t *testing.T) {
	st := New(redistest.Shared(t).Client(t))
	ctx := context.Background()
	name := "test:" + t.Name()
	if ok, err := st.Acquire(ctx, name, "a", time.Minute); !ok || err != nil {
		t.Fatalf("a could not take a free lease: %v %v", ok, err)
	}
	if ok, _ := st.Acquire(ctx, name, "b", time.Minute); ok {
		t.Fatal("b took a held lease")
	}
	if ok, _ := st.Acquire(ctx, name, "a", time.Minute); !ok {
		t.Error("the holder could not renew by acquiring again")
	}
	if ok, _ := st.Renew(ctx, name, "b", time.Minute); ok {
		t.Error("b renewed a lease it does not hold")
	}
	if err := st.Release(ctx, name, "b"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.Acquire(ctx, name, "b", time.Minute); ok {
		t.Error("b's release freed a's lease")
	}
	if err := st.Release(ctx, name, "a"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.Acquire(ctx, name, "b", time.Minute); !ok {
		t.Error("b could not take the lease a released")
	}
	t.Run("an unrenewed lease lapses", func(t *testing.T) {
		n := name + ":lapse"
		st.Acquire(ctx, n, "a", 200*time.Millisecond)
		time.Sleep(400 * time.Millisecond)
		if ok, _ := st.Acquire(ctx, n, "b", time.Minute); !ok {
			t.Error("b could not take a lapsed lease")
		}
	})
}
