// Package i18ncheck checks rendered interface text for the catalogs' tests:
// English left in Chinese text, and English counts in the wrong number
// ("1 days"). Every catalog (the core's, each adapter's own) renders its
// messages with sample arguments and hands them here; it also finds the
// commands a catalog's format names (Commands), which internal/commandcheck
// types through the core.
package i18ncheck

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// latinWord is a run of Latin letters, with the joiners that keep an
// identifier or a name together ("Asia/Shanghai", "Ctrl-D", "HH:MM").
var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*(?:[-_./:'][A-Za-z0-9]+)*`)

// Identifier reports whether a Latin word is one Chinese text keeps as it
// is: an acronym (UTC, IANA, HH:MM), a name in CamelCase (ConfigMap), or a
// path, zone or key (Asia/Shanghai, Ctrl-D, kube-proxy).
func Identifier(word string) bool {
	if strings.ContainsAny(word, "/_.:-") || strings.ContainsFunc(word, unicode.IsDigit) {
		return true
	}
	upper := 0
	for _, r := range word {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper == len(word) || upper >= 2
}

// Untranslated lists the Latin words of Chinese text that are neither
// identifiers nor accepted by term (command names, Kubernetes terms), each
// with its sentence: English left in Chinese output.
func Untranslated(zh string, term func(word string) bool) []string {
	var out []string
	for _, w := range latinWord.FindAllString(zh, -1) {
		if Identifier(w) || term(w) || term(strings.ToLower(w)) {
			continue
		}
		out = append(out, fmt.Sprintf("%q in %q", w, zh))
	}
	return out
}

// countedPlural is a count of one followed by a word in the plural. The
// words ending in s that are not plurals are filtered in WrongNumber.
var countedPlural = regexp.MustCompile(`(?:^|[^\d.,:#])1 ([a-z]+s)\b`)

// notPlural are words ending in s that may follow a "1" in a sentence.
var notPlural = map[string]bool{"is": true, "was": true, "has": true, "does": true, "its": true, "this": true, "as": true, "us": true, "plus": true}

// WrongNumber lists the "1 days"-style counts of English text.
func WrongNumber(en string) []string {
	var out []string
	for _, m := range countedPlural.FindAllStringSubmatch(en, -1) {
		if !notPlural[m[1]] {
			out = append(out, fmt.Sprintf("%q in %q", strings.TrimSpace(m[0]), en))
		}
	}
	return out
}

// SampleArgs are arguments for every verb of a fmt format: n for integers,
// word for strings and anything else. A catalog's test renders each message
// with them (n = 1 finds the wrong numbers).
func SampleArgs(format string, n int, word string) []any {
	var args []any
	for _, v := range verbsOf(format) {
		switch v.kind {
		case 'd', 'x', 'c':
			args = append(args, n)
		case 'f', 'g':
			args = append(args, float64(n))
		default:
			args = append(args, word)
		}
	}
	return args
}

// verb is a verb of a fmt format: where it ends, its letter, and the
// argument it takes (from 0).
type verb struct {
	end  int
	kind byte
	arg  int
}

// argIndex is the explicit argument index of a verb ("[2]" of %[2]s).
var argIndex = regexp.MustCompile(`\[(\d+)\]`)

// verbsOf lists the verbs of format (%% is none), each with the argument
// fmt gives it: the next one, or the one its index names.
func verbsOf(format string) []verb {
	var out []verb
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]", format[j]) >= 0 {
			j++
		}
		if j == len(format) {
			break
		}
		if format[j] != '%' {
			if m := argIndex.FindAllStringSubmatch(format[i:j], -1); m != nil {
				index, _ := strconv.Atoi(m[len(m)-1][1])
				next = index - 1
			}
			out = append(out, verb{end: j + 1, kind: format[j], arg: next})
			next++
		}
		i = j
	}
	return out
}

// Prefixes are the arguments by which the formats of a text (one in each
// language) write the platform's prefix ("/k8s ", "/" or nothing) before a
// command: those of a %s run into a Latin word ("%sdaily"), or into a word
// named reports to be a command's name ("%s每日一题"). An argument is the
// same in each language, so a Chinese command misspelt ("%s每日一提") is
// found by its English one.
func Prefixes(named func(word string) bool, formats ...string) map[int]bool {
	prefix := map[int]bool{}
	for _, format := range formats {
		for _, v := range verbsOf(format) {
			rest := format[v.end:]
			if first := firstWord(rest); v.kind == 's' && (startsLatin(rest) || first != "" && named(first)) {
				prefix[v.arg] = true
			}
		}
	}
	return prefix
}

