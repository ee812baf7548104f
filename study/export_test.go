package study

import (
	"math"
	"testing"
)

// BenchStudy measures one paired trial-year of sc on one goroutine (see
// benchStudy), for the benchmarks of the external test package, which
// build their scenarios with package scenarios (itself importing study).
func BenchStudy(b *testing.B, sc *Scenario) { benchStudy(b, sc) }

// HeadlineRSE returns the relative standard errors of the baseline LOLE
// and of ΔEUE in s, crude and adjusted by control variates (NaN without
// them), for the time-to-precision benchmark.
func HeadlineRSE(st *Study, s *State) (lole, deue [2]float64) {
	lole = [2]float64{s.Baseline.LOLE.Estimate().PrecisionRSE(), math.NaN()}
	deue = [2]float64{s.Main.DeltaEUE.Estimate().PrecisionRSE(), math.NaN()}
	if s.ControlVariates != nil && s.Trials() > 0 {
		r := s.ControlVariates.finalize(st.cv)
		lole[1], deue[1] = r.Indices[0].Adjusted.PrecisionRSE(), r.Indices[5].Adjusted.PrecisionRSE()
	}
	return lole, deue
}
