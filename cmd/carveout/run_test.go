package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
)

// smallScenario writes the Pakistan scenario with a short sweep to a file,
// so the CLI tests run in seconds.
func smallScenario(t *testing.T) string {
	t.Helper()
	sc, err := scenarios.Pakistan2025()
	if err != nil {
		t.Fatal(err)
	}
	sc.Sweep.SizesMW = []float64{0, 2000, 4000}
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "small.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunShardsMergeByteIdentical(t *testing.T) {
	sc := smallScenario(t)
	code, ref, errOut := runCLI("run", "-scenario", sc, "-trials", "90", "-workers", "2", "-quiet")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	code, again, _ := runCLI("run", "-scenario", sc, "-trials", "90", "-workers", "1", "-quiet")
	if code != 0 || again != ref {
		t.Fatal("the report depends on -workers")
	}
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		code, _, errOut := runCLI("run", "-scenario", sc, "-trials", "90", "-shard", string(rune('0'+i))+"/3", "-out", dir, "-quiet")
		if code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, errOut)
		}
	}
	code, merged, errOut := runCLI("merge", dir)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	if merged != ref {
		t.Fatal("merged shards differ from the single run")
	}
	var r study.Report
	if err := json.Unmarshal([]byte(ref), &r); err != nil {
		t.Fatal(err)
	}
	if r.Done != 90 || r.Scenario.Hash == "" || len(r.Sweep) == 0 {
		t.Fatalf("report: done %d hash %q sweep %d", r.Done, r.Scenario.Hash, len(r.Sweep))
	}
	// -out before or after the shards: the folder holds the same report.
	for _, args := range [][]string{{"merge", dir, "-out", "OUT"}, {"merge", "-out", "OUT", dir}, {"merge", filepath.Join(dir, "shard-0.json"), "-quiet-is-no-flag"}} {
		out := filepath.Join(t.TempDir(), "merged")
		for i, a := range args {
			if a == "OUT" {
				args[i] = out
			}
		}
		code, got, errOut := runCLI(args...)
		if args[len(args)-1] == "-quiet-is-no-flag" {
			// A flag after the files is parsed as one, not taken for a file.
			if code != 2 || !strings.Contains(errOut, "-quiet-is-no-flag") {
				t.Errorf("%v: exit %d, stderr %q; want exit 2 naming the flag", args, code, errOut)
			}
			continue
		}
		if code != 0 || got != ref {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if b, err := os.ReadFile(filepath.Join(out, "report.json")); err != nil || string(b) != ref {
			t.Errorf("%v: report.json: %v, want the report", args, err)
		}
	}
	// A report is not a shard, and merge says so.
	rep := filepath.Join(t.TempDir(), "report.json")
	os.WriteFile(rep, []byte(ref), 0o644)
	if code, _, errOut := runCLI("merge", rep); code != 2 || !strings.Contains(errOut, "is a report, not a shard") {
		t.Errorf("merge of a report: exit %d, %q", code, errOut)
	}
	// A missing shard is refused, naming the gap.
	os.Remove(filepath.Join(dir, "shard-1.json"))
	if code, _, errOut := runCLI("merge", dir); code != 2 || !strings.Contains(errOut, "missing") {
		t.Fatalf("merge with a missing shard: exit %d, %q", code, errOut)
	}
}

// TestRunKilledAndResumed kills a checkpointing shard part-way with
// SIGKILL, restarts it with the same arguments and checks that it ends with
// exactly the bytes of an uninterrupted run.
func TestRunKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it twice")
	}
	sc := smallScenario(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "carveout")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	args := []string{"run", "-scenario", sc, "-trials", "12000", "-shard", "1/2", "-quiet", "-workers", "2"}
	_, ref, e := runCLI(args...)
	if ref == "" {
		t.Fatal(e)
	}
	cp := filepath.Join(dir, "cp.json")
	cargs := append(args, "-checkpoint", cp)
	cmd := exec.Command(bin, cargs...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once the first checkpoint is on disk.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(cp); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no checkpoint within 60 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	b, err := os.ReadFile(cp)
	if err != nil {
		t.Fatal(err)
	}
	s, err := study.DecodeShard(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("checkpoint left by the killed run is not a valid shard: %v", err)
	}
	if s.Done >= s.End-s.Start {
		t.Skipf("the run finished (%d trials) before it could be killed; nothing to resume", s.Done)
	}
	out, err := exec.Command(bin, cargs...).Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != ref {
		t.Fatalf("resumed from %d trials, the output differs from an uninterrupted run", s.Done)
	}
}

