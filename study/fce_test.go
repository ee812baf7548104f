package study

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/gridtest"
	"github.com/carveout/carveout/montecarlo"
)

// rtsFCE is RTS-79 with a constant firm carve-out of mw MW
// (always-running miners), whose exact firm capacity equivalent the COPT
// gives.
func rtsFCE(t *testing.T, mw float64, trials int64) *Scenario {
	t.Helper()
	sc := rtsHosting(t, trials)
	sc.Carveout.MW = mw
	return sc
}

// On RTS-79 without stochastic demand, the firm capacity equivalent found
// by Monte Carlo brackets the exact one of the COPT's bisection: for LOLE
// with perfectly reliable capacity, and for EUE with units that fail.
func TestFCEMatchesCOPT(t *testing.T) {
	unit := &OffsetUnit{MW: 50, FOR: 0.08, MTTRHours: 60}
	for _, tc := range []struct {
		name    string
		measure Measure
		unit    *OffsetUnit
		hi      float64
	}{
		{"LOLE, perfectly reliable", MeasureDeltaLOLE, nil, 200},
		{"EUE, 50 MW units of FOR 0.08", MeasureDeltaEUE, unit, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exact, err := FCECOPT(gridtest.RTS(t), 150, tc.measure, tc.unit, 0, tc.hi, 0.01)
			if err != nil {
				t.Fatal(err)
			}
			res, err := FCE(context.Background(), rtsFCE(t, 150, 3000), FCESpec{Measure: tc.measure, Unit: tc.unit, HiMW: tc.hi, ToleranceMW: 2}, montecarlo.WithWorkers(2))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("exact %.2f MW; Monte Carlo %.2f MW in [%v, %v], %s after %d rounds", exact, res.EstimateMW, res.LoMW, res.HiMW, res.Status, len(res.Rounds))
			if !(res.LoMW <= exact && exact <= res.HiMW) {
				t.Errorf("exact %v MW outside the bracket [%v, %v]", exact, res.LoMW, res.HiMW)
			}
			if res.HiMW-res.LoMW >= tc.hi/2 {
				t.Errorf("the bracket did not narrow: [%v, %v]", res.LoMW, res.HiMW)
			}
			// Every offset is scored on the same draws in every round,
			// and the change never rises with the offset.
			seen := map[float64]float64{}
			for _, r := range res.Rounds {
				for i, off := range r.OffsetsMW {
					m := r.Estimates[i].Mean
					if prev, ok := seen[off]; ok && prev != m {
						t.Errorf("%v MW: change %v in one round, %v in another", off, prev, m)
					}
					seen[off] = m
					if i > 0 && m > r.Estimates[i-1].Mean {
						t.Errorf("change rises from %v to %v MW: %v to %v", r.OffsetsMW[i-1], off, r.Estimates[i-1].Mean, m)
					}
				}
			}
		})
	}
}

