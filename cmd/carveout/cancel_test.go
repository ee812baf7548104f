package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
)

// syncBuffer is a bytes.Buffer safe to read while a process writes it.
type syncBuffer struct {
	ch  chan struct{}
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	n, err := b.buf.Write(p)
	if strings.Contains(b.buf.String(), "resuming from") {
		select {
		case b.ch <- struct{}{}:
		default:
		}
	}
	return n, err
}

// TestRunSignalMidTrial checks that an interrupt or a SIGTERM ends a run
// within a small fraction of one trial, even when a trial takes seconds
// (thousands of units cycling every few minutes), that the run stops
// through its own handling (exit status 1 and a report marked partial, not
// death by the signal), and that the checkpoint written before is left
// byte for byte as it was.
func TestRunSignalMidTrial(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs trials of seconds")
	}
	if raceEnabled {
		// The trial time below is measured in this (instrumented)
		// process, but the command is built without the detector and
		// runs several times faster, so the signal would come after its
		// last trial. The plain test run checks this.
		t.Skip("timing is taken in-process; meaningless under the race detector")
	}
	sc, err := scenarios.Pakistan2025()
	if err != nil {
		t.Fatal(err)
	}
	sc.Trials = 3
	sc.Sweep.SizesMW = []float64{0, 2000}
	// Adequacy alone: dispatch would record each of the fast units'
	// millions of changes.
	sc.Economics = nil
	u := &sc.Fleet[0].Unit
	u.Count, u.MTTFHours, u.MTTRHours = 3000, 0.1, 0.1
	// Named as carveout run names it, so that the API's checkpoint below
	// is the command's (the name enters the hash).
	if _, err := scenarios.MarkEdits(sc); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	scFile := filepath.Join(dir, "slow.json")
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scFile, b, 0o644); err != nil {
		t.Fatal(err)
	}

	// A checkpoint after the first trial, through the Go API; its time is
	// the trial time the bound below derives from.
	st, err := study.NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(dir, "cp.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	began := time.Now()
	var trial time.Duration
	res, err := st.Run(ctx, montecarlo.WithWorkers(1), montecarlo.WithCheckEvery(1), st.Checkpoints(func(sh *study.Shard) error {
		if trial == 0 {
			trial = time.Since(began)
		}
		b, err := json.Marshal(sh)
		if err != nil {
			return err
		}
		cancel() // during the second trial: its draws stop early
		return os.WriteFile(cp, b, 0o644)
	}))
	if !errors.Is(err, context.Canceled) || res.Done != 1 {
		t.Fatalf("API run: done %v, err %v; want 1 trial and the cancellation", res, err)
	}
	t.Logf("one trial: %v; API run cancelled in the second after %v", trial, time.Since(began)-trial)
	want, err := os.ReadFile(cp)
	if err != nil {
		t.Fatal(err)
	}

	bin := filepath.Join(dir, "carveout")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Generous for a shared machine, yet far below a trial.
	bound := trial / 3
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "run", "-scenario", scFile, "-workers", "1", "-checkpoint", cp)
			var stdout bytes.Buffer
			stderr := &syncBuffer{ch: make(chan struct{}, 1)}
			cmd.Stdout, cmd.Stderr = &stdout, stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-stderr.ch:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the run did not resume within 60 s")
			}
			time.Sleep(trial / 4) // into the second trial
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			took := time.Since(sent)
			t.Logf("exited %v after the signal (bound %v); stderr: %s", took, bound, stderr.buf.String())
			if took > bound {
				t.Errorf("exit took %v after the signal, want under %v (a third of a trial, %v)", took, bound, trial)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Errorf("exit: %v, want status 1 from the command's own handling", err)
			}
			if !strings.Contains(stdout.String(), `"partial": true`) {
				t.Errorf("stdout has no partial report: %.200s", stdout.String())
			}
			got, err := os.ReadFile(cp)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Error("the checkpoint changed")
			}
		})
	}
}
