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

// confirmTokenLength is the number of characters of a confirmation's
// token: the Yes and Cancel of one confirmation carry it, so that Yes
// acts only while its own confirmation stands (see forget.go).
const confirmTokenLength = 8

// actionKind is the first letter of a payload.
type actionKind byte

const (
	actionShow      actionKind = 's' // s:<question id>[:<topic>]                  show the answer
	actionNext      actionKind = 'n' // n:<topic>                                  another question
	actionGrade     actionKind = 'g' // g:<question id>:<1-4>:<token>[:<topic>]    quick grade of a reveal
	actionChecklist actionKind = 'c' // c:<question id>:<token>[:<topic>]          open the checklist of a reveal
	actionToggle    actionKind = 't' // t:<question id>:<mask>:<token>[:<topic>]   tick or untick a point
	actionSubmit    actionKind = 'k' // k:<question id>:<mask>:<token>[:<topic>]   submit the checklist
	actionAnswer    actionKind = 'a' // a:<quiz id>:<choice>                       answer a quiz
	actionWrite     actionKind = 'w' // w:<question id>                            answer it in words
	actionReference actionKind = 'r' // r:<question id>                            the reference answer, nothing to grade
	actionOverride  actionKind = 'o' // o:<attempt id>:<1-4>                       change a typed answer's grade
	actionInterview actionKind = 'i' // i:<interview id>:<step>:<op>               act on an interview's question
	actionForget    actionKind = 'f' // f:<token>                                  confirm forgetting a user
	actionKeep      actionKind = 'x' // x:<token>                                  cancel forgetting a user
)

// The topic a practice session was started with ("ask pv") rides along on
// its buttons, from the card to the grade, so that Next stays in it. A
// payload without one (an older button) means the whole bank.
// fieldsBeforeTopic counts the fields of each payload a topic may follow.
var fieldsBeforeTopic = map[actionKind]int{actionShow: 1, actionChecklist: 2, actionGrade: 3, actionToggle: 3, actionSubmit: 3}

// action is a parsed, syntactically valid button payload. Whether what it
// names exists and belongs to the caller is checked when it is handled.
type action struct {
	kind        actionKind
	questionID  string
	quizID      string
	topic       string
	grade       srs.Grade
	mask        uint32
	choice      int
	token       string // the reveal's, for grades and checklists; the confirmation's, for forgetting
	rehearsalID string
	interview   interviewAction
	user        string // the user to forget, named by a confirmation without a token
}

// errBadPayload is returned for any payload that is not one of ours.
var errBadPayload = errors.New("unrecognised button payload")

// parseAction parses a button payload strictly: its kind, then the
// kind's fields (parseFields).
func parseAction(p string) (action, error) {
	if len(p) < 2 || len(p) > MaxPayload || p[1] != ':' || !utf8.ValidString(p) {
		return action{}, errBadPayload
	}
	a := action{kind: actionKind(p[0])}
	if !a.parseFields(p[2:]) {
		return action{}, errBadPayload
	}
	return a, nil
}

// parseFields reads into a what its kind's payload carries after the
// kind (rest), reporting whether rest is of that kind's form: the topic a
// card's buttons carry last (cutTopic) is cut off before their own fields
// are read.
func (a *action) parseFields(rest string) bool {
	switch a.kind {
	case actionNext:
		a.topic = rest
		return validTopic(rest)
	case actionInterview:
		var ok bool
		a.interview, ok = parseInterviewAction(rest)
		return ok
	case actionOverride:
		id, grade, ok := strings.Cut(rest, ":")
		a.rehearsalID = id
		return ok && validRehearsalID(id) && a.parseGrade(grade)
	case actionForget, actionKeep:
		return a.parseConfirmation(rest)
	}
	if fields := fieldsBeforeTopic[a.kind]; fields > 0 {
		var ok bool
		if rest, a.topic, ok = cutTopic(rest, fields); !ok {
			return false
		}
	}
	switch a.kind {
	case actionShow, actionWrite, actionReference:
		a.questionID = rest
		return validQuestionID(rest)
	case actionChecklist:
		id, token, ok := strings.Cut(rest, ":")
		a.questionID, a.token = id, token
		return ok && validQuestionID(id) && validToken(token)
	case actionGrade, actionToggle, actionSubmit:
		return a.parseOnReveal(rest)
	case actionAnswer:
		id, choice, ok := strings.Cut(rest, ":")
		n, err := strconv.Atoi(choice)
		a.quizID, a.choice = id, n
		return ok && validQuizID(id) && err == nil && len(choice) == 1 && n >= 0
	}
	return false
}