// startsLatin reports whether text starts with a Latin letter.
func startsLatin(text string) bool {
	return text != "" && (text[0] >= 'a' && text[0] <= 'z' || text[0] >= 'A' && text[0] <= 'Z')
}

// firstWord is the first word of the command text starts with, or "" if
// text starts with no letter (a %s that ends a phrase: "「%s」").
func firstWord(text string) string {
	r, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsLetter(r) {
		return ""
	}
	words := strings.Fields(commandText(text, nil))
	if len(words) == 0 {
		return ""
	}
	return words[0]
}

// anyVerb is any fmt verb: within a command, an argument the code fills.
var anyVerb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*[a-z]`)

// optional and placeholder are a usage's optional part ([主题]) and a value
// to give (<编号>).
var (
	optional    = regexp.MustCompile(`\[[^\]]*\]`)
	placeholder = regexp.MustCompile(`<[^>]*>`)
)

// Wildcard stands, in a command Commands lists, for a value the message
// leaves to the user (<编号>) or to the code (a verb): any value of the
// right kind.
const Wildcard = "*"

// commandStops end a command written in running text: Chinese punctuation
// and quotes, and the ASCII marks that end a clause.
const commandStops = "，。；：？！、（）「」『』“”‘’《》…—·\n,;()\"!?`"

// EnglishProse are the words that start an English sentence's prose after
// the command it names ("Type %stopics for all of them"): no command takes
// them. Chinese prose has none: a Chinese command runs to a punctuation
// mark.
var EnglishProse = []string{"and", "or", "for", "to", "then", "with", "if", "when", "so", "but", "as", "again", "instead", "any", "anytime", "anywhere", "in", "at"}

// Commands lists the commands a catalog's format writes: each starts at a
// %s of an argument of prefix (Prefixes) run into a word, and ends at a
// punctuation mark, the text's end, or a word of prose after its name, of
// the format's language ("「%s帮助」查看", "%sdaily on %s.", "%stopics for
// all" with EnglishProse). Optional parts ([HH:MM]) are left out, values
// to give (<编号>, a verb) are Wildcard, and alternatives ("off | status",
// "zh|en") are commands of their own. A word after a prefix that is no
// command's name is listed as a command all the same: it is one misspelt.
func Commands(format string, prefix map[int]bool, prose []string) []string {
	var out []string
	for _, v := range verbsOf(format) {
		if v.kind != 's' || !prefix[v.arg] {
			continue
		}
		if name := firstWord(format[v.end:]); name != "" {
			out = append(out, expand(commandText(format[v.end:], prose), name)...)
		}
	}
	return out
}

// commandText is the command text starts with: up to the first stop
// outside brackets, a '.' or ':' that ends a sentence or clause (not that
// of 09:30 or e.g.), or a word of prose after the command's name.
func commandText(text string, prose []string) string {
	depth := 0
	for i, r := range text {
		switch {
		case r == '[' || r == '<':
			depth++
		case r == ']' || r == '>':
			depth--
		case depth > 0:
		case strings.ContainsRune(commandStops, r):
			return text[:i]
		case (r == '.' || r == ':') && (i+1 == len(text) || text[i+1] == ' '):
			return text[:i]
		case r == ' ' && slices.Contains(prose, wordAt(text[i+1:])):
			return text[:i]
		}
	}
	return text
}

// wordAt is the Latin word text starts with.
func wordAt(text string) string {
	end := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return text
	}
	return text[:end]
}

// expand is a command text as the commands it stands for, with name its
// first word.
func expand(text, name string) []string {
	text = optional.ReplaceAllString(text, "")
	text = placeholder.ReplaceAllString(text, Wildcard)
	text = anyVerb.ReplaceAllString(text, Wildcard)
	words := strings.Fields(text)
	for i, w := range words {
		if strings.Contains(w, Wildcard) {
			words[i] = Wildcard // %02d:%02d is one value
		}
	}
	var out []string
	for i, alt := range strings.Split(strings.Join(words, " "), " | ") {
		if first, _, _ := strings.Cut(alt, " "); i > 0 && first != name {
			alt = name + " " + alt // "off" of "daily on | off"
		}
		out = append(out, alternatives(strings.Fields(alt))...)
	}
	return out
}

// alternatives are the commands of words whose word "zh|en" offers
// alternatives: one for each.
func alternatives(words []string) []string {
	for i, w := range words {
		if strings.Contains(w, "|") {
			var out []string
			for _, alt := range strings.Split(w, "|") {
				out = append(out, alternatives(append(append(slices.Clone(words[:i]), alt), words[i+1:]...))...)
			}
			return out
		}
	}
	return []string{strings.Join(words, " ")}
}
