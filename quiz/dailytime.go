package quiz

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The times of day `daily on` reads besides 24-hour HH:MM (and H.MM,
// HHMM): 12-hour English ("9am", "9:30 pm", "9.30pm", "12 a.m."), with the
// hour marked ("9h30", "9 o'clock"), named (noon, midnight, 中午), Chinese ("9点", "9点30", "9点30分",
// "下午3点半", "晚上8点一刻", "中午12点", "上午九点"), and a bare hour ("9")
// where no zone can read it (see parseDailyOn). Full-width digits and
// colons are half-width already (textnorm.Input).

// twelveHour is a 12-hour English time: its hour, minutes (after a colon
// or a dot, "9.30pm") and a.m. or p.m.
var twelveHour = regexp.MustCompile(`^(\d{1,2})(?:[:.]([0-5][0-9]))?([ap])\.?m\.?$`)

// hourMarked is a 24-hour time with its hour marked, as it is written in
// much of Europe ("9h30", "21h") or said ("9 o'clock", typed in one word
// or two).
var hourMarked = regexp.MustCompile(`^([01]?[0-9]|2[0-3])(?:h([0-5][0-9])?|o['’]?clock)$`)

// namedTimes are the times of day typed as a word.
var namedTimes = map[string][2]int{
	"noon": {12, 0}, "midday": {12, 0}, "midnight": {0, 0},
	"中午": {12, 0}, "正午": {12, 0}, "午夜": {0, 0}, "半夜": {0, 0},
}

// bareHour is an hour alone, 0 to 23.
var bareHour = regexp.MustCompile(`^([01]?[0-9]|2[0-3])$`)

// compactTime is a 24-hour time typed without a colon: with a dot, as
// many write it ("9.30", "21.30"), or in four digits ("0930", "2130").
var compactTime = regexp.MustCompile(`^(?:([01]?[0-9]|2[0-3])\.|([01][0-9]|2[0-3]))([0-5][0-9])$`)

// threeDigits is a time in three digits ("930"): 09:30, or a four-digit
// time short of a digit (19:30)? It is refused, with the ways to type it.
var threeDigits = regexp.MustCompile(`^([0-9])([0-5][0-9])$`)

// dayPart is the part of the day a Chinese time is said in, which tells
// how its hour reads on a 24-hour clock.
type dayPart int

const (
	anyTime   dayPart = iota // none said: the hour is a 24-hour one
	morning                  // 上午, 早上: a.m.; 12 is noon
	smallHour                // 凌晨: a.m.; 12 is midnight
	noon                     // 中午: 11 to 12, then 1 to 3 p.m.
	afternoon                // 下午, 傍晚: p.m.; 12 is noon
	night                    // 晚上, 夜里: p.m.; 12 is midnight
)

// dayParts are the words of the parts of the day, longest first, so that
// 早上 is read before 早.
var dayParts = []struct {
	word string
	part dayPart
}{
	{"上午", morning}, {"早上", morning}, {"早晨", morning}, {"清晨", morning}, {"凌晨", smallHour},
	{"中午", noon}, {"下午", afternoon}, {"傍晚", afternoon}, {"晚上", night}, {"夜里", night},
	{"夜间", night}, {"早", morning}, {"晚", night},
}

// hourMarks end a Chinese hour ("9点"); minuteMarks end its minutes. A
// traditional 點 or 時 is simplified already (textnorm.Input).
var (
	hourMarks   = []string{"点钟", "点", "时"}
	minuteMarks = []string{"分钟", "分"}
)

// cutDayPart cuts the part of the day a word starts with.
func cutDayPart(word string) (dayPart, string) {
	for _, p := range dayParts {
		if rest, ok := strings.CutPrefix(word, p.word); ok {
			return p.part, rest
		}
	}
	return anyTime, word
}

// readTime reads a time of day typed in one word (HH:MM, H.MM, HHMM,
// 12-hour English, Chinese), not a bare hour; ok is false for anything
// else.
func readTime(word string) (hour, minute int, ok bool) {
	if m := clockTime.FindStringSubmatch(word); m != nil {
		hour, _ = strconv.Atoi(m[1])
		minute, _ = strconv.Atoi(m[2])
		return hour, minute, true
	}
	if m := compactTime.FindStringSubmatch(word); m != nil {
		hour, _ = strconv.Atoi(m[1] + m[2]) // one of the two is empty
		minute, _ = strconv.Atoi(m[3])
		return hour, minute, true
	}
	if t, ok := namedTimes[strings.ToLower(word)]; ok {
		return t[0], t[1], true
	}
	if m := hourMarked.FindStringSubmatch(strings.ToLower(word)); m != nil {
		hour, _ = strconv.Atoi(m[1])
		minute, _ = strconv.Atoi(m[2]) // 0 when empty
		return hour, minute, true
	}
	if m := twelveHour.FindStringSubmatch(strings.ToLower(word)); m != nil {
		hour, _ = strconv.Atoi(m[1])
		minute, _ = strconv.Atoi(m[2])
		if hour < 1 || hour > 12 {
			return 0, 0, false
		}
		hour %= 12
		if m[3] == "p" {
			hour += 12
		}
		return hour, minute, true
	}
	return readChineseTime(word)
}

// readChineseTime reads a Chinese time: a part of the day, if any, then
// the hour, in digits or Chinese numerals, with 点 (or 时) and the
// minutes (30, 30分, 半, 一刻, 三刻, 整), or HH:MM, or, after a part of the
// day, an hour alone ("下午3").
func readChineseTime(word string) (hour, minute int, ok bool) {
	part, rest := cutDayPart(word)
	if m := clockTime.FindStringSubmatch(rest); m != nil && part != anyTime {
		hour, _ = strconv.Atoi(m[1])
		minute, _ = strconv.Atoi(m[2])
		return onClock(part, hour, minute)
	}
	hourText, minutes, marked := "", "", false
	for _, mark := range hourMarks {
		if h, m, found := strings.Cut(rest, mark); found {
			hourText, minutes, marked = h, m, true
			break
		}
	}
	if !marked {
		if part == anyTime {
			return 0, 0, false // "9" is read as a bare hour, where one may be
		}
		hourText = rest
	}
	if hour, ok = number(hourText); !ok {
		return 0, 0, false
	}
	switch minutes {
	case "", "整":
	case "半":
		minute = 30
	case "一刻":
		minute = 15
	case "三刻":
		minute = 45
	default:
		for _, mark := range minuteMarks {
			if m, cut := strings.CutSuffix(minutes, mark); cut {
				minutes = m
				break
			}
		}
		if minute, ok = number(minutes); !ok || minute > 59 {
			return 0, 0, false
		}
	}
	return onClock(part, hour, minute)
}

// onClock is an hour said in a part of the day on a 24-hour clock.
func onClock(part dayPart, hour, minute int) (int, int, bool) {
	switch {
	case hour > 23:
		return 0, 0, false
	case part == anyTime:
	case hour > 12:
		// A 24-hour hour said with its part of the day ("下午15点") is
		// that hour, if it is in that part.
		if part != afternoon && part != night {
			return 0, 0, false
		}
	case part == morning && hour == 12, part == afternoon && hour == 12:
		// noon
	case part == morning, part == smallHour:
		hour %= 12
	case part == noon:
		switch {
		case hour == 11 || hour == 12:
		case hour >= 1 && hour <= 3:
			hour += 12
		default:
			return 0, 0, false
		}
	case part == night && hour == 12:
		hour = 0
	default: // afternoon, night
		if hour == 0 {
			return 0, 0, false
		}
		hour += 12
	}
	return hour, minute, true
}

// digitsOnly is a number of one or two digits.
var digitsOnly = regexp.MustCompile(`^[0-9]{1,2}$`)

// number reads a number from 0 to 99 in one or two digits or in Chinese
// numerals (九, 十二, 二十三, 零五; see chineseDigits).
func number(s string) (int, bool) {
	if digitsOnly.MatchString(s) {
		n, _ := strconv.Atoi(s)
		return n, true
	}
	rs := []rune(s)
	digit := func(r rune) (int, bool) { d, ok := chineseDigits[r]; return d, ok }
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		return digit(rs[0])
	case len(rs) == 2 && rs[0] == '十': // 十二
		d, ok := digit(rs[1])
		return 10 + d, ok && d > 0
	case len(rs) == 2 && rs[1] == '十': // 二十
		d, ok := digit(rs[0])
		return d * 10, ok && d > 0
	case len(rs) == 2 && (rs[0] == '零' || rs[0] == '〇'): // 零五
		return digit(rs[1])
	case len(rs) == 3 && rs[1] == '十': // 二十三
		t, ok := digit(rs[0])
		o, ok2 := digit(rs[2])
		return t*10 + o, ok && ok2 && t > 0 && o > 0
	}
	return 0, false
}

