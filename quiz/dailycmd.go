package quiz

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// DefaultDailyHour and DefaultDailyMinute are the daily question's time
// when `daily on` names none.
const (
	DefaultDailyHour   = 10
	DefaultDailyMinute = 0
)

var clockTime = regexp.MustCompile(`^([01]?[0-9]|2[0-3]):([0-5][0-9])$`)

// The messages of days and zones in the daily's replies.
const (
	msgToday                  msgKey = "today"
	msgTomorrow               msgKey = "tomorrow"
	msgOnDate                 msgKey = "onDate"
	msgAtTime                 msgKey = "atTime"
	msgDailyBadZoneDidYouMean msgKey = "dailyBadZoneDidYouMean"
	msgDailyTwoTimes          msgKey = "dailyTwoTimes"
	msgDailyOpenToday         msgKey = "dailyOpenToday"
	msgDailyOpenOf            msgKey = "dailyOpenOf"
	msgDailyZoneDiffers       msgKey = "dailyZoneDiffers"
	msgDailyZoneMoved         msgKey = "dailyZoneMoved"
	msgDailyZoneKept          msgKey = "dailyZoneKept"
	msgDailyStatusOffKept     msgKey = "dailyStatusOffKept"
	msgDailyThreeDigits       msgKey = "dailyThreeDigits"
	msgDailyHourNotOffset     msgKey = "dailyHourNotOffset"
)

func init() {
	register(map[msgKey]Text{
		msgToday:    {"今天 %s", "today at %s"},
		msgTomorrow: {"明天 %s", "tomorrow at %s"},
		msgOnDate:   {"%s %s", "on %s at %s"},
		msgAtTime:   {"%s", "at %s"},
		msgDailyBadZoneDidYouMean: {"时区「%s」无效，你是想用 %s 吗？请输入 %s每日一题 开启 %s",
			"\"%s\" is not a time zone. Did you mean %s? Type %sdaily on %s"},
		msgDailyTwoTimes: {"每日一题只取一个时间，「%s」是第二个。用法：%s每日一题 开启 [HH:MM] [城市或地区/城市]，例如 %[2]s每日一题 开启 09:30 上海",
			"daily on takes one time; \"%s\" is a second. Usage: %sdaily on [HH:MM] [Area/City], e.g. %[2]sdaily on 09:30 Asia/Shanghai"},
		msgDailyOpenToday: {"今天的题目正在作答，答案将于%s公布。", "Today's question is open; its answer is revealed %s."},
		msgDailyOpenOf:    {"%s 的题目正在作答，答案将于%s公布。", "The question of %s is open; its answer is revealed %s."},
		msgDailyZoneMoved: {"它从 %s 改到了这里的时区 %s；要留在 %s：%s每日一题 开启 %02d:%02d %s。",
			"It moved from %s to %s, the zone here; to keep it in %s: %sdaily on %02d:%02d %s."},
		msgDailyZoneKept: {"它按关闭前的时区 %s 重新开启；要改按这里的时区 %s：%s每日一题 开启 %02d:%02d %s。",
			"It is back in %s, the zone it had when turned off; to post it in %s, the zone here: %sdaily on %02d:%02d %s."},
		msgDailyStatusOffKept: {"本频道的每日一题已关闭。管理员可以用「%s每日一题 开启 %s」按原样重新开启。",
			"The daily question is off in this channel. An admin can turn it on again as it was with %sdaily on %s."},
		msgDailyThreeDigits: {"「%s」作为时间不明确：请写成 %s 或 %s（24 小时制），例如 %s每日一题 开启 %s",
			"\"%s\" is not clear as a time: type %s or %s (24-hour), e.g. %sdaily on %s"},
		msgDailyHourNotOffset: {"「%s」已按 %02d:%02d %s 理解；若指的是时区 %s，请用 %s每日一题 开启 %s。",
			"Read \"%s\" as %02d:%02d %s; for the zone %s, type %sdaily on %s."},
		msgDailyZoneDiffers: {"注意：这里的连续天数和周榜按 %s 计算日期；要改用每日一题的时区，管理员可以用 %s时区 %s。",
			"Note: streaks and weekly boards here count days in %s; to count them in the daily's zone, an admin can use %szone %s."},
	})
}