func TestRunBadInput(t *testing.T) {
	sc := smallScenario(t)
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"name":"x","fleet":[{"name":"a","capacity_mw":-5,"mttf_h":10,"mttr_h":1}],"bogus":1}`), 0o644)
	neg := filepath.Join(t.TempDir(), "neg.json")
	os.WriteFile(neg, []byte(`{"name":"x","fleet":[{"name":"a","capacity_mw":100,"mttf_h":10,"mttr_h":-5}],"demand":{"base":{"hourly_mw":[1]}}}`), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "-scenario", "nosuch"}, "neither"},
		{[]string{"run", "-scenario", bad}, "bogus"},
		{[]string{"run", "-scenario", neg}, "fleet[0]"},
		{[]string{"run", "-scenario", sc, "-policy", "maybe"}, "-policy"},
		{[]string{"run", "-scenario", sc, "-vr", "is"}, "-vr"},
		{[]string{"run", "-scenario", sc, "-carveout-mw", "-3"}, "-carveout-mw"},
		{[]string{"run", "-scenario", sc, "-trials", "-1"}, "-trials"},
		{[]string{"run", "-scenario", sc, "-trials", "10000000000000"}, "-trials"},
		{[]string{"run", "-scenario", sc, "-shard", "3/2"}, "shard"},
		{[]string{"run", "-scenario", sc, "-shard", "1/0"}, "shard"},
		{[]string{"run", "-scenario", sc, "-workers", "-2"}, "-workers"},
		{[]string{"run", "-scenario", sc, "-target-rse", "0.05", "-shard", "0/2"}, "-target-rse"},
		{[]string{"run", "-scenario", sc, "-trials", "2", "-shard", "0/3"}, "more shards"},
		{[]string{"run", "-scenario", sc, "-checkpoint", bad}, "checkpoint " + bad},
		{[]string{"run", "-scenario", sc, "-checkpoint", t.TempDir()}, "is a directory"},
		{[]string{"merge"}, "no shard"},
		{[]string{"merge", sc}, "shard"},
	} {
		dir := filepath.Join(t.TempDir(), "out")
		args := append(c.args, "-out", dir)
		if c.args[0] == "merge" {
			args = append([]string{"merge", "-out", dir}, c.args[1:]...)
		}
		code, out, errOut := runCLI(args...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want exit 2, no stdout, stderr naming %q", c.args, code, len(out), errOut, c.want)
		}
		if ents, _ := os.ReadDir(dir); len(ents) > 0 {
			t.Errorf("%v: left %d files in the output directory", c.args, len(ents))
		}
	}
}

// TestRunDumpRoundTrip checks that -dump writes a scenario document that
// runs to the same report as the built-in scenario it came from.
func TestRunDumpRoundTrip(t *testing.T) {
	code, doc, e := runCLI("run", "-dump", "-carveout-mw", "1500")
	if code != 0 {
		t.Fatal(e)
	}
	p := filepath.Join(t.TempDir(), "pk.json")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, a, _ := runCLI("run", "-carveout-mw", "1500", "-trials", "40", "-quiet")
	_, b, _ := runCLI("run", "-scenario", p, "-trials", "40", "-quiet")
	if a == "" || a != b {
		t.Fatal("the dumped scenario does not reproduce the built-in one")
	}
}

// TestRunCancelledBeforeAnyTrial checks that a run interrupted before its
// first trial exits 1 naming the interruption and writes no report or
// charts (a report of zero trials has no estimates to chart).
func TestRunCancelledBeforeAnyTrial(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := cmdRun(ctx, []string{"-trials", "500", "-quiet", "-out", out}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "before any trial") {
		t.Fatalf("exit %d, stderr %q; want 1 and the interruption named", code, stderr.String())
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 || stdout.Len() != 0 {
		t.Errorf("wrote %d files and %d bytes of stdout, want none", len(entries), stdout.Len())
	}
}

// TestDumpRoundTrip checks that a dumped scenario decodes back to the same
// scenario and hash, for the Pakistan scenario and for a document with an
// explicit zero in its mining model, and that the zero is kept: it is a
// different model from the default (fee volatility 0.3), so it must hash
// differently from the document without it.
func TestDumpRoundTrip(t *testing.T) {
	studyFile := filepath.Join("testdata", "golden", "rbts-study.json")
	doc, err := os.ReadFile(studyFile)
	if err != nil {
		t.Fatal(err)
	}
	zeroed := bytes.Replace(doc, []byte(`"fees": {}`), []byte(`"fees": {"volatility": 0}`), 1)
	if bytes.Equal(zeroed, doc) {
		t.Fatal(`the study document has no "fees": {} to edit`)
	}
	zeroFile := filepath.Join(t.TempDir(), "zero.json")
	if err := os.WriteFile(zeroFile, zeroed, 0o644); err != nil {
		t.Fatal(err)
	}
	hashes := map[string]string{}
	for _, name := range []string{"pakistan", studyFile, zeroFile} {
		want, err := scenarios.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runCLI("run", "-scenario", name, "-dump")
		if code != 0 {
			t.Fatalf("%s: -dump exit %d: %s", name, code, errOut)
		}
		got, err := study.DecodeScenario(strings.NewReader(out))
		if err != nil {
			t.Fatalf("%s: decoding the dump: %v", name, err)
		}
		if got.Hash() != want.Hash() || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the dump decodes to another scenario (hash %s, want %s)", name, got.Hash(), want.Hash())
		}
		hashes[name] = got.Hash()
		if name == zeroFile && got.Carveout.Mining.Fees.Volatility != 0 {
			t.Errorf("explicit fee volatility 0 decoded as %v", got.Carveout.Mining.Fees.Volatility)
		}
	}
	if hashes[zeroFile] == hashes[studyFile] {
		t.Error("a fee volatility of 0 hashes as the default 0.3")
	}
}

// TestRunTargetRSECheckpointRerun checks that rerunning a run that met its
// -target-rse, with its -checkpoint still on disk, prints the same bytes
// rather than resuming for another round.
func TestRunTargetRSECheckpointRerun(t *testing.T) {
	sc := smallScenario(t)
	cp := filepath.Join(t.TempDir(), "x.ckpt")
	args := []string{"run", "-scenario", sc, "-trials", "20000", "-target-rse", "0.9", "-quiet", "-checkpoint", cp}
	code, a, errOut := runCLI(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r study.Report
	if err := json.Unmarshal([]byte(a), &r); err != nil {
		t.Fatal(err)
	}
	if !r.Converged || r.Done >= 20000 {
		t.Fatalf("first run: converged %v after %d trials; want it to stop early", r.Converged, r.Done)
	}
	code, b, errOut := runCLI(args...)
	if code != 0 || b != a {
		t.Fatalf("rerun with the checkpoint: exit %d (%s), same bytes %v", code, errOut, a == b)
	}
}

// scenarioWith writes the small scenario after edit to a file.
func scenarioWith(t *testing.T, edit func(*study.Scenario)) string {
	t.Helper()
	sc, err := scenarios.Load(smallScenario(t))
	if err != nil {
		t.Fatal(err)
	}
	edit(sc)
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "edited.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// dirFiles returns the names in dir, sorted.
func dirFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// TestRunInterruptedKeepsCompleteReport runs a complete report into -out,
// then interrupts a rerun into the same folder: the complete report and
// its charts stay as they were, and the partial report goes to its own
// folder.
func TestRunInterruptedKeepsCompleteReport(t *testing.T) {
	sc := smallScenario(t)
	base := t.TempDir()
	out := filepath.Join(base, "out")
	if code, _, e := runCLI("run", "-scenario", sc, "-trials", "60", "-quiet", "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	before := map[string][]byte{}
	for _, n := range dirFiles(t, out) {
		b, _ := os.ReadFile(filepath.Join(out, n))
		before[n] = b
	}
	// Interrupt the rerun once it has done some trials (its first
	// checkpoint is on disk).
	cp := filepath.Join(base, "cp.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			if _, err := os.Stat(cp); err == nil {
				cancel()
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	var stdout, stderr bytes.Buffer
	code := cmdRun(ctx, []string{"-scenario", sc, "-trials", "200000", "-quiet", "-out", out, "-checkpoint", cp}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "marked partial") {
		t.Fatalf("exit %d, stderr %q; want 1 and a partial report", code, stderr.String())
	}
	after := dirFiles(t, out)
	if len(after) != len(before) {
		t.Fatalf("-out holds %v after the interrupted rerun, want the %d files of the complete run", after, len(before))
	}
	for n, b := range before {
		if got, err := os.ReadFile(filepath.Join(out, n)); err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s changed (or is gone: %v)", n, err)
		}
	}
	var r study.Report
	b, err := os.ReadFile(filepath.Join(out+".partial", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &r); err != nil || !r.Partial || r.Done == 0 {
		t.Fatalf("partial report: %v, partial %v, done %d", err, r.Partial, r.Done)
	}
	if names := dirFiles(t, base); !slices.Equal(names, []string{"cp.json", "out", "out.partial"}) {
		t.Errorf("the parent folder holds %v, want no temporary files", names)
	}
}

// TestRunOutHoldsOnlyItsFiles checks that a report written over an earlier
// one into the same -out leaves none of the earlier run's charts: here the
// earlier report had a sweep (a risk chart) and the new one has none.
func TestRunOutHoldsOnlyItsFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, _, e := runCLI("run", "-scenario", smallScenario(t), "-trials", "30", "-quiet", "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	if !slices.Contains(dirFiles(t, out), "risk.png") {
		t.Fatal("the run with a sweep wrote no risk chart")
	}
	noSweep := scenarioWith(t, func(sc *study.Scenario) { sc.Sweep = study.Sweep{} })
	code, _, e := runCLI("run", "-scenario", noSweep, "-trials", "30", "-quiet", "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	for _, n := range dirFiles(t, out) {
		if strings.HasPrefix(n, "risk.") || strings.HasPrefix(n, ".") {
			t.Errorf("-out holds %s, which the second run did not write", n)
		}
	}
}

// TestRunChecksOutputsFirst checks that problems with the output folder,
// the checkpoint's folder and the sweep are found before the first trial
// (exit 2, nothing on stdout, nothing written), not after the run.
func TestRunChecksOutputsFirst(t *testing.T) {
	sc := smallScenario(t)
	base := t.TempDir()
	file := filepath.Join(base, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	foreign := filepath.Join(base, "foreign")
	os.Mkdir(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-out", file}, "is a file"},
		{[]string{"-out", foreign}, "notes.txt"},
		{[]string{"-checkpoint", filepath.Join(base, "missing", "x.ckpt")}, "missing"},
		{[]string{"-checkpoint", filepath.Join(file, "x.ckpt")}, "not a folder"},
	} {
		code, out, errOut := runCLI(append([]string{"run", "-scenario", sc, "-trials", "3000", "-quiet"}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %d bytes of stdout, stderr %q; want exit 2 naming %q", c.args, code, len(out), errOut, c.want)
		}
	}
	if names := dirFiles(t, base); !slices.Equal(names, []string{"file", "foreign"}) {
		t.Errorf("left %v", names)
	}
	// Duplicate sweep sizes are valid and chart once.
	dup := scenarioWith(t, func(sc *study.Scenario) { sc.Sweep.SizesMW = []float64{500, 500} })
	if code, _, e := runCLI("run", "-scenario", dup, "-trials", "30", "-quiet", "-out", filepath.Join(base, "dup")); code != 0 {
		t.Errorf("duplicate sweep sizes with -out: exit %d: %s", code, e)
	}
}

// TestPanicExitsOne checks that a panic in a command is a runtime failure,
// exit 1, reported on stderr, rather than the Go runtime's exit 2, which
// the commands use for bad usage.
func TestPanicExitsOne(t *testing.T) {
	commands["panic-test"] = command{"panics", func(context.Context, []string, io.Writer, io.Writer) int { panic("boom") }}
	defer delete(commands, "panic-test")
	code, _, errOut := runCLI("panic-test")
	if code != 1 || !strings.Contains(errOut, "boom") {
		t.Fatalf("exit %d, stderr %q; want 1 naming the panic", code, errOut)
	}
}

// TestRunRefusesOversizedRun: a run whose memory estimate exceeds
// study.MaxMemoryBytes, or with more workers than montecarlo.MaxWorkers, is
// refused before any trial as bad usage (exit 2), saying why.
func TestRunRefusesOversizedRun(t *testing.T) {
	for _, c := range []struct {
		workers, want string
	}{
		{"1024", "MaxMemoryBytes"},
		{"2000", "-workers = 2000"},
	} {
		code, out, errOut := runCLI("run", "-workers", c.workers, "-trials", "10", "-quiet")
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("-workers %s: exit %d, stdout %d bytes, stderr %q; want 2, nothing, %q", c.workers, code, len(out), errOut, c.want)
		}
	}
}

// TestRunOutWritesPageAndPDF checks what -out holds besides report.json:
// report.html, a page of the same report, and every chart as PNG, SVG and
// PDF; with -target-rse the page's convergence chart shows the target.
func TestRunOutWritesPageAndPDF(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, e := runCLI("run", "-scenario", smallScenario(t), "-trials", "3000", "-target-rse", "0.5", "-quiet", "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	var r study.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	names := dirFiles(t, out)
	for _, want := range []string{"report.json", "report.html", "risk.pdf", "risk.png", "risk.svg", "heatmap.pdf", "convergence.pdf"} {
		if !slices.Contains(names, want) {
			t.Errorf("-out lacks %s: %v", want, names)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{r.Scenario.Hash, "<!DOCTYPE html>", `id="chart-convergence"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if !strings.Contains(e, "report.html") {
		t.Errorf("stderr %q does not name report.html", e)
	}
}
