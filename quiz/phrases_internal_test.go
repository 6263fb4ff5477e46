package quiz

import (
	"maps"
	"slices"
	"testing"
)

// TestPhrases: every typed phrase (phrases.go) is written as phraseLine
// leaves a line, so that it is read however it is typed — in capitals,
// after a slash, with a closing mark — and once in its set; the sets that
// a part of another is derived from hold it; and no line typed alone means
// two things: it is in one of the sets read from a whole line at most, and
// no command.
func TestPhrases(t *testing.T) {
	lines := map[string][]string{
		"skipWords": skipWords, "nextWords": nextWords, "stopWords": stopWords,
		"showLabels": showLabels, "submitLabels": submitLabels, "yesWords": yesWords, "noWords": noWords,
		"greetings": greetings, "thanks": thanks, "questionPleas": questionPleas,
	}
	all := map[string][]string{
		"dontKnowWords": dontKnowWords, "leaveWords": leaveWords, "meWords": meWords, "helpPleas": helpPleas,
		"askPleas": askPleas, "operatorWords": operatorWords, "zoneDefaultWords": zoneDefaultWords, "timeWords": timeWords,
		"searchFillers": searchFillers, "topicFillers": topicFillers, "gluedFillers": gluedFillers,
		"questionOpeners": questionOpeners, "questionParts": questionParts,
		"dailyWords": slices.Sorted(maps.Keys(dailyWords)), "dailyWordsZH": slices.Sorted(maps.Values(dailyWordsZH)),
	}
	maps.Copy(all, lines)
	for name, set := range all {
		if len(set) == 0 {
			t.Errorf("%s is empty", name)
		}
		for i, p := range set {
			if got := phraseLine(p); got != p {
				t.Errorf("%s: %q is read as %q: it is never typed", name, p, got)
			}
			if got := phraseLine(" /" + p + "! "); got != p {
				t.Errorf("%s: %q typed after a slash, with a mark, is read as %q", name, p, got)
			}
			if slices.Contains(set[:i], p) {
				t.Errorf("%s: %q twice", name, p)
			}
		}
	}
	for part, whole := range map[string]string{"dontKnowWords": "skipWords", "leaveWords": "stopWords", "gluedFillers": "topicFillers", "meWords": "askPleas"} {
		for _, p := range all[part] {
			if !slices.Contains(all[whole], p) {
				t.Errorf("%q of %s is not in %s", p, part, whole)
			}
		}
	}
	meaning := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(lines)) {
		for _, p := range lines[name] {
			if other, ok := meaning[p]; ok {
				t.Errorf("%q typed alone means two things: it is in %s and %s", p, other, name)
			}
			meaning[p] = name
			noCommand(t, p)
		}
	}
}

// TestOnePhraseLine: phraseLine reads a line as the phrases are written:
// folded, in ASCII forms, without Slack's command, a leading slash, a
// closing mark or particle, commas taken for spaces, a typographic
// apostrophe for a plain one.
func TestOnePhraseLine(t *testing.T) {
	for typed, want := range map[string]string{
		"  SKIP  ":          "skip",
		"/skip!":            "skip",
		"k8s skip":          "skip",
		"跳过吧。":              "跳过",
		"跳过 吧":              "跳过",
		"ｓｈｏｗ　ａｎｓｗｅｒ？":      "show answer",
		"Yes, forget me!":   "yes forget me",
		"确定，删除":             "确定 删除",
		"I don’t know~":     "i don't know",
		"skip the question": "skip the question",
		"pv":                "pv",
	} {
		if got := phraseLine(typed); got != want {
			t.Errorf("phraseLine(%q) = %q, want %q", typed, got, want)
		}
	}
}