// dailyCommand handles `daily on|off|status|now|reveal`.
func (s *Service) dailyCommand(ctx context.Context, req Request, args []string) Response {
	l := s.langOf(ctx, req)
	if s.dailies == nil {
		return s.unavailable(l, msgDailyUnavailable)
	}
	sub := "status"
	if len(args) > 0 {
		var ok bool
		if sub, args, ok = readDailyWord(args); !ok {
			return s.invalid(l, msgDailyUsage, req.Prefix)
		}
	}
	if sub != "on" && len(args) > 0 {
		// "daily off now" is not daily off with a word to pass over.
		daily, _ := LookupCommand("daily")
		return s.invalid(l, msgExtraWords, daily.NameIn(l)+" "+dailyWordIn(l, sub), clip(strings.Join(args, " "), 40), req.Prefix+daily.Usage(l))
	}
	if sub == "status" {
		return s.dailyStatus(ctx, req, l)
	}
	if r, ok := s.refuseNonAdmin(ctx, req, l, msgAdminOnly); !ok {
		return r
	}
	switch sub {
	case "on":
		return s.dailyOn(ctx, req, l, args)
	case "off":
		d, on, err := s.dailies.Daily(ctx, req.Scope, req.Channel)
		if err == nil && on {
			// Its time is kept, and its zone unless it is the scope's, which
			// it goes on following when turned on again.
			here, zerr := s.scopeZone(ctx, req.Scope, s.now())
			keepZone := zerr != nil || d.Zone != here.name()
			if err = s.dailies.StopDaily(ctx, req.Scope, req.Channel, keepZone); err == nil {
				d.Kept = true
				if !keepZone {
					d.Zone = ""
				}
			}
		}
		if err != nil {
			s.storeFailed(ctx, "turning daily off", err)
			return s.unavailable(l, msgDailyNotSaved)
		}
		if !on {
			return s.private(l, msgDailyAlreadyOff, req.Prefix, s.dailyAgain(ctx, req, d))
		}
		return s.private(l, msgDailyOff, req.Prefix, s.dailyAgain(ctx, req, d))
	case "now":
		return s.dailyNow(ctx, req, l)
	default:
		return s.dailyReveal(ctx, req, l)
	}
}

// dailyOnWordsZH are daily's Chinese words for on, longest first: those a
// time or zone may run into ("开启9点").
var dailyOnWordsZH []string