// parseOnReveal reads the fields of a button of a reveal (a grade, a
// checklist's tick or Submit): <question id>:<grade or mask>:<token>.
func (a *action) parseOnReveal(rest string) bool {
	id, rest, _ := strings.Cut(rest, ":")
	arg, token, ok := strings.Cut(rest, ":")
	if !ok || !validQuestionID(id) || !validToken(token) {
		return false
	}
	a.questionID, a.token = id, token
	if a.kind == actionGrade {
		return a.parseGrade(arg)
	}
	m, err := strconv.ParseUint(arg, 36, 32)
	a.mask = uint32(m)
	return err == nil && m < 1<<bank.MaxKeyPoints && arg == strconv.FormatUint(m, 36)
}

// parseGrade reads a grade, one digit (srs.ParseGrade).
func (a *action) parseGrade(arg string) bool {
	g, err := srs.ParseGrade(arg)
	a.grade = g
	return err == nil && len(arg) == 1
}

// parseConfirmation reads the fields of a confirmation's Yes (forget) or
// Cancel (keep): its token; a confirmation sent before it carried a token
// names its user instead, and a Cancel sent before it named its user
// nothing (the presser's own).
func (a *action) parseConfirmation(rest string) bool {
	switch {
	case rest == "":
		return a.kind == actionKeep
	case validConfirmToken(rest):
		a.token = rest
		return true
	}
	a.user = rest
	return !strings.ContainsFunc(rest, func(r rune) bool { return !unicode.IsPrint(r) })
}

func validQuestionID(s string) bool { return len(s) == bank.IDLength && isBase32(s) }
func validToken(s string) bool      { return len(s) == revealTokenLength && isBase32(s) }
func validQuizID(s string) bool     { return len(s) == quizIDLength && isBase32(s) }

func validConfirmToken(s string) bool { return len(s) == confirmTokenLength && isBase32(s) }

// validTopic reports whether a topic fits in a payload: short, printable,
// without the separator.
func validTopic(s string) bool {
	return len(s) <= maxTopicPayload && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) || r == ':' })
}

// cutTopic splits the topic, if any, off the end of a payload's fields:
// after the kind's own fields, one more is the topic (not empty).
func cutTopic(rest string, fields int) (head, topic string, ok bool) {
	parts := strings.SplitN(rest, ":", fields+1)
	if len(parts) <= fields {
		return rest, "", true
	}
	topic = parts[fields]
	return strings.Join(parts[:fields], ":"), topic, topic != "" && validTopic(topic)
}

// withTopic appends a session's topic to a payload, when it fits.
func withTopic(payload, topic string) string {
	if topic == "" || !validTopic(topic) {
		return payload
	}
	return payload + ":" + topic
}

func isBase32(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

func encodeShow(questionID, topic string) string {
	return withTopic(string(actionShow)+":"+questionID, topic)
}

func encodeWrite(questionID string) string {
	return string(actionWrite) + ":" + questionID
}

func encodeReference(questionID string) string {
	return string(actionReference) + ":" + questionID
}

func encodeForget(token string) string { return string(actionForget) + ":" + token }

func encodeKeep(token string) string { return string(actionKeep) + ":" + token }

func encodeChecklist(questionID, token, topic string) string {
	return withTopic(string(actionChecklist)+":"+questionID+":"+token, topic)
}

func encodeGrade(questionID string, g srs.Grade, token, topic string) string {
	return withTopic(string(actionGrade)+":"+questionID+":"+strconv.Itoa(int(g))+":"+token, topic)
}

func encodeMaskAction(kind actionKind, questionID string, mask uint32, token, topic string) string {
	return withTopic(string(kind)+":"+questionID+":"+strconv.FormatUint(uint64(mask), 36)+":"+token, topic)
}

func encodeAnswer(quizID string, choice int) string {
	return string(actionAnswer) + ":" + quizID + ":" + strconv.Itoa(choice)
}

// encodeNext carries the topic the user asked for, when it fits.
func encodeNext(topic string) string {
	if !validTopic(topic) {
		topic = ""
	}
	return string(actionNext) + ":" + topic
}
