package quiz

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

//go:generate go run zonenames_generate.go

// zoneNames (zonenames.go) are written by zonenames_generate.go from Go's
// zone database: the binary embeds the database (time/tzdata), which
// answers a name but lists none, so the list is generated; after a Go
// upgrade adds a zone, go generate ./quiz.

// zonesByFold maps each zone name in lower case to its name.
var zonesByFold = func() map[string]string {
	m := make(map[string]string, len(zoneNames))
	for _, z := range zoneNames {
		m[strings.ToLower(z)] = z
	}
	return m
}()

// cityAreas are the areas whose zones are named after a city; the others
// (US/, Canada/, Brazil/…) are old names of regions ("Brazil/East").
var cityAreas = []string{"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}

// notCities are the last parts of Area/City names that are no city:
// Australia's states and points of the compass.
var notCities = []string{"act", "nsw", "lhi", "north", "south", "west", "east", "queensland", "tasmania", "victoria", "yancowinna"}

// zonesByCity maps a city's name in lower case ("berlin", "new_york") to
// its zone, for the cities one zone alone is named after.
var zonesByCity = func() map[string]string {
	m, seen := make(map[string]string), make(map[string]int)
	for _, z := range zoneNames {
		area, _, _ := strings.Cut(z, "/")
		i := strings.LastIndexByte(z, '/')
		if i < 0 || !slices.Contains(cityAreas, area) || slices.Contains(notCities, strings.ToLower(z[i+1:])) {
			continue
		}
		city := strings.ToLower(z[i+1:])
		seen[city]++
		m[city] = z
	}
	for city, n := range seen {
		if n > 1 {
			delete(m, city)
		}
	}
	return m
}()

// zoneAliases are names people type for a zone that the database names
// otherwise: places in Chinese and English, and the abbreviations people
// use for one place's clock (EST and EDT for New York's, whichever of the
// two is in force; CST, China's and the US's, and BST, Britain's and
// Bangladesh's, are none). The reply names the zone set.
var zoneAliases = map[string]string{
	"北京": "Asia/Shanghai", "北京时间": "Asia/Shanghai", "上海": "Asia/Shanghai", "中国": "Asia/Shanghai",
	"beijing": "Asia/Shanghai", "peking": "Asia/Shanghai", "china": "Asia/Shanghai", "prc": "Asia/Shanghai",
	"深圳": "Asia/Shanghai", "广州": "Asia/Shanghai", "杭州": "Asia/Shanghai", "成都": "Asia/Shanghai",
	"香港": "Asia/Hong_Kong", "台北": "Asia/Taipei", "东京": "Asia/Tokyo", "首尔": "Asia/Seoul",
	"新加坡": "Asia/Singapore", "悉尼": "Australia/Sydney", "莫斯科": "Europe/Moscow",
	"伦敦": "Europe/London", "柏林": "Europe/Berlin", "巴黎": "Europe/Paris", "阿姆斯特丹": "Europe/Amsterdam",
	"纽约": "America/New_York", "旧金山": "America/Los_Angeles", "洛杉矶": "America/Los_Angeles",
	"西雅图": "America/Los_Angeles", "芝加哥": "America/Chicago", "多伦多": "America/Toronto",
	"india": "Asia/Kolkata", "印度": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new_delhi": "Asia/Kolkata",
	"mumbai": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata",
	"san_francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
	"est": "America/New_York", "edt": "America/New_York", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
	"cet": "Europe/Berlin", "cest": "Europe/Berlin", "jst": "Asia/Tokyo",
	"gmt": "UTC", "z": "UTC", "zulu": "UTC", "协调世界时": "UTC", "东八区": "Etc/GMT-8",
}

// maxZoneWords is how many words a zone's name may take ("Rio Branco",
// "Port of Spain"); more is no zone but something else typed after it.
const maxZoneWords = 3

// zoneOffset reads a fixed offset from UTC in whole hours, as people type
// it ("UTC+8", "GMT-5", "+08:00", "utc+0800"), and names its zone in the
// database, whose Etc names count the other way round (UTC+8 is
// Etc/GMT-8). Offsets of half an hour have no such zone.
var zoneOffset = regexp.MustCompile(`^(?:utc|gmt)?([+-])(\d{1,2})(?::?00)?$`)

// offsetZone is the zone of a whole-hour offset typed as zoneOffset reads
// it (folded, without spaces); ok is false for anything else.
func offsetZone(folded string) (string, bool) {
	m := zoneOffset.FindStringSubmatch(folded)
	if m == nil {
		return "", false
	}
	hours, _ := strconv.Atoi(m[2])
	switch {
	case hours == 0:
		return "UTC", true
	case m[1] == "+" && hours <= 14:
		return "Etc/GMT-" + strconv.Itoa(hours), true
	case m[1] == "-" && hours <= 12:
		return "Etc/GMT+" + strconv.Itoa(hours), true
	}
	return "", false
}

// zoneLabel is a zone's name as shown: a fixed offset's Etc name, whose
// sign reads the other way round, as its offset from UTC (Etc/GMT-8 is
// UTC+8, which LookupZone reads back); any other name as it is.
func zoneLabel(name string) string {
	if rest, ok := strings.CutPrefix(name, "Etc/GMT"); ok && len(rest) > 1 && rest != "-0" && rest != "+0" {
		switch rest[0] {
		case '-':
			return "UTC+" + rest[1:]
		case '+':
			return "UTC-" + rest[1:]
		}
	}
	return name
}

// LookupZone finds a time zone by name in any case and width
// ("europe/berlin", "ＵＴＣ"): its canonical IANA name and location. It
// takes Area/City names and UTC, a city one zone is named after ("Berlin",
// "new york"), a place or abbreviation zoneAliases knows ("上海", "EST"),
// a whole-hour offset ("UTC+8"), and an offset with minutes a zone keeps
// all year ("UTC+5:30", Asia/Kolkata). Ambiguous abbreviations such as CST
// are none.
func LookupZone(name string) (string, *time.Location, bool) {
	words := strings.Fields(textnorm.WithoutAccents(textnorm.Fold(name)))
	folded := strings.Join(words, "_")
	z, ok := zonesByFold[folded]
	if !ok {
		z, ok = zoneAliases[folded]
	}
	if !ok && !numbersMeet(words) {
		z, ok = offsetZone(strings.Join(words, ""))
	}
	if !ok {
		z, ok = zonesByCity[folded]
	}
	if !ok && !numbersMeet(words) {
		// An offset with minutes is the zone that keeps it all year, as
		// zoneAbbrev shows that zone's time ("09:30 UTC+5:30").
		var off minutesZone
		off, ok = minutesOffsetZone(strings.Join(words, ""))
		z, ok = off.zone, ok && off.allYear
	}
	if !ok {
		return "", nil, false
	}
	loc, err := time.LoadLocation(z)
	if err != nil {
		return "", nil, false
	}
	return z, loc, true
}

// numbersMeet reports whether a word ending in a digit is followed by one
// starting with a digit: "utc+0 9" is UTC and an hour, not UTC+09.
func numbersMeet(words []string) bool {
	for i := 1; i < len(words); i++ {
		if a := words[i-1]; a[len(a)-1] >= '0' && a[len(a)-1] <= '9' && startsWithDigit(words[i]) {
			return true
		}
	}
	return false
}

// zoneBefore and zoneAfter are the words that may come before and after
// a zone's name without changing it ("in Berlin", "Berlin time").
var (
	zoneBefore = []string{"in", "在"}
	zoneAfter  = []string{"time", "时间"}
)

// lookupZoneWords finds the zone a command's words name ("new york",
// "utc + 8", "in Berlin", "Berlin time"); ok is false when they name none,
// or more than maxZoneWords were typed, with the zone closest to them to
// suggest, if any.
func lookupZoneWords(words []string) (name string, loc *time.Location, suggestion string, ok bool) {
	if len(words) > 1 && slices.Contains(zoneBefore, strings.ToLower(words[0])) {
		words = words[1:]
	}
	if len(words) > 1 && slices.Contains(zoneAfter, strings.ToLower(words[len(words)-1])) {
		words = words[:len(words)-1]
	}
	typed := strings.Join(words, " ")
	if len(words) <= maxZoneWords {
		if name, loc, ok = LookupZone(typed); ok {
			return name, loc, "", true
		}
	}
	return "", nil, SuggestZone(typed), false
}

// ambiguousZones are abbreviations of several zones, each with the one
// this bot's users most likely mean, to suggest, not to set: CST is
// China's (the bot shows Shanghai's time so) and the US Central's, IST
// India's, Ireland's and Israel's, BST Britain's summer and Bangladesh's.
var ambiguousZones = map[string]string{"cst": "Asia/Shanghai", "ist": "Asia/Kolkata", "bst": "Europe/London"}

// minutesOffset is an offset from UTC with minutes ("UTC+5:30",
// "+0545"), which no zone of the database is named after (Etc zones are
// whole hours).
var minutesOffset = regexp.MustCompile(`^(?:utc|gmt)?([+-])0?(\d{1,2}):?([0-5][0-9])$`)

// minutesZone is the zone of an offset with minutes: allYear when the
// zone keeps the offset all year (LookupZone takes the offset for it),
// else only in standard time (the offset suggests it).
type minutesZone struct {
	zone    string
	allYear bool
}

// offsetsWithMinutes are the zones whose standard time is an offset with
// minutes, for each such offset one that keeps it all year or is the best
// known: what a user typing UTC+5:30 means (India's time).
var offsetsWithMinutes = map[string]minutesZone{
	"+5:30": {"Asia/Kolkata", true}, "+5:45": {"Asia/Kathmandu", true}, "+3:30": {"Asia/Tehran", true},
	"+4:30": {"Asia/Kabul", true}, "+6:30": {"Asia/Yangon", true}, "+9:30": {"Australia/Darwin", true},
	"+8:45": {"Australia/Eucla", true}, "+12:45": {"Pacific/Chatham", false},
	"-3:30": {"America/St_Johns", false}, "-9:30": {"Pacific/Marquesas", true},
}

// minutesOffsetZone is the zone of an offset with minutes typed as
// minutesOffset reads it (folded, without spaces).
func minutesOffsetZone(folded string) (minutesZone, bool) {
	m := minutesOffset.FindStringSubmatch(folded)
	if m == nil {
		return minutesZone{}, false
	}
	z, ok := offsetsWithMinutes[m[1]+m[2]+":"+m[3]]
	return z, ok
}

// zoneAbbrev names the zone of a time shown to a reader of language l
// unambiguously: its offset from UTC ("UTC+8", "UTC+5:30") in Chinese,
// and in English where the zone's abbreviation is none (Go writes "+08")
// or names several zones (CST is China's and the US Central's); else
// the abbreviation (CET, EST, JST).
func zoneAbbrev(l Lang, t time.Time) string {
	name, offset := t.Zone()
	_, ambiguous := ambiguousZones[strings.ToLower(name)]
	if l == LangEN && !ambiguous && !strings.ContainsAny(name, "+-0123456789") {
		return name
	}
	sign := "+"
	if offset < 0 {
		sign, offset = "-", -offset
	}
	label := "UTC" + sign + strconv.Itoa(offset/3600)
	if m := offset % 3600 / 60; m != 0 {
		label += fmt.Sprintf(":%02d", m)
	}
	return label
}

// maxZoneTypos is how far a mistyped zone may be from the one suggested:
// one edit in three characters typed, at most three.
const maxZoneTypos = 3

// SuggestZone is the zone closest to a mistyped name ("Europe/Berln",
// "Berlin", "Asia/Shanghia", "new yrok"), or "" when none is close.
func SuggestZone(name string) string {
	typed := textnorm.Fold(name)
	if z, ok := ambiguousZones[typed]; ok {
		return z
	}
	if z, ok := minutesOffsetZone(strings.Join(strings.Fields(typed), "")); ok {
		return z.zone
	}
	// A city is typed in words ("new yrok"), its zone's name has "_".
	typed = strings.Join(strings.Fields(typed), "_")
	best, bestDist := "", min(maxZoneTypos, max(1, utf8.RuneCountInString(typed)/3))+1
	for folded, z := range zonesByFold {
		d := bank.EditDistance(typed, folded)
		if _, city, ok := strings.Cut(folded, "/"); ok && !strings.Contains(typed, "/") && zonesByCity[city[strings.LastIndexByte(city, '/')+1:]] != "" {
			d = min(d, bank.EditDistance(typed, city)) // the city alone, of a city's zone
		}
		if d < bestDist || d == bestDist && z < best {
			best, bestDist = z, d
		}
	}
	return best
}
