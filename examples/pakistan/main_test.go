package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carveout/carveout/study"
)

// TestRunSmall runs the main job with a few trials and checks its outputs:
// the summary, a report that decodes, and every chart in PNG and SVG.
func TestRunSmall(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-trials", "150", "-out", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"Chance a year's carve-out adds shedding", "95% CI", "files written to",
		"By zone", "By site", "−north", "Risk against the south->north transfer limit", "\n5200       south "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r study.Report
	if err := json.Unmarshal(b, &r); err != nil || r.Done != 150 || r.Scenario.Name != "pakistan-2025" {
		t.Fatalf("report: %v, done %d, scenario %q", err, r.Done, r.Scenario.Name)
	}
	for _, name := range []string{"risk", "risk-log", "heatmap", "market", "convergence", "corridor"} {
		for _, ext := range []string{".png", ".svg", ".pdf"} {
			if fi, err := os.Stat(filepath.Join(dir, name+ext)); err != nil || fi.Size() == 0 {
				t.Errorf("%s%s: %v", name, ext, err)
			}
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{r.Scenario.Hash, `id="sensitivity"`, `id="chart-sensitivity"`, "south→north transfer limit"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	c, err := os.ReadFile(filepath.Join(dir, "corridor.csv"))
	if err != nil || strings.Count(string(c), "\n") != 1+2*6 {
		t.Errorf("corridor.csv: %v, want a header and 12 rows (6 limits × 2 sites):\n%s", err, c)
	}
	if code := run(context.Background(), []string{"-trials", "x"}, &out, &errb); code != 2 {
		t.Errorf("bad -trials: exit %d, want 2", code)
	}
}

// TestRunInterrupted checks a run interrupted before any trial is done:
// exit 1 naming the interruption (it used to go on and fail in the charts,
// on the NaN estimates of zero trials).
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errb bytes.Buffer
	code := run(ctx, []string{"-trials", "150", "-out", t.TempDir()}, io.Discard, &errb)
	if code != 1 || !strings.Contains(errb.String(), context.Canceled.Error()) || strings.Contains(errb.String(), "<nil>") {
		t.Errorf("interrupted run: exit %d, stderr %q; want exit 1 naming %q", code, errb.String(), context.Canceled)
	}
}
