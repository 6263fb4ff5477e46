package quiz

import (
	"context"
	"strings"
	"time"
)

// The messages of a `daily now` whose day has its post, and of a post's
// name.
const (
	msgDailyPostedEarlier msgKey = "dailyPostedEarlier"
	msgDailyPostedToday   msgKey = "dailyPostedToday"
	msgDailyStillOpen     msgKey = "dailyStillOpen"
	msgDailyWasRevealed   msgKey = "dailyWasRevealed"
	msgDailyNextOneADay   msgKey = "dailyNextOneADay"
	msgDailyOffOneADay    msgKey = "dailyOffOneADay"
	msgPostOfDate         msgKey = "postOfDate"
)

func init() {
	register(map[msgKey]Text{
		msgDailyPostedEarlier: {"已于%s发过每日一题：%s 的题目，%s。", "A daily question was posted already %s: the question of %s, %s."},
		msgDailyPostedToday:   {"按 %s 的日期，今天（%s）已经发过每日一题。", "A daily question was posted already today in %s (%s)."},
		msgDailyStillOpen:     {"仍在作答，答案将于%s公布", "still open; its answer is revealed %s"},
		msgDailyWasRevealed:   {"答案已经公布", "whose answer is revealed already"},
		msgDailyNextOneADay:   {"每天只发一题，下一题：%s。", "One is posted a day; the next is %s."},
		msgDailyOffOneADay: {"每天只发一题；本频道的每日一题已关闭，开启：%s每日一题 开启 %s",
			"One is posted a day, and the daily question is off in this channel: turn it on with %sdaily on %s."},
		msgPostOfDate: {"%s（当日第 %s 题）", "%s (no. %s)"},
	})
}

// postLabel is a post's name (DailyPost.Date) as replies show it: its
// date, and, for a date's second or third post ("2026-12-05#2"), which
// one it is.
func (s *Service) postLabel(l Lang, name string) string {
	day, n, ok := strings.Cut(name, "#")
	if !ok {
		return day
	}
	return s.t(l, msgPostOfDate, day, n)
}

// dailyPostedAlready is the reply to a `daily now` whose day in the zone
// in effect, from dayStart on, has its post: that post, named as it was
// posted (posted in another zone, its name may be another date), whether
// it is still open, and when the next is posted, or, the daily being off
// (d being what it comes back with, see offSettings), how to turn it on.
// here is the scope's zone, where its readers count their days.
func (s *Service) dailyPostedAlready(ctx context.Context, req Request, l Lang, d DailySettings, on bool, dayStart time.Time, here *time.Location) Response {
	loc := s.zoneOf(d)
	r := s.private(l, msgDailyPostedToday, zoneLabel(d.Zone), s.dateIn(l, dayStart, loc))
	p, open, err := s.openDaily(ctx, req.Scope, req.Channel)
	switch {
	case err != nil:
		s.storeFailed(ctx, "reading the daily's post", err)
	case p.PostedAt.Before(dayStart):
		// Not the day's post: its record is still being made (by another
		// replica), or was kept by an earlier version.
	case open && p.Pending:
		// Its send was never confirmed (the bot died during it, or its
		// outcome is unknown): it may not be in the channel.
		r = Response{Messages: []Message{PrivateLine(s.unconfirmed(req, l, p, loc, here))}}
	default:
		state := s.t(l, msgDailyWasRevealed)
		if open {
			state = s.t(l, msgDailyStillOpen, s.whenText(l, p.RevealAt, loc, here))
		}
		r = s.private(l, msgDailyPostedEarlier, s.whenText(l, p.PostedAt, loc, here), s.postLabel(l, p.Date), state)
	}
	if !on {
		return withLine(r, s.t(l, msgDailyOffOneADay, req.Prefix, s.dailyAgain(ctx, req, d)))
	}
	next, err := s.nextPost(ctx, d, loc)
	if err != nil {
		s.storeFailed(ctx, "reading whether the next daily is posted already", err)
		next = nextDaily(d, s.now(), loc)
	}
	return withLine(r, s.t(l, msgDailyNextOneADay, s.whenText(l, next, loc, here)))
}
