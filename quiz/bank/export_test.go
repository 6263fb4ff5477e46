package bank

// AutoTopics are the topics derived from a question's text alone, whatever
// its author stated: what the topic quality test measures.
func AutoTopics(q *Question) []string { return deriveTopics(q.Title, topicUnits(q.Answer)) }

// IsTopic reports whether t is a canonical topic name.
var IsTopic = isTopic

// ParseFileForTest exposes parseFile.
var ParseFileForTest = parseFile
