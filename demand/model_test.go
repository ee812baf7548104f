package demand

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/carveout/carveout/input"
)

// noPanic runs f and turns a panic into a test error.
func noPanic(t *testing.T, name string, f func() error) (err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("%s: panicked: %v", name, p)
			err = nil
		}
	}()
	return f()
}

func TestValidate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	param := func(edit func(p *Parametric)) Model {
		p := Parametric{MonthlyPeakMW: slicesClone(testPeaks), WeekdayShape: [][]float64{slicesClone(flatShape)}}
		edit(&p)
		return Model{Base: Base{Parametric: &p}}
	}
	ok := func(edit func(m *Model)) Model {
		m := allOnModel()
		edit(&m)
		return m
	}
	rates := func(v float64) []float64 { r := make([]float64, 12); r[5] = v; return r }
	cases := []struct {
		name string
		m    Model
		want string // substring of the error; "" means valid
	}{
		{"all on", allOnModel(), ""},
		{"hourly only", Model{Base: Base{HourlyMW: []float64{1, 2, 0}}}, ""},
		{"no base", Model{}, "demand: base = neither hourly_mw nor parametric"},
		{"both bases", ok(func(m *Model) { m.Base.HourlyMW = []float64{1} }), "demand: base = both"},
		{"empty hourly", Model{Base: Base{HourlyMW: []float64{}}}, "demand: base.hourly_mw = [], want one value per hour"},
		{"hourly NaN", Model{Base: Base{HourlyMW: []float64{1, 2, nan}}}, "demand: base.hourly_mw[2] = NaN, want finite and >= 0"},
		{"hourly negative", Model{Base: Base{HourlyMW: []float64{-1}}}, "demand: base.hourly_mw[0] = -1, want finite and >= 0"},
		{"hourly Inf", Model{Base: Base{HourlyMW: []float64{inf}}}, "demand: base.hourly_mw[0] = +Inf"},
		{"11 peaks", param(func(p *Parametric) { p.MonthlyPeakMW = p.MonthlyPeakMW[:11] }), "demand: base.parametric.monthly_peak_mw = 11 values, want 12"},
		{"peak NaN", param(func(p *Parametric) { p.MonthlyPeakMW[3] = nan }), "demand: base.parametric.monthly_peak_mw[3] = NaN"},
		{"peak negative", param(func(p *Parametric) { p.MonthlyPeakMW[0] = -5 }), "demand: base.parametric.monthly_peak_mw[0] = -5"},
		{"no weekday shape", param(func(p *Parametric) { p.WeekdayShape = nil }), "demand: base.parametric.weekday_shape = no rows"},
		{"2 weekday rows", param(func(p *Parametric) { p.WeekdayShape = [][]float64{flatShape, flatShape} }), "demand: base.parametric.weekday_shape = 2 rows, want 1 or 12"},
		{"23-hour row", param(func(p *Parametric) { p.WeekdayShape[0] = flatShape[:23] }), "demand: base.parametric.weekday_shape[0] = 23 values, want 24"},
		{"zero row", param(func(p *Parametric) { p.WeekdayShape[0] = make([]float64, 24) }), "demand: base.parametric.weekday_shape[0] = all 0, want a positive peak"},
		{"negative shape", param(func(p *Parametric) { p.WeekdayShape[0][7] = -0.1 }), "demand: base.parametric.weekday_shape[0][7] = -0.1"},
		{"NaN weekend shape", param(func(p *Parametric) { p.WeekendShape = [][]float64{slicesClone(flatShape)}; p.WeekendShape[0][1] = nan }), "demand: base.parametric.weekend_shape[0][1] = NaN"},
		{"5 weekend rows", param(func(p *Parametric) { p.WeekendShape = make([][]float64, 5) }), "demand: base.parametric.weekend_shape = 5 rows"},
		{"weekend factor negative", param(func(p *Parametric) { p.WeekendFactor = -0.1 }), "demand: base.parametric.weekend_factor = -0.1"},
		{"weekend factor Inf", param(func(p *Parametric) { p.WeekendFactor = inf }), "demand: base.parametric.weekend_factor = +Inf"},
		{"weekend day 7", param(func(p *Parametric) { p.WeekendDays = []time.Weekday{0, 7} }), "demand: base.parametric.weekend_days[1] = 7, want in [0,6]"},
		{"start weekday -1", param(func(p *Parametric) { p.StartWeekday = -1 }), "demand: base.parametric.start_weekday = -1"},
		{"lfu sigma negative", ok(func(m *Model) { m.LFU.Sigma = -0.1 }), "demand: lfu.sigma = -0.1, want finite and >= 0"},
		{"lfu sigma Inf", ok(func(m *Model) { m.LFU.Sigma = inf }), "demand: lfu.sigma = +Inf"},
		{"lfu monthly NaN", ok(func(m *Model) { m.LFU.MonthlySigma = nan }), "demand: lfu.monthly_sigma = NaN"},
		{"weather sigma negative", ok(func(m *Model) { m.Weather.Sigma = -1 }), "demand: weather.sigma = -1"},
		{"weather phi 1.2", ok(func(m *Model) { m.Weather.Phi = 1.2 }), "demand: weather.phi = 1.2, want in [0,1)"},
		{"weather phi 1", ok(func(m *Model) { m.Weather.Phi = 1 }), "demand: weather.phi = 1, want in [0,1)"},
		{"weather phi negative", ok(func(m *Model) { m.Weather.Phi = -0.5 }), "demand: weather.phi = -0.5"},
		{"weather phi NaN", ok(func(m *Model) { m.Weather.Phi = nan }), "demand: weather.phi = NaN"},
		{"11 rates", ok(func(m *Model) { m.HeatWave.RatePerMonth = make([]float64, 11) }), "demand: heat_wave.rate_per_month = 11 values, want 12"},
		{"rate negative", ok(func(m *Model) { m.HeatWave.RatePerMonth = rates(-1) }), "demand: heat_wave.rate_per_month[5] = -1"},
		{"rate NaN", ok(func(m *Model) { m.HeatWave.RatePerMonth = rates(nan) }), "demand: heat_wave.rate_per_month[5] = NaN"},
		{"mean days missing", ok(func(m *Model) { m.HeatWave.MeanDays = 0 }), "demand: heat_wave.mean_days = 0, want finite and > 0 when any rate is positive"},
		{"mean days Inf", ok(func(m *Model) { m.HeatWave.MeanDays = inf }), "demand: heat_wave.mean_days = +Inf"},
		{"mean days negative, waves off", Model{Base: Base{HourlyMW: []float64{1}}, HeatWave: HeatWave{MeanDays: -2}}, "demand: heat_wave.mean_days = -2"},
		{"shape negative", ok(func(m *Model) { m.HeatWave.Shape = -1 }), "demand: heat_wave.shape = -1"},
		{"load rise Inf", ok(func(m *Model) { m.HeatWave.LoadRise = inf }), "demand: heat_wave.load_rise = +Inf"},
		{"load rise negative", ok(func(m *Model) { m.HeatWave.LoadRise = -0.1 }), "demand: heat_wave.load_rise = -0.1"},
		{"derate 1.5", ok(func(m *Model) { m.HeatWave.ThermalDerate = 1.5 }), "demand: heat_wave.thermal_derate = 1.5, want in [0,1]"},
		{"derate NaN", ok(func(m *Model) { m.HeatWave.ThermalDerate = nan }), "demand: heat_wave.thermal_derate = NaN"},
	}
	for _, c := range cases {
		// Validate returns the field error alone, for the caller to
		// locate; New adds the package's name.
		err := noPanic(t, c.name, c.m.Validate)
		checkErr(t, c.name+": Validate", err, strings.TrimPrefix(c.want, "demand: "))
		var fe *input.FieldError
		if c.want != "" && !errors.As(err, &fe) {
			t.Errorf("%s: Validate: %v is not a FieldError", c.name, err)
		}
		err = noPanic(t, c.name, func() error { _, err := New(c.m, 3); return err })
		if c.want != "" {
			checkErr(t, c.name+": New", err, c.want)
		}
	}
}

