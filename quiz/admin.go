package quiz

import (
	"context"
	"slices"

	"github.com/kubequiz/kubequiz/internal/ids"
)

// isAdmin reports whether the requester may run admin commands: a user in
// the configured admin list (by the full ID, "slack:T1:U1", or the
// platform's own, "U1"), or one the platform says administers the
// conversation.
func (s *Service) isAdmin(ctx context.Context, req Request) (bool, error) {
	own := ids.Own(req.User)
	if slices.Contains(s.admins, req.User) || (own != "" && slices.Contains(s.admins, own)) {
		return true, nil
	}
	if req.PlatformAdmin == nil {
		return false, nil
	}
	return req.PlatformAdmin(ctx)
}

// refuseNonAdmin is the reply to a requester who is not an admin (denied,
// with the message of key) or whose rights cannot be checked now; ok is
// true for an admin, who gets no reply from it.
func (s *Service) refuseNonAdmin(ctx context.Context, req Request, l Lang, key msgKey) (r Response, ok bool) {
	admin, err := s.isAdmin(ctx, req)
	if err != nil {
		s.log.WarnContext(ctx, "checking admin rights", "platform", req.Platform, "err", err)
		return s.unavailable(l, msgAdminCheckFailed), false
	}
	if !admin {
		return s.denied(l, key, req.Prefix), false
	}
	return Response{}, true
}
