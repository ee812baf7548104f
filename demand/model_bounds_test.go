package demand

import (
	"strings"
	"testing"
)

// TestModelUpperBounds checks that absurdly large parameters are refused,
// naming the field, instead of producing overflow or degenerate loads.
func TestModelUpperBounds(t *testing.T) {
	base := Base{HourlyMW: []float64{100, 200}}
	for _, c := range []struct {
		m    Model
		want string
	}{
		{Model{Base: Base{HourlyMW: []float64{1e308}}}, "base.hourly_mw[0]"},
		{Model{Base: base, LFU: LFU{Sigma: 1e10}}, "lfu.sigma"},
		{Model{Base: base, LFU: LFU{MonthlySigma: 1}}, "lfu.monthly_sigma"},
		{Model{Base: base, Weather: Weather{Sigma: 1e10, Phi: 0.5}}, "weather.sigma"},
		{Model{Base: base, HeatWave: HeatWave{RatePerMonth: make([]float64, 12), LoadRise: 1e308}}, "heat_wave.load_rise"},
	} {
		if err := c.m.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate: err = %v, want one naming %s", err, c.want)
		}
	}
}
