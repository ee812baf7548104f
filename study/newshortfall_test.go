package study

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// threeUnits is a small fleet whose capacity outage table is easy to
// follow: 50, 40 and 30 MW with forced outage rates 0.1, 0.2 and 0.3, so
// the available capacity takes the values 0, 30, 40, 50, 70, 80, 90 and
// 120 MW.
func threeUnits() []FleetUnit {
	return []FleetUnit{
		{Unit: grid.Unit{Name: "a", CapacityMW: 50, MTTFHours: 90, MTTRHours: 10}},
		{Unit: grid.Unit{Name: "b", CapacityMW: 40, MTTFHours: 80, MTTRHours: 20}},
		{Unit: grid.Unit{Name: "c", CapacityMW: 30, MTTFHours: 70, MTTRHours: 30}},
	}
}

// smallScenario is a study of threeUnits with a deterministic hourly
// load and a firm carve-out of always-running miners, mw MW: no demand
// noise and no economics, so that the other customers are short in an
// hour exactly when the available capacity is below the hour's load plus
// the carve-out.
func smallScenario(load []float64, mw float64) *Scenario {
	return &Scenario{
		Name: "three-units", Hours: len(load), Trials: 20000, Seed: 5,
		Fleet:    threeUnits(),
		Demand:   demand.Model{Base: demand.Base{HourlyMW: load}},
		Carveout: Carveout{MW: mw, MiningShare: 1, Mining: mining.Defaults()},
	}
}

// coptOf returns the capacity outage probability table of sc's fleet.
func coptOf(t *testing.T, sc *Scenario) *grid.COPT {
	t.Helper()
	units := make([]grid.Unit, len(sc.Fleet))
	for i, u := range sc.Fleet {
		units[i] = u.Unit
	}
	cp, err := grid.NewCOPT(units)
	if err != nil {
		t.Fatal(err)
	}
	return cp
}

// TestNewShortfallMatchesCOPT checks P(new shortfall) and P(causes
// shedding) against exact values on a horizon whose only load is one
// hour's (75 MW at 18:00 on 1 January; every other hour has none, and a
// carve-out never makes customers without load short). A trial-year then
// has a shortfall of other customers exactly when that hour does, and
// the units start in their stationary state, so with A the available
// capacity of the hour, L its load and C the firm carve-out:
//
//	P(new shortfall)   = P(L ≤ A < L + C) = LOLP(L + C) − LOLP(L)
//	P(causes shedding) = P(0 < A < L + C) = LOLP(L + C) − P(A = 0)
//
// (with A = 0 every customer is shed whole, with or without the
// carve-out). The second counts the years short anyway; the first does
// not. Both come from the COPT, for the main case and for each size of a
// sweep, and the one short hour's ΔLOLE cell equals P(new shortfall)
// while every other cell is 0.
func TestNewShortfallMatchesCOPT(t *testing.T) {
	const l, hour = 75.0, 18
	load := make([]float64, 24)
	load[hour] = l
	sc := smallScenario(load, 20)
	// 5 MW reaches no capacity level above the load (exactly 0); 10,
	// 20 and 50 MW reach one, two and three.
	sc.Sweep = Sweep{SizesMW: []float64{5, 10, 20, 50}}
	_, res := runStudy(t, sc)
	r := res.Report()
	cp := coptOf(t, sc)
	_, pZero := cp.Capacity(0)
	if mw, _ := cp.Capacity(0); mw != 0 {
		t.Fatalf("lowest capacity %v MW, want 0", mw)
	}
	pNew := func(c float64) float64 { return cp.LOLP(l+c) - cp.LOLP(l) }
	pCauses := func(c float64) float64 { return cp.LOLP(l+c) - pZero }
	stattest.CheckEstimate(t, "P(new shortfall)", r.Risk.PNewShortfall, pNew(20), 0.03)
	stattest.CheckEstimate(t, "P(causes shedding)", r.Risk.PCausesShedding, pCauses(20), 0.03)
	// The contrast the measure exists for: with the carve-out the
	// year is short in half the trials, of which most were short anyway.
	if pNew(20) > 0.75*pCauses(20) {
		t.Fatalf("exact P(new) %v, P(causes) %v: the test system does not tell them apart", pNew(20), pCauses(20))
	}
	for _, p := range r.Sweep {
		stattest.CheckEstimate(t, fmt.Sprintf("%v MW P(causes)", p.MW), p.PCausesShedding, pCauses(p.MW), 0.1)
		if pNew(p.MW) == 0 {
			if p.PNewShortfall.Mean != 0 {
				t.Errorf("%v MW: P(new shortfall) %v, want exactly 0", p.MW, p.PNewShortfall.Mean)
			}
		} else {
			stattest.CheckEstimate(t, fmt.Sprintf("%v MW P(new shortfall)", p.MW), p.PNewShortfall, pNew(p.MW), 0.1)
		}
		if p.MW == sc.Carveout.MW && p.PNewShortfall != r.Risk.PNewShortfall {
			t.Errorf("sweep point at the main size: P(new) %+v, main case %+v", p.PNewShortfall, r.Risk.PNewShortfall)
		}
	}
	for m := range 12 {
		for h := range 24 {
			e := r.DeltaLOLEByMonthHour[m][h]
			if m == 0 && h == hour {
				// One hour a trial: the cell's value is the indicator
				// of a new shortfall, trial by trial.
				if e.Mean != r.Risk.PNewShortfall.Mean {
					t.Errorf("ΔLOLE cell [0][%d] = %v, want P(new shortfall) %v", hour, e.Mean, r.Risk.PNewShortfall.Mean)
				}
				continue
			}
			if e != (montecarlo.Estimate{}) {
				t.Errorf("ΔLOLE cell [%d][%d] = %+v, want 0 (no load)", m, h, e)
			}
		}
	}
}

