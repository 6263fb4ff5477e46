package quiz

import "testing"

// TestStoreFailedNamesTheStoresOutcomes: unavailable and in doubt are the
// store's failures; no other outcome is.
func TestStoreFailedNamesTheStoresOutcomes(t *testing.T) {
	for o, want := range map[Outcome]bool{
		OutcomeOK: false, OutcomeInvalid: false, OutcomeDenied: false, "panic": false,
		OutcomeUnavailable: true, OutcomeInDoubt: true,
	} {
		if got := o.StoreFailed(); got != want {
			t.Errorf("%q.StoreFailed() = %v, want %v", o, got, want)
		}
	}
}
