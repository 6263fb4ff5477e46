package assess

// Gap is a question whose key points cannot all be scored well, for
// `bot lint`.
type Gap struct {
	ID, Title string
	// NoKeyPoints: the question has no key point at all.
	NoKeyPoints bool
	// Unscorable: no key point has a keyword beyond the title's, so every
	// typed answer to the question is flagged Unscorable.
	Unscorable bool
	// Sparse are the points with fewer than MinKeywords keywords beyond
	// the title's: those with none are never scored, those with one are
	// covered by a single word. A note to the reader is never sparse: it
	// is not meant to be scored.
	Sparse []SparsePoint
}

// SparsePoint is a key point with too few keywords.
type SparsePoint struct {
	// Index is the point's place among the question's key points, from 0.
	Index int
	Text  string
	// Keywords are all the point's keywords, the title's included, as the
	// synonym table names them; an author adds more in the bank.
	Keywords []string
}

// Gaps lists the questions with key points too sparse to be scored, in
// the order the scorer was given them.
func (s *Scorer) Gaps() []Gap {
	var out []Gap
	for _, id := range s.order {
		q := s.questions[id]
		g := Gap{ID: id, Title: q.title, NoKeyPoints: len(q.points) == 0, Unscorable: true}
		for i, pt := range q.points {
			if pt.scorable() {
				g.Unscorable = false
			}
			if pt.untitled() < MinKeywords && !pt.note {
				g.Sparse = append(g.Sparse, SparsePoint{Index: i, Text: pt.text, Keywords: s.names(pt.keywords[:pt.own])})
			}
		}
		if g.NoKeyPoints || len(g.Sparse) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// names are the names of concepts.
func (s *Scorer) names(cs []int) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = s.lex.concepts[c].name
	}
	return out
}