func init() {
	for word, zh := range dailyWordsZH {
		dailyWords[zh] = word
	}
	for word, sub := range dailyWords {
		if sub == "on" && !textnorm.HasLatin(word) {
			dailyOnWordsZH = append(dailyOnWordsZH, word)
		}
	}
	slices.SortFunc(dailyOnWordsZH, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
}

// dailyWordIn is one of daily's words as a user of language l types it.
func dailyWordIn(l Lang, word string) string {
	if l == LangZH {
		return dailyWordsZH[word]
	}
	return word
}

// dailyWord reads one of daily's words in any case; ok is false for any
// other word.
func dailyWord(word string) (string, bool) {
	w, ok := dailyWords[strings.ToLower(word)]
	return w, ok
}

// readDailyWord reads daily's word at the start of args, and the words
// after it; a time or zone run into a Chinese word for on, as Chinese is
// written ("开启9点", "开启下午3点"), is the first of them.
func readDailyWord(args []string) (sub string, rest []string, ok bool) {
	if sub, ok = dailyWord(args[0]); ok {
		return sub, args[1:], true
	}
	for _, on := range dailyOnWordsZH {
		if glued, cut := strings.CutPrefix(args[0], on); cut && meantForOn(glued) {
			return "on", append([]string{glued}, args[1:]...), true
		}
	}
	return "", nil, false
}

// meantForOn reports whether a word run into `daily on` is one it takes:
// a time, or one mistyped (its reply says what is wrong), or a zone.
func meantForOn(word string) bool {
	_, _, n := timeAt([]string{word}, true)
	_, _, zone := LookupZone(word)
	return n > 0 || startsWithDigit(word) || looksLikeChineseTime(word) || zone
}

// dailyAgain is what `daily on` is typed with to turn a daily off (d, as
// Daily reads it) on again as it was: its time, and its zone where it is
// not the scope's. Never on, it is the default time.
func (s *Service) dailyAgain(ctx context.Context, req Request, d DailySettings) string {
	if !d.Kept && d.Zone == "" {
		return fmt.Sprintf("%02d:%02d", DefaultDailyHour, DefaultDailyMinute)
	}
	again := fmt.Sprintf("%02d:%02d", d.Hour, d.Minute)
	if d.Zone == "" {
		return again // the scope's zone, wherever it is
	}
	if z, err := s.scopeZone(ctx, req.Scope, s.now()); err != nil || d.Zone != z.name() {
		again += " " + zoneLabel(d.Zone)
	}
	return again
}

// dailyOnArgs is what `daily on [HH:MM] [Area/City]` names: a time, a zone,
// either or neither.
type dailyOnArgs struct {
	hour, minute int
	hasTime      bool
	zone         string
	loc          *time.Location
	// hourOrOffset is the zone an hour typed after UTC or GMT ("utc 9",
	// read as 09:00 UTC) would have named as its offset (UTC+9); typed is
	// what was typed.
	hourOrOffset, typed string
}

// parseDailyOn reads `daily on [time] [Area/City]` in either order, zones
// in any case, the time as readTime reads it (in one word or two: "9 am",
// "下午 3点"), or an hour alone before any zone ("9") or right after one
// ("berlin 9"; "utc 9" is 09:00 UTC, said so). Three digits ("930") are
// refused, with the ways to type them. A problem comes with the word at
// fault and, for a mistyped zone or three digits, what was meant.
func parseDailyOn(args []string) (on dailyOnArgs, problem msgKey, bad, suggestion string) {
	var zoneWords []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if hour, minute, n := timeAt(args[i:], len(zoneWords) == 0); n > 0 {
			if on.hasTime {
				// not "not a time": it is one, but a second
				return on, msgDailyTwoTimes, strings.Join(args[i:i+n], " "), ""
			}
			on.hour, on.minute, on.hasTime = hour, minute, true
			i += n - 1
			continue
		}
		if m := threeDigits.FindStringSubmatch(a); m != nil {
			return on, msgDailyThreeDigits, a, "0" + m[1] + ":" + m[2]
		}
		// A word of digits before any zone is a time; after a zone's
		// first word it is the zone's ("utc + 8"), as is an offset
		// ("+08:00", "UTC+5:30"), found or not. A Chinese one
		// ("上午13点") is a time anywhere.
		if len(zoneWords) == 0 && a != "" && (a[0] >= '0' && a[0] <= '9' || a[0] == ':') || looksLikeTime(a) {
			return on, msgDailyBadTime, a, ""
		}
		zoneWords = append(zoneWords, a)
	}
	if len(zoneWords) == 0 {
		return on, "", "", ""
	}
	zone, loc, near, ok := lookupZoneWords(zoneWords)
	if ok {
		on.zone, on.loc = zone, loc
		return on, "", "", ""
	}
	if name, loc, found := LookupZone(zoneWords[0]); found && len(zoneWords) > 1 {
		// A zone, then a bare hour (daily on berlin 9, utc 9): the time.
		// After a bare UTC or GMT it may have meant an offset: the reply
		// says which was read (hourOrOffset).
		if hour, _, n := timeAt(zoneWords[1:], true); n == 1 && len(zoneWords) == 2 && !on.hasTime {
			on.hour, on.minute, on.hasTime, on.zone, on.loc = hour, 0, true, name, loc
			if offsetBase(name) && !strings.ContainsAny(zoneWords[0], "0123456789") {
				on.hourOrOffset, _, _ = LookupZone("UTC+" + zoneWords[1])
				on.typed = strings.Join(zoneWords, " ")
			}
			return on, "", "", ""
		}
		return on, msgDailyOnUsage, strings.Join(zoneWords[1:], " "), "" // a zone, then words daily does not take
	}
	if near != "" {
		return on, msgDailyBadZoneDidYouMean, strings.Join(zoneWords, " "), near
	}
	return on, msgDailyBadZone, strings.Join(zoneWords, " "), ""
}

