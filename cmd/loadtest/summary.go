package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// runSummary reads lines in Go's benchmark format (from go test -bench and
// from this command's loads) in the files given, or standard input, and
// prints each benchmark's metrics as min / median / max over the runs.
func runSummary(_ context.Context, args []string) error {
	s := newSummary()
	if len(args) == 0 {
		if err := s.read(os.Stdin); err != nil {
			return err
		}
	}
	for _, name := range args {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = s.read(f)
		f.Close()
		if err != nil {
			return err
		}
	}
	s.print(os.Stdout)
	return nil
}

// summary holds every value of every benchmark's metrics, in the order they
// were first seen.
type summary struct {
	names  []string
	units  map[string][]string
	values map[string]map[string][]float64
}

func newSummary() *summary {
	return &summary{units: map[string][]string{}, values: map[string]map[string][]float64{}}
}

// read takes the benchmark lines of r: a name, the iterations, then value
// and unit pairs. A benchmark of go test is named with its package (the
// "pkg:" line before it), as two packages may have benchmarks of one name.
func (s *summary) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	pkg := ""
	for sc.Scan() {
		if p, ok := strings.CutPrefix(sc.Text(), "pkg: "); ok {
			pkg = strings.TrimPrefix(strings.TrimSpace(p), "github.com/kubequiz/kubequiz/") + " "
			continue
		}
		if strings.HasPrefix(sc.Text(), "ok ") || strings.HasPrefix(sc.Text(), "FAIL") {
			pkg = ""
		}
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue
		}
		name := pkg + f[0]
		if s.values[name] == nil {
			s.names = append(s.names, name)
			s.values[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			unit := f[i+1]
			if s.values[name][unit] == nil {
				s.units[name] = append(s.units[name], unit)
			}
			s.values[name][unit] = append(s.values[name][unit], v)
		}
	}
	return sc.Err()
}

// print writes each metric's min / median / max and how many runs gave it.
func (s *summary) print(w io.Writer) {
	for _, name := range s.names {
		fmt.Fprintln(w, name)
		for _, unit := range s.units[name] {
			lo, mid, hi := spread(s.values[name][unit])
			fmt.Fprintf(w, "  %-22s %s / %s / %s  (%d runs)\n", unit, num(lo), num(mid), num(hi), len(s.values[name][unit]))
		}
	}
}

// num prints a figure with about three significant digits.
func num(v float64) string {
	switch a := max(v, -v); {
	case a >= 100 || a == 0:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}
