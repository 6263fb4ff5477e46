package bank_test

import (
	"testing"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// BenchmarkLoadShippedBank measures start-up's bank work: parsing the
// embedded Markdown with goldmark and indexing it (IDs, topics, key points).
func BenchmarkLoadShippedBank(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bank.Load(data.Banks, data.Dir); err != nil {
			b.Fatal(err)
		}
	}
}
