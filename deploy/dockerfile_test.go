// Package deploy holds what ships the bot: the Kubernetes manifests, the
// compose file, the checks of the Dockerfile that builds the image, and the
// round trip of docs/operations.md's backup and restore commands.
package deploy

import (
	"bufio"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildStep is the Dockerfile's go build instruction, as written.
func buildStep(t *testing.T) string {
	t.Helper()
	f, err := os.Open("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "RUN CGO_ENABLED=0 ") && strings.Contains(line, " go build ") {
			return strings.TrimPrefix(line, "RUN ")
		}
	}
	t.Fatal("the Dockerfile has no RUN CGO_ENABLED=0 … go build step")
	return ""
}

// TestTheDockerfileBuildsAStaticStampedBinary runs the Dockerfile's build
// step as the image build would (no container engine runs here) and checks
// what it makes: a static binary (no interpreter, no shared libraries),
// stamped with the version, small enough for an image under 30 MB.
func TestTheDockerfileBuildsAStaticStampedBinary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bot")
	step := buildStep(t)
	step = strings.ReplaceAll(step, "${VERSION}", "check-1.2.3")
	step = strings.ReplaceAll(step, "/out/bot", out)
	cmd := exec.Command("sh", "-c", step)
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", step, err, b)
	}

	bin, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer bin.Close()
	for _, p := range bin.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary asks for a dynamic loader (PT_INTERP): it is not static")
		}
	}
	if libs, _ := bin.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary needs shared libraries: %v", libs)
	}

	v, err := exec.Command(out, "version").Output()
	if err != nil || !strings.HasPrefix(string(v), "kubequiz check-1.2.3 ") {
		t.Errorf("bot version says %q (%v), want the stamped version", v, err)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("binary: %.1f MiB; distroless/static adds about 2 MiB", float64(st.Size())/(1<<20))
	if st.Size() > 28<<20 {
		t.Errorf("the binary is %d bytes: too large for an image under 30 MB", st.Size())
	}
}
