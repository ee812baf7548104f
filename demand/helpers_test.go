package demand

// flatShape is a 24-hour shape with its peak at 20:00, used by tests.
var flatShape = func() []float64 {
	s := make([]float64, 24)
	for j := range s {
		s[j] = 0.7 + 0.3*float64(j)/20
		if j > 20 {
			s[j] = 0.9
		}
	}
	return s
}()

// testPeaks are monthly peaks (MW) for tests; any positive values do.
var testPeaks = []float64{14000, 13600, 14100, 18200, 20400, 22700, 23800, 21100, 20600, 17200, 13900, 13800}

// allOnModel returns a parametric model with every noise on.
func allOnModel() Model {
	return Model{
		Base: Base{Parametric: &Parametric{
			MonthlyPeakMW: testPeaks,
			WeekdayShape:  [][]float64{flatShape},
			WeekendFactor: 0.95,
			StartWeekday:  3,
		}},
		LFU:     LFU{Sigma: 0.04, MonthlySigma: 0.02},
		Weather: Weather{Sigma: 0.04, Phi: 0.97},
		HeatWave: HeatWave{
			RatePerMonth:  []float64{0, 0, 0, 0, 1, 1.5, 1, 0.5, 0, 0, 0, 0},
			MeanDays:      4,
			Shape:         2,
			LoadRise:      0.08,
			ThermalDerate: 0.05,
		},
	}
}
