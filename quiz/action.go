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

// revealTokenLength is the number of characters of a reveal's token: the
// grade buttons of one reveal carry it, so that a reveal is graded once and
// no grade is taken for a question that was never shown.
const revealTokenLength = 6

// actionKind is the first letter of a payload.
type actionKind byte

const (
	actionShow      actionKind = 's' // s:<question id>                    show the answer
	actionNext      actionKind = 'n' // n:<topic>                          another question
	actionGrade     actionKind = 'g' // g:<question id>:<1-4>:<token>      quick grade of a reveal
	actionChecklist actionKind = 'c' // c:<question id>:<token>            open the checklist of a reveal
	actionToggle    actionKind = 't' // t:<question id>:<mask>:<token>     tick or untick a point
	actionSubmit    actionKind = 'k' // k:<question id>:<mask>:<token>     submit the checklist
	actionAnswer    actionKind = 'a' // a:<quiz id>:<choice>               answer a quiz
	actionForget    actionKind = 'f' // f:<user id>                        confirm forgetting a user
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
	token      string // the reveal's, for grades and checklists
	user       string // the user to forget
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
	case actionForget:
		if rest == "" || !utf8.ValidString(rest) || strings.ContainsFunc(rest, func(r rune) bool { return !unicode.IsPrint(r) }) {
			return action{}, errBadPayload
		}
		a.user = rest
		return a, nil
	case actionShow:
		if !validQuestionID(rest) {
			return action{}, errBadPayload
		}
		a.questionID = rest
		return a, nil
	case actionChecklist:
		id, token, ok := strings.Cut(rest, ":")
		if !ok || !validQuestionID(id) || !validToken(token) {
			return action{}, errBadPayload
		}
		a.questionID, a.token = id, token
		return a, nil
	case actionGrade, actionToggle, actionSubmit, actionAnswer:
		id, arg, ok := strings.Cut(rest, ":")
		if !ok {
			return action{}, errBadPayload
		}
		if a.kind != actionAnswer {
			var token string
			if arg, token, ok = strings.Cut(arg, ":"); !ok || !validToken(token) {
				return action{}, errBadPayload
			}
			a.token = token
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
func validToken(s string) bool      { return len(s) == revealTokenLength && isBase32(s) }
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

func encodeShow(questionID string) string { return string(actionShow) + ":" + questionID }
func encodeForget(user string) string     { return string(actionForget) + ":" + user }

func encodeChecklist(questionID, token string) string {
	return string(actionChecklist) + ":" + questionID + ":" + token
}

func encodeGrade(questionID string, g srs.Grade, token string) string {
	return string(actionGrade) + ":" + questionID + ":" + strconv.Itoa(int(g)) + ":" + token
}

func encodeMaskAction(kind actionKind, questionID string, mask uint32, token string) string {
	return string(kind) + ":" + questionID + ":" + strconv.FormatUint(uint64(mask), 36) + ":" + token
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
