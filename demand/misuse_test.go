package demand

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/misuse"
)

// TestAPIMisuse calls the package's exported functions and methods with
// bad values: each must return an error (or a NaN), never panic, unless
// its doc comment says the call is a programming error.
func TestAPIMisuse(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	flat := func(n int, v float64) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = v
		}
		return s
	}
	model := func(f func(*Model)) Model {
		m := Model{Base: Base{HourlyMW: flat(48, 100)}}
		f(&m)
		return m
	}
	newGen := func(f func(*Model), hours int) func() error {
		return func() error { _, err := New(model(f), hours); return err }
	}
	par := func(f func(*Parametric)) func() error {
		return func() error {
			p := &Parametric{MonthlyPeakMW: flat(12, 100), WeekdayShape: [][]float64{flat(24, 1)}}
			f(p)
			_, err := p.Build(48)
			return err
		}
	}
	noisy, err := New(model(func(m *Model) { m.LFU.Sigma, m.Weather = 0.05, Weather{Sigma: 0.02, Phi: 0.9} }), 48)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	R, P, A := misuse.Refuse, misuse.Panic, misuse.Accept
	cases := []misuse.Case{
		R("New(Model{}, 48)", func() error { _, err := New(Model{}, 48); return err }),
		R("New(m, 0)", newGen(func(*Model) {}, 0)),
		R("New(m, -1)", newGen(func(*Model) {}, -1)),
		R("New(m, MaxHours+1)", newGen(func(*Model) {}, 87_601)),
		R("New(base of other length)", newGen(func(*Model) {}, 24)),
		R("New(base NaN)", newGen(func(m *Model) { m.Base.HourlyMW[3] = nan }, 48)),
		R("New(base -1)", newGen(func(m *Model) { m.Base.HourlyMW[3] = -1 }, 48)),
		R("New(base Inf)", newGen(func(m *Model) { m.Base.HourlyMW[3] = inf }, 48)),
		R("New(both bases)", newGen(func(m *Model) { m.Base.Parametric = &Parametric{} }, 48)),
		R("New(LFU sigma NaN)", newGen(func(m *Model) { m.LFU.Sigma = nan }, 48)),
		R("New(LFU sigma -1)", newGen(func(m *Model) { m.LFU.Sigma = -1 }, 48)),
		R("New(weather phi 1)", newGen(func(m *Model) { m.Weather = Weather{Sigma: 0.1, Phi: 1} }, 48)),
		R("New(weather sigma Inf)", newGen(func(m *Model) { m.Weather = Weather{Sigma: inf} }, 48)),
		R("New(heat wave rate NaN)", newGen(func(m *Model) { m.HeatWave.RatePerMonth = []float64{nan} }, 48)),
		R("New(heat wave mean days -1)", newGen(func(m *Model) { m.HeatWave.MeanDays = -1 }, 48)),
		R("Model{}.Validate()", func() error { return Model{}.Validate() }),
		R("DecodeModel(nil)", func() error { _, err := DecodeModel(nil); return err }),
		R("DecodeModel(empty)", func() error { _, err := DecodeModel(strings.NewReader("")); return err }),
		R("DecodeModel(unknown field)", func() error { _, err := DecodeModel(strings.NewReader(`{"bogus":1}`)); return err }),
		R("ReadHourlyCSV(nil)", func() error { _, err := ReadHourlyCSV(nil, "x.csv"); return err }),
		R("ReadHourlyCSV(empty)", func() error { _, err := ReadHourlyCSV(strings.NewReader(""), "x.csv"); return err }),
		R("ReadHourlyCSV(NaN)", func() error { _, err := ReadHourlyCSV(strings.NewReader("load_mw\nNaN\n"), "x.csv"); return err }),
		R("Parametric{}.Build(48)", func() error { _, err := (&Parametric{}).Build(48); return err }),
		R("(*Parametric)(nil).Build(48)", func() error { _, err := (*Parametric)(nil).Build(48); return err }),
		R("(*Parametric)(nil).Validate()", func() error { return (*Parametric)(nil).Validate() }),
		R("Parametric.Build(0)", func() error {
			p := &Parametric{MonthlyPeakMW: flat(12, 100), WeekdayShape: [][]float64{flat(24, 1)}}
			_, err := p.Build(0)
			return err
		}),
		R("Parametric{11 peaks}", par(func(p *Parametric) { p.MonthlyPeakMW = p.MonthlyPeakMW[:11] })),
		R("Parametric{peak NaN}", par(func(p *Parametric) { p.MonthlyPeakMW[0] = nan })),
		R("Parametric{shape of 23}", par(func(p *Parametric) { p.WeekdayShape[0] = p.WeekdayShape[0][:23] })),
		R("Parametric{shape all 0}", par(func(p *Parametric) { p.WeekdayShape[0] = flat(24, 0) })),
		R("Parametric{weekend factor -1}", par(func(p *Parametric) { p.WeekendFactor = -1 })),
		R("Parametric{weekday 9}", par(func(p *Parametric) { p.StartWeekday = 9 })),
		R("Generator.Sample(nil streams)", func() error { _, err := noisy.Sample(Streams{}); return err }),
		R("Generator.SampleInto(s, nil)", func() error { return noisy.SampleInto(Streams{LFU: r, Weather: r}, nil) }),
		R("Generator.SampleInto(sample of another generator)", func() error {
			other, err := New(model(func(m *Model) { m.Base.HourlyMW = flat(24, 1) }), 24)
			if err != nil {
				return nil
			}
			return noisy.SampleInto(Streams{LFU: r, Weather: r}, other.NewSample())
		}),
		R("Generator.SampleInto(s, &Sample{})", func() error { return noisy.SampleInto(Streams{LFU: r, Weather: r}, &Sample{}) }),
		A("Generator.Sample(streams)", func() error { _, err := noisy.Sample(Streams{LFU: r, Weather: r}); return err }),
		R("LFU{Sigma: NaN}.DrawScale(r)", func() error { return misuse.NaN(LFU{Sigma: nan}.DrawScale(r)) }),
		P("LFU{Sigma: 0.1}.DrawScale(nil)", func() error { LFU{Sigma: 0.1}.DrawScale(nil); return nil }),
		A("(&Sample{}).HeatWaveSpans()", func() error { _ = (&Sample{}).HeatWaveSpans(); return nil }),
	}
	misuse.Check(t, cases)
}
