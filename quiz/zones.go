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

// zoneNames are the IANA time zones a daily may be set in: every Area/City
// name of Go's zone database, and UTC. TestZoneNamesAreGosDatabase keeps
// the list equal to $(go env GOROOT)/lib/time/zoneinfo.zip; after a Go
// upgrade adds a zone, regenerate it from that file's names that hold a
// "/" (unzip -Z1 … | grep / | sort).
var zoneNames = append([]string{"UTC"}, strings.Fields(`
Africa/Abidjan Africa/Accra Africa/Addis_Ababa Africa/Algiers Africa/Asmara Africa/Asmera
Africa/Bamako Africa/Bangui Africa/Banjul Africa/Bissau Africa/Blantyre Africa/Brazzaville
Africa/Bujumbura Africa/Cairo Africa/Casablanca Africa/Ceuta Africa/Conakry Africa/Dakar
Africa/Dar_es_Salaam Africa/Djibouti Africa/Douala Africa/El_Aaiun Africa/Freetown Africa/Gaborone
Africa/Harare Africa/Johannesburg Africa/Juba Africa/Kampala Africa/Khartoum Africa/Kigali
Africa/Kinshasa Africa/Lagos Africa/Libreville Africa/Lome Africa/Luanda Africa/Lubumbashi
Africa/Lusaka Africa/Malabo Africa/Maputo Africa/Maseru Africa/Mbabane Africa/Mogadishu
Africa/Monrovia Africa/Nairobi Africa/Ndjamena Africa/Niamey Africa/Nouakchott Africa/Ouagadougou
Africa/Porto-Novo Africa/Sao_Tome Africa/Timbuktu Africa/Tripoli Africa/Tunis Africa/Windhoek
America/Adak America/Anchorage America/Anguilla America/Antigua America/Araguaina
America/Argentina/Buenos_Aires America/Argentina/Catamarca America/Argentina/ComodRivadavia
America/Argentina/Cordoba America/Argentina/Jujuy America/Argentina/La_Rioja
America/Argentina/Mendoza America/Argentina/Rio_Gallegos America/Argentina/Salta
America/Argentina/San_Juan America/Argentina/San_Luis America/Argentina/Tucuman
America/Argentina/Ushuaia America/Aruba America/Asuncion America/Atikokan America/Atka
America/Bahia America/Bahia_Banderas America/Barbados America/Belem America/Belize
America/Blanc-Sablon America/Boa_Vista America/Bogota America/Boise America/Buenos_Aires
America/Cambridge_Bay America/Campo_Grande America/Cancun America/Caracas America/Catamarca
America/Cayenne America/Cayman America/Chicago America/Chihuahua America/Ciudad_Juarez
America/Coral_Harbour America/Cordoba America/Costa_Rica America/Coyhaique America/Creston
America/Cuiaba America/Curacao America/Danmarkshavn America/Dawson America/Dawson_Creek
America/Denver America/Detroit America/Dominica America/Edmonton America/Eirunepe
America/El_Salvador America/Ensenada America/Fort_Nelson America/Fort_Wayne America/Fortaleza
America/Glace_Bay America/Godthab America/Goose_Bay America/Grand_Turk America/Grenada
America/Guadeloupe America/Guatemala America/Guayaquil America/Guyana America/Halifax
America/Havana America/Hermosillo America/Indiana/Indianapolis America/Indiana/Knox
America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Tell_City America/Indiana/Vevay
America/Indiana/Vincennes America/Indiana/Winamac America/Indianapolis America/Inuvik
America/Iqaluit America/Jamaica America/Jujuy America/Juneau America/Kentucky/Louisville
America/Kentucky/Monticello America/Knox_IN America/Kralendijk America/La_Paz America/Lima
America/Los_Angeles America/Louisville America/Lower_Princes America/Maceio America/Managua
America/Manaus America/Marigot America/Martinique America/Matamoros America/Mazatlan
America/Mendoza America/Menominee America/Merida America/Metlakatla America/Mexico_City
America/Miquelon America/Moncton America/Monterrey America/Montevideo America/Montreal
America/Montserrat America/Nassau America/New_York America/Nipigon America/Nome America/Noronha
America/North_Dakota/Beulah America/North_Dakota/Center America/North_Dakota/New_Salem America/Nuuk
America/Ojinaga America/Panama America/Pangnirtung America/Paramaribo America/Phoenix
America/Port-au-Prince America/Port_of_Spain America/Porto_Acre America/Porto_Velho
America/Puerto_Rico America/Punta_Arenas America/Rainy_River America/Rankin_Inlet America/Recife
America/Regina America/Resolute America/Rio_Branco America/Rosario America/Santa_Isabel
America/Santarem America/Santiago America/Santo_Domingo America/Sao_Paulo America/Scoresbysund
America/Shiprock America/Sitka America/St_Barthelemy America/St_Johns America/St_Kitts
America/St_Lucia America/St_Thomas America/St_Vincent America/Swift_Current America/Tegucigalpa
America/Thule America/Thunder_Bay America/Tijuana America/Toronto America/Tortola America/Vancouver
America/Virgin America/Whitehorse America/Winnipeg America/Yakutat America/Yellowknife
Antarctica/Casey Antarctica/Davis Antarctica/DumontDUrville Antarctica/Macquarie Antarctica/Mawson
Antarctica/McMurdo Antarctica/Palmer Antarctica/Rothera Antarctica/South_Pole Antarctica/Syowa
Antarctica/Troll Antarctica/Vostok Arctic/Longyearbyen Asia/Aden Asia/Almaty Asia/Amman Asia/Anadyr
Asia/Aqtau Asia/Aqtobe Asia/Ashgabat Asia/Ashkhabad Asia/Atyrau Asia/Baghdad Asia/Bahrain Asia/Baku
Asia/Bangkok Asia/Barnaul Asia/Beirut Asia/Bishkek Asia/Brunei Asia/Calcutta Asia/Chita
Asia/Choibalsan Asia/Chongqing Asia/Chungking Asia/Colombo Asia/Dacca Asia/Damascus Asia/Dhaka
Asia/Dili Asia/Dubai Asia/Dushanbe Asia/Famagusta Asia/Gaza Asia/Harbin Asia/Hebron
Asia/Ho_Chi_Minh Asia/Hong_Kong Asia/Hovd Asia/Irkutsk Asia/Istanbul Asia/Jakarta Asia/Jayapura
Asia/Jerusalem Asia/Kabul Asia/Kamchatka Asia/Karachi Asia/Kashgar Asia/Kathmandu Asia/Katmandu
Asia/Khandyga Asia/Kolkata Asia/Krasnoyarsk Asia/Kuala_Lumpur Asia/Kuching Asia/Kuwait Asia/Macao
Asia/Macau Asia/Magadan Asia/Makassar Asia/Manila Asia/Muscat Asia/Nicosia Asia/Novokuznetsk
Asia/Novosibirsk Asia/Omsk Asia/Oral Asia/Phnom_Penh Asia/Pontianak Asia/Pyongyang Asia/Qatar
Asia/Qostanay Asia/Qyzylorda Asia/Rangoon Asia/Riyadh Asia/Saigon Asia/Sakhalin Asia/Samarkand
Asia/Seoul Asia/Shanghai Asia/Singapore Asia/Srednekolymsk Asia/Taipei Asia/Tashkent Asia/Tbilisi
Asia/Tehran Asia/Tel_Aviv Asia/Thimbu Asia/Thimphu Asia/Tokyo Asia/Tomsk Asia/Ujung_Pandang
Asia/Ulaanbaatar Asia/Ulan_Bator Asia/Urumqi Asia/Ust-Nera Asia/Vientiane Asia/Vladivostok
Asia/Yakutsk Asia/Yangon Asia/Yekaterinburg Asia/Yerevan Atlantic/Azores Atlantic/Bermuda
Atlantic/Canary Atlantic/Cape_Verde Atlantic/Faeroe Atlantic/Faroe Atlantic/Jan_Mayen
Atlantic/Madeira Atlantic/Reykjavik Atlantic/South_Georgia Atlantic/St_Helena Atlantic/Stanley
Australia/ACT Australia/Adelaide Australia/Brisbane Australia/Broken_Hill Australia/Canberra
Australia/Currie Australia/Darwin Australia/Eucla Australia/Hobart Australia/LHI Australia/Lindeman
Australia/Lord_Howe Australia/Melbourne Australia/NSW Australia/North Australia/Perth
Australia/Queensland Australia/South Australia/Sydney Australia/Tasmania Australia/Victoria
Australia/West Australia/Yancowinna Brazil/Acre Brazil/DeNoronha Brazil/East Brazil/West
Canada/Atlantic Canada/Central Canada/Eastern Canada/Mountain Canada/Newfoundland Canada/Pacific
Canada/Saskatchewan Canada/Yukon Chile/Continental Chile/EasterIsland Etc/GMT Etc/GMT+0 Etc/GMT+1
Etc/GMT+10 Etc/GMT+11 Etc/GMT+12 Etc/GMT+2 Etc/GMT+3 Etc/GMT+4 Etc/GMT+5 Etc/GMT+6 Etc/GMT+7
Etc/GMT+8 Etc/GMT+9 Etc/GMT-0 Etc/GMT-1 Etc/GMT-10 Etc/GMT-11 Etc/GMT-12 Etc/GMT-13 Etc/GMT-14
Etc/GMT-2 Etc/GMT-3 Etc/GMT-4 Etc/GMT-5 Etc/GMT-6 Etc/GMT-7 Etc/GMT-8 Etc/GMT-9 Etc/GMT0
Etc/Greenwich Etc/UCT Etc/UTC Etc/Universal Etc/Zulu Europe/Amsterdam Europe/Andorra
Europe/Astrakhan Europe/Athens Europe/Belfast Europe/Belgrade Europe/Berlin Europe/Bratislava
Europe/Brussels Europe/Bucharest Europe/Budapest Europe/Busingen Europe/Chisinau Europe/Copenhagen
Europe/Dublin Europe/Gibraltar Europe/Guernsey Europe/Helsinki Europe/Isle_of_Man Europe/Istanbul
Europe/Jersey Europe/Kaliningrad Europe/Kiev Europe/Kirov Europe/Kyiv Europe/Lisbon
Europe/Ljubljana Europe/London Europe/Luxembourg Europe/Madrid Europe/Malta Europe/Mariehamn
Europe/Minsk Europe/Monaco Europe/Moscow Europe/Nicosia Europe/Oslo Europe/Paris Europe/Podgorica
Europe/Prague Europe/Riga Europe/Rome Europe/Samara Europe/San_Marino Europe/Sarajevo
Europe/Saratov Europe/Simferopol Europe/Skopje Europe/Sofia Europe/Stockholm Europe/Tallinn
Europe/Tirane Europe/Tiraspol Europe/Ulyanovsk Europe/Uzhgorod Europe/Vaduz Europe/Vatican
Europe/Vienna Europe/Vilnius Europe/Volgograd Europe/Warsaw Europe/Zagreb Europe/Zaporozhye
Europe/Zurich Indian/Antananarivo Indian/Chagos Indian/Christmas Indian/Cocos Indian/Comoro
Indian/Kerguelen Indian/Mahe Indian/Maldives Indian/Mauritius Indian/Mayotte Indian/Reunion
Mexico/BajaNorte Mexico/BajaSur Mexico/General Pacific/Apia Pacific/Auckland Pacific/Bougainville
Pacific/Chatham Pacific/Chuuk Pacific/Easter Pacific/Efate Pacific/Enderbury Pacific/Fakaofo
Pacific/Fiji Pacific/Funafuti Pacific/Galapagos Pacific/Gambier Pacific/Guadalcanal Pacific/Guam
Pacific/Honolulu Pacific/Johnston Pacific/Kanton Pacific/Kiritimati Pacific/Kosrae
Pacific/Kwajalein Pacific/Majuro Pacific/Marquesas Pacific/Midway Pacific/Nauru Pacific/Niue
Pacific/Norfolk Pacific/Noumea Pacific/Pago_Pago Pacific/Palau Pacific/Pitcairn Pacific/Pohnpei
Pacific/Ponape Pacific/Port_Moresby Pacific/Rarotonga Pacific/Saipan Pacific/Samoa Pacific/Tahiti
Pacific/Tarawa Pacific/Tongatapu Pacific/Truk Pacific/Wake Pacific/Wallis Pacific/Yap US/Alaska
US/Aleutian US/Arizona US/Central US/East-Indiana US/Eastern US/Hawaii US/Indiana-Starke
US/Michigan US/Mountain US/Pacific US/Samoa
`)...)

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
