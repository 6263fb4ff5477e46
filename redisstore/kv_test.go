package redisstore

import (
	"context"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
)

func TestPutGet(t *testing.T) {
	st := New(redistest.Shared(t).Client(t))
	ctx := context.Background()
	key := newScope(t) // a key of this run's own: the test passes run after run
	if _, ok, err := st.Get(ctx, key+":none"); ok || err != nil {
		t.Errorf("missing value: ok %v, err %v", ok, err)
	}
	if err := st.Put(ctx, key, "42", 0); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := st.Get(ctx, key); v != "42" || !ok || err != nil {
		t.Errorf("Get = %q, %v, %v", v, ok, err)
	}
}

func TestLeaseHasOneHolderAndCanBeHandedOver(t *testing.T) {
	st := New(redistest.Shared(t).Client(t))
	ctx := context.Background()
	name := newScope(t) // a lease of this run's own: the test passes run after run
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
