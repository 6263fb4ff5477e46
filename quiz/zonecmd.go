package quiz

import (
	"context"
	"slices"
	"strings"
	"time"
)

// The messages of the zone command.
const (
	msgZoneShow          msgKey = "zoneShow"
	msgZoneOwn           msgKey = "zoneOwn"
	msgZoneDefault       msgKey = "zoneDefault"
	msgZoneHowToSet      msgKey = "zoneHowToSet"
	msgZoneHowToReset    msgKey = "zoneHowToReset"
	msgZoneSet           msgKey = "zoneSet"
	msgZoneDailyKept     msgKey = "zoneDailyKept"
	msgZoneReset         msgKey = "zoneReset"
	msgZoneUnchanged     msgKey = "zoneUnchanged"
	msgZoneAdminOnly     msgKey = "zoneAdminOnly"
	msgZoneBad           msgKey = "zoneBad"
	msgZoneBadDidYouMean msgKey = "zoneBadDidYouMean"
	msgZoneNotSaved      msgKey = "zoneNotSaved"
	msgZoneUnavailable   msgKey = "zoneUnavailable"
)

func init() {
	register(map[msgKey]Text{
		msgZoneShow: {"这里的日期和周（连续天数、周榜）按 %s（%s）计算，当地现在是 %s。",
			"Days and weeks here (streaks, the weekly board) are counted in %s (%s); it is %s there now."},
		msgZoneOwn:     {"此处设置", "set here"},
		msgZoneDefault: {"机器人默认", "the bot's default"},
		msgZoneHowToSet: {"管理员可以用「%s时区 <地区/城市>」修改，例如 %s时区 Europe/Berlin。",
			"An admin can change it with %szone <Area/City>, e.g. %szone Europe/Berlin."},
		msgZoneHowToReset: {"「%s时区 默认」恢复机器人默认时区（%s）。", "Type %szone default to go back to the bot's default, %s."},
		msgZoneSet: {"这里的日期和周现在按 %s 计算，当地现在是 %s。已得积分不变；连续天数和周榜从此以当地午夜为一天的开始。",
			"Days and weeks here are now counted in %s, where it is %s. Points earned stay; streaks and the weekly board now begin their days at midnight there."},
		msgZoneDailyKept: {"本频道的每日一题仍按开启时设定的时间和时区（%s）发布；再输入 %s每日一题 开启（可带时间）即改按这里的时区发布。",
			"This channel's daily question keeps the zone it was turned on with (%s); %sdaily on again (with a time, if you like) posts it in this zone."},
		msgZoneReset: {"这里的日期和周恢复按机器人默认时区 %s 计算，当地现在是 %s。",
			"Days and weeks here are counted in the bot's default zone again, %s, where it is %s."},
		msgZoneUnchanged: {"这里的日期和周已经按 %s 计算（当地现在是 %s），没有变化。",
			"Days and weeks here are counted in %s already (it is %s there now): nothing changed."},
		msgZoneAdminOnly: {"只有管理员可以修改这里的时区。任何人都可以用「%s时区」查看。",
			"Only admins can change the time zone here. Anyone can see it with %szone."},
		msgZoneBad: {"时区「%s」无效：请用城市名（上海、柏林）、IANA 时区名（地区/城市）或整点偏移（UTC+8），例如 %s时区 Europe/London",
			"\"%s\" is not a time zone: use a city (Berlin, New York), an IANA name (Area/City) or a whole-hour offset (UTC+8), e.g. %szone Europe/London"},
		msgZoneBadDidYouMean: {"时区「%s」无效，你是想用 %s 吗？例如 %s时区 %s",
			"\"%s\" is not a time zone. Did you mean %s? For example %szone %s"},
		msgZoneNotSaved:    {"暂时无法保存时区，请稍后再试。", "The time zone could not be saved right now; try again in a moment."},
		msgZoneUnavailable: {"暂时无法读取时区，请稍后再试。", "The time zone cannot be read right now; try again in a moment."},
	})
}

// zoneCommand shows the scope's zone (`zone`), or sets it (`zone
// Area/City`, `zone default`; admins only).
func (s *Service) zoneCommand(ctx context.Context, req Request, args []string) Response {
	l := s.langOf(ctx, req)
	now := s.now()
	if len(args) == 0 {
		sz, err := s.readScopeZone(ctx, req.Scope, now)
		if err != nil {
			s.storeFailed(ctx, "reading the scope's zone", err)
			return s.unavailable(l, msgZoneUnavailable)
		}
		whose := s.t(l, msgZoneDefault)
		if sz.own {
			whose = s.t(l, msgZoneOwn)
		}
		r := s.private(l, msgZoneShow, zoneLabel(sz.zone.name()), whose, s.localNow(l, now, sz.zone.loc))
		r = withLine(r, s.t(l, msgZoneHowToSet, req.Prefix, req.Prefix))
		if sz.own {
			r = withLine(r, s.t(l, msgZoneHowToReset, req.Prefix, zoneLabel(s.zone.name())))
		}
		return r
	}
	if r, ok := s.refuseNonAdmin(ctx, req, l, msgZoneAdminOnly); !ok {
		return r
	}
	name, loc, typed := "", s.zone.loc, strings.Join(args, " ")
	if len(args) > 1 || !slices.Contains(zoneDefaultWords, strings.ToLower(args[0])) {
		var near string
		var ok bool
		if name, loc, near, ok = lookupZoneWords(args); !ok {
			if near != "" {
				return s.invalid(l, msgZoneBadDidYouMean, clip(typed, 40), near, req.Prefix, near)
			}
			return s.invalid(l, msgZoneBad, clip(typed, 40), req.Prefix)
		}
	}
	if cur, err := s.readScopeZone(ctx, req.Scope, now); err == nil && cur.own == (name != "") && (name == "" || cur.zone.name() == name) {
		return s.private(l, msgZoneUnchanged, zoneLabel(cur.zone.name()), s.localNow(l, now, cur.zone.loc))
	}
	if err := s.store.SetScopeZone(ctx, req.Scope, name); err != nil {
		s.storeFailed(ctx, "setting the scope's zone", err)
		return s.unavailable(l, msgZoneNotSaved)
	}
	// This replica counts in the new zone at once; others within
	// scopeZoneTTL.
	if name == "" {
		s.zones.put(req.Scope, scopeZone{zone: s.zone}, now)
		return s.private(l, msgZoneReset, zoneLabel(s.zone.name()), s.localNow(l, now, loc))
	}
	s.zones.put(req.Scope, scopeZone{zone: s.zones.shared(loc), own: true, read: name}, now)
	r := s.private(l, msgZoneSet, zoneLabel(name), s.localNow(l, now, loc))
	if s.dailies == nil {
		return r
	}
	if d, on, err := s.dailies.Daily(ctx, req.Scope, req.Channel); err == nil && on && d.Zone != name {
		// Only a daily that is on here, in another zone, is told of.
		r = withLine(r, s.t(l, msgZoneDailyKept, zoneLabel(d.Zone), req.Prefix))
	}
	return r
}

// localNow is the date and time of now in a zone ("Mon Nov 30 16:00 CET",
// "11月30日 周一 16:00 UTC+1"), the zone named as zoneAbbrev names it.
func (s *Service) localNow(l Lang, now time.Time, loc *time.Location) string {
	return s.dateIn(l, now, loc) + " " + now.In(loc).Format("15:04") + " " + zoneAbbrev(l, now.In(loc))
}
