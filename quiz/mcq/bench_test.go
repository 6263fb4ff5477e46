package mcq_test

import (
	"math/rand/v2"
	"testing"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
)

// BenchmarkNewGenerator measures indexing the shipped bank for quizzes, done
// once at start.
func BenchmarkNewGenerator(b *testing.B) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		mcq.NewGenerator(bk)
	}
}

// BenchmarkGenerate measures making one quiz from a random shipped question.
func BenchmarkGenerate(b *testing.B) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		b.Fatal(err)
	}
	g := mcq.NewGenerator(bk)
	r := rand.New(rand.NewPCG(1, 2))
	qs := bk.Questions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Generate(qs[r.IntN(len(qs))], r); err != nil {
			b.Fatal(err)
		}
	}
}
