//go:build linux

package console_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/kubequiz/kubequiz/adapters/console"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// openPTY opens a pseudo-terminal: its controlling side and the terminal
// a program reads.
func openPTY(t *testing.T) (control, term *os.File) {
	t.Helper()
	control, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { control.Close() })
	if err := unix.IoctlSetPointerInt(int(control.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(control.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	term, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { term.Close() })
	return control, term
}

// echoesControls reports whether the terminal shows the control characters
// it is sent as ^[ and the like.
func echoesControls(t *testing.T, term *os.File) bool {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(term.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ECHOCTL != 0
}

// TestThePasteMarkersAreNotEchoed: a terminal in its line mode echoes the
// markers of a bracketed paste as ^[[200~ … ^[[201~ around the pasted
// text; while the console reads it, it does not, and the terminal's
// setting is back as it was when the console stops.
func TestThePasteMarkersAreNotEchoed(t *testing.T) {
	_, term := openPTY(t)
	if !echoesControls(t, term) {
		t.Fatal("a new pseudo-terminal should echo control characters (ECHOCTL): nothing to test")
	}
	c := newConsole(t, console.Config{In: term, Out: &transcript{}, Interactive: true})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	testkit.Eventually(t, "control characters no longer echoed", func() bool { return !echoesControls(t, term) })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !echoesControls(t, term) {
		t.Error("the terminal's echo of control characters was not put back")
	}
}
