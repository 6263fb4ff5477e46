// Package i18ncheck checks rendered interface text for the catalogs' tests:
// English left in Chinese text, and English counts in the wrong number
// ("1 days"). Every catalog (the core's, each adapter's own) renders its
// messages with sample arguments and hands them here.
package i18ncheck

import (
	"fmt"
	"regexp"
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
