package bank

// AutoTopics are the topics derived from a question's text alone, whatever
// its author stated: what the topic quality test measures.
func AutoTopics(q *Question) []string { return deriveTopics(q.Title, topicUnits(q.Answer)) }

// IsTopic reports whether t is a canonical topic name.
var IsTopic = isTopic

// ParseFileForTest exposes parseFile.
var ParseFileForTest = parseFile

// Parse is parseFile with the problems that make the file unusable as an
// error (an Errors), for the tests.
func Parse(name string, src []byte) ([]*Question, error) {
	qs, problems := parseFile(name, src)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return qs, nil
}
