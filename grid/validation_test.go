package grid

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/testsystems"
)

// refSystem is one of the embedded validation systems of testsystems with
// the reference values the tests check the COPT and the Monte Carlo
// against.
type refSystem struct {
	name, dir         string // System.Name; the testsystems folder, for error messages
	unitsCSV, loadCSV []byte
	hours             int
	installedMW       float64
	states            int     // COPT states: installedMW/stepMW + 1
	stepMW            float64 // COPT step: the gcd of the unit capacities
	lole, eue, daily  float64 // exact LOLE h/yr, EUE MWh/yr, daily-peak LOLE days/yr
	lolf, lold        float64 // LOLF events/yr, LOLD h
}

// rbtsRef is RBTS: capacities of 5, 10, 20 and 40 MW (gcd 5) summing to
// 240 MW give 49 states.
var rbtsRef = refSystem{name: "RBTS", dir: "rbts", unitsCSV: testsystems.RBTSUnitsCSV, loadCSV: testsystems.RBTSLoadCSV,
	hours: testsystems.RBTSHours, installedMW: testsystems.RBTSInstalledMW, states: 49, stepMW: 5,
	lole: testsystems.RBTSLOLE, eue: testsystems.RBTSEUE, daily: testsystems.RBTSDailyPeakLOLE,
	lolf: testsystems.RBTSLOLF, lold: testsystems.RBTSLOLD}

// rtsRef is IEEE RTS-79 (generation only): whole-MW capacities summing to
// 3405 MW, among them 12 MW and 155 MW units (so the gcd is 1), give one
// state per MW.
var rtsRef = refSystem{name: "RTS-79", dir: "rts", unitsCSV: testsystems.RTSUnitsCSV, loadCSV: testsystems.RTSLoadCSV,
	hours: testsystems.RTSHours, installedMW: testsystems.RTSInstalledMW, states: 3406, stepMW: 1,
	lole: testsystems.RTSLOLE, eue: testsystems.RTSEUE, daily: testsystems.RTSDailyPeakLOLE,
	lolf: testsystems.RTSLOLF, lold: testsystems.RTSLOLD}

// rbts returns the embedded RBTS system.
func rbts(tb testing.TB) *System { tb.Helper(); return rbtsRef.system(tb) }

// system reads the system from its two embedded CSVs.
func (r refSystem) system(tb testing.TB) *System {
	tb.Helper()
	units, err := ReadUnits(bytes.NewReader(r.unitsCSV), r.dir+"/units.csv")
	if err != nil {
		tb.Fatal(err)
	}
	load, err := ReadLoad(bytes.NewReader(r.loadCSV), r.dir+"/load.csv")
	if err != nil {
		tb.Fatal(err)
	}
	return &System{Name: r.name, Units: units, Load: load}
}

// relClose reports whether got is within rel (relative) of want.
func relClose(got, want, rel float64) bool { return math.Abs(got-want) <= rel*math.Abs(want) }

// exactValues are the COPT's exact indices of a system as plain numbers.
type exactValues struct {
	LOLEHours, EUEMWh, LOLP, NEUEPPM, LOLEDailyPeak float64
}

// exactIndices returns the COPT of sys and its exact indices, checking
// that they are exact: zero errors, point intervals.
func exactIndices(t *testing.T, sys *System) (*COPT, exactValues) {
	t.Helper()
	c, err := NewCOPT(sys.Units)
	if err != nil {
		t.Fatal(err)
	}
	x, err := c.Indices(sys.Load)
	if err != nil {
		t.Fatal(err)
	}
	daily, err := c.LOLEDailyPeak(sys.Load)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []montecarlo.Estimate{x.LOLEHours, x.EUEMWh, x.LOLP, x.NEUEPPM} {
		if e.SE != 0 || e.Lo != e.Mean || e.Hi != e.Mean {
			t.Fatalf("COPT estimate %+v is not exact", e)
		}
	}
	return c, exactValues{x.LOLEHours.Mean, x.EUEMWh.Mean, x.LOLP.Mean, x.NEUEPPM.Mean, daily}
}