// TestDeltaLOLEMapMatchesCOPT checks the month × hour map of ΔLOLE
// against exact values over a whole year. The load depends on the month
// and the hour of day; with the carve-out's C MW firm, the other
// customers are short in hour h with it and not without exactly when
// L_h ≤ A_h < L_h + C, and never the other way, so the cell (m, h) holds
//
//	Σ over the year's hours of month m at hour of day h of LOLP(L + C) − LOLP(L)
//
// (expectation is linear, so the chronology between hours does not
// matter, and the units' stationary start makes every hour's capacity
// follow the COPT). Every cell must lie within 4 SE of it, cells whose
// exact value is 0 (loads with no capacity level in [L, L + C)) must be 0
// in every trial, and the cells must add up to ΔLOLE.
func TestDeltaLOLEMapMatchesCOPT(t *testing.T) {
	const c = 20.0
	load := make([]float64, hourcal.HoursPerYear)
	for h := range load {
		m := hourcal.MonthOfHour(h)
		load[h] = 60 + 8*float64(m%5) // 60 … 92 MW
		if hod := h % 24; hod >= 18 && hod < 22 {
			load[h] += 35 // 95 … 127 MW
		}
	}
	sc := smallScenario(load, c)
	sc.Trials = 3000
	_, res := runStudy(t, sc)
	r := res.Report()
	cp := coptOf(t, sc)
	var exact [12][24]float64
	for h, l := range load {
		exact[hourcal.MonthOfHour(h)][h%24] += cp.LOLP(l+c) - cp.LOLP(l)
	}
	zeros, checked := 0, 0
	for m := range 12 {
		for h := range 24 {
			e, x := r.DeltaLOLEByMonthHour[m][h], exact[m][h]
			if x == 0 {
				zeros++
				if e.Mean != 0 || e.SE != 0 {
					t.Errorf("cell [%d][%d] = %v ± %v, want exactly 0", m, h, e.Mean, e.SE)
				}
				continue
			}
			checked++
			if z := (e.Mean - x) / e.SE; !(math.Abs(z) <= 4) || e.SE > 0.05*x {
				t.Errorf("cell [%d][%d] = %v ± %v, exact %v (z = %.2f), want within 4 SE, SE at most 5%%", m, h, e.Mean, e.SE, x, z)
			}
		}
	}
	if zeros == 0 || checked == 0 {
		t.Fatalf("%d cells exactly 0 and %d not: the test needs both", zeros, checked)
	}
	var sum, want float64
	for m := range exact {
		for _, x := range exact[m] {
			want += x
		}
	}
	sum = r.DeltaLOLEByMonthHour.Total()
	stattest.CheckEstimate(t, "ΔLOLE", r.Risk.DeltaLOLEHours, want, 0.03)
	if math.Abs(sum-r.Risk.DeltaLOLEHours.Mean) > 1e-12*math.Abs(sum) {
		t.Errorf("cells add up to %v, ΔLOLE %v", sum, r.Risk.DeltaLOLEHours.Mean)
	}
	if tot, d := res.Acc.DeltaLOLE.total(), res.Acc.Main.DeltaLOLE.Sum.Float64(); float64(tot) != d {
		t.Errorf("cell sums add up to %d, ΔLOLE's sum is %v", tot, d)
	}
	t.Logf("%d cells checked, %d exactly 0; ΔLOLE %v (exact %v)", checked, zeros, r.Risk.DeltaLOLEHours.Mean, want)
}

