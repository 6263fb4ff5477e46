//go:build linux

package console

import "golang.org/x/sys/unix"

// quietControlEcho stops the terminal at fd from echoing the control
// characters it is sent as ^[ and the like (ECHOCTL), so that the markers
// a terminal in bracketed paste mode wraps a paste in are not shown around
// it; it returns what puts the setting back. Where fd is no terminal, or
// the setting is off already, it changes nothing.
func quietControlEcho(fd int) (restore func()) {
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil || t.Lflag&unix.ECHOCTL == 0 {
		return func() {}
	}
	was := *t
	t.Lflag &^= unix.ECHOCTL
	if unix.IoctlSetTermios(fd, unix.TCSETS, t) != nil {
		return func() {}
	}
	return func() { _ = unix.IoctlSetTermios(fd, unix.TCSETS, &was) }
}
