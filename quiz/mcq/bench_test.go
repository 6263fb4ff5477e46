package mcq_test

import (
	"math/rand/v2"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
)

// BenchmarkNewGenerator measures indexing the shipped bank for quizzes, done
// once at start.
func BenchmarkNewGenerator(b *testing.B) {
	bk := testkit.ShippedBank(b)
	b.ReportAllocs()
	for b.Loop() {
		mcq.NewGenerator(bk)
	}
}

// benchmarkGenerate measures making one quiz from a random question of bk
// among those that yield one, as the core picks them.
func benchmarkGenerate(b *testing.B, bk *bank.Bank) {
	g := mcq.NewGenerator(bk)
	r := rand.New(rand.NewPCG(1, 2))
	var qs []*bank.Question
	for _, q := range bk.Questions() {
		if len(g.Formats(q)) > 0 {
			qs = append(qs, q)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := g.Generate(qs[r.IntN(len(qs))], r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate measures one quiz from the shipped bank (goal: < 0.5 ms).
func BenchmarkGenerate(b *testing.B) { benchmarkGenerate(b, testkit.ShippedBank(b)) }

// BenchmarkGenerate20x measures one quiz from a bank 20 times the shipped
// one (goal: < 2 ms, so the cost of a quiz does not grow with the bank).
func BenchmarkGenerate20x(b *testing.B) { benchmarkGenerate(b, testkit.GrownBank(b, 20)) }