// offsetBase reports whether a zone is one a number after it may offset:
// UTC, GMT and the Etc zones. Typed with an offset of its own ("utc-5 9"),
// the number after it is no offset (see parseDailyOn).
func offsetBase(name string) bool {
	return name == "UTC" || name == "GMT" || strings.HasPrefix(name, "Etc/")
}

// dailyOn turns the channel's daily on, or changes it: a time left out is
// kept from the channel's settings, or is the default; a zone left out is
// the scope's (`zone`), as the help says, also for a daily posted in
// another zone so far: a team that set its zone after turning the daily
// on gets its daily there by typing `daily on` again. A daily turned off
// comes back as it was (`daily off` says so): its time and its zone, each
// unless typed anew.
func (s *Service) dailyOn(ctx context.Context, req Request, l Lang, args []string) Response {
	on, problem, bad, suggestion := parseDailyOn(args)
	switch problem {
	case "":
	case msgDailyBadZoneDidYouMean:
		// The command meant: the time typed, if any, in the zone suggested.
		meant := suggestion
		if on.hasTime {
			meant = fmt.Sprintf("%02d:%02d %s", on.hour, on.minute, suggestion)
		}
		return s.invalid(l, problem, clip(bad, 40), suggestion, req.Prefix, meant)
	case msgDailyThreeDigits:
		return s.invalid(l, problem, bad, suggestion, strings.Replace(suggestion, ":", "", 1), req.Prefix, suggestion)
	default:
		return s.invalid(l, problem, clip(bad, 40), req.Prefix)
	}
	here, err := s.scopeZone(ctx, req.Scope, s.now())
	if err != nil {
		s.storeFailed(ctx, "reading the scope's zone", err)
		return s.unavailable(l, msgDailyNotSaved)
	}
	d, ok, err := s.dailies.Daily(ctx, req.Scope, req.Channel)
	if err != nil {
		s.storeFailed(ctx, "reading daily", err)
		return s.unavailable(l, msgDailyNotSaved)
	}
	again := !ok && d.Kept // off, with the time (and zone) it had
	was := d.Zone
	if ok {
		d.Zone = here.name()
	} else {
		d = offSettings(d, here.name())
	}
	if on.hasTime {
		d.Hour, d.Minute = on.hour, on.minute
	}
	if on.zone != "" {
		d.Zone = on.zone
	}
	moved := ok && on.zone == "" && was != "" && was != d.Zone
	// Whether the daily's zone begins its days where this scope's do
	// (UTC+8 is Asia/Shanghai's days, another name).
	differs := !sameDays(s.zoneOf(d), here.loc, s.now())
	keptZone := again && on.zone == "" && differs
	d.Platform, d.Scope, d.Channel = req.Platform, req.Scope, req.Channel
	d.Since, d.Lang, d.Prefix, d.Admin = s.now(), string(l), req.Prefix, req.DirectChannel
	if err := s.dailies.SaveDaily(ctx, d); err != nil {
		s.storeFailed(ctx, "turning daily on", err)
		return s.unavailable(l, msgDailyNotSaved)
	}
	loc := s.zoneOf(d)
	next, err := s.nextPost(ctx, d, loc)
	if err != nil {
		// The daily is on: only the promise of its next post is unsure, and
		// the next due time is the best one to give.
		s.storeFailed(ctx, "reading whether the next daily is posted already", err)
		next = nextDaily(d, s.now(), loc)
	}
	r := s.private(l, msgDailyOn, d.Hour, d.Minute, zoneLabel(d.Zone), s.whenText(l, next, loc, here.loc), s.humanDuration(l, s.revealAfter))
	if differs {
		// The daily's zone does not begin its days where this scope's do:
		// say so, rather than change the scope's zone unasked.
		r = withLine(r, s.t(l, msgDailyZoneDiffers, zoneLabel(here.name()), req.Prefix, zoneLabel(d.Zone)))
	}
	if moved {
		// A daily posted in a zone of its own until now moved to the
		// scope's: say so, and how to keep the one it had.
		r = withLine(r, s.t(l, msgDailyZoneMoved, zoneLabel(was), zoneLabel(d.Zone), zoneLabel(was), req.Prefix, d.Hour, d.Minute, zoneLabel(was)))
	}
	if on.hourOrOffset != "" {
		r = withLine(r, s.t(l, msgDailyHourNotOffset, on.typed, d.Hour, d.Minute, zoneLabel(d.Zone), zoneLabel(on.hourOrOffset), req.Prefix, zoneLabel(on.hourOrOffset)))
	}
	if keptZone {
		// Turned on again in the zone it had, not the scope's: say so,
		// and how to have it here.
		r = withLine(r, s.t(l, msgDailyZoneKept, zoneLabel(d.Zone), zoneLabel(here.name()), req.Prefix, d.Hour, d.Minute, zoneLabel(here.name())))
	}
	return r
}