// The exact equivalents have the properties of the definition: 0 for no
// carve-out; for a constant firm carve-out of x with perfectly reliable
// capacity, x for LOLE up to the table's step and below x for EUE (the
// carve-out takes its share of what is shed); rising with x; more than
// x of units that fail.
func TestFCECOPTProperties(t *testing.T) {
	sys := gridtest.RTS(t)
	fce := func(x float64, m Measure, u *OffsetUnit) float64 {
		t.Helper()
		v, err := FCECOPT(sys, x, m, u, 0, 600, 0.01)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := fce(0, MeasureDeltaLOLE, nil); v != 0 {
		t.Errorf("FCE of no carve-out %v, want 0", v)
	}
	prev := 0.0
	for _, x := range []float64{50, 100, 200} {
		lole, eue := fce(x, MeasureDeltaLOLE, nil), fce(x, MeasureDeltaEUE, nil)
		if !(lole <= x+0.01 && lole > x-1) {
			t.Errorf("x = %v: LOLE equivalent %v, want x within the 1 MW steps of RTS-79's table", x, lole)
		}
		if !(eue < x && eue > prev) {
			t.Errorf("x = %v: EUE equivalent %v, want below x and above the smaller carve-out's %v", x, eue, prev)
		}
		prev = eue
		if u := fce(x, MeasureDeltaLOLE, &OffsetUnit{MW: 25, FOR: 0.1, MTTRHours: 50}); !(u > lole) {
			t.Errorf("x = %v: equivalent in units of FOR 0.1 %v, want above the firm %v", x, u, lole)
		}
	}
}

// The Monte Carlo equivalent has them too: exactly 0 for no carve-out;
// a bracket holding x for LOLE with a constant carve-out; at most x for
// EUE; and the changes it searches over never fall with the carve-out's
// size, trial by trial, so that the equivalent rises with it.
func TestFCEProperties(t *testing.T) {
	ctx := context.Background()
	zero, err := FCE(ctx, rtsFCE(t, 0, 500), FCESpec{Measure: MeasureDeltaEUE, HiMW: 100})
	if err != nil {
		t.Fatal(err)
	}
	if zero.EstimateMW != 0 || zero.LoMW != 0 || zero.HiMW != 0 || zero.Status != HostingConverged {
		t.Errorf("no carve-out: %+v, want 0 exactly", zero)
	}
	if e := zero.Rounds[0].Estimates[0]; e.Mean != 0 || e.Hi != 0 || e.SE != 0 {
		t.Errorf("no carve-out: change %+v without offset, want 0 exactly", e)
	}
	const x = 150
	lole, err := FCE(ctx, rtsFCE(t, x, 2000), FCESpec{Measure: MeasureDeltaLOLE, HiMW: 2 * x, ToleranceMW: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("LOLE: %v in [%v, %v] %s", lole.EstimateMW, lole.LoMW, lole.HiMW, lole.Status)
	if !(lole.LoMW < x && x <= lole.HiMW+1) {
		t.Errorf("LOLE equivalent of a constant %v MW: [%v, %v], want x inside (up to the 1 MW steps of the fleet)", x, lole.LoMW, lole.HiMW)
	}
	eue, err := FCE(ctx, rtsFCE(t, x, 2000), FCESpec{Measure: MeasureDeltaEUE, HiMW: 2 * x, ToleranceMW: 1})
	if err != nil {
		t.Fatal(err)
	}
	exact, err := FCECOPT(gridtest.RTS(t), x, MeasureDeltaEUE, nil, 0, 2*x, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("EUE: %v in [%v, %v] %s; exact %v", eue.EstimateMW, eue.LoMW, eue.HiMW, eue.Status, exact)
	if !(eue.LoMW <= exact && exact <= eue.HiMW) {
		t.Errorf("EUE: exact %v outside [%v, %v]", exact, eue.LoMW, eue.HiMW)
	}
	if !(eue.LoMW < x && eue.EstimateMW <= x) {
		t.Errorf("EUE equivalent of %v MW: %v in [%v, %v], want at most x", x, eue.EstimateMW, eue.LoMW, eue.HiMW)
	}
	// An offset of exactly x cancels the constant carve-out in every
	// trial: LOLE exactly the baseline's, EUE at most it.
	sc := rtsFCE(t, x, 1000)
	sc.Sweep = Sweep{SizesMW: []float64{50, 100, x}, Offset: &Offset{MW: []float64{0, 40, 80, x}}}
	_, res := runStudy(t, sc)
	pts := res.Report().Sweep
	for i, p := range pts {
		if p.MW == x && p.OffsetMW == x && (p.DeltaLOLEHours.Mean != 0 || p.DeltaLOLEHours.Hi != 0 || p.DeltaEUEMWh.Mean > 0) {
			t.Errorf("offset = carve-out = %v MW: ΔLOLE %+v, ΔEUE %+v; want 0 and <= 0", x, p.DeltaLOLEHours, p.DeltaEUEMWh)
		}
		// Points are sizes × offsets: the same offset at the next size.
		if j := i + 4; j < len(pts) && (pts[j].DeltaEUEMWh.Mean < p.DeltaEUEMWh.Mean || pts[j].DeltaLOLEHours.Mean < p.DeltaLOLEHours.Mean) {
			t.Errorf("offset %v: %v MW change %v, %v MW %v: falls with size", p.OffsetMW, p.MW, p.DeltaEUEMWh.Mean, pts[j].MW, pts[j].DeltaEUEMWh.Mean)
		}
	}
	// A carve-out that draws less than x in some hours (AI data centres
	// at a utilisation of 0.5 by night, 1 by day) needs at most x: an
	// offset of x covers it in every hour.
	ai := rtsFCE(t, x, 2000)
	ai.Carveout.MiningShare = 0
	ai.Carveout.AI.Utilisation = make([]float64, 24)
	for h := range ai.Carveout.AI.Utilisation {
		ai.Carveout.AI.Utilisation[h] = 0.5
		if h >= 8 && h < 20 {
			ai.Carveout.AI.Utilisation[h] = 1
		}
	}
	varying, err := FCE(ctx, ai, FCESpec{Measure: MeasureDeltaLOLE, HiMW: 2 * x, ToleranceMW: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("LOLE, varying load: %v in [%v, %v] %s", varying.EstimateMW, varying.LoMW, varying.HiMW, varying.Status)
	if !(varying.LoMW < x && varying.EstimateMW <= x) {
		t.Errorf("LOLE equivalent of a carve-out of at most %v MW: %v in [%v, %v], want at most x", x, varying.EstimateMW, varying.LoMW, varying.HiMW)
	}
	small, err := FCE(ctx, rtsFCE(t, 75, 2000), FCESpec{Measure: MeasureDeltaEUE, HiMW: 2 * x, ToleranceMW: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !(small.EstimateMW < eue.EstimateMW && small.LoMW <= eue.HiMW) {
		t.Errorf("EUE equivalent of 75 MW %v [%v, %v], of %v MW %v [%v, %v]: want it to rise", small.EstimateMW, small.LoMW, small.HiMW, x, eue.EstimateMW, eue.LoMW, eue.HiMW)
	}
}

// In a zonal study an offset in the carve-out's zone equal to a constant
// carve-out leaves other customers' LOLE exactly at baseline; an offset
// in the other zone helps less when the corridor binds.
func TestFCEZonal(t *testing.T) {
	sc := zonedScenario(t, 40, Policy{Kind: Firm}, 0.7, corridor(25), "north")
	sc.Sweep = Sweep{SizesMW: []float64{40}, Offset: &Offset{MW: []float64{40}}}
	_, res := runStudy(t, sc)
	p := res.Report().Sweep[0]
	if p.DeltaLOLEHours.Mean != 0 || p.DeltaLOLEHours.Hi != 0 || p.DeltaEUEMWh.Mean > 0 {
		t.Errorf("offset = carve-out in its zone: ΔLOLE %+v, ΔEUE %+v; want 0 and <= 0", p.DeltaLOLEHours, p.DeltaEUEMWh)
	}
	sc.Sweep.Offset.Zone = "south"
	_, res = runStudy(t, sc)
	q := res.Report().Sweep[0]
	if !(q.DeltaEUEMWh.Mean > p.DeltaEUEMWh.Mean) {
		t.Errorf("offset across the corridor: ΔEUE %v, in the carve-out's zone %v: want worse", q.DeltaEUEMWh.Mean, p.DeltaEUEMWh.Mean)
	}
	res2, err := FCE(context.Background(), sc, FCESpec{Measure: MeasureDeltaLOLE, Zone: "north", HiMW: 80, Points: 5, MaxRounds: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !(res2.LoMW < 40 && res2.LoMW <= res2.EstimateMW && res2.EstimateMW <= res2.HiMW) {
		t.Errorf("zonal FCE %+v", res2)
	}
}

// A search gives the same answer, bit for bit, with its rounds run as
// shards and merged, and with one worker or two.
func TestSearchShards(t *testing.T) {
	ctx := context.Background()
	spec := FCESpec{Measure: MeasureDeltaEUE, Unit: &OffsetUnit{MW: 40, FOR: 0.05, MTTRHours: 30}, HiMW: 300, Points: 5, MaxRounds: 2}
	a, err := FCE(ctx, rtsFCE(t, 100, 600), spec, montecarlo.WithWorkers(1))
	if err != nil {
		t.Fatal(err)
	}
	spec.Shards = 3
	b, err := FCE(ctx, rtsFCE(t, 100, 600), spec, montecarlo.WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	b.Spec.Shards = 0
	if !reflect.DeepEqual(a, b) {
		t.Errorf("unsharded:\n%+v\nthree shards:\n%+v", a, b)
	}
	hs := HostingSpec{Criteria: []Criterion{{Measure: MeasureDeltaLOLE, Max: 2}}, HiMW: 400, Points: 5, MaxRounds: 2}
	c, err := Hosting(ctx, rtsHosting(t, 600), hs)
	if err != nil {
		t.Fatal(err)
	}
	hs.Shards = 4
	d, err := Hosting(ctx, rtsHosting(t, 600), hs, montecarlo.WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	d.Spec.Shards = 0
	if !reflect.DeepEqual(c, d) {
		t.Errorf("hosting unsharded:\n%+v\nfour shards:\n%+v", c, d)
	}
}

// Bad input is an error naming the field or the end of the bracket to
// move.
func TestFCEErrors(t *testing.T) {
	ctx := context.Background()
	sc := rtsFCE(t, 150, 300)
	for _, tc := range []struct {
		name string
		sc   *Scenario
		spec FCESpec
		want string
	}{
		{"measure", sc, FCESpec{Measure: MeasureLOLE}, "measure"},
		{"FOR 0", sc, FCESpec{Measure: MeasureDeltaLOLE, Unit: &OffsetUnit{MW: 50, FOR: 0, MTTRHours: 50}}, "unit.for"},
		{"FOR 1", sc, FCESpec{Measure: MeasureDeltaLOLE, Unit: &OffsetUnit{MW: 50, FOR: 1, MTTRHours: 50}}, "unit.for"},
		{"unit MW", sc, FCESpec{Measure: MeasureDeltaLOLE, Unit: &OffsetUnit{MW: -5, FOR: 0.1, MTTRHours: 50}}, "unit.mw"},
		{"MTTR", sc, FCESpec{Measure: MeasureDeltaLOLE, Unit: &OffsetUnit{MW: 5, FOR: 0.1, MTTRHours: 0}}, "unit.mttr_h"},
		{"zone without zones", sc, FCESpec{Measure: MeasureDeltaLOLE, Zone: "north"}, "sweep.offset.zone"},
		{"hi below lo", sc, FCESpec{Measure: MeasureDeltaLOLE, LoMW: 50, HiMW: 10}, "hi_mw"},
		{"too many units", sc, FCESpec{Measure: MeasureDeltaLOLE, HiMW: 5000, Unit: &OffsetUnit{MW: 1, FOR: 0.1, MTTRHours: 10}}, "hi_mw = 5000"},
		{"hi too low", sc, FCESpec{Measure: MeasureDeltaLOLE, HiMW: 20}, "hi_mw = 20 MW does not restore"},
		{"lo too high", sc, FCESpec{Measure: MeasureDeltaLOLE, LoMW: 250, HiMW: 300}, "lo_mw = 250 MW already restores"},
		{"negative carve-out", rtsFCE(t, -1, 300), FCESpec{Measure: MeasureDeltaLOLE}, "carveout.mw"},
		{"zonal zone", zonedScenario(t, 40, Policy{Kind: Firm}, 0.7, corridor(25), "north"), FCESpec{Measure: MeasureDeltaLOLE, Zone: "east"}, "sweep.offset.zone"},
	} {
		_, err := FCE(ctx, tc.sc, tc.spec)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
	var fe *input.FieldError
	if _, err := FCE(ctx, sc, FCESpec{Measure: MeasureDeltaLOLE, Unit: &OffsetUnit{MW: 50, FOR: 1.5, MTTRHours: 50}}); !errors.As(err, &fe) || fe.Path != "unit.for" {
		t.Errorf("FOR 1.5: %v, want a field error at unit.for", err)
	}
	// A carve-out spread over two zones has no one zone to add the
	// offset in unless the search names one.
	z := zonedScenario(t, 40, Policy{Kind: Firm}, 0.7, corridor(25), "")
	z.Carveout.Sites = []SiteShare{{Zone: "north", Share: 0.5}, {Zone: "south", Share: 0.5}}
	if _, err := FCE(ctx, z, FCESpec{Measure: MeasureDeltaLOLE}); err == nil || !strings.Contains(err.Error(), "sweep.offset.zone") {
		t.Errorf("spread carve-out: %v", err)
	}
	// The sweep's offset is checked with the scenario.
	for _, tc := range []struct {
		o    *Offset
		name string
		want string
	}{
		{&Offset{}, "", "sweep.offset.mw"},
		{&Offset{MW: []float64{1e-7}}, "", "sweep.offset.mw[0]"},
		{&Offset{MW: []float64{10}, Unit: &OffsetUnit{MW: 5, FOR: 0.1, MTTRHours: 50}}, OffsetUnitName(1), "fleet[0].name"},
		{&Offset{MW: []float64{10}, Unit: &OffsetUnit{MW: 5, FOR: 0.999, MTTRHours: 0.1}}, "", "sweep.offset.unit.for"},
		{&Offset{MW: []float64{5000}, Unit: &OffsetUnit{MW: 1, FOR: 0.1, MTTRHours: 10}}, "", "sweep.offset.mw[0]"},
	} {
		s := rtsFCE(t, 10, 100)
		if tc.name != "" {
			s.Fleet[0].Name = tc.name
		}
		s.Sweep.Offset = tc.o
		if _, err := NewStudy(s); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("offset %+v: %v, want an error naming %q", tc.o, err, tc.want)
		}
	}
	if _, err := FCECOPT(gridtest.RTS(t), 150, MeasureDeltaLOLE, nil, 0, 50, 0.1); err == nil || !strings.Contains(err.Error(), "hi = 50 MW does not restore") {
		t.Errorf("COPT, hi too low: %v", err)
	}
	if _, err := FCECOPT(gridtest.RTS(t), 150, MeasureDeltaLOLE, &OffsetUnit{MW: 50, FOR: 0, MTTRHours: 50}, 0, 300, 0.1); err == nil || !strings.Contains(err.Error(), "unit.for") {
		t.Errorf("COPT, FOR 0: %v", err)
	}
}
