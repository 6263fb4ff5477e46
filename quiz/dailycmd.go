package quiz

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DefaultDailyHour and DefaultDailyMinute are the daily question's time
// when `daily on` names none.
const (
	DefaultDailyHour   = 10
	DefaultDailyMinute = 0
)

var clockTime = regexp.MustCompile(`^([01]?[0-9]|2[0-3]):([0-5][0-9])$`)

// dailyCommand handles `daily on|off|status|now|reveal`.
func (s *Service) dailyCommand(ctx context.Context, req Request, args []string) Response {
	l := s.langOf(ctx, req)
	if s.dailies == nil {
		return s.unavailable(l, msgDailyUnavailable)
	}
	sub := "status"
	if len(args) > 0 {
		sub = strings.ToLower(args[0])
		args = args[1:]
	}
	switch sub {
	case "status":
		return s.dailyStatus(ctx, req, l)
	case "on", "off", "now", "reveal":
	default:
		return s.invalid(l, msgDailyUsage, req.Prefix)
	}
	admin, err := s.isAdmin(ctx, req)
	if err != nil {
		s.log.WarnContext(ctx, "checking admin rights", "platform", req.Platform, "err", err)
		return s.unavailable(l, msgAdminCheckFailed)
	}
	if !admin {
		return s.denied(l, msgAdminOnly, req.Prefix)
	}
	switch sub {
	case "on":
		return s.dailyOn(ctx, req, l, args)
	case "off":
		if err := s.dailies.StopDaily(ctx, req.Scope, req.Channel); err != nil {
			s.storeFailed(ctx, "turning daily off", err)
			return s.unavailable(l, msgDailyNotSaved)
		}
		return s.private(l, msgDailyOff, req.Prefix)
	case "now":
		return s.dailyNow(ctx, req, l)
	default:
		return s.dailyReveal(ctx, req, l)
	}
}

// parseDailyOn reads `daily on [HH:MM] [Area/City]` in either order.
func (s *Service) parseDailyOn(args []string) (hour, minute int, zone string, loc *time.Location, problem msgKey, bad string) {
	hour, minute, zone, loc = DefaultDailyHour, DefaultDailyMinute, s.loc.String(), s.loc
	if len(args) > 2 {
		return 0, 0, "", nil, msgDailyOnUsage, strings.Join(args[2:], " ")
	}
	for _, a := range args {
		if m := clockTime.FindStringSubmatch(a); m != nil {
			hour, _ = strconv.Atoi(m[1])
			minute, _ = strconv.Atoi(m[2])
			continue
		}
		if strings.Contains(a, ":") || a != "" && a[0] >= '0' && a[0] <= '9' {
			return 0, 0, "", nil, msgDailyBadTime, a
		}
		z, err := time.LoadLocation(a)
		if err != nil || (a != "UTC" && !strings.Contains(a, "/")) || strings.EqualFold(a, "local") {
			return 0, 0, "", nil, msgDailyBadZone, a
		}
		zone, loc = z.String(), z
	}
	return hour, minute, zone, loc, "", ""
}

func (s *Service) dailyOn(ctx context.Context, req Request, l Lang, args []string) Response {
	hour, minute, zone, loc, problem, bad := s.parseDailyOn(args)
	if problem != "" {
		return s.invalid(l, problem, clip(bad, 40), req.Prefix)
	}
	d := DailySettings{
		Platform: req.Platform, Scope: req.Scope, Channel: req.Channel,
		Hour: hour, Minute: minute, Zone: zone, Since: s.now(), Lang: string(l), Prefix: req.Prefix,
		Admin: req.DirectChannel,
	}
	if err := s.dailies.SaveDaily(ctx, d); err != nil {
		s.storeFailed(ctx, "turning daily on", err)
		return s.unavailable(l, msgDailyNotSaved)
	}
	next := nextDaily(d, s.now(), loc)
	return s.private(l, msgDailyOn, hour, minute, zone, s.whenText(l, next, loc), s.humanDuration(l, s.revealAfter))
}

// nextDaily is the next time a channel's daily is due after now.
func nextDaily(d DailySettings, now time.Time, loc *time.Location) time.Time {
	for days := 0; days < 3; days++ {
		at := dailyAt(d, dailyDate(now.AddDate(0, 0, days), loc), loc)
		if at.After(now) && !at.Before(d.Since) {
			return at
		}
	}
	return dailyAt(d, dailyDate(now.AddDate(0, 0, 3), loc), loc)
}

// zoneOf is a channel's daily zone; the default zone if it no longer loads.
func (s *Service) zoneOf(d DailySettings) *time.Location {
	if loc, err := time.LoadLocation(d.Zone); err == nil {
		return loc
	}
	return s.loc
}

// whenText shows a time in a zone and in UTC.
func (s *Service) whenText(l Lang, t time.Time, loc *time.Location) string {
	local := t.In(loc)
	return s.t(l, msgWhen, local.Format("2006-01-02 15:04"), local.Format("MST"), t.UTC().Format("15:04"), t.UTC().Format("2006-01-02"))
}

func (s *Service) dailyStatus(ctx context.Context, req Request, l Lang) Response {
	d, ok, err := s.dailies.Daily(ctx, req.Scope, req.Channel)
	if err != nil {
		s.storeFailed(ctx, "reading daily", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	if !ok {
		return s.private(l, msgDailyStatusOff, req.Prefix)
	}
	loc := s.zoneOf(d)
	next := nextDaily(d, s.now(), loc)
	return s.private(l, msgDailyStatusOn, d.Hour, d.Minute, d.Zone, s.whenText(l, next, loc), s.humanDuration(l, s.revealAfter))
}

// dailyNow posts today's daily in this channel at once (it then is the
// day's one daily), with the channel's settings or the defaults, through
// the same claim → send → record path as the scheduler.
func (s *Service) dailyNow(ctx context.Context, req Request, l Lang) Response {
	if s.daily == nil {
		return s.unavailable(l, msgDailyUnavailable)
	}
	d, ok, err := s.dailies.Daily(ctx, req.Scope, req.Channel)
	if err != nil {
		s.storeFailed(ctx, "reading daily", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	if !ok {
		d = DailySettings{
			Platform: req.Platform, Scope: req.Scope, Channel: req.Channel,
			Hour: DefaultDailyHour, Minute: DefaultDailyMinute, Zone: s.loc.String(), Lang: string(l), Prefix: req.Prefix,
		}
	}
	loc := s.zoneOf(d)
	date := dailyDate(s.now(), loc)
	claimed, err := s.dailies.Claim(ctx, d.Scope, d.Channel, date, "post")
	if err != nil {
		s.storeFailed(ctx, "claiming daily", err)
		return s.unavailable(l, msgScoresUnavailable)
	}
	if !claimed {
		return s.private(l, msgDailyAlreadyPosted, date, req.Prefix)
	}
	p, err := s.daily.publish(context.WithoutCancel(ctx), d, date, loc)
	if err != nil {
		return s.unavailable(l, msgDailyNotPosted)
	}
	return s.notice(l, msgDailyPosted, s.whenText(l, p.RevealAt, loc))
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
		return s.private(l, msgDailyAlreadyRevealed, p.Date)
	}
	if err := s.daily.publishReveal(context.WithoutCancel(ctx), p); err != nil {
		return s.unavailable(l, msgDailyNotRevealed)
	}
	return s.notice(l, msgDailyRevealed, p.Date)
}
