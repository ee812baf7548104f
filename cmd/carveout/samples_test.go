package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readFile returns a file's bytes, failing the test if it cannot.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRunSamples checks `run -samples`: one row per trial after a header,
// the same bytes for any -workers, the shards' files (each with its
// header; dropped after the first) concatenating to the unsharded file, a
// file in the -out folder written with the report and replaced with it,
// and the report on stdout unchanged by -samples.
func TestRunSamples(t *testing.T) {
	sc := smallScenario(t)
	dir := t.TempDir()
	args := []string{"run", "-scenario", sc, "-trials", "90", "-quiet"}
	code, ref, e := runCLI(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	one := filepath.Join(dir, "one.csv")
	if code, out, e := runCLI(append(args, "-workers", "1", "-samples", one)...); code != 0 || out != ref {
		t.Fatalf("-samples: exit %d (%s); report unchanged: %v", code, e, out == ref)
	}
	b := readFile(t, one)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 91 || !strings.HasPrefix(lines[0], "trial,load_mwh,baseline_unserved_mwh,") ||
		!strings.Contains(lines[0], ",zone_north_baseline_unserved_mwh,") {
		t.Fatalf("%d lines, header %q; want a header with the zones' columns and 90 rows", len(lines), lines[0])
	}
	for i, l := range lines[1:] {
		if !strings.HasPrefix(l, strconv.Itoa(i)+",") {
			t.Fatalf("row %d is %q", i, l[:min(len(l), 20)])
		}
	}
	two := filepath.Join(dir, "two.csv")
	if code, _, e := runCLI(append(args, "-workers", "2", "-samples", two)...); code != 0 || !bytes.Equal(readFile(t, two), b) {
		t.Fatalf("-workers 2: exit %d (%s), or the samples differ from -workers 1's", code, e)
	}
	var cat []byte
	for i := range 3 {
		shardArgs := append(args, "-shard", strconv.Itoa(i)+"/3", "-samples", filepath.Join(dir, "s-{shard}.csv"))
		if code, _, e := runCLI(shardArgs...); code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, e)
		}
		s := readFile(t, filepath.Join(dir, "s-"+strconv.Itoa(i)+".csv"))
		if i > 0 {
			if !bytes.HasPrefix(s, []byte(lines[0]+"\n")) {
				t.Fatalf("shard %d's file has no header", i)
			}
			s = s[len(lines[0])+1:]
		}
		cat = append(cat, s...)
	}
	if !bytes.Equal(cat, b) {
		t.Error("the shards' samples, concatenated, differ from the unsharded run's")
	}
	out := filepath.Join(dir, "out")
	for range 2 { // the second run replaces the first's folder
		if code, _, e := runCLI(append(args, "-out", out, "-samples", filepath.Join(out, "trials.csv"))...); code != 0 {
			t.Fatalf("-samples in -out: exit %d: %s", code, e)
		}
		if !bytes.Equal(readFile(t, filepath.Join(out, "trials.csv")), b) {
			t.Fatal("the samples in the -out folder differ")
		}
	}
	// The report's tables are there too (the Pakistan scenario has
	// economics: its cost tables with them), and merging the shards into
	// a folder writes the same tables.
	tables := []string{"months.csv", "zones.csv", "zone_months.csv", "cost.csv", "cost_fuels.csv", "cost_months.csv", "duration_curve.csv"}
	names := dirFiles(t, out)
	for _, n := range append(tables, "report.json", "whopays.png", "duration.png") {
		if !slices.Contains(names, n) {
			t.Errorf("-out holds %v, without %s", names, n)
		}
	}
	merged := filepath.Join(dir, "merged")
	shards := filepath.Join(dir, "shards")
	for i := range 2 {
		if code, _, e := runCLI(append(args, "-shard", strconv.Itoa(i)+"/2", "-out", shards)...); code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, e)
		}
	}
	if code, _, e := runCLI("merge", "-out", merged, shards); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, e)
	}
	for _, n := range tables {
		if !bytes.Equal(readFile(t, filepath.Join(merged, n)), readFile(t, filepath.Join(out, n))) {
			t.Errorf("merge -out: %s differs from the unsharded run's", n)
		}
	}
	if names := dirFiles(t, dir); slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, ".") }) {
		t.Errorf("temporary files left: %v", names)
	}
}

