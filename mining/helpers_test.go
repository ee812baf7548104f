package mining

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/carveout/carveout/internal/stattest"
)

// newRand returns a PCG-backed generator for tests.
func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}

// testModel is [Defaults] with a 2,000 MW fleet (the size of Pakistan's
// carve-out) at the Roshan Maeeshat tariff of Rs22.98/kWh at Rs283/USD,
// about $81.2/MWh: the model the tests were written for, whose S21 fleet
// is just below breakeven at the default network state.
func testModel() Model {
	m := Defaults()
	m.Fleet.MW = testFleetMW
	m.Fleet.TariffUSDPerMWh = 22.98 / 283 * 1000
	return m
}

// testFleetMW is the fleet size of [testModel].
const testFleetMW = 2000.0

// newStreams returns one stream per component, derived from seed.
func newStreams(seed uint64) Streams {
	return Streams{
		Price:  newRand(seed, 1),
		Jumps:  newRand(seed, 2),
		Fees:   newRand(seed, 3),
		Blocks: newRand(seed, 4),
	}
}

// moments accumulates the sample mean, variance and fourth central moment
// (for the standard error of the variance).
type moments struct {
	xs []float64
}

func (m *moments) add(x float64) { m.xs = append(m.xs, x) }

func (m *moments) n() float64 { return float64(len(m.xs)) }

func (m *moments) mean() float64 {
	var s float64
	for _, x := range m.xs {
		s += x
	}
	return s / m.n()
}

// meanVar returns the mean, the unbiased variance and the sample fourth
// central moment.
func (m *moments) meanVar() (mean, variance, m4 float64) {
	mean = m.mean()
	var s2, s4 float64
	for _, x := range m.xs {
		d := x - mean
		s2 += d * d
		s4 += d * d * d * d
	}
	return mean, s2 / (m.n() - 1), s4 / m.n()
}

// checkMeanVar checks the sample mean and variance of m against their
// exact values within 4 standard errors (see stattest.CheckMeanVar).
func checkMeanVar(t *testing.T, name string, m *moments, wantMean, wantVar float64) {
	t.Helper()
	stattest.CheckMeanVar(t, name, m.xs, wantMean, wantVar)
}

// closeRel reports whether a and b agree to floating-point rounding of a
// few operations.
func closeRel(a, b float64) bool {
	return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b))
}