// checkCOPT builds the system's COPT, checks its shape (states, step,
// installed capacity) exactly and its LOLE, EUE, daily-peak LOLE and LOLP
// against the references within rel (relative), and returns the indices
// for checks of the caller's own.
func checkCOPT(t *testing.T, r refSystem, rel float64) exactValues {
	t.Helper()
	c, x := exactIndices(t, r.system(t))
	if c.States() != r.states || c.StepMW() != r.stepMW || c.InstalledMW() != r.installedMW {
		t.Errorf("%s table: %d states of %v MW up to %v MW, want %d of %v up to %v",
			r.name, c.States(), c.StepMW(), c.InstalledMW(), r.states, r.stepMW, r.installedMW)
	}
	for _, k := range []struct {
		name      string
		got, want float64
	}{
		{"LOLE", x.LOLEHours, r.lole},
		{"EUE", x.EUEMWh, r.eue},
		{"daily-peak LOLE", x.LOLEDailyPeak, r.daily},
		{"LOLP", x.LOLP, r.lole / float64(r.hours)},
	} {
		if !relClose(k.got, k.want, rel) {
			t.Errorf("%s %s = %.10g, want %.10g within %g relative", r.name, k.name, k.got, k.want, rel)
		}
	}
	t.Logf("%s LOLE %.9f EUE %.6f daily %.9f NEUE %.4f", r.name, x.LOLEHours, x.EUEMWh, x.LOLEDailyPeak, x.NEUEPPM)
	return x
}

// checkAgainstExact runs trials trial-years of the system from seed and
// checks the Monte Carlo against the exact values (checkEstimate): LOLE
// and EUE from the COPT and from the testsystems constants, LOLF and LOLD
// from the reference, LOLP and NEUE from the COPT, each within 4 standard
// errors, with the SE at most 3% of the value (a judgement: the trial
// counts are chosen to meet it, see rbtsTrials and rtsTrials). It also
// checks that the days with shortfall lie where they must and that the
// report covers all the trials and hours, and returns the report for
// checks of the caller's own.
func checkAgainstExact(t *testing.T, r refSystem, trials int64, seed uint64) *AdequacyResult {
	t.Helper()
	sys := r.system(t)
	rep, err := Adequacy(context.Background(), sys, montecarlo.WithTrials(trials), montecarlo.WithSeed(seed))
	if err != nil {
		t.Fatal(err)
	}
	_, exact := exactIndices(t, sys)
	x := rep.Indices
	for _, k := range []struct {
		name  string
		e     montecarlo.Estimate
		exact float64
	}{
		{"LOLE", x.LOLEHours, exact.LOLEHours},
		{"LOLE (reference)", x.LOLEHours, r.lole},
		{"EUE", x.EUEMWh, exact.EUEMWh},
		{"EUE (reference)", x.EUEMWh, r.eue},
		{"LOLF", x.LOLF, r.lolf},
		{"LOLD", x.LOLDHours, r.lold},
		{"LOLP", x.LOLP, exact.LOLP},
		{"NEUE", x.NEUEPPM, exact.NEUEPPM},
	} {
		stattest.CheckEstimate(t, r.name+" "+k.name, k.e, k.exact, 0.03)
	}
	// Days with any shortfall lie between the daily-peak LOLE and the LOLE
	// in days, and a year with shortfall has at least one day.
	if d := x.LOLEDays.Mean; d < exact.LOLEDailyPeak || d > x.LOLEHours.Mean || d < x.PAnyShortfall.Mean {
		t.Errorf("%s LOLE days %v outside [max(daily-peak %v, P(any) %v), LOLE %v]", r.name, d, exact.LOLEDailyPeak, x.PAnyShortfall.Mean, x.LOLEHours.Mean)
	}
	if rep.Done != trials || rep.Partial || rep.Hours != r.hours {
		t.Errorf("%s report %d trials, partial %v, %d hours; want %d, false, %d", r.name, rep.Done, rep.Partial, rep.Hours, trials, r.hours)
	}
	return rep
}
