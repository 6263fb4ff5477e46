package rich

import "github.com/rivo/uniseg"

// Ellipsis ends a text Clip shortened.
const Ellipsis = "…"

// Prefix is the longest start of s made of whole grapheme clusters (an
// emoji sequence, a flag, a letter with its accents is never cut) whose
// size is at most n: s itself when it fits, "" when not even its first
// cluster does. size measures a piece of text, and what it measures of
// clusters adds up to what it measures of them together, as a count of
// runes (utf8.RuneCountInString) or of UTF-16 units (UTF16Len) does, or
// the length of the text once escaped. Only the clusters up to the cut
// are read.
func Prefix(s string, n int, size func(string) int) string {
	used, end, state := 0, 0, -1
	for rest := s; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if used += size(cluster); used > n {
			break
		}
		end += len(cluster)
	}
	return s[:end]
}

// Clip is s when its size (see Prefix) is at most n, else its longest
// start of whole grapheme clusters that, followed by Ellipsis, is; Ellipsis
// alone when no cluster fits before it.
func Clip(s string, n int, size func(string) int) string {
	if whole := Prefix(s, n, size); len(whole) == len(s) {
		return s
	}
	return Prefix(s, n-size(Ellipsis), size) + Ellipsis
}
