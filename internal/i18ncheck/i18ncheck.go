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
	"strings"
	"unicode"
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
		switch format[j] {
		case '%':
		case 'd', 'x', 'c':
			args = append(args, n)
		case 'f', 'g':
			args = append(args, float64(n))
		default:
			args = append(args, word)
		}
		i = j
	}
	return args
}

// prefixVerb is the verb a catalog writes a command after: the platform's
// prefix ("/k8s ", "/" or nothing), %s or %[n]s, run into the command's
// name ("%s每日一题 开启 %s").
var prefixVerb = regexp.MustCompile(`%(?:\[\d+\])?s`)

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
const commandStops = "，。；：？！、（）「」『』“”《》…—·\n,;()\"!?"

// Commands lists the commands a catalog's format writes: each starts at a
// prefix verb run into a word that named reports to be a command's name,
// and ends at a punctuation mark or the text's end ("「%s帮助」查看",
// "%sdaily on %s."). Optional parts ([HH:MM]) are left out, values to give
// (<编号>, a verb) are Wildcard, and alternatives ("off | status",
// "zh|en") are commands of their own.
func Commands(format string, named func(word string) bool) []string {
	var out []string
	for _, at := range prefixVerb.FindAllStringIndex(format, -1) {
		text := commandText(format[at[1]:])
		words := strings.Fields(text)
		if len(words) == 0 || !named(words[0]) {
			continue
		}
		out = append(out, expand(text, words[0])...)
	}
	return out
}

// commandText is the command text starts with: up to the first stop
// outside brackets, or a '.' or ':' that ends a sentence or clause (not
// that of 09:30 or e.g.).
func commandText(text string) string {
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
		}
	}
	return text
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
