package quiz

import (
	"context"
	"slices"
)

// The replies to a button's label typed as words.
const (
	msgTypedShow     msgKey = "typedShow"
	msgTypedSubmit   msgKey = "typedSubmit"
	msgTypedByNumber msgKey = "typedByNumber"
)

func init() {
	register(map[msgKey]Text{
		msgTypedShow: {"「显示答案」是闪卡下面的按钮：点它就会显示答案，然后自评。还没有闪卡？先用「%s提问」抽一道。",
			"Show answer is a button under a flashcard: press it to see the answer, then grade yourself. No card yet? Draw one with %sask."},
		msgTypedSubmit: {"「提交」是自查清单下面的按钮：勾选你答到的要点，再点它。",
			"Submit is the button under a checklist: tick the points you covered, then press it."},
		msgTypedByNumber: {"在这里，输入按钮前的编号就是按下它。", "Here, typing a button's number presses it."},
	})
}

// buttonLabelTyped answers a button's label typed as words, in any case
// or width, with or without a closing mark (showLabels, submitLabels; ok
// is false for any other line): Show answer typed shows the answer of the
// question on screen — a mock interview's, or the flashcard drawn last
// (cardOnScreen) — as its button does, through the same press (one grade
// per reveal); anywhere else, and for Submit, it says where the
// button is and how to press it, on a platform where typing presses
// buttons by their numbers that too. A checklist's ticks are kept only in
// its buttons, so Submit typed cannot submit them.
func (s *Service) buttonLabelTyped(ctx context.Context, req Request, l Lang, ivs func() (Interviews, error)) (Response, string, bool) {
	label := phraseLine(req.Text)
	var says string
	switch {
	case slices.Contains(showLabels, label):
		if iv, err := ivs(); err == nil && iv.Current.current() != "" {
			req.Payload = encodeInterview(iv.Current.ID, len(iv.Current.Steps), opReveal)
			r, name := s.handleAction(ctx, req)
			return r, name, true
		}
		if c, ok := s.cardOnScreen(ctx, req); ok {
			req.Payload = encodeShow(c.q.ID, c.topic)
			r, name := s.handleAction(ctx, req)
			return r, name, true
		}
		says = s.t(l, msgTypedShow, req.Prefix)
	case slices.Contains(submitLabels, label):
		says = s.t(l, msgTypedSubmit)
	default:
		return Response{}, "", false
	}
	if req.PressByNumber {
		says = joinSentences(l, says, s.t(l, msgTypedByNumber))
	}
	return Response{Outcome: OutcomeInvalid, Messages: []Message{PrivateLine(says)}}, "button-label", true
}
