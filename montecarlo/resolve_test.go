package montecarlo

import (
	"runtime"
	"strings"
	"testing"
)

// TestResolve checks that Resolve returns the defaults, the values the
// options set (the last of repeated options winning, as in Run), and
// Run's error for a bad option.
func TestResolve(t *testing.T) {
	s, err := Resolve()
	if err != nil || s.Seed != 1 || s.Trials != 1000 || s.Workers != min(runtime.GOMAXPROCS(0), MaxWorkers) {
		t.Errorf("defaults: %+v, %v; want seed 1, 1000 trials, GOMAXPROCS workers", s, err)
	}
	s, err = Resolve(WithSeed(7), nil, WithTrials(50), WithWorkers(3), WithSeed(9))
	if err != nil || s != (Settings{Seed: 9, Trials: 50, Workers: 3}) {
		t.Errorf("got %+v, %v; want seed 9, 50 trials, 3 workers", s, err)
	}
	if _, err := Resolve(WithTrials(-1)); err == nil || !strings.Contains(err.Error(), "-1") {
		t.Errorf("bad trials: error %v, want one naming -1", err)
	}
}
