package mcq

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"unicode/utf8"
)

// maxCandidates caps the distractors an item draws from, so that every set
// of them can be weighed once, at start (120 sets of three at most).
const maxCandidates = 10

// picker draws an item's distractors so that what a quiz looks like says
// nothing of its answer. Every set of distractors is weighed once, at
// start, by where the right option stands in it on each surface cue
// (length, character pairs shared with the rest of the quiz, with the
// prompt): the right option's chance of being alone at the top or at the
// bottom of a cue should be that of any option, one in n. The sets are
// then drawn with the weights closest to even (of greatest entropy) that
// give the right option that chance on every cue the candidates allow it
// on, so that it is neither the longest (a cue) nor never the longest (a
// cue the other way) more than a random option would be.
type picker struct {
	candidates []string
	sets       [][]uint8 // indexes into candidates
	// cumulative are the sets' weights, summed in order.
	cumulative []float64
	// guessed is what each guesser of the quality gate that reads the
	// options (see Guessers) scores under the weights: 1/n at best, more
	// where the candidates do not allow it; spread is the variance of its
	// score from one draw to the next.
	guessed, spread [gateGuessers]float64
}

// The surface cues an option is weighed on, in the order of a set's
// features: its length, the character pairs it shares with the rest of
// the quiz (the prompt and the other options), with the prompt alone.
const (
	cueLength = iota
	cueVisiblePairs
	cuePromptPairs
	cueCount
)

// features of a set of distractors: features[2c] is what a guesser taking
// the option alone at the top of cue c scores (1/k when k options share the
// top), features[2c+1] the same at the bottom.
type features [2 * cueCount]float64

// Fitting the weights: steps of gradient ascent on the dual of the
// greatest-entropy problem, and the size of each.
const (
	fitSteps   = 100
	fitRate    = 4.0
	fitSettled = 1e-4 // no feature's average moves more in a step
)

// option is what the cues read of one option: its length, the bits of its
// character pairs found in the prompt, and in each other option.
type option struct {
	runes    int
	inPrompt bitset
	inOption []bitset
}

