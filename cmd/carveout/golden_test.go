package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGolden")

// TestGolden runs the commands a user runs and compares what they write,
// byte for byte, with files in testdata/golden: a study report of RBTS with
// every availability and scoring path exercised (monthly and heat-derated
// classes, a derated unit, LFU, weather, heat waves, AI, economic miners,
// an interruptible policy with notice, compliance and a cap, a sweep), one
// of its shards, a short Pakistan report, and the adequacy outputs (Monte
// Carlo with LFU, a shard, a shard of an importance-sampled run, the exact
// COPT). A change in any byte is either
// a bug or a deliberate change of numbers, made in its own commit that
// says why, bumps the version and regenerates the files with
//
//	go test ./cmd/carveout -run TestGolden -update
func TestGolden(t *testing.T) {
	units, load := rbtsFiles(t)
	study := filepath.Join("testdata", "golden", "rbts-study.json")
	adequacy := []string{"adequacy", "-units", units, "-load", load, "-trials", "3000", "-seed", "5", "-lfu", "0.03"}
	cases := []struct {
		name string
		args []string
		file string // the output file in the -out folder; empty: stdout
	}{
		{"study-report.json", []string{"run", "-scenario", study, "-quiet"}, ""},
		{"study-shard-1.json", []string{"run", "-scenario", study, "-quiet", "-shard", "1/3"}, "shard-1.json"},
		{"pakistan-report.json", []string{"run", "-trials", "60", "-seed", "3", "-quiet"}, ""},
		{"adequacy-mc.json", adequacy, ""},
		{"adequacy-shard-0.json", append(adequacy[:len(adequacy):len(adequacy)], "-shard", "0/2"), ""},
		{"adequacy-is-shard-1.json", append(adequacy[:len(adequacy):len(adequacy)], "-vr", "is", "-shard", "1/2"), ""},
		{"adequacy-copt.json", []string{"adequacy", "-units", units, "-load", load, "-method", "copt", "-lfu", "0.05"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			var dir string
			if c.file != "" {
				dir = t.TempDir()
				args = append(args[:len(args):len(args)], "-out", dir)
			}
			code, out, errOut := runCLI(args...)
			if code != 0 {
				t.Fatalf("carveout %s: exit %d: %s", strings.Join(args, " "), code, errOut)
			}
			if c.file != "" {
				b, err := os.ReadFile(filepath.Join(dir, c.file))
				if err != nil {
					t.Fatal(err)
				}
				out = string(b)
			}
			path := filepath.Join("testdata", "golden", c.name)
			if *update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (regenerate with -update)", err)
			}
			if out != string(want) {
				t.Errorf("carveout %s differs from %s:\n%s", strings.Join(args, " "), path, firstDiff(string(want), out))
			}
		})
	}
}

// firstDiff describes the first line at which got differs from want.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + a + "\n  got  " + b
		}
	}
	return "(equal lines, different bytes)"
}