// TestMeasuresAddUp checks, on interruptible and zonal studies, what
// holds trial by trial: the ΔLOLE cells of the system and of each zone
// add up exactly to their ΔLOLE, P(new shortfall) never exceeds P(causes
// shedding) at any point, a firm carve-out on a copper plate never
// clears an hour, and the new measures are bit-identical across workers
// and shards (TestZonalStudyReproducible and TestStudyReproducible
// compare whole reports).
func TestMeasuresAddUp(t *testing.T) {
	for _, c := range []struct {
		name string
		sc   *Scenario
	}{
		{"copper plate, firm", rbtsScenario(t, 15, Policy{Kind: Firm})},
		{"copper plate, interruptible", rbtsScenario(t, 15, Policy{Kind: Interruptible, NoticeHours: 3, Compliance: 0.7, MaxCurtailedHours: 20})},
		{"zonal, firm", zonedScenario(t, 20, Policy{}, 0.85, corridor(40), "north")},
		{"zonal, interruptible", zonedScenario(t, 20, Policy{Kind: Interruptible, NoticeHours: 2, Compliance: 0.8}, 0.85, corridor(40), "south")},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := c.sc
			sc.Trials = 1500
			sc.Sweep = Sweep{SizesMW: []float64{5, 40}}
			_, res := runStudy(t, sc)
			r, acc := res.Report(), res.Acc
			if tot, d := acc.DeltaLOLE.total(), acc.Main.DeltaLOLE.Sum.Float64(); float64(tot) != d || d == 0 {
				t.Errorf("system: cells add up to %d, ΔLOLE's sum %v", tot, d)
			}
			if math.Abs(r.DeltaLOLEByMonthHour.Total()-r.Risk.DeltaLOLEHours.Mean) > 1e-12*r.Risk.DeltaLOLEHours.Mean {
				t.Errorf("system: cells' means add up to %v, ΔLOLE %v", r.DeltaLOLEByMonthHour.Total(), r.Risk.DeltaLOLEHours.Mean)
			}
			for k := range acc.Zones {
				z := &acc.Zones[k]
				if tot, d := z.DeltaLOLECells.total(), z.DeltaLOLE.Sum.Float64(); float64(tot) != d {
					t.Errorf("zone %s: cells add up to %d, ΔLOLE's sum %v", r.Zones[k].Name, tot, d)
				}
				if z.NewShortfall.K > z.Causes.K {
					t.Errorf("zone %s: %d new shortfalls, %d trials with caused shedding", r.Zones[k].Name, z.NewShortfall.K, z.Causes.K)
				}
			}
			if acc.Main.NewShortfall.K == 0 || acc.Main.NewShortfall.K > acc.Main.Causes.K {
				t.Errorf("main: %d new shortfalls, %d trials with caused shedding", acc.Main.NewShortfall.K, acc.Main.Causes.K)
			}
			for i, p := range acc.Sweep {
				if p.NewShortfall.K > p.Causes.K {
					t.Errorf("sweep[%d]: %d new shortfalls, %d caused", i, p.NewShortfall.K, p.Causes.K)
				}
			}
			negative := 0
			for m := range acc.DeltaLOLE.Sum {
				for _, s := range acc.DeltaLOLE.Sum[m] {
					if s < 0 {
						negative++
					}
				}
			}
			if sc.Carveout.Policy.Kind != Interruptible && len(sc.Zones) == 0 && negative > 0 {
				t.Errorf("firm copper plate: %d cells below 0, want none (an added load never clears an hour)", negative)
			}
			t.Logf("P(causes) %.4f, P(new shortfall) %.4f, ΔLOLE %.4f h; %d cells below 0",
				r.Risk.PCausesShedding.Mean, r.Risk.PNewShortfall.Mean, r.Risk.DeltaLOLEHours.Mean, negative)
		})
	}
}