// TestRunSamplesInterrupted checks that an interrupted run leaves no
// samples file (and no temporary one), that with -checkpoint it keeps the
// rows so far for the resumed run, that the resumed run ends with the
// bytes of an uninterrupted run's file, and that a checkpoint whose rows
// are gone is refused before any trial.
func TestRunSamplesInterrupted(t *testing.T) {
	sc := smallScenario(t)
	base := t.TempDir()
	samples := filepath.Join(base, "samples.csv")
	cp := filepath.Join(base, "cp.json")
	// interrupted runs the command and cancels it once the file stop
	// exists.
	interrupted := func(stop string, args ...string) (int, string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			for ctx.Err() == nil {
				if _, err := os.Stat(stop); err == nil {
					cancel()
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
		var stdout, stderr bytes.Buffer
		code := cmdRun(ctx, args, &stdout, &stderr)
		return code, stderr.String()
	}
	args := []string{"-scenario", sc, "-trials", "2000", "-quiet", "-samples", samples}
	// Without a checkpoint the rows go with the run (stopped after a
	// moment, with some trials done).
	stop := filepath.Join(t.TempDir(), "stop")
	time.AfterFunc(300*time.Millisecond, func() { os.WriteFile(stop, nil, 0o644) })
	code, e := interrupted(stop, append(args, "-trials", "200000")...)
	if code != 1 || !strings.Contains(e, "no samples file written") {
		t.Fatalf("interrupted run: exit %d, stderr %q", code, e)
	}
	if names := dirFiles(t, base); len(names) != 0 {
		t.Fatalf("an interrupted run without a checkpoint left %v", names)
	}
	// With one they are kept (stopped once the first checkpoint, of
	// 1,000 trials, is on disk), and the resumed run continues them.
	ckArgs := append(args, "-checkpoint", cp)
	code, e = interrupted(cp, ckArgs...)
	if code != 1 || !strings.Contains(e, "kept in") {
		t.Fatalf("interrupted run with a checkpoint: exit %d, stderr %q", code, e)
	}
	if _, err := os.Stat(samples); err == nil {
		t.Fatal("an interrupted run wrote the samples file")
	}
	var stdout, stderr bytes.Buffer
	if code := cmdRun(context.Background(), ckArgs, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "resuming from") {
		t.Fatalf("resumed run: exit %d: %s", code, stderr.String())
	}
	whole := filepath.Join(base, "whole.csv")
	if code, _, e := runCLI("run", "-scenario", sc, "-trials", "2000", "-quiet", "-samples", whole); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, e)
	}
	if !bytes.Equal(readFile(t, samples), readFile(t, whole)) {
		t.Error("the resumed run's samples differ from an uninterrupted run's")
	}
	if names := dirFiles(t, base); !slices.Equal(names, []string{"cp.json", "samples.csv", "whole.csv"}) {
		t.Errorf("left %v", names)
	}
	// The completed run's checkpoint holds every trial, whose rows are
	// now in samples.csv, not in a work file to continue.
	if code, out, e := runCLI(append([]string{"run"}, ckArgs...)...); code != 2 || out != "" || !strings.Contains(e, "is gone") {
		t.Errorf("rerun of a completed checkpoint: exit %d, stderr %q; want 2 saying the rows are gone", code, e)
	}
}

// TestRunSamplesBadFlags checks that a bad -samples is refused before any
// trial, as bad usage, writing nothing.
func TestRunSamplesBadFlags(t *testing.T) {
	sc := smallScenario(t)
	base := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-samples", filepath.Join(base, "s.parquet")}, "Parquet"},
		{[]string{"-samples", filepath.Join(base, "s.txt")}, ".csv"},
		{[]string{"-samples", filepath.Join(base, "s.csv"), "-shard", "1/2"}, "{shard}"},
		{[]string{"-samples", filepath.Join(base, "missing", "s.csv")}, "missing"},
	} {
		code, out, e := runCLI(append([]string{"run", "-scenario", sc, "-trials", "3000", "-quiet"}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(e, c.want) {
			t.Errorf("%v: exit %d, %d bytes on stdout, stderr %q; want 2 naming %q", c.args, code, len(out), e, c.want)
		}
	}
	if names := dirFiles(t, base); len(names) != 0 {
		t.Errorf("left %v", names)
	}
}
