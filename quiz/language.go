package quiz

import (
	"context"
	"strings"
	"unicode"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// setLang stores the caller's interface language: args is one word, or
// none (which is mine?), as the command table lets lang take.
func (s *Service) setLang(ctx context.Context, req Request, args []string) Response {
	if len(args) == 0 {
		return s.private(s.langOf(ctx, req), msgLangCurrent, req.Prefix)
	}
	l, ok := LookupLang(args[0])
	if !ok {
		return s.invalid(s.langOf(ctx, req), msgLangUnknown, clip(args[0], 20), req.Prefix)
	}
	if err := s.store.SetLanguage(ctx, req.Scope, req.User, string(l)); err != nil {
		s.storeFailed(ctx, "saving language", err)
		return s.unavailable(l, msgLangNotSaved)
	}
	s.langs.put(req.Scope, req.User, string(l))
	r := s.private(l, msgLangSet)
	if note := s.bankNote(l); note != "" {
		r.Messages[0].Blocks = append(r.Messages[0].Blocks, rich.Text(note))
	}
	return r
}

// bankNote says, to a user of interface language l, that the bank's
// questions are in the other language, when they are; "" when they are
// in l.
func (s *Service) bankNote(l Lang) string {
	if s.bankLang == l {
		return ""
	}
	return s.t(l, msgBankInOtherLang)
}

// bankLang is the language of b's questions: Chinese when most titles
// hold Chinese characters.
func bankLang(b *bank.Bank) Lang {
	han := 0
	for _, q := range b.Questions() {
		if strings.ContainsFunc(q.Title, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			han++
		}
	}
	if 2*han > b.Len() {
		return LangZH
	}
	return LangEN
}
