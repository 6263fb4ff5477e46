package quiz

import (
	"bytes"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestZoneNamesAreGenerated: zonenames.go is what its generator writes from
// the zone database of the Go that runs the tests — after a Go upgrade
// that adds a zone, go generate ./quiz — and every name loads.
func TestZoneNamesAreGenerated(t *testing.T) {
	out := filepath.Join(t.TempDir(), "zonenames.go")
	run := exec.Command(filepath.Join(build.Default.GOROOT, "bin", "go"), "run", "zonenames_generate.go", "-o", out)
	if b, err := run.CombinedOutput(); err != nil {
		t.Fatalf("zonenames_generate.go: %v\n%s", err, b)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("zonenames.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("zonenames.go is not what zonenames_generate.go writes from this Go's zone database: run go generate ./quiz")
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
		// A city in words, mistyped.
		"new yrok": "America/New_York", "nwe  york": "America/New_York", "los angelse": "America/Los_Angeles",
		// Abbreviations of several zones suggest the likeliest; an old
		// region's name is no city to suggest.
		"CST": "Asia/Shanghai", "ist": "Asia/Kolkata", "BST": "Europe/London",
	} {
		if got := SuggestZone(typed); got != want {
			t.Errorf("SuggestZone(%q) = %q, want %q", typed, got, want)
		}
	}
	for _, typed := range []string{"east", "north", "general"} {
		if got := SuggestZone(typed); strings.HasPrefix(got, "Brazil/") || strings.HasPrefix(got, "Australia/North") || strings.HasPrefix(got, "Mexico/") {
			t.Errorf("SuggestZone(%q) = %q, an old region's name", typed, got)
		}
	}
}

// TestZonesAsPeopleTypeThem: a zone is found by its city, a place or
// abbreviation people use for it, or a whole-hour offset, whose Etc name
// counts the other way round (UTC+8 is Etc/GMT-8, not Etc/GMT+8).
func TestZonesAsPeopleTypeThem(t *testing.T) {
	for typed, want := range map[string]string{
		"东八区":           "Etc/GMT-8",
		"são paulo":     "America/Sao_Paulo",
		"Zürich":        "Europe/Zurich",
		"Berlin":        "Europe/Berlin",
		"new york":      "America/New_York",
		"New_York":      "America/New_York",
		"上海":            "Asia/Shanghai",
		"北京时间":          "Asia/Shanghai",
		"Beijing":       "Asia/Shanghai",
		"PRC":           "Asia/Shanghai",
		"EST":           "America/New_York",
		"GMT+8":         "Etc/GMT-8",
		"UTC+8":         "Etc/GMT-8",
		"ＵＴＣ＋８":         "Etc/GMT-8",
		"utc +08:00":    "Etc/GMT-8",
		"GMT-5":         "Etc/GMT+5",
		"+14":           "Etc/GMT-14",
		"UTC+0":         "UTC",
		"Etc/GMT+8":     "Etc/GMT+8",
		"Asia/Shanghai": "Asia/Shanghai",
		"UTC+5:30":      "Asia/Kolkata", // as zoneAbbrev shows India's time
		"utc + 05:45":   "Asia/Kathmandu",
	} {
		got, loc, ok := LookupZone(typed)
		if !ok || got != want || loc == nil {
			t.Errorf("LookupZone(%q) = %q, %v; want %q", typed, got, ok, want)
		}
	}
	if _, loc, _ := LookupZone("UTC+8"); loc != nil {
		if _, offset := time.Date(2026, 7, 1, 0, 0, 0, 0, loc).Zone(); offset != 8*3600 {
			t.Errorf("UTC+8 is %d s from UTC", offset)
		}
	}
	for _, typed := range []string{"CST", "BST", "UTC-3:30", "UTC+5:15", "UTC+15", "GMT-13", "上海 北京", "Mars", "east", "north", "general", "act", "atlantic"} {
		if got, _, ok := LookupZone(typed); ok {
			t.Errorf("LookupZone(%q) = %q; want no zone", typed, got)
		}
	}
}

// TestOffsetsWithMinutesKeptAllYear: the offsets LookupZone takes for a
// zone are the zone's all year (in the zone database Go has), the others
// are its standard time only.
func TestOffsetsWithMinutesKeptAllYear(t *testing.T) {
	for offset, z := range offsetsWithMinutes {
		loc, err := time.LoadLocation(z.zone)
		if err != nil {
			t.Fatal(err)
		}
		_, jan := time.Date(2026, 1, 15, 12, 0, 0, 0, loc).Zone()
		_, jul := time.Date(2026, 7, 15, 12, 0, 0, 0, loc).Zone()
		if (jan == jul) != z.allYear {
			t.Errorf("%s (%s): offsets %d and %d s, all year %v", offset, z.zone, jan, jul, z.allYear)
		}
	}
}

// TestTimeWordsNameNoZone: a time word (timeOfDayWords) is no zone and no
// word of a zone's name, so that reading it as a time takes no zone away.
func TestTimeWordsNameNoZone(t *testing.T) {
	for _, w := range timeOfDayWords {
		if z, _, ok := LookupZone(w); ok {
			t.Errorf("%q is the zone %s", w, z)
		}
		for _, z := range zoneNames {
			for _, part := range strings.FieldsFunc(strings.ToLower(z), func(r rune) bool { return r == '/' || r == '_' }) {
				if part == w {
					t.Errorf("%q is a word of %s", w, z)
				}
			}
		}
	}
}
