package quiz

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// MaxPayload is the longest button payload in bytes: Telegram's callback_data limit.
const MaxPayload = 64

// quizIDLength is the number of characters of a quiz ID.
const quizIDLength = 8

// maxTopicPayload bounds the topic an "Another" button carries.
const maxTopicPayload = 40

// actionKind is the first letter of a payload.
type actionKind byte

const (
	actionShow      actionKind = 's' // s:<question id>            show the answer
	actionNext      actionKind = 'n' // n:<topic>                  another question
	actionGrade     actionKind = 'g' // g:<question id>:<1-4>      quick grade
	actionChecklist actionKind = 'c' // c:<question id>            open the checklist
	actionToggle    actionKind = 't' // t:<question id>:<mask>     tick or untick a point
	actionSubmit    actionKind = 'k' // k:<question id>:<mask>     submit the checklist
	actionAnswer    actionKind = 'a' // a:<quiz id>:<choice>       answer a quiz
	actionWrite     actionKind = 'w' // w:<question id>            answer it in words
	actionOverride  actionKind = 'o' // o:<attempt id>:<1-4>       change a typed answer's grade
	actionInterview actionKind = 'i' // i:<interview id>:<step>:<op> act on an interview's question
)

// action is a parsed, syntactically valid button payload. Whether what it
// names exists and belongs to the caller is checked when it is handled.
type action struct {
	kind       actionKind
	questionID string
	quizID     string
	topic      string
	grade      srs.Grade
	mask       uint32
	choice     int
	attemptID  string
	interview  interviewAction
}

// errBadPayload is returned for any payload that is not one of ours.
var errBadPayload = errors.New("unrecognised button payload")

// parseAction parses a button payload strictly.
func parseAction(p string) (action, error) {
	if len(p) < 2 || len(p) > MaxPayload || p[1] != ':' || !utf8.ValidString(p) {
		return action{}, errBadPayload
	}
	a := action{kind: actionKind(p[0])}
	rest := p[2:]
	switch a.kind {
	case actionNext:
		if len(rest) > maxTopicPayload || strings.ContainsFunc(rest, func(r rune) bool { return !unicode.IsPrint(r) || r == ':' }) {
			return action{}, errBadPayload
		}
		a.topic = rest
		return a, nil
	case actionInterview:
		ia, ok := parseInterviewAction(rest)
		if !ok {
			return action{}, errBadPayload
		}
		a.interview = ia
		return a, nil
	case actionShow, actionChecklist, actionWrite:
		if !validQuestionID(rest) {
			return action{}, errBadPayload
		}
		a.questionID = rest
		return a, nil
	case actionGrade, actionToggle, actionSubmit, actionAnswer, actionOverride:
		id, arg, ok := strings.Cut(rest, ":")
		if !ok {
			return action{}, errBadPayload
		}
		switch a.kind {
		case actionAnswer:
			n, err := strconv.Atoi(arg)
			if !validQuizID(id) || err != nil || len(arg) != 1 || n < 0 {
				return action{}, errBadPayload
			}
			a.quizID, a.choice = id, n
		case actionGrade:
			g, err := srs.ParseGrade(arg)
			if !validQuestionID(id) || err != nil || len(arg) != 1 {
				return action{}, errBadPayload
			}
			a.questionID, a.grade = id, g
		case actionOverride:
			g, err := srs.ParseGrade(arg)
			if !validAttemptID(id) || err != nil || len(arg) != 1 {
				return action{}, errBadPayload
			}
			a.attemptID, a.grade = id, g
		default:
			m, err := strconv.ParseUint(arg, 36, 32)
			if !validQuestionID(id) || err != nil || m >= 1<<bank.MaxKeyPoints || arg != strconv.FormatUint(m, 36) {
				return action{}, errBadPayload
			}
			a.questionID, a.mask = id, uint32(m)
		}
		return a, nil
	default:
		return action{}, errBadPayload
	}
}

func validQuestionID(s string) bool { return len(s) == bank.IDLength && isBase32(s) }
func validQuizID(s string) bool     { return len(s) == quizIDLength && isBase32(s) }

func isBase32(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

func encodeShow(questionID string) string      { return string(actionShow) + ":" + questionID }
func encodeChecklist(questionID string) string { return string(actionChecklist) + ":" + questionID }
func encodeWrite(questionID string) string     { return string(actionWrite) + ":" + questionID }

func encodeGrade(questionID string, g srs.Grade) string {
	return string(actionGrade) + ":" + questionID + ":" + strconv.Itoa(int(g))
}

func encodeMaskAction(kind actionKind, questionID string, mask uint32) string {
	return string(kind) + ":" + questionID + ":" + strconv.FormatUint(uint64(mask), 36)
}

func encodeAnswer(quizID string, choice int) string {
	return string(actionAnswer) + ":" + quizID + ":" + strconv.Itoa(choice)
}

// encodeNext carries the topic the user asked for, when it fits.
func encodeNext(topic string) string {
	if len(topic) > maxTopicPayload || strings.ContainsFunc(topic, func(r rune) bool { return !unicode.IsPrint(r) || r == ':' }) {
		topic = ""
	}
	return string(actionNext) + ":" + topic
}
