package demand

import "math/rand/v2"

// Streams holds the random streams of one trial, one per stochastic
// component, so that changing one component's parameters never shifts
// another's draws (common random numbers). A stream may be nil when its
// component is off.
type Streams struct {
	// LFU feeds the load-forecast-uncertainty draws: Z, then Z_1…Z_12
	// when monthly scaling is on.
	LFU *rand.Rand
	// Weather feeds the AR(1) weather noise: one normal per hour.
	Weather *rand.Rand
	// HeatWave feeds heat-wave arrival times, then their durations.
	HeatWave *rand.Rand
}

// Sample is one trial's demand. Its slices have one entry per hour of the
// horizon and are owned by the Sample: [Generator.Sample] and
// [Generator.SampleInto] overwrite them on every call, so copy what must
// outlive the next call, and do not modify them.
type Sample struct {
	// Load is the demand of each hour (MW), never negative.
	Load []float64
	// HeatWave reports whether each hour lies in a heat wave.
	HeatWave []bool
	// ThermalFactor is the fraction of thermal capacity available in
	// each hour: 1 − HeatWave.ThermalDerate in heat-wave hours, 1
	// otherwise. The caller applies it to its thermal units.
	ThermalFactor []float64
	// Weather is the AR(1) log-load term x_h of each hour (zeros when
	// weather noise is off); hour h's load carries exp(x_h − σ²/2).
	Weather []float64

	// LFUScale is the drawn whole-horizon scale A = 1 + σZ (1 when off).
	// It is reported as drawn; the load uses max(A, 0).
	LFUScale float64
	// MonthScale holds the drawn monthly scales M_m = 1 + σ_m·Z_m, January
	// first (all 1 when off); the load uses max(M_m, 0).
	MonthScale [12]float64
	// HeatWaves lists this trial's heat waves in order of arrival.
	HeatWaves []HeatWaveEvent
	// HeatWaveHours is the number of distinct hours in a heat wave.
	HeatWaveHours int

	// spans is the union of heat-wave hours as sorted disjoint [start,
	// end) runs, kept to undo the flags and factors on the next call.
	spans [][2]int
}

// HeatWaveSpans returns the trial's heat-wave hours as sorted, disjoint
// runs [start, end) (heat waves may overlap; their union is returned),
// empty when the trial had none. The slice belongs to the sample: it is
// valid until the next draw into it and must not be modified.
func (s *Sample) HeatWaveSpans() [][2]int { return s.spans }

// HeatWaveEvent is one heat wave of a trial.
type HeatWaveEvent struct {
	// Start is the arrival time in hours since the start of the horizon.
	Start float64
	// Days is the drawn duration in days.
	Days float64
	// FirstHour and EndHour bound the affected hours [FirstHour,
	// EndHour): every hour that overlaps [Start, Start + 24·Days),
	// truncated to the horizon.
	FirstHour, EndHour int
}
