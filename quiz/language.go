package quiz

import "context"

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
	return s.private(l, msgLangSet)
}