// offSettings is what a daily that is off (d, as Daily reads it) comes
// back with, by `daily on` or `daily now`: the time and zone it kept, the
// scope's zone (here) if it followed it, or the defaults if it kept none.
func offSettings(d DailySettings, here string) DailySettings {
	if !d.Kept {
		d = DailySettings{Hour: DefaultDailyHour, Minute: DefaultDailyMinute}
	}
	if d.Zone == "" {
		d.Zone = here
	}
	return d
}

// nextDaily is the next time a channel's daily is due after now. The
// scheduler moves the channel to it; whether a post is made then is
// decided by its claim (see nextPost).
func nextDaily(d DailySettings, now time.Time, loc *time.Location) time.Time {
	for days := 0; days < 3; days++ {
		at := dailyAt(d, dailyDate(now.AddDate(0, 0, days), loc), loc)
		if at.After(now) && !at.Before(d.Since) {
			return at
		}
	}
	return dailyAt(d, dailyDate(now.AddDate(0, 0, 3), loc), loc)
}

// nextPost is when a channel's daily is next posted: its next due time on
// a date whose daily is not done yet. A date done (by `daily now`, or in
// another zone before `daily on` changed it) is passed over, as the
// scheduler does when it cannot claim the date's post.
func (s *Service) nextPost(ctx context.Context, d DailySettings, loc *time.Location) (time.Time, error) {
	next := nextDaily(d, s.now(), loc)
	// A date is done only on or before today in some zone: two days ahead
	// at most.
	for range 2 {
		done, err := s.dailyDone(ctx, d, dailyDate(next, loc), loc, next)
		if err != nil || !done {
			return next, err
		}
		next = nextDaily(d, next, loc)
	}
	return next, nil
}

// zoneOf is a channel's daily zone; the default zone if it no longer loads.
func (s *Service) zoneOf(d DailySettings) *time.Location {
	if loc, err := time.LoadLocation(d.Zone); err == nil {
		return loc
	}
	return s.zone.loc
}

// whenText shows a time in a zone, its day named for a reader now (today,
// tomorrow, or the date), and in UTC. here is the scope's zone, where its
// readers count their days: where it is on another date than loc now,
// today and tomorrow come with the date.
func (s *Service) whenText(l Lang, t time.Time, loc, here *time.Location) string {
	local, utc := t.In(loc), t.UTC()
	if name, _ := local.Zone(); name == "UTC" {
		// UTC itself: "today at 08:00 UTC", once.
		return s.t(l, msgWhenUTC, s.dayTime(l, t, loc, here, s.now()))
	}
	inUTC := utc.Format("15:04")
	if utc.Format(time.DateOnly) != local.Format(time.DateOnly) {
		inUTC = s.dateIn(l, utc, time.UTC) + " " + inUTC
	}
	return s.t(l, msgWhen, s.dayTime(l, t, loc, here, s.now()), zoneAbbrev(l, local), inUTC)
}

