package study

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/carveout/carveout/input"

	"github.com/carveout/carveout/internal/hourcal"
	"github.com/carveout/carveout/montecarlo"
)

// monthSums returns the sums over the months of each measure's mean.
func monthSums(ms []MonthIndices) (bl, be, wl, we, dl, de float64) {
	for _, m := range ms {
		bl += m.BaselineLOLEHours.Mean
		be += m.BaselineEUEMWh.Mean
		wl += m.WithLOLEHours.Mean
		we += m.WithEUEMWh.Mean
		dl += m.DeltaLOLEHours.Mean
		de += m.DeltaEUEMWh.Mean
	}
	return
}

// near checks that got is want within rel relative (or rel absolute when
// want is 0).
func near(t *testing.T, what string, got, want, rel float64) {
	t.Helper()
	if math.Abs(got-want) > rel*max(1, math.Abs(want)) {
		t.Errorf("%s: months sum to %v, the year is %v", what, got, want)
	}
}

// TestMonthsSumToYear checks that each month's LOLE, EUE and paired
// changes, summed over the months, are the year's (LOLE exactly up to the
// rounding of twelve means, EUE to the rounding of the hourly sums), for
// the system and each zone, copper plate and zonal.
func TestMonthsSumToYear(t *testing.T) {
	zonal := zonedScenario(t, 20, Policy{Kind: Interruptible, NoticeHours: 1, Compliance: 0.95}, 0.7, corridor(25), "north")
	zonal.Trials = 800
	for _, sc := range []*Scenario{samplesScenario(t), zonal} {
		_, res := runStudy(t, sc)
		r := res.Report()
		if len(r.Months) != 12 {
			t.Fatalf("%d months for a horizon of %d hours, want 12", len(r.Months), sc.Hours)
		}
		check := func(who string, ms []MonthIndices, base, with struct{ lole, eue float64 }, dl, de float64) {
			bl, be, wl, we, sdl, sde := monthSums(ms)
			near(t, who+" baseline LOLE", bl, base.lole, 1e-12)
			near(t, who+" baseline EUE", be, base.eue, 1e-9)
			near(t, who+" LOLE with", wl, with.lole, 1e-12)
			near(t, who+" EUE with", we, with.eue, 1e-9)
			near(t, who+" ΔLOLE", sdl, dl, 1e-12)
			near(t, who+" ΔEUE", sde, de, 1e-9)
			if with.eue <= base.eue {
				t.Errorf("%s: EUE with %v <= without %v; the test shows little", who, with.eue, base.eue)
			}
		}
		type le = struct{ lole, eue float64 }
		check("system", r.Months, le{r.Baseline.LOLEHours.Mean, r.Baseline.EUEMWh.Mean}, le{r.Carveout.LOLEHours.Mean, r.Carveout.EUEMWh.Mean},
			r.Risk.DeltaLOLEHours.Mean, r.Risk.DeltaEUEMWh.Mean)
		for _, z := range r.Zones {
			if z.Carveout.EUEMWh.Mean == 0 {
				continue
			}
			check("zone "+z.Name, z.Months, le{z.Baseline.LOLEHours.Mean, z.Baseline.EUEMWh.Mean}, le{z.Carveout.LOLEHours.Mean, z.Carveout.EUEMWh.Mean},
				z.DeltaLOLEHours.Mean, z.DeltaEUEMWh.Mean)
		}
	}
}

// TestMonthsPlaceTheShortfall checks that shortfall lands in its month: a
// load far above the fleet in March's hours and far below it elsewhere
// is short in every March hour and no other, in every trial, and a
// horizon of two months reports two.
func TestMonthsPlaceTheShortfall(t *testing.T) {
	sc := rbtsScenario(t, 5, Policy{Kind: Firm})
	sc.Hours = 24 * (31 + 28 + 31 + 30) // January to April
	sc.Trials = 50
	load := make([]float64, sc.Hours)
	march := 0
	for h := range load {
		load[h] = 1
		if hourcal.MonthOfHour(h) == 2 {
			load[h], march = 1000, march+1
		}
	}
	sc.Demand.Base.HourlyMW = load
	_, res := runStudy(t, sc)
	r := res.Report()
	if len(r.Months) != 4 {
		t.Fatalf("%d months for January to April, want 4", len(r.Months))
	}
	for _, m := range r.Months {
		want := 0.0
		if m.Month == 3 {
			want = float64(march)
		}
		for _, e := range []montecarlo.Estimate{m.BaselineLOLEHours, m.WithLOLEHours} {
			if e.Mean != want || e.SE != 0 {
				t.Errorf("month %d: LOLE %v ± %v, want %v ± 0", m.Month, e.Mean, e.SE, want)
			}
		}
		if m.Month == 3 && !(m.BaselineEUEMWh.Mean > 0 && m.WithEUEMWh.Mean > 0) {
			t.Errorf("March: EUE %v without, %v with; want > 0", m.BaselineEUEMWh.Mean, m.WithEUEMWh.Mean)
		}
		if m.Month != 3 && (m.BaselineEUEMWh.Mean != 0 || m.WithEUEMWh.Mean != 0) {
			t.Errorf("month %d: EUE %v without, %v with; want 0", m.Month, m.BaselineEUEMWh.Mean, m.WithEUEMWh.Mean)
		}
	}
}

// TestMonthsInShards checks that a zonal shard's months, the system's and
// each zone's, are checked when it is read, and that shards merge into
// the unsharded run's months.
func TestMonthsInShards(t *testing.T) {
	sc := zonedScenario(t, 20, Policy{Kind: Firm}, 0.7, corridor(25), "north")
	sc.Trials = 300
	var shards []*Shard
	for i := range 2 {
		_, res := runStudy(t, sc, montecarlo.WithShard(i, 2))
		shards = append(shards, res.Shard())
	}
	merged, err := MergeShards(shards)
	if err != nil {
		t.Fatal(err)
	}
	_, whole := runStudy(t, sc)
	if !bytes.Equal(reportJSON(t, merged), reportJSON(t, whole)) {
		t.Error("merged shards report other months than the whole run")
	}
	b, err := json.Marshal(shards[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		edit func(a *State)
	}{
		{"state.zones[1].months[0].baseline_lole_h.n", func(a *State) { a.Zones[1].Months[0].BaselineLOLE.Count-- }},
		{"state.months[6].with_lole_h.n", func(a *State) { a.Months[6].WithLOLE.Count++ }},
	} {
		var s Shard
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		c.edit(s.State)
		bad, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		_, err = DecodeShard(bytes.NewReader(bad))
		var fe *input.FieldError
		if !errors.As(err, &fe) || fe.Path != c.path {
			t.Errorf("%s edited: err = %v, want a field error at %s", c.path, err, c.path)
		}
	}
}