// timeAt reads a time at the start of words, in one word or two ("9 am",
// "9:30 pm", "下午 3点", "9点 半"), or, where bare is true, an hour alone,
// after a word that says a time follows ("at 9"), if any;
// n is how many words it took, 0 for none.
func timeAt(words []string, bare bool) (hour, minute, n int) {
	if len(words) > 1 && slices.Contains(timeWords, strings.ToLower(words[0])) {
		// "at 9": what follows is a time, an hour alone too.
		if hour, minute, n := timeAt(words[1:], true); n > 0 {
			return hour, minute, n + 1
		}
	}
	if len(words) > 1 && joins(words[0], words[1]) {
		if hour, minute, ok := readTime(words[0] + words[1]); ok {
			return hour, minute, 2
		}
	}
	if hour, minute, ok := readTime(words[0]); ok {
		return hour, minute, 1
	}
	if m := bareHour.FindStringSubmatch(words[0]); bare && m != nil {
		hour, _ = strconv.Atoi(m[1])
		return hour, 0, 1
	}
	return 0, 0, 0
}

// joins says whether two words may be one time typed with a space: a
// part of the day and its time ("下午 3点"), a time and what ends it ("9
// am", "9 点"), a Chinese hour and its minutes ("9点 30分"); not two
// numbers ("1 2点" is no 12点).
func joins(a, b string) bool {
	if part, rest := cutDayPart(a); part != anyTime && rest == "" {
		return true
	}
	if !startsWithDigit(b) {
		return true
	}
	return slices.ContainsFunc(hourMarks, func(m string) bool { return strings.HasSuffix(a, m) })
}

