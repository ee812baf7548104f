package scenarios

import (
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/study"
)

// TestMarkEdits checks the names MarkEdits gives: the built-in name for
// the built-in scenario (whatever its trials and seed), the changed paths
// for a changed one, recomputed when a marked scenario is changed again
// or changed back, and nothing for a scenario of another name.
func TestMarkEdits(t *testing.T) {
	load := func() *study.Scenario {
		sc, err := Pakistan2025()
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	for _, c := range []struct {
		name  string
		edit  func(*study.Scenario)
		want  string
		paths []string
	}{
		{"unchanged", func(*study.Scenario) {}, "pakistan-2025", nil},
		{"trials and seed are the run's", func(s *study.Scenario) { s.Trials, s.Seed = 60, 3 }, "pakistan-2025", nil},
		{"a default left out", func(s *study.Scenario) { s.Hours = 0 }, "pakistan-2025", nil},
		{"size", func(s *study.Scenario) { s.Carveout.MW = 3000 }, "pakistan-2025 (edited: carveout.mw)", []string{"carveout.mw"}},
		{"the newcomer's edits", func(s *study.Scenario) {
			s.Carveout.MW, s.Carveout.MiningShare, s.Carveout.Mining.Fleet.TariffUSDPerMWh = 3000, 0.8, 60
		}, "pakistan-2025 (edited: carveout.mining.fleet.tariff_usd_per_mwh, carveout.mining_share, carveout.mw)",
			[]string{"carveout.mining.fleet.tariff_usd_per_mwh", "carveout.mining_share", "carveout.mw"}},
		{"a unit and a sweep", func(s *study.Scenario) {
			s.Fleet[12].MTTRHours = 48
			s.Sweep.SizesMW = s.Sweep.SizesMW[:2]
			s.Carveout.Policy.Kind = study.Interruptible
			s.Description = "mine"
		}, "pakistan-2025 (edited: carveout.policy.kind, description, fleet[12].mttr_h and 1 more)",
			[]string{"carveout.policy.kind", "description", "fleet[12].mttr_h", "sweep.sizes_mw"}},
		{"a stale mark, changed back", func(s *study.Scenario) { s.Name = "pakistan-2025 (edited: carveout.mw)" }, "pakistan-2025", nil},
		{"a mark, changed further", func(s *study.Scenario) {
			s.Name = "pakistan-2025 (edited: carveout.mw)"
			s.Carveout.MiningShare = 0.9
		}, "pakistan-2025 (edited: carveout.mining_share)", []string{"carveout.mining_share"}},
		{"another name", func(s *study.Scenario) { s.Name, s.Carveout.MW = "my-grid", 3000 }, "my-grid", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := load()
			c.edit(sc)
			paths, err := MarkEdits(sc)
			if err != nil || sc.Name != c.want || !slices.Equal(paths, c.paths) {
				t.Errorf("name %q, paths %q, err %v; want %q, %q", sc.Name, paths, err, c.want, c.paths)
			}
		})
	}
	// The copper plate is a built-in scenario of its own name.
	cp, err := Pakistan2025CopperPlate()
	if err != nil {
		t.Fatal(err)
	}
	if paths, err := MarkEdits(cp); err != nil || len(paths) > 0 || cp.Name != "pakistan-2025-copperplate" {
		t.Errorf("copper plate: name %q, paths %q, err %v", cp.Name, paths, err)
	}
	if _, err := MarkEdits(nil); err == nil || !strings.Contains(err.Error(), "nil") {
		t.Errorf("nil scenario: err = %v", err)
	}
}
