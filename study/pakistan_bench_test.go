package study_test

import (
	"context"
	"testing"
	"time"

	"github.com/carveout/carveout/montecarlo"

	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
)

// BenchmarkPakistanTrial is one paired trial-year of the embedded
// Pakistan 2025 scenario, as one node, zonal (north, south and
// K-Electric's draw over the HVDC, the AC corridor and the KE link), and
// zonal with pakistan-fuel's fuel budgets and LNG shock: the
// main case alone, then with the scenario's whole sweep (the zonal sweep
// scores every size and policy at two sites). The zonal issue's target
// is a main-case trial at 80% of the copper plate's rate or better, with
// no allocation per trial.
func BenchmarkPakistanTrial(b *testing.B) {
	for _, c := range []struct {
		name string
		load func() (*study.Scenario, error)
	}{{"CopperPlate", scenarios.Pakistan2025CopperPlate}, {"Zonal", scenarios.Pakistan2025}, {"ZonalFuel", pakistanFuelAdequacy}} {
		sc, err := c.load()
		if err != nil {
			b.Fatal(err)
		}
		main := *sc
		main.Sweep = study.Sweep{}
		b.Run(c.name, func(b *testing.B) { study.BenchStudy(b, &main) })
		b.Run(c.name+"Sweep", func(b *testing.B) { study.BenchStudy(b, sc) })
		if c.name == "Zonal" {
			// The adequacy trial alone, crude and with control variates.
			ad := main
			ad.Economics = nil
			cv := ad
			cv.VarianceReduction = study.ControlVariates
			b.Run("ZonalAdequacy", func(b *testing.B) { study.BenchStudy(b, &ad) })
			b.Run("ZonalAdequacyControlVariates", func(b *testing.B) { study.BenchStudy(b, &cv) })
		}
	}
}

// pakistanFuelAdequacy is the pakistan-fuel scenario without its
// economics: the fuel budgets' cost in the reliability trial.
func pakistanFuelAdequacy() (*study.Scenario, error) {
	sc, err := scenarios.Pakistan2025Fuel()
	if err == nil {
		sc.Economics = nil
	}
	return sc, err
}

// BenchmarkPakistanDispatch is one paired trial-year of the zonal
// Pakistan 2025 scenario's main case with the carve-out in the south,
// as the cost study runs it: the adequacy trial alone (Adequacy, the
// scenario without economics), then with the economic dispatch of all
// 8,760 hours of the baseline and of the main case (Dispatch). The
// difference is the dispatch's cost per trial; the dispatch's target is
// 2,500 trial-years/s on one core for the whole, with no allocation per
// trial. FuelAdequacy and FuelDispatch are the same with the scenario's
// fuel budgets and LNG shock (the pakistan-fuel scenario).
func BenchmarkPakistanDispatch(b *testing.B) {
	sc, err := scenarios.Pakistan2025()
	if err != nil {
		b.Fatal(err)
	}
	sc.Sweep = study.Sweep{}
	sc.Carveout.Site = "south"
	adequacy := *sc
	adequacy.Economics = nil
	fuel := *sc
	if fuel.FuelBudgets, fuel.FuelShocks, err = scenarios.PakistanBudgets(); err != nil {
		b.Fatal(err)
	}
	fuelAdequacy := fuel
	fuelAdequacy.Economics = nil
	for _, c := range []struct {
		name string
		sc   *study.Scenario
	}{{"Adequacy", &adequacy}, {"Dispatch", sc}, {"FuelAdequacy", &fuelAdequacy}, {"FuelDispatch", &fuel}} {
		b.Run(c.name, func(b *testing.B) {
			study.BenchStudy(b, c.sc)
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/trial")
		})
	}
}

// BenchmarkTimeToPrecisionPakistan measures how long the Pakistan
// scenario (without its economics; MainCase: the carve-out in the south
// alone, Sweep: with the scenario's 36-case sweep scored on the same
// draws) needs to reach a 5% relative standard error on the
// baseline LOLE and on the carve-out's ΔEUE, by crude Monte Carlo and
// with control variates, side by side on the same seed: each runs 60,000
// trial-years; the trial-years a method needs are its variance per trial
// over (5% of its estimate)², and its time is the time to compile the
// study (with the controls' exact means for the second) plus that many
// trial-years at the run's measured rate. (Stopping at the first check
// below 5% would reward a variance estimate that happens to be low early
// on; the long run's variance does not.) It reports the trial-years and
// seconds each needs and the speed-ups.
func BenchmarkTimeToPrecisionPakistan(b *testing.B) {
	const target, trials = 0.05, 60_000
	sc, err := scenarios.Pakistan2025()
	if err != nil {
		b.Fatal(err)
	}
	sc.Economics = nil
	sc.Trials = trials
	main := *sc
	main.Sweep = study.Sweep{}
	main.Carveout.Site = "south"
	for _, c := range []struct {
		name string
		sc   *study.Scenario
	}{{"MainCase", &main}, {"Sweep", sc}} {
		b.Run(c.name, func(b *testing.B) { timeToPrecision(b, c.sc, target) })
	}
}

// timeToPrecision is BenchmarkTimeToPrecisionPakistan for one scenario.
func timeToPrecision(b *testing.B, sc *study.Scenario, target float64) {
	trials := float64(sc.Trials)
	// need returns, for the baseline LOLE and ΔEUE, the trial-years and
	// the seconds to the target.
	need := func(vr string) (n, secs [2]float64) {
		s := *sc
		s.VarianceReduction = vr
		start := time.Now()
		st, err := study.NewStudy(&s)
		if err != nil {
			b.Fatal(err)
		}
		compile := time.Since(start).Seconds()
		start = time.Now()
		res, err := st.Run(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		perTrial := time.Since(start).Seconds() / trials
		r := res.Report()
		ests := [2]montecarlo.Estimate{r.Baseline.LOLEHours, r.Risk.DeltaEUEMWh}
		if vr != "" {
			ests = [2]montecarlo.Estimate{r.ControlVariates.Indices[0].Adjusted, r.ControlVariates.Indices[5].Adjusted}
		}
		for i, e := range ests {
			n[i] = trials * (e.SE / (target * e.Mean)) * (e.SE / (target * e.Mean))
			secs[i] = compile + n[i]*perTrial
		}
		return n, secs
	}
	for b.Loop() {
		cn, cs := need("")
		vn, vs := need(study.ControlVariates)
		for i, name := range []string{"LOLE", "dEUE"} {
			b.ReportMetric(cn[i], name+"-crude-trials")
			b.ReportMetric(vn[i], name+"-cv-trials")
			b.ReportMetric(cs[i], name+"-crude-s")
			b.ReportMetric(vs[i], name+"-cv-s")
			b.ReportMetric(cs[i]/vs[i], name+"-speedup")
		}
	}
}
