package demand

import (
	"fmt"
	"io"
	"math"

	"github.com/carveout/carveout/input"
)

// Model describes stochastic hourly demand. It is a plain value that
// round-trips through JSON; the zero value of every noise block means that
// noise is off, so a Model with only a Base is deterministic.
//
// Compile a Model with [New] before sampling.
type Model struct {
	// Base is the deterministic hourly shape the noises multiply.
	Base Base `json:"base"`
	// LFU is load forecast uncertainty: whole-year and optional
	// per-month scaling. Zero means off.
	LFU LFU `json:"lfu"`
	// Weather is the hourly AR(1) noise on the log of load. Zero means off.
	Weather Weather `json:"weather"`
	// HeatWave holds heat-wave events that raise load and derate thermal
	// units. Zero means off.
	HeatWave HeatWave `json:"heat_wave"`
}

// Base is the deterministic base shape. Exactly one of HourlyMW and
// Parametric must be set.
type Base struct {
	// HourlyMW is the load of each hour (MW), hour 0 being 1 January
	// 00:00. Its length must equal the horizon given to [New]. See
	// [ReadHourlyCSV] to read it from a file.
	HourlyMW []float64 `json:"hourly_mw,omitempty"`
	// Parametric builds the hourly series from monthly peaks and daily
	// shapes; see [Parametric.Build].
	Parametric *Parametric `json:"parametric,omitempty"`
}

// LFU is load forecast uncertainty. Each trial scales the whole horizon by
// A = 1 + Sigma·Z and month m by M_m = 1 + MonthlySigma·Z_m, with Z and
// the Z_m independent standard normals drawn from the LFU stream.
type LFU struct {
	// Sigma is the standard deviation of the whole-horizon scale
	// (e.g. 0.05 for 5%). 0 (the default) turns it off.
	Sigma float64 `json:"sigma,omitempty"`
	// MonthlySigma is the standard deviation of each month's extra scale,
	// one independent draw per calendar month (shared by that month in
	// every year of a multi-year horizon). 0 (the default) turns it off.
	MonthlySigma float64 `json:"monthly_sigma,omitempty"`
}

// on reports whether any LFU draw is needed.
func (l LFU) on() bool { return l.Sigma > 0 || l.MonthlySigma > 0 }

// Weather is a mean-reverting hourly noise on the log of load: a
// stationary Gaussian AR(1) x_h with marginal standard deviation Sigma and
// lag-1 autocorrelation Phi; hour h's load is multiplied by
// exp(x_h − Sigma²/2), whose mean is 1.
type Weather struct {
	// Sigma is the stationary standard deviation of x_h (log units,
	// ≈ relative deviation: 0.04 ≈ 4%). 0 (the default) turns it off.
	Sigma float64 `json:"sigma,omitempty"`
	// Phi is the hour-to-hour autocorrelation, in [0, 1). The correlation
	// time is −1/ln(Phi) hours: a day-to-day correlation ρ_d corresponds
	// to Phi = ρ_d^(1/24). 0 means independent hours.
	Phi float64 `json:"phi,omitempty"`
}

// on reports whether weather noise is applied.
func (w Weather) on() bool { return w.Sigma > 0 }

// HeatWave describes heat waves as discrete events. Arrivals form a
// Poisson process whose rate is constant within each calendar month
// (RatePerMonth[m] expected arrivals per month m); each wave lasts a
// Gamma-distributed time with mean MeanDays and shape Shape, and while it
// lasts load is multiplied by 1 + LoadRise and thermal capacity by
// 1 − ThermalDerate.
type HeatWave struct {
	// RatePerMonth holds the expected number of heat-wave arrivals in
	// each calendar month, January first: 12 values, or none (the
	// default: heat waves off). Waves start only in months with a
	// positive rate but may run on into the next month.
	RatePerMonth []float64 `json:"rate_per_month,omitempty"`
	// MeanDays is the mean duration of a wave in days; it must be > 0
	// when any rate is positive (there is no default).
	MeanDays float64 `json:"mean_days,omitempty"`
	// Shape is the Gamma shape k of the duration; 0 means 1, an
	// exponential duration. The coefficient of variation is 1/√k.
	Shape float64 `json:"shape,omitempty"`
	// LoadRise is the fractional load increase during a wave
	// (0.08 = +8%). Default 0.
	LoadRise float64 `json:"load_rise,omitempty"`
	// ThermalDerate is the fraction of thermal capacity lost during a
	// wave, in [0, 1]. Default 0. The derate is reported per hour in
	// [Sample.ThermalFactor]; the caller applies it.
	ThermalDerate float64 `json:"thermal_derate,omitempty"`
}

// on reports whether any heat-wave rate is positive.
func (hw HeatWave) on() bool {
	for _, r := range hw.RatePerMonth {
		if r > 0 {
			return true
		}
	}
	return false
}

// shape returns the Gamma shape with its default applied.
func (hw HeatWave) shape() float64 {
	if hw.Shape == 0 {
		return 1
	}
	return hw.Shape
}

