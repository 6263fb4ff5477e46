package bank_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
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

// BenchmarkSearch measures a search as the bot runs it, each word with its
// synonyms (assess.Synonyms), on the shipped bank and one grown 20 times:
// one term, and the longest query a line can hold (one word repeated,
// which is read once).
func BenchmarkSearch(b *testing.B) {
	long := strings.TrimSpace(strings.Repeat("删除 ", 164))
	for _, bc := range []struct {
		name string
		bank *bank.Bank
	}{{"shipped", testkit.ShippedBank(b)}, {"20x", testkit.GrownBank(b, 20)}} {
		for _, query := range []string{"liveness", long} {
			words := strings.Fields(query)
			b.Run(fmt.Sprintf("%s/words=%d", bc.name, len(words)), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if len(bc.bank.Search(words, assess.Synonyms)) == 0 {
						b.Fatal("found nothing")
					}
				}
			})
		}
	}
}
