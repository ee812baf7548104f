package study

import (
	"context"
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestRunTrialsAndSeedFromScenario checks that the scenario is the one
// source of a run's trial count and seed: the study's state (its
// convergence blocks) is shaped by the scenario's trials, so a run that
// took another count from an option would report one number of trials,
// chart another and write a shard that does not decode.
func TestRunTrialsAndSeedFromScenario(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{Kind: Firm})
	sc.Trials = 200
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		opt  montecarlo.Option
	}{{"trials", montecarlo.WithTrials(300)}, {"seed", montecarlo.WithSeed(9)}} {
		res, err := st.Run(context.Background(), c.opt, montecarlo.WithWorkers(1))
		if err == nil {
			t.Errorf("Run with an option setting the %s was accepted (ran %d trials, seed %d); want an error", c.name, res.Trials, res.Seed)
			continue
		}
		if !strings.Contains(err.Error(), c.name) {
			t.Errorf("Run with an option setting the %s: err = %v, want one naming %q", c.name, err, c.name)
		}
	}
}

// TestHashIsOfDocumentAsRun checks that Scenario.Hash is the hash a
// report records, also when fields of the scenario took their defaults.
func TestHashIsOfDocumentAsRun(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{})
	sc.Trials = 100
	sc.Seed = 0                   // default 1
	sc.Carveout.Policy = Policy{} // default firm
	st, res := runStudy(t, sc)
	r := res.Report()
	if h := sc.Hash(); h != r.Scenario.Hash {
		t.Errorf("Scenario.Hash() = %.12s…, the report records %.12s…", h, r.Scenario.Hash)
	}
	filled := st.Scenario()
	if h := filled.Hash(); h != r.Scenario.Hash {
		t.Errorf("hash of the scenario with defaults filled = %.12s…, the report records %.12s…", h, r.Scenario.Hash)
	}
}
