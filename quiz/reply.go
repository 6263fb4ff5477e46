package quiz

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// t formats a message of the catalog in a language.
func (s *Service) t(l Lang, key msgKey, args ...any) string {
	return translate(l, key, args...)
}

// text is a one-paragraph message.
func (s *Service) text(l Lang, private bool, key msgKey, args ...any) Message {
	return Message{Private: private, Blocks: []rich.Block{rich.Text(s.t(l, key, args...))}}
}

// joinSentences joins two sentences into one paragraph: with a space after
// an English full stop, with none after a Chinese one.
func joinSentences(l Lang, a, b string) string {
	if l == LangEN {
		return a + " " + b
	}
	return a + b
}

// list joins items as the language lists them: "pv, pvc", "pv、pvc".
func (s *Service) list(l Lang, items []string) string { return listIn(l, items) }

// listIn is Service.list where there is no service.
func listIn(l Lang, items []string) string {
	return strings.Join(items, translate(l, msgListSeparator))
}

// withLine is r with line as a paragraph at the end of its first message.
func withLine(r Response, line string) Response {
	if len(r.Messages) == 0 {
		return r
	}
	msgs := slices.Clone(r.Messages)
	msgs[0].Blocks = append(slices.Clone(msgs[0].Blocks), rich.Text(line))
	r.Messages = msgs
	return r
}

// withLead is r with line as a paragraph at the start of its first message.
func withLead(r Response, line string) Response {
	if len(r.Messages) == 0 {
		return r
	}
	msgs := slices.Clone(r.Messages)
	msgs[0].Blocks = append([]rich.Block{rich.Text(line)}, msgs[0].Blocks...)
	r.Messages = msgs
	return r
}

// private is a response of one private paragraph.
func (s *Service) private(l Lang, key msgKey, args ...any) Response {
	return Response{Messages: []Message{s.text(l, true, key, args...)}}
}

// notice is a short private reply (see Response.Notice).
func (s *Service) notice(l Lang, key msgKey, args ...any) Response {
	return Response{Notice: s.t(l, key, args...)}
}

// unavailable tells the user the store is down: questions still work,
// scores do not, for now.
func (s *Service) unavailable(l Lang, key msgKey, args ...any) Response {
	r := s.notice(l, key, args...)
	r.Outcome = OutcomeUnavailable
	return r
}

// inDoubt answers a request whose write on the user's behalf failed in
// the store, and may have run: as unavailable, with the outcome
// OutcomeInDoubt when the request came from a delivery that can be
// handled again.
func (s *Service) inDoubt(req Request, l Lang, key msgKey, args ...any) Response {
	r := s.unavailable(l, key, args...)
	if req.Delivery != "" {
		r.Outcome = OutcomeInDoubt
	}
	return r
}

// invalid answers input that names nothing known or is malformed.
func (s *Service) invalid(l Lang, key msgKey, args ...any) Response {
	r := s.private(l, key, args...)
	r.Outcome = OutcomeInvalid
	return r
}

// invalidNotice answers a pressed button that is no longer (or never was) valid.
func (s *Service) invalidNotice(l Lang, key msgKey, args ...any) Response {
	r := s.notice(l, key, args...)
	r.Outcome = OutcomeInvalid
	return r
}

// denied refuses a command the user may not run.
func (s *Service) denied(l Lang, key msgKey, args ...any) Response {
	r := s.private(l, key, args...)
	r.Outcome = OutcomeDenied
	return r
}

// badButton answers a payload that is not one of ours or names nothing valid.
func (s *Service) badButton(l Lang) Response { return s.invalidNotice(l, msgBadButton) }

func (s *Service) gradeLabel(l Lang, g srs.Grade) string {
	switch g {
	case srs.Again:
		return s.t(l, msgGradeAgain)
	case srs.Hard:
		return s.t(l, msgGradeHard)
	case srs.Good:
		return s.t(l, msgGradeGood)
	default:
		return s.t(l, msgGradeEasy)
	}
}

// humanDuration says roughly how long d is: seconds under a minute (an
// interview's question answered in 20 seconds did not take "1 minute"),
// then minutes, hours or days, each unit taking over where the one before
// would round up to it ("1 day", not "24 hours", for a review due a
// second short of a day).
func (s *Service) humanDuration(l Lang, d time.Duration) string {
	switch {
	case d < time.Minute-time.Second/2:
		return s.t(l, msgSeconds, max(1, int(d.Round(time.Second)/time.Second)))
	case d < time.Hour-time.Minute/2:
		return s.t(l, msgMinutes, max(1, int(d.Round(time.Minute)/time.Minute)))
	case d < 24*time.Hour-time.Hour/2:
		return s.t(l, msgHours, int(d.Round(time.Hour)/time.Hour))
	default:
		return s.t(l, msgDays, int(d.Round(24*time.Hour)/(24*time.Hour)))
	}
}

// dueText says when a card is due again: "in 10 minutes", or, an hour
// away or more, "in 3 days (Sat Dec 5)". A date beside minutes says
// nothing, and near midnight in the scope's zone (loc) it named a day the
// user's own clock had not reached.
func (s *Service) dueText(l Lang, due, now time.Time, loc *time.Location) string {
	d := due.Sub(now)
	if d < time.Hour {
		return s.t(l, msgDueSoon, s.humanDuration(l, d))
	}
	return s.t(l, msgDueOn, s.humanDuration(l, d), s.dateIn(l, due, loc))
}

// dateIn is a date in a zone, in the language's format ("12月3日", "Thu Dec 3").
func (s *Service) dateIn(l Lang, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if l == LangEN {
		return t.Format("Mon Jan 2")
	}
	return fmt.Sprintf("%d月%d日", t.Month(), t.Day())
}
