package quiz

import (
	"context"
	"slices"
	"strings"
)

// isAdmin reports whether the requester may run admin commands: a user in
// the configured admin list (by the full ID, "slack:T1:U1", or the
// platform's own, "U1"), or one the platform says administers the
// conversation.
func (s *Service) isAdmin(ctx context.Context, req Request) (bool, error) {
	own := req.User
	if i := strings.LastIndexByte(own, ':'); i >= 0 {
		own = own[i+1:]
	}
	if slices.Contains(s.admins, req.User) || (own != "" && slices.Contains(s.admins, own)) {
		return true, nil
	}
	if req.PlatformAdmin == nil {
		return false, nil
	}
	return req.PlatformAdmin(ctx)
}