// Validate reports the first invalid field of m as an [*input.FieldError]
// whose path is the field's JSON path in the model ("weather.phi"), or
// nil; a caller holding m in a larger document locates it with
// [input.In]. It checks every field whether or not its block is on.
// It does not know the horizon: [New] also checks that the length of
// Base.HourlyMW equals it.
func (m Model) Validate() error {
	if err := m.Base.validate(); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"lfu.sigma", m.LFU.Sigma}, {"lfu.monthly_sigma", m.LFU.MonthlySigma}, {"weather.sigma", m.Weather.Sigma}} {
		if err := nonNegative(f.name, f.v); err != nil {
			return err
		}
		if f.v >= MaxSigma {
			return fieldErr(f.name, f.v, fmt.Sprintf("< %v (MaxSigma)", MaxSigma))
		}
	}
	if p := m.Weather.Phi; !(p >= 0 && p < 1) {
		return fieldErr("weather.phi", p, "in [0,1)")
	}
	return m.HeatWave.validate()
}

func (b Base) validate() error {
	switch {
	case b.HourlyMW == nil && b.Parametric == nil:
		return input.Field("base", "neither hourly_mw nor parametric", "exactly one of them")
	case b.HourlyMW != nil && b.Parametric != nil:
		return input.Field("base", "both hourly_mw and parametric", "exactly one of them")
	case b.Parametric != nil:
		return input.In(b.Parametric.Validate(), "base.parametric")
	}
	if len(b.HourlyMW) == 0 {
		return input.Field("base.hourly_mw", "[]", "one value per hour")
	}
	for i, v := range b.HourlyMW {
		if err := loadMW(fmt.Sprintf("base.hourly_mw[%d]", i), v); err != nil {
			return err
		}
	}
	return nil
}

func (hw HeatWave) validate() error {
	if n := len(hw.RatePerMonth); n != 0 && n != 12 {
		return input.Field("heat_wave.rate_per_month", fmt.Sprintf("%d values", n), "12 (or none)")
	}
	for i, r := range hw.RatePerMonth {
		if err := nonNegative(fmt.Sprintf("heat_wave.rate_per_month[%d]", i), r); err != nil {
			return err
		}
	}
	if d := hw.MeanDays; hw.on() && !(d > 0 && !math.IsInf(d, 1)) {
		return fieldErr("heat_wave.mean_days", d, "finite and > 0 when any rate is positive")
	}
	if err := nonNegative("heat_wave.mean_days", hw.MeanDays); err != nil {
		return err
	}
	if err := nonNegative("heat_wave.shape", hw.Shape); err != nil {
		return err
	}
	if err := nonNegative("heat_wave.load_rise", hw.LoadRise); err != nil {
		return err
	}
	if err := atMost("heat_wave.load_rise", hw.LoadRise, MaxLoadRise, "MaxLoadRise"); err != nil {
		return err
	}
	if err := atMost("heat_wave.mean_days", hw.MeanDays, 366, "a year"); err != nil {
		return err
	}
	for i, r := range hw.RatePerMonth {
		if err := atMost(fmt.Sprintf("heat_wave.rate_per_month[%d]", i), r, 31, "one a day"); err != nil {
			return err
		}
	}
	if d := hw.ThermalDerate; !(d >= 0 && d <= 1) {
		return fieldErr("heat_wave.thermal_derate", d, "in [0,1]")
	}
	return nil
}

// DecodeModel reads one JSON Model from r, rejecting unknown fields and
// trailing data, and validates it. A syntax or type error names its line
// and column ([input.DecodeJSON]).
func DecodeModel(r io.Reader) (Model, error) {
	if r == nil {
		return Model{}, fmt.Errorf("demand: model: nil reader")
	}
	var m Model
	if err := input.DecodeJSON(r, &m, "model"); err != nil {
		return Model{}, fmt.Errorf("demand: %w", err)
	}
	if err := m.Validate(); err != nil {
		return Model{}, fmt.Errorf("demand: %w", err)
	}
	return m, nil
}

// fieldErr returns the [*input.FieldError] of one field.
func fieldErr(field string, v float64, want string) error {
	return input.Field(field, v, want)
}

// Upper bounds on model parameters: values beyond them describe no power
// system and would only produce overflow or degenerate loads. Judgements.
const (
	// MaxLoadMW bounds any load or peak: 10 TW, several times the world's
	// total peak demand.
	MaxLoadMW = 1e7
	// MaxSigma bounds the LFU and weather standard deviations (relative,
	// or on the log of load): one σ would already scale load by e.
	MaxSigma = 1.0
	// MaxLoadRise bounds the heat-wave load rise (+1000%).
	MaxLoadRise = 10.0
)

// atMost returns an error naming the field unless v <= max.
func atMost(field string, v, max float64, why string) error {
	if v > max {
		return fieldErr(field, v, fmt.Sprintf("<= %v (%s)", max, why))
	}
	return nil
}

// nonNegative rejects NaN, ±Inf and negative values.
func nonNegative(field string, v float64) error {
	if want := nonNegativeWant(v); want != "" {
		return fieldErr(field, v, want)
	}
	return nil
}

// nonNegativeWant returns "" if v is finite and >= 0, else what is wanted.
func nonNegativeWant(v float64) string {
	if !(v >= 0) || math.IsInf(v, 1) {
		return "finite and >= 0"
	}
	return ""
}

// loadMW rejects a load in MW that is NaN, infinite, negative or above
// MaxLoadMW.
func loadMW(field string, v float64) error {
	if want := loadWant(v); want != "" {
		return fieldErr(field, v, want)
	}
	return nil
}

// loadWant returns "" if v is a load in MW in [0, MaxLoadMW], else what
// is wanted.
func loadWant(v float64) string {
	if want := nonNegativeWant(v); want != "" {
		return want
	}
	if v > MaxLoadMW {
		return fmt.Sprintf("<= %v (MaxLoadMW)", MaxLoadMW)
	}
	return ""
}