func checkErr(t *testing.T, name string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: unexpected error %v", name, err)
	case want != "" && err == nil:
		t.Errorf("%s: no error, want %q", name, want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("%s: error %q, want it to contain %q", name, err, want)
	}
}

func slicesClone(s []float64) []float64 { return append([]float64(nil), s...) }

func TestNewErrors(t *testing.T) {
	hourly := Model{Base: Base{HourlyMW: make([]float64, 10)}}
	cases := []struct {
		name  string
		m     Model
		hours int
		want  string
	}{
		{"zero hours", allOnModel(), 0, "demand: hours = 0, want in [1, 87600]"},
		{"negative hours", hourly, -5, "demand: hours = -5, want in [1, 87600]"},
		// The library's one horizon limit (grid.MaxHours).
		{"too many hours", allOnModel(), 87601, "demand: hours = 87601, want in [1, 87600]"},
		{"length mismatch", hourly, 24, "demand: base.hourly_mw = 10 values, want 24"},
		{"length match", hourly, 10, ""},
	}
	for _, c := range cases {
		err := noPanic(t, c.name, func() error { _, err := New(c.m, c.hours); return err })
		checkErr(t, c.name, err, c.want)
	}
}

func TestSampleErrors(t *testing.T) {
	g, err := New(allOnModel(), 48)
	if err != nil {
		t.Fatal(err)
	}
	r := func() *rand.Rand { return rand.New(rand.NewPCG(1, 1)) }
	other, _ := New(allOnModel(), 24)
	cases := []struct {
		name string
		s    Streams
		dst  *Sample
		want string
	}{
		{"nil LFU", Streams{Weather: r(), HeatWave: r()}, g.NewSample(), "demand: streams.LFU is nil"},
		{"nil weather", Streams{LFU: r(), HeatWave: r()}, g.NewSample(), "demand: streams.Weather is nil"},
		{"nil heat wave", Streams{LFU: r(), Weather: r()}, g.NewSample(), "demand: streams.HeatWave is nil"},
		{"nil sample", Streams{LFU: r(), Weather: r(), HeatWave: r()}, nil, "demand: sample is not sized for 48 hours"},
		{"wrong size", Streams{LFU: r(), Weather: r(), HeatWave: r()}, other.NewSample(), "demand: sample is not sized for 48 hours"},
		{"zero sample", Streams{LFU: r(), Weather: r(), HeatWave: r()}, &Sample{}, "demand: sample is not sized"},
		{"ok", Streams{LFU: r(), Weather: r(), HeatWave: r()}, g.NewSample(), ""},
	}
	for _, c := range cases {
		err := noPanic(t, c.name, func() error { return g.SampleInto(c.s, c.dst) })
		checkErr(t, c.name, err, c.want)
	}
	// Components that are off need no stream.
	det, err := New(Model{Base: Base{HourlyMW: []float64{5, 6}}}, 2)
	if err != nil {
		t.Fatal(err)
	}
	s, err := det.Sample(Streams{})
	if err != nil {
		t.Fatalf("deterministic model with no streams: %v", err)
	}
	if s.Load[0] != 5 || s.Load[1] != 6 || s.LFUScale != 1 || s.HeatWaveHours != 0 {
		t.Errorf("deterministic sample = %+v", s)
	}
}

func TestModelJSON(t *testing.T) {
	m := allOnModel()
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeModel(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, m)
	}
	bad := []struct{ name, json, want string }{
		{"unknown field", `{"base":{"hourly_mw":[1]},"weather":{"sigma":0.1,"rho":0.5}}`, `demand: model line 1, column 50: weather.rho: unknown field`},
		{"trailing data", `{"base":{"hourly_mw":[1]}} {}`, "demand: model line 1, column 28: data after the JSON value"},
		{"syntax", `{"base":`, "demand: model line 1, column 9: base: unexpected EOF"},
		{"invalid value", `{"base":{"hourly_mw":[1]},"weather":{"sigma":0.1,"phi":1.2}}`, "demand: weather.phi = 1.2, want in [0,1)"},
		{"wrong type", `{"base":{"hourly_mw":"x"}}`, "demand: model line 1, column 22: base.hourly_mw: cannot unmarshal string into []float64"},
	}
	for _, c := range bad {
		err := noPanic(t, c.name, func() error { _, err := DecodeModel(strings.NewReader(c.json)); return err })
		checkErr(t, c.name, err, c.want)
	}
}
