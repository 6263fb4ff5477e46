package quiz

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// The messages about typed button numbers.
const (
	msgNoSuchButton    msgKey = "noSuchButton"
	msgNoSuchButtonOne msgKey = "noSuchButtonOne"
	msgNoButtons       msgKey = "noButtons"
)

func init() {
	register(map[msgKey]Text{
		msgNoSuchButton:    {"没有按钮 %d（现有按钮 1–%d）。", "There is no button %d (the buttons are 1–%d)."},
		msgNoSuchButtonOne: {"没有按钮 %d（只有按钮 1）。", "There is no button %d (there is only button 1)."},
		msgNoButtons: {"现在没有可以按的按钮。先输入一个命令，例如 %s提问。",
			"There are no buttons to press yet: type a command first, e.g. %sask."},
	})
}

// maxButtonDigits bounds the number read as a button's.
const maxButtonDigits = 6

// ButtonWord is a typed line as a platform where typing presses buttons
// reads it for a button's number or letter: on any keyboard ("５" is 5,
// "Ｃ" is C), trimmed, without the full stop an input method may add
// after it ("3。").
func ButtonWord(line string) string {
	return strings.TrimRight(textnorm.Input(line), "。.")
}

// buttonNumber reads a typed line that is only a number (on any keyboard:
// "５" is 5), on a platform where numbers press buttons.
func buttonNumber(req Request) (int, bool) {
	if !req.PressByNumber {
		return 0, false
	}
	s := ButtonWord(req.Text)
	if s == "" || utf8.RuneCountInString(s) > maxButtonDigits || strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// noSuchButton answers a typed number that presses no button: which
// buttons there are, if any.
func (s *Service) noSuchButton(l Lang, req Request, n int) Response {
	switch {
	case req.ButtonsShown <= 0:
		return s.invalid(l, msgNoButtons, req.Prefix)
	case req.ButtonsShown == 1:
		return s.invalid(l, msgNoSuchButtonOne, n)
	default:
		return s.invalid(l, msgNoSuchButton, n, req.ButtonsShown)
	}
}
