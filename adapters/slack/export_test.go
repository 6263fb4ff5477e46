package slack

import "time"

// SetSettleTime has a offer a delivery whose acceptance is in doubt again
// for d instead of defaultSettleTime before its user is told it was not
// recorded, so that the tests of deliveries never accepted do not wait
// ten seconds each. Call it before Run.
func SetSettleTime(a *Adapter, d time.Duration) { a.settleTime = d }