// looksLikeChineseTime says whether a word that is no time was meant for
// one: it starts with a part of the day, or has digits and an hour mark
// ("上午13点", "9点99"); zones have neither (北京时间 has no digit).
func looksLikeChineseTime(word string) bool {
	if part, _ := cutDayPart(word); part != anyTime {
		return true
	}
	return strings.ContainsAny(word, "0123456789") && slices.ContainsFunc(hourMarks, func(m string) bool { return strings.Contains(word, m) })
}

// timeOfDayWords are English words of a time or a day that `daily on`
// does not read ("half past nine", "tomorrow 9", "9 in the morning"):
// typed, they are a time not understood, not a zone. No zone's name has
// one (TestTimeWordsNameNoZone).
var timeOfDayWords = []string{
	"half", "quarter", "past", "till", "o'clock", "oclock", "am", "pm", "a.m.", "p.m.", "hours", "hrs",
	"today", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "everyday", "daily",
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"fifteen", "thirty", "forty-five",
}

// looksLikeTime says whether a word that is no time was meant for one: a
// Chinese time mistyped (looksLikeChineseTime) or an English word of a
// time or a day (timeOfDayWords).
func looksLikeTime(word string) bool {
	return looksLikeChineseTime(word) || slices.Contains(timeOfDayWords, strings.ToLower(word))
}
