package quiz

// IsSkipLine is isSkipLine, for the tests of package quiz_test.
var IsSkipLine = isSkipLine

// CatalogTexts are every text of the core that names commands, for the
// tests of package quiz_test: the catalog's messages, and each command's
// usage (after the platform's prefix, as help shows it) and help.
func CatalogTexts() []Text {
	var texts []Text
	for _, m := range catalog {
		texts = append(texts, m)
	}
	for _, c := range commandTable {
		texts = append(texts, Text{"%s" + c.usage.ZH, "%s" + c.usage.EN}, c.help)
	}
	return texts
}
