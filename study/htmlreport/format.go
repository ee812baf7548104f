package htmlreport

import (
	"math"
	"strconv"
	"strings"

	"github.com/carveout/carveout/montecarlo"
)

// Numbers on the page carry three significant digits of their mean,
// and an interval as many decimals as its mean, so that a small value such
// as a baseline LOLE of 0.0062 h does not read as 0.01 and an interval
// lines up with its estimate.

// negligible is the magnitude below which a value shows as 0: the
// rounding noise of a difference of sums of floating-point MWh (some
// 1e-12 of a year's energy), not a result.
const negligible = 1e-9

// decimals returns the decimals that show x to three significant digits
// (at most maxDecimals, none for |x| >= 100).
func decimals(x float64) int {
	const maxDecimals = 6
	a := math.Abs(x)
	if a < negligible || math.IsNaN(a) || math.IsInf(a, 0) {
		return 0
	}
	return min(maxDecimals, max(0, 2-int(math.Floor(math.Log10(a)))))
}

// number formats x with d decimals and thousands separators; NaN and
// ±Inf read "—".
func number(x float64, d int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	s := strconv.FormatFloat(x, 'f', d, 64)
	if s == "-0" || strings.HasPrefix(s, "-0.") && strings.Trim(s[3:], "0") == "" {
		s = s[1:] // no negative zero
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	// A minus sign, not a hyphen, as in print.
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// figure is an estimate formatted for the page.
type figure struct {
	// Value is the mean, Interval its 95% interval ("lo – hi", or "—"
	// where undefined).
	Value, Interval string
}

// format formats e scaled by scale (100 for percentages), with the
// decimals of its mean (of its upper bound for a zero mean, so an
// interval [0, 0.0012] does not read [0, 0]); signed prefixes a plus
// sign to positive values (differences).
func format(e montecarlo.Estimate, scale float64, signed bool) figure {
	e = e.Scale(scale)
	for _, v := range []*float64{&e.Mean, &e.Lo, &e.Hi} {
		if math.Abs(*v) < negligible {
			*v = 0
		}
	}
	d := decimals(e.Mean)
	if e.Mean == 0 {
		d = decimals(e.Hi)
	}
	f := figure{Value: number(e.Mean, d), Interval: "—"}
	if signed && e.Mean > 0 {
		f.Value = "+" + f.Value
	}
	if !math.IsNaN(e.Lo) && !math.IsNaN(e.Hi) {
		f.Interval = number(e.Lo, d) + " – " + number(e.Hi, d)
	}
	return f
}
