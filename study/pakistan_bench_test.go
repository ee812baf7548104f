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
// scenario's main case (the carve-out in the south, without the sweep or
// the economics) takes to reach a 5% relative standard error on the
// baseline LOLE and on the carve-out's ΔEUE, by crude Monte Carlo and
// with control variates, side by side on the same seed: a crude run and
// a control-variate run, each checked every 2,500 trial-years and
// stopped once both targets are met. Each time includes compiling the
// study (with the controls' exact means for the second). It reports the
// trial-years and seconds each needed and the speed-ups.
func BenchmarkTimeToPrecisionPakistan(b *testing.B) {
	const target, every = 0.05, 2500
	sc, err := scenarios.Pakistan2025()
	if err != nil {
		b.Fatal(err)
	}
	sc.Sweep, sc.Economics = study.Sweep{}, nil
	sc.Carveout.Site = "south"
	sc.Trials = 200_000
	// reach holds, for the baseline LOLE and ΔEUE, the trial-years and
	// the seconds at which the RSE first met the target.
	type reach struct {
		trials [2]int64
		secs   [2]float64
	}
	run := func(vr string) reach {
		s := *sc
		s.VarianceReduction = vr
		start := time.Now()
		st, err := study.NewStudy(&s)
		if err != nil {
			b.Fatal(err)
		}
		compile := time.Since(start).Seconds()
		var r reach
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		k := 0 // crude
		if vr != "" {
			k = 1
		}
		_, err = st.Run(ctx, montecarlo.WithCheckEvery(every), montecarlo.WithProgress(func(p montecarlo.Progress[*study.State]) {
			lole, deue := study.HeadlineRSE(st, p.State)
			for i, rse := range [2]float64{lole[k], deue[k]} {
				if r.trials[i] == 0 && rse <= target {
					r.trials[i], r.secs[i] = p.Done, compile+p.Elapsed.Seconds()
				}
			}
			if r.trials[0] > 0 && r.trials[1] > 0 {
				cancel()
			}
		}))
		if err != nil && ctx.Err() == nil {
			b.Fatal(err)
		}
		if r.trials[0] == 0 || r.trials[1] == 0 {
			b.Fatalf("%q: the target was not met in %d trial-years", vr, sc.Trials)
		}
		return r
	}
	for b.Loop() {
		crude, cv := run(""), run(study.ControlVariates)
		for i, name := range []string{"LOLE", "dEUE"} {
			b.ReportMetric(float64(crude.trials[i]), name+"-crude-trials")
			b.ReportMetric(float64(cv.trials[i]), name+"-cv-trials")
			b.ReportMetric(crude.secs[i], name+"-crude-s")
			b.ReportMetric(cv.secs[i], name+"-cv-s")
			b.ReportMetric(crude.secs[i]/cv.secs[i], name+"-speedup")
		}
	}
}
