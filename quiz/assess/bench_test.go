package assess_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// typicalAnswer is a complete answer of ordinary length (about 200
// characters) to the shipped question on PV access modes.
const typicalAnswer = "PV 的访问模式一共有三种：ReadWriteOnce（RWO），只允许被单个节点以读写方式挂载；" +
	"ReadOnlyMany（ROX），可以被多个节点以只读方式挂载；ReadWriteMany（RWX），可以被多个节点同时以读写方式挂载，" +
	"一般需要 NFS 或 CephFS 这类共享存储才支持。"

func benchScorer(b *testing.B) (*assess.Scorer, string) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		b.Fatal(err)
	}
	return assess.FromBank(bk), bank.QuestionID("pv的访问模式有哪几种")
}

// BenchmarkFromBank measures building the scorer for the shipped bank,
// done once at start.
func BenchmarkFromBank(b *testing.B) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		assess.FromBank(bk)
	}
}

// BenchmarkScoreTypical measures scoring a typical answer.
func BenchmarkScoreTypical(b *testing.B) {
	s, id := benchScorer(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Score(id, typicalAnswer); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScore20000 measures scoring an answer of MaxAnswerRunes
// characters: the typical answer over and over, English and Chinese.
func BenchmarkScore20000(b *testing.B) {
	s, id := benchScorer(b)
	english := " ReadWriteOnce means a single node mounts the volume read-write; ReadOnlyMany lets many nodes mount it read-only. "
	long := []rune(strings.Repeat(typicalAnswer+english, assess.MaxAnswerRunes/len([]rune(typicalAnswer+english))+1))[:assess.MaxAnswerRunes]
	answer := string(long)
	b.SetBytes(int64(len(answer)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Score(id, answer); err != nil {
			b.Fatal(err)
		}
	}
}