// TestDeltaLOLEAccMatchesMean feeds the map's accumulator trials with
// hours that became short and hours that cleared, several in one cell,
// and checks each cell's estimate against a montecarlo.Mean fed the same
// per-trial values, bit for bit; the check of its sums passes, and a
// merge of two halves gives the whole.
func TestDeltaLOLEAccMatchesMean(t *testing.T) {
	months := make([]int8, hourcal.HoursPerYear)
	for h := range months {
		months[h] = int8(hourcal.MonthOfHour(h))
	}
	cellHours := hourcal.CellHours(hourcal.HoursPerYear)
	rng := rand.New(rand.NewPCG(1, 2))
	var all, first, second deltaLOLEAcc
	var means [12][24]montecarlo.Mean
	s := newCellScratch()
	const trials = 400
	for i := range trials {
		var became, cleared []int32
		var v [12][24]int64
		for h := range int32(hourcal.HoursPerYear) {
			// Few cells, several hours each a trial: hours 0–2 of the
			// first six days of January and of June only.
			if d := h / 24; (d > 5 && d < 151) || d > 156 || h%24 > 2 {
				continue
			}
			switch rng.IntN(4) {
			case 0:
				became = append(became, h)
				v[months[h]][h%24]++
			case 1:
				cleared = append(cleared, h)
				v[months[h]][h%24]--
			}
		}
		all.add(became, cleared, months, s)
		half := &first
		if i >= trials/2 {
			half = &second
		}
		half.add(became, cleared, months, s)
		for m := range v {
			for h := range v[m] {
				means[m][h].Add(float64(v[m][h]))
			}
		}
	}
	if err := all.check(&cellHours, trials); err != nil {
		t.Fatalf("check: %v", err)
	}
	first.merge(&second)
	if first != all {
		t.Error("two halves merged differ from the whole")
	}
	got := all.finalize(trials)
	nonzero := 0
	for m := range got {
		for h := range got[m] {
			if want := means[m][h].Estimate(); got[m][h] != want {
				t.Errorf("cell [%d][%d] = %+v, montecarlo.Mean gives %+v", m, h, got[m][h], want)
			}
			if got[m][h].SE > 0 {
				nonzero++
			}
		}
	}
	if nonzero != 2*3 {
		t.Errorf("%d cells with a spread, want 6 (January and June, hours 0–2)", nonzero)
	}
}

// TestDeltaLOLEAccCheck checks that sums no trials could give are
// refused, naming the cell.
func TestDeltaLOLEAccCheck(t *testing.T) {
	cellHours := hourcal.CellHours(hourcal.HoursPerYear) // January: 31 hours a cell
	const done = 10
	for _, c := range []struct {
		sum, sumSq int64
		path       string
	}{
		{311, 311 * 31, "sum[0][3]"},               // more than 31 hours in each of 10 trials
		{-5, -1, "sum_sq[0][3]"},                   // a negative sum of squares
		{4, 2, "sum_sq[0][3]"},                     // below |sum|
		{3, 4, "sum_sq[0][3]"},                     // of the wrong parity
		{20, 20, "sum_sq[0][3]"},                   // 10 trials summing to 20 need squares ≥ 40
		{0, 31*31*done + 2, "sum_sq[0][3]"},        // above 31² per trial
		{-31 * done, 31 * 31 * done, "(accepted)"}, // every hour cleared in every trial
		{7, 2*2*3 + 1, "(accepted)"},               // e.g. 2, 2, 2, 1
	} {
		var a deltaLOLEAcc
		a.Sum[0][3], a.SumSq[0][3] = c.sum, c.sumSq
		err := a.check(&cellHours, done)
		var fe *input.FieldError
		switch {
		case c.path == "(accepted)" && err != nil:
			t.Errorf("sum %d, sum_sq %d: %v, want accepted", c.sum, c.sumSq, err)
		case c.path != "(accepted)" && (!errors.As(err, &fe) || fe.Path != c.path):
			t.Errorf("sum %d, sum_sq %d: err = %v, want a field error at %s", c.sum, c.sumSq, err, c.path)
		}
	}
}

// TestMonthHourMapJSON checks the map's JSON: four 12 × 24 matrices, null
// for an undefined value, and a round trip that keeps every bit.
func TestMonthHourMapJSON(t *testing.T) {
	var m MonthHourMap
	m[0][0] = montecarlo.Estimate{Mean: 0.25, SE: 0.01, Lo: 0.23, Hi: 0.27}
	m[11][23] = montecarlo.Estimate{Mean: -1e-3, SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var j map[string][][]*float64
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"mean", "se", "lo", "hi"} {
		if len(j[k]) != 12 || len(j[k][0]) != 24 {
			t.Fatalf("%s: %d rows, want 12 of 24", k, len(j[k]))
		}
	}
	if j["se"][11][23] != nil || *j["mean"][11][23] != -1e-3 || *j["hi"][0][0] != 0.27 {
		t.Errorf("JSON %s", b)
	}
	var back MonthHourMap
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	if !bytes.Equal(again, b) || back[0][0] != m[0][0] || !math.IsNaN(back[11][23].SE) {
		t.Errorf("round trip changed the map: %s", again)
	}
	if err := json.Unmarshal([]byte(`{"mean":[],"bogus":1}`), &back); err == nil {
		t.Error("an unknown key decoded, want an error")
	}
}