// dayTime names when t is in loc for a reader at ref: today, tomorrow or
// the date, and the time ("明天 01:04", "tomorrow at 01:04"). Where here
// (the team's zone) is on another date than loc at ref, today and tomorrow
// would be a day off for one of the two: it is the date alone ("on Thu
// Dec 3 at 09:30").
func (s *Service) dayTime(l Lang, t time.Time, loc, here *time.Location, ref time.Time) string {
	clock := t.In(loc).Format("15:04")
	today := ref.In(loc)
	if dailyDate(ref, here) == dailyDate(ref, loc) {
		switch dailyDate(t, loc) {
		case dailyDate(today, loc):
			return s.t(l, msgToday, clock)
		case time.Date(today.Year(), today.Month(), today.Day()+1, 12, 0, 0, 0, loc).Format(time.DateOnly):
			return s.t(l, msgTomorrow, clock)
		}
	}
	return s.t(l, msgOnDate, s.dateIn(l, t, loc), clock)
}

// revealTime says when a daily posted on date is revealed, for its note,
// which is read on later days too: the time alone on the post's date,
// else the date and the time.
func (s *Service) revealTime(l Lang, reveal time.Time, loc *time.Location, date string) string {
	clock := reveal.In(loc).Format("15:04")
	if dailyDate(reveal, loc) == date {
		return s.t(l, msgAtTime, clock)
	}
	return s.t(l, msgOnDate, s.dateIn(l, reveal, loc), clock)
}

