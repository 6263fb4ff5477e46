package quiz

import (
	"archive/zip"
	"go/build"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestZoneNamesAreGosDatabase(t *testing.T) {
	db, err := zip.OpenReader(filepath.Join(build.Default.GOROOT, "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Fatalf("Go's zone database: %v", err)
	}
	defer db.Close()
	want := []string{"UTC"}
	for _, f := range db.File {
		if strings.Contains(f.Name, "/") {
			want = append(want, f.Name)
		}
	}
	got := slices.Clone(zoneNames)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("zoneNames (%d) differ from Go's database (%d): regenerate them (see zones.go)", len(got), len(want))
	}
	for _, z := range zoneNames {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("%s does not load: %v", z, err)
		}
	}
}

func TestSuggestZone(t *testing.T) {
	for typed, want := range map[string]string{
		"Europe/Berln": "Europe/Berlin", "berlin": "Europe/Berlin", "Asia/Shanghia": "Asia/Shanghai",
		"america/new york": "America/New_York", "pv": "", "Mars/Olympus": "", "": "",
	} {
		if got := SuggestZone(typed); got != want {
			t.Errorf("SuggestZone(%q) = %q, want %q", typed, got, want)
		}
	}
}
