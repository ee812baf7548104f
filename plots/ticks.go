package plots

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// The tickers label round values with thousands separators: [CommaTicks]
// on linear axes, [Log1pTicks] on axes of log10(1 + x), and logCommaTicks
// on logarithmic axes. roundAxis extends a value axis to labelled ticks.

// Tolerances of the tick arithmetic. Tick values are computed in floating
// point (lo/minor, first + k·minor, v/step), so a value that is
// mathematically a multiple of the step, or exactly at an end of the axis,
// can come out a few units in the last place (about 1e-16 relative) to
// either side of it. The tolerances absorb that rounding; they are far
// larger than it and far smaller than the smallest difference that must
// still be resolved (candidate steps differ by at least 25%, and minor
// ticks are at least a fifth of a step apart).
const (
	// relTol is the relative allowance when a step or a tick value is
	// compared with the raw step, an end of the axis or a whole number.
	relTol = 1e-9
	// onStepTol is the allowance, in steps, within which a minor tick
	// counts as falling on a labelled step (its value is then rounded to
	// the exact multiple before it is labelled).
	onStepTol = 1e-6
)

// log1pEdgeTol is how far (in log10 units: a factor of 1 + 2.3e-6 in
// 1 + x) a tick of [Log1pTicks] may lie beyond the top of the axis and
// still be drawn, at the top; no chart is large enough to show the
// difference. It decides whether the top decade is labelled on an axis
// ending at a whole number k: the tick of x = 10^k lies at log10(1 + 10^k),
// about 0.43·10^-k above k, so it is kept for k >= 6 (as on the 0–6 axis
// of a study's unserved-energy histograms) and left out for smaller k.
const log1pEdgeTol = 1e-6

// CommaTicks is a [plot.Ticker] that labels about five to eight round
// values (steps of 1, 2, 2.5 or 5 times a power of ten) with unlabelled
// minor ticks between them, writing whole numbers of 1,000 and above with
// thousands separators ("2,000", "100,000"). Use it for megawatts,
// dollars, trial counts and percentages.
type CommaTicks struct{}

// Ticks returns the ticks between lo and hi: none unless lo < hi, both
// finite.
func (CommaTicks) Ticks(lo, hi float64) []plot.Tick {
	return niceTicks(lo, hi, 6)
}

// niceTicks returns about target labelled ticks at round values between lo
// and hi, with minor ticks between them.
func niceTicks(lo, hi float64, target int) []plot.Tick {
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		// No ticks on an empty or infinite range: plot.DefaultTicks panics
		// on the first and loops forever on a NaN.
		return nil
	}
	raw := (hi - lo) / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	// The smallest round step at least as large as the raw step; its
	// minor step divides it into 5 (1, 5), 4 (2) or 5 (2.5) parts.
	step, minorDiv := 10*mag, 5.0
	for _, c := range []struct{ m, div float64 }{{1, 5}, {2, 4}, {2.5, 5}, {5, 5}} {
		if c.m*mag >= raw*(1-relTol) {
			step, minorDiv = c.m*mag, c.div
			break
		}
	}
	// Decimal places needed to show the step exactly.
	prec := 0
	for p := step; math.Abs(p-math.Round(p)) > relTol*step && prec < 10; p *= 10 {
		prec++
	}
	minor := step / minorDiv
	var ts []plot.Tick
	first := math.Ceil(lo/minor-relTol) * minor
	for k := 0; ; k++ {
		v := first + float64(k)*minor
		if v > hi+relTol*minor {
			break
		}
		t := plot.Tick{Value: v}
		if q := v / step; math.Abs(q-math.Round(q)) < onStepTol {
			v = math.Round(q) * step
			if v == 0 {
				v = 0 // no "-0"
			}
			t.Value = v
			t.Label = commaLabel(v, strconv.FormatFloat(v, 'f', prec, 64))
		}
		ts = append(ts, t)
	}
	return ts
}

// commaLabel rewrites label (the default formatting of v) with thousands
// separators when |v| >= 1000 and v is a whole number.
func commaLabel(v float64, label string) string {
	if math.Abs(v) < 1000 || v != math.Trunc(v) || math.Abs(v) >= 1e15 {
		return label
	}
	return groupThousands(strconv.FormatFloat(v, 'f', 0, 64))
}

// groupThousands inserts commas into a string of digits with an optional
// leading minus sign.
func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Log1pTicks is a [plot.Ticker] for an axis whose values are
// log10(1 + x), as for histograms of annual unserved energy binned on that
// scale so that zero-EUE years stay in range. It labels the positions of
// x = 0, 10, 100, ... with the value of x (with thousands separators; x = 1
// too when the axis spans less than three decades) and adds unlabelled
// minor ticks in between.
type Log1pTicks struct{}

// Ticks returns the ticks between lo and hi, both in log10(1 + x) units.
func (Log1pTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	add := func(x float64, label bool) {
		v := math.Log10(1 + x)
		if v < lo || v > hi+log1pEdgeTol {
			return
		}
		v = math.Min(v, hi) // a tick just beyond the top is drawn at the top
		t := plot.Tick{Value: v}
		if label {
			t.Label = commaLabel(x, strconv.FormatFloat(x, 'g', -1, 64))
		}
		ts = append(ts, t)
	}
	add(0, true)
	// Label x = 1 only on narrow axes, where it does not crowd x = 0.
	narrow := hi-lo < 3
	top := math.Pow(10, hi) // 1 + the largest x on the axis
	for dec := 1.0; dec <= top && dec < 1e15; dec *= 10 {
		add(dec, dec > 1 || narrow)
		if dec == 1 && !narrow {
			continue // minor ticks below 10 would crowd the zero tick
		}
		for k := 2.0; k <= 9; k++ {
			add(k*dec, false)
		}
	}
	return ts
}

// roundAxis extends a's range outwards to labelled ticks of [CommaTicks],
// not below floor or above limit unless the data already are, so that the
// ends of a value axis carry labels. With floor = a.Min only the top moves.
func roundAxis(a *plot.Axis, floor, limit float64) {
	if !(a.Max > a.Min) || !finite(a.Max) || !finite(a.Min) {
		return
	}
	var labelled []float64
	for _, t := range niceTicks(a.Min, a.Max, 6) {
		if t.Label != "" {
			labelled = append(labelled, t.Value)
		}
	}
	if len(labelled) < 2 {
		return
	}
	step := labelled[1] - labelled[0]
	if top := labelled[len(labelled)-1]; top < a.Max {
		a.Max = math.Max(a.Max, math.Min(top+step, limit))
	}
	if bottom := labelled[0]; bottom > a.Min {
		a.Min = math.Min(a.Min, math.Max(bottom-step, floor))
	}
}

// logCommaTicks labels powers of ten on a logarithmic axis (and 2 and 5
// times them when the axis spans less than two decades), with thousands
// separators, and adds unlabelled minor ticks at the other integers times
// a power of ten.
type logCommaTicks struct{}

// Ticks implements [plot.Ticker]; lo and hi must be positive.
func (logCommaTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	few := math.Log10(hi/lo) < 2
	var ts []plot.Tick
	for dec := math.Pow(10, math.Floor(math.Log10(lo))); dec <= hi; dec *= 10 {
		for k := 1.0; k <= 9; k++ {
			v := k * dec
			if v < lo*(1-relTol) || v > hi*(1+relTol) {
				continue
			}
			t := plot.Tick{Value: v}
			if k == 1 || (few && (k == 2 || k == 5)) {
				t.Label = commaLabel(v, strconv.FormatFloat(v, 'g', -1, 64))
			}
			ts = append(ts, t)
		}
	}
	return ts
}
