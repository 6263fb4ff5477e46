package slack

import "time"

// SetSettleTime has a offer a delivery whose acceptance is in doubt again
// for d instead of defaultSettleTime before its user is told it was not
// recorded, so that the tests of deliveries never accepted do not wait
// ten seconds each. Call it before Run.
func SetSettleTime(a *Adapter, d time.Duration) { a.settleTime = d }

// SetBodyTimeout has a cut a request body that has not arrived within d
// instead of bodyTimeout. Call it before serving.
func SetBodyTimeout(a *Adapter, d time.Duration) { a.bodyTimeout = d }

// SetRefusalLogInterval has a log its refused requests at most once every
// d instead of once a minute, so that a test sees the counted line that
// follows the first. Call it before serving.
func SetRefusalLogInterval(a *Adapter, d time.Duration) { a.refusals.Every = d }

// MaxReading is how many request bodies are read at once.
const MaxReading = maxReading