// dailyStatus tells whether the channel's daily is on, when it is next
// posted, and of its question open for answers, if there is one.
func (s *Service) dailyStatus(ctx context.Context, req Request, l Lang) Response {
	d, on, err := s.dailies.Daily(ctx, req.Scope, req.Channel)
	here := s.shownLocation(ctx, req.Scope)
	loc, next := here, time.Time{}
	if err == nil && on {
		loc = s.zoneOf(d)
		next, err = s.nextPost(ctx, d, loc)
	}
	var p DailyPost
	var open bool
	if err == nil {
		p, open, err = s.openDaily(ctx, req.Scope, req.Channel)
	}
	if err != nil {
		s.storeFailed(ctx, "reading daily", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	var r Response
	switch {
	case on:
		r = s.private(l, msgDailyStatusOn, d.Hour, d.Minute, zoneLabel(d.Zone), s.whenText(l, next, loc, here), s.humanDuration(l, s.revealAfter))
	default:
		if d.Zone != "" && d.Zone != here.String() {
			// Turned off in a zone of its own, which `daily on` brings
			// back.
			r = s.private(l, msgDailyStatusOffKept, req.Prefix, s.dailyAgain(ctx, req, d))
			break
		}
		r = s.private(l, msgDailyStatusOff, req.Prefix, s.dailyAgain(ctx, req, d), zoneLabel(here.String()))
	}
	if open {
		line := s.t(l, msgDailyOpenOf, s.postLabel(l, p.Date), s.whenText(l, p.RevealAt, loc, here))
		if today := dailyDate(s.now(), loc); p.Day() == today && dailyDate(p.PostedAt, loc) == today {
			// Named today and posted today: not a post made in another
			// zone, before today began here, whose name is today's date.
			line = s.t(l, msgDailyOpenToday, s.whenText(l, p.RevealAt, loc, here))
		}
		if p.Pending {
			// Its send was never confirmed: it may not be in the channel.
			line = s.unconfirmed(req, l, p, loc, here)
		}
		r = withLine(r, line)
	}
	return r
}

// openDaily is the channel's daily question still open for answers: its
// latest post, before its reveal time and not revealed (its reveal not
// claimed, by the scheduler or `daily reveal`).
func (s *Service) openDaily(ctx context.Context, scope, channel string) (DailyPost, bool, error) {
	p, ok, err := s.dailies.LastPost(ctx, scope, channel)
	if err != nil || !ok || !s.now().Before(p.RevealAt) {
		return p, false, err
	}
	revealed, err := s.dailies.Claimed(ctx, p.Scope, p.Channel, p.Date, "reveal")
	return p, err == nil && !revealed, err
}

// dailyNow posts today's daily in this channel at once (it then is the
// day's one daily), with the channel's settings (off, those it kept, as
// `daily on` brings them back) or the defaults, through the same claim →
// send → record path as the scheduler.
//
// A delivery handled again (its bot was killed while handling it, and the
// inbox delivered it again) replies as its first handling would have: the
// post its first handling made (DailyPost.Delivery) is told posted, or
// unconfirmed; a claim it won and made nothing of yet is its own again
// (its token is drawn from the delivery), and it posts.
func (s *Service) dailyNow(ctx context.Context, req Request, l Lang) Response {
	if s.daily == nil {
		return s.unavailable(l, msgDailyUnavailable)
	}
	d, ok, err := s.dailies.Daily(ctx, req.Scope, req.Channel)
	if err != nil {
		s.storeFailed(ctx, "reading daily", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	here := s.shownLocation(ctx, req.Scope)
	if !ok {
		// Off: posted as `daily on` would post it.
		d = offSettings(d, here.String())
		d.Platform, d.Scope, d.Channel, d.Lang, d.Prefix = req.Platform, req.Scope, req.Channel, string(l), req.Prefix
	}
	loc := s.zoneOf(d)
	if p, ok := s.postOfDelivery(ctx, req); ok {
		return s.published(req, l, p, p.sendUnconfirmed(), loc, here)
	}
	// A claim whose reply was lost is kept by the scheduler: the user's
	// next `daily now` on this replica, or its next tick, whichever comes
	// first, sends it again as it was, and makes the post if it was won.
	claim := postClaim(d, dailyDate(s.now(), loc), loc, s.now())
	claim.Token = deliveryClaimToken(req)
	taken, err := s.daily.claim(ctx, s.now(), []job{{post: &d, date: claim.Date, loc: loc, action: "post"}}, []DailyClaim{claim})
	if err != nil {
		s.storeFailed(ctx, "claiming daily", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	if taken[0] == "" {
		if again, ok := s.unconfirmedPastGrace(ctx, req, claim.Start); ok {
			return s.postAgain(ctx, req, l, d, again, loc, here)
		}
		return s.dailyPostedAlready(ctx, req, l, d, ok, claim.Start, here)
	}
	p, err := s.daily.publish(context.WithoutCancel(ctx), d, taken[0], loc, req.Delivery)
	return s.published(req, l, p, err, loc, here)
}

// postOfDelivery is the channel's latest daily post when the delivery of
// req made it (DailyPost.Delivery): req is that delivery handled again.
func (s *Service) postOfDelivery(ctx context.Context, req Request) (DailyPost, bool) {
	if req.Delivery == "" {
		return DailyPost{}, false
	}
	p, ok, err := s.dailies.LastPost(ctx, req.Scope, req.Channel)
	if err != nil {
		s.storeFailed(ctx, "reading the daily's post", err)
		return p, false
	}
	return p, ok && p.Delivery == req.Delivery
}

// deliveryClaimToken is the token of a daily claim made for req, drawn
// from its delivery, so that the delivery handled again claims as itself
// (DailyClaim.Token); "" without a delivery.
func deliveryClaimToken(req Request) string {
	if req.Delivery == "" {
		return ""
	}
	return "dlv:" + deliveryID(req.Scope, req.Delivery, deliveryTokenLength)
}

// deliveryTokenLength is how many characters a delivery's claim token has.
const deliveryTokenLength = 26

// published is the reply to a `daily now` whose publish returned p and err.
func (s *Service) published(req Request, l Lang, p DailyPost, err error, loc, here *time.Location) Response {
	switch {
	case errors.Is(err, errSent) && p.Pending:
		// Not "try again": the claim stands, and the question may be there.
		return Response{Notice: s.unconfirmed(req, l, p, loc, here)}
	case errors.Is(err, errSent) && p.MessageID != "":
		// Posted; only its last record failed (it is revealed all the same).
	case err != nil:
		return s.unavailable(l, msgDailyNotPosted)
	}
	return s.notice(l, msgDailyPosted, s.whenText(l, p.RevealAt, loc, here))
}

// unconfirmed says of p, a post whose send the platform never confirmed,
// that it may or may not be in the channel, when its answer is revealed if
// it is, and from when `daily now` posts it again if it is not.
func (s *Service) unconfirmed(req Request, l Lang, p DailyPost, loc, here *time.Location) string {
	return s.t(l, msgDailyUnconfirmed, s.whenText(l, p.RevealAt, loc, here), req.Prefix, req.Prefix, s.whenText(l, p.PostedAt.Add(s.daily.grace), loc, here))
}

// unconfirmedPastGrace is the channel's post of the day that begins at
// dayStart when the platform never confirmed its send (Pending), it is
// still open, and it was sent longer ago than the grace window: every
// attempt of its send is over (a send and its retries take minutes at
// most), and the bot died during it, or its outcome stayed unknown.
func (s *Service) unconfirmedPastGrace(ctx context.Context, req Request, dayStart time.Time) (DailyPost, bool) {
	p, open, err := s.openDaily(ctx, req.Scope, req.Channel)
	if err != nil {
		s.storeFailed(ctx, "reading the daily's post", err)
		return p, false
	}
	return p, open && p.Pending && !p.PostedAt.Before(dayStart) && s.now().Sub(p.PostedAt) > s.daily.grace
}

// postAgain posts again, under its name, the day's post p whose send the
// platform never confirmed (unconfirmedPastGrace): an admin told that it
// may not be in the channel asks for it with `daily now`. It is posted
// again once at most, whoever asks (its own never-released marker): a day
// has two posts at most, the second only when the first was never
// confirmed. A `daily now` that loses is told it was posted again already;
// the same delivery handled again claims as itself (deliveryClaimToken).
// The post made again replaces p's record and reveal (same name); one the
// platform refuses outright gives the day's claim back, as any does.
func (s *Service) postAgain(ctx context.Context, req Request, l Lang, d DailySettings, p DailyPost, loc, here *time.Location) Response {
	again := DailyClaim{Scope: p.Scope, Channel: p.Channel, Date: p.Date, Action: "again", Token: deliveryClaimToken(req)}
	won, err := s.dailies.ClaimAll(ctx, []DailyClaim{again})
	if err != nil {
		s.storeFailed(ctx, "claiming daily", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	if won[0] == "" {
		return s.private(l, msgDailyUnconfirmedAgain, s.postLabel(l, p.Date))
	}
	s.log.Warn("daily question posted again: its first send was never confirmed", "platform", p.Platform, "scope", p.Scope, "channel", p.Channel, "date", p.Date, "first", p.PostedAt)
	posted, err := s.daily.publish(context.WithoutCancel(ctx), d, p.Date, loc, req.Delivery)
	return s.published(req, l, posted, err, loc, here)
}

// dailyReveal reveals the channel's open daily at once, through the same
// path as the scheduler's reveals.
func (s *Service) dailyReveal(ctx context.Context, req Request, l Lang) Response {
	if s.daily == nil {
		return s.unavailable(l, msgDailyUnavailable)
	}
	p, ok, err := s.dailies.LastPost(ctx, req.Scope, req.Channel)
	if err != nil {
		s.storeFailed(ctx, "reading daily", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	if !ok {
		return s.private(l, msgDailyNothingToReveal, req.Prefix)
	}
	claimed, err := s.dailies.Claim(ctx, p.Scope, p.Channel, p.Date, "reveal")
	if err != nil {
		s.storeFailed(ctx, "claiming reveal", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	if !claimed {
		return s.private(l, msgDailyAlreadyRevealed, s.postLabel(l, p.Date))
	}
	if err := s.daily.publishReveal(context.WithoutCancel(ctx), p, true); err != nil {
		return s.unavailable(l, msgDailyNotRevealed)
	}
	return s.notice(l, msgDailyRevealed, s.postLabel(l, p.Date))
}