// bitset is a set of small integers, one bit each.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }
func (b bitset) set(i int)   { b[i/64] |= 1 << (i % 64) }
func (b bitset) count() (n int) {
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// newPicker weighs every set of n-1 of the candidates (the first
// maxCandidates) as the distractors of right in a quiz showing prompt;
// pairsOf gives the character pairs of a text (see bigrams). Candidates
// from foreign on are of another area than right: a set holds one at most,
// so that a quiz offers two plausible distractors at least, unless too few
// candidates are of right's area for any set to.
func newPicker(right, prompt string, candidates []string, foreign, n int, pairsOf func(string) []uint64) picker {
	p := picker{candidates: candidates[:min(len(candidates), maxCandidates)]}
	k := min(n-1, len(p.candidates))
	if foreign < k-1 {
		foreign = len(p.candidates)
	}
	// options[0] is the right one, options[1+i] candidate i.
	texts := append([]string{right}, p.candidates...)
	pairs := make([][]uint64, len(texts))
	for i, t := range texts {
		pairs[i] = pairsOf(t)
	}
	promptPairs := pairsOf(prompt)
	options := make([]option, len(texts))
	for a := range texts {
		o := option{runes: utf8.RuneCountInString(texts[a]), inPrompt: newBitset(len(pairs[a])), inOption: make([]bitset, len(texts))}
		for i, bg := range pairs[a] {
			if has(promptPairs, bg) {
				o.inPrompt.set(i)
			}
		}
		for b := range texts {
			o.inOption[b] = newBitset(len(pairs[a]))
			for i, bg := range pairs[a] {
				if b != a && has(pairs[b], bg) {
					o.inOption[b].set(i)
				}
			}
		}
		options[a] = o
	}
	var all []features
	members := make([]uint8, k)
	inSet := make([]int, k+1)
	scores := make([]int, k+1)
	visible := make(bitset, 0, 4)
	var walk func(from, depth int)
	walk = func(from, depth int) {
		if depth < k {
			for i := from; i < len(p.candidates); i++ {
				if i >= foreign && depth > 0 && int(members[depth-1]) >= foreign {
					break
				}
				members[depth] = uint8(i)
				walk(i+1, depth+1)
			}
			return
		}
		inSet[0] = 0
		for i, m := range members {
			inSet[i+1] = int(m) + 1
		}
		var f features
		for c := range cueCount {
			for i, a := range inSet {
				o := options[a]
				switch c {
				case cueLength:
					scores[i] = o.runes
				case cuePromptPairs:
					scores[i] = o.inPrompt.count()
				case cueVisiblePairs:
					visible = append(visible[:0], o.inPrompt...)
					for _, b := range inSet {
						for w := range visible {
							visible[w] |= o.inOption[b][w]
						}
					}
					scores[i] = visible.count()
				}
			}
			f[2*c] = credit(scores, 0)
			for i := range scores {
				scores[i] = -scores[i]
			}
			f[2*c+1] = credit(scores, 0)
		}
		p.sets = append(p.sets, slices.Clone(members))
		all = append(all, f)
	}
	walk(0, 0)
	p.cumulative, p.guessed, p.spread = fitWeights(all, 1/float64(k+1))
	return p
}

// fitWeights finds the weights of greatest entropy under which every
// feature averages target, as near as the sets allow, and returns them
// summed in order, with what the gate's guessers score under them and the
// variance of their scores. Sets of equal features weigh the same, so the
// fit runs over the distinct features, each counted as often as it occurs.
func fitWeights(sets []features, target float64) (cumulative []float64, guessed, spread [gateGuessers]float64) {
	var distinct []features
	var count []float64
	of := make([]int, len(sets))
	for s, f := range sets {
		i := slices.Index(distinct, f)
		if i < 0 {
			i = len(distinct)
			distinct = append(distinct, f)
			count = append(count, 0)
		}
		count[i]++
		of[s] = i
	}
	var lambda features
	w := make([]float64, len(distinct)) // the weight of one set of each
	var mean features
	weigh := func() {
		total := 0.0
		for d, f := range distinct {
			e := 0.0
			for j := range f {
				e += lambda[j] * f[j]
			}
			w[d] = math.Exp(e)
			total += count[d] * w[d]
		}
		mean = features{}
		for d, f := range distinct {
			w[d] /= total
			for j := range f {
				mean[j] += count[d] * w[d] * f[j]
			}
		}
	}
	weigh()
	for range fitSteps {
		for j := range lambda {
			lambda[j] = max(-50, min(50, lambda[j]+fitRate*(target-mean[j])))
		}
		before := mean
		weigh()
		moved := 0.0
		for j := range mean {
			moved = max(moved, math.Abs(mean[j]-before[j]))
		}
		if moved < fitSettled {
			break
		}
	}
	cumulative = make([]float64, len(sets))
	sum := 0.0
	for s := range sets {
		sum += w[of[s]]
		cumulative[s] = sum
	}
	for g, j := range gateFeatures {
		guessed[g] = mean[j]
		for d, f := range distinct {
			spread[g] += count[d] * w[d] * (f[j] - mean[j]) * (f[j] - mean[j])
		}
	}
	return cumulative, guessed, spread
}

// gateGuessers counts the guessers of the quality gate a picker weighs:
// one taking the top of each cue, and the one taking the shortest option.
const gateGuessers = cueCount + 1

// gateFeatures are the features the gate's guessers score by: the top of
// every cue, and the bottom of length (the shortest option).
var gateFeatures = [gateGuessers]int{2 * cueLength, 2 * cueVisiblePairs, 2 * cuePromptPairs, 2*cueLength + 1}

// exposure is the most a guesser of the gate scores on the picker's draws.
func (p *picker) exposure() float64 { return slices.Max(p.guessed[:]) }

// pick draws a set of distractors by the fitted weights.
func (p *picker) pick(rnd *rand.Rand) []string {
	total := p.cumulative[len(p.cumulative)-1]
	s, _ := slices.BinarySearch(p.cumulative, rnd.Float64()*total)
	set := p.sets[min(s, len(p.sets)-1)]
	out := make([]string, len(set))
	for i, m := range set {
		out[i] = p.candidates[m]
	}
	return out
}
