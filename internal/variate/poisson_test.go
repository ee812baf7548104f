package variate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/carveout/carveout/internal/stattest"
)

// p4SE is the two-sided tail probability beyond 4 standard errors of a
// normal, used as the level of goodness-of-fit tests.
var p4SE = math.Erfc(4 / math.Sqrt2)

func TestPoissonMoments(t *testing.T) {
	const n = 100_000
	r := rand.New(rand.NewPCG(1, 1))
	for _, mean := range []float64{0.01, 0.5, 3, 9.99, 10, 25, 144, 1e4, 1e7} {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(Poisson(r, mean))
		}
		stattest.CheckMeanVar(t, fmt.Sprintf("Poisson(%g)", mean), xs, mean, mean)
	}
	for _, mean := range []float64{0, -1, math.NaN()} {
		if k := Poisson(r, mean); k != 0 {
			t.Errorf("Poisson(%v) = %d, want 0", mean, k)
		}
	}
}

// TestPoissonGoodnessOfFit compares the whole distribution with the Poisson
// pmf by a chi-square test, on both sides of the PTRS threshold.
func TestPoissonGoodnessOfFit(t *testing.T) {
	const n = 200_000
	r := rand.New(rand.NewPCG(2, 2))
	for _, mean := range []float64{5, 10, 144, 5000} {
		counts := map[int64]float64{}
		for range n {
			counts[Poisson(r, mean)]++
		}
		// Bins: every k with expected count ≥ 20, tails pooled.
		pois := distuv.Poisson{Lambda: mean}
		lo := int64(math.Max(0, math.Floor(mean-8*math.Sqrt(mean))))
		for lo > 0 && n*pois.CDF(float64(lo-1)) >= 20 {
			lo--
		}
		for n*pois.CDF(float64(lo)) < 20 {
			lo++
		}
		hi := int64(mean + 8*math.Sqrt(mean))
		for n*pois.Survival(float64(hi)) < 20 {
			hi--
		}
		var chi2 float64
		var obs float64
		bins := 0
		add := func(o, e float64) {
			chi2 += (o - e) * (o - e) / e
			bins++
		}
		for k, c := range counts {
			if k <= lo {
				obs += c
			}
		}
		add(obs, n*pois.CDF(float64(lo)))
		for k := lo + 1; k <= hi; k++ {
			add(counts[k], n*pois.Prob(float64(k)))
		}
		obs = 0
		for k, c := range counts {
			if k > hi {
				obs += c
			}
		}
		add(obs, n*pois.Survival(float64(hi)))
		crit := distuv.ChiSquared{K: float64(bins - 1)}.Quantile(1 - p4SE)
		if chi2 > crit {
			t.Errorf("Poisson(%g): chi² = %.1f on %d df, critical value %.1f", mean, chi2, bins-1, crit)
		}
	}
}

func TestPoissonDoesNotAllocate(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	if a := testing.AllocsPerRun(100, func() { Poisson(r, 144); Poisson(r, 3) }); a != 0 {
		t.Errorf("Poisson allocates %v per call", a)
	}
}

func BenchmarkPoisson144(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	var s int64
	for b.Loop() {
		s += Poisson(r, 144)
	}
	_ = s
}

func TestLogFactorial(t *testing.T) {
	for _, k := range []float64{0, 1, 2, 10, 144, 1023, 1024, 5000} {
		want, _ := math.Lgamma(k + 1)
		// The table sums k logarithms, each rounded to half an ulp.
		if got := logFactorial(k); math.Abs(got-want) > 1e-15*(k+1)*math.Max(1, want) {
			t.Errorf("logFactorial(%v) = %v, want %v", k, got, want)
		}
	}
}
