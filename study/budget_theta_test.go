package study

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/carveout/carveout/internal/hourcal"
)

// TestBudgetThetaSearch checks the false-position search for θ against
// a scan of every whole θ, on random months of one to three tiers, with
// no guess, with guesses that bracket θ and with guesses that do not:
// the search returns the least whole θ whose use fits the budget.
func TestBudgetThetaSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	p := &budgetPlan{}
	for trial := range 300 {
		n := 24 + r.IntN(200)
		nt := 1 + r.IntN(3)
		bw := &budgetWorker{loadU: make([]float64, n), below: make([]float64, n*nt), avl: make([]float64, n*nt)}
		lmax := 0.0
		for h := range n {
			bw.loadU[h] = 50 + 200*r.Float64()
			lmax = max(lmax, bw.loadU[h])
			b := 100 * r.Float64()
			for k := range nt {
				a := float64(r.IntN(80))
				bw.below[h*nt+k], bw.avl[h*nt+k] = math.Floor(b), a
				b += a + float64(r.IntN(30))
			}
		}
		sp := hourcal.MonthSpan{Start: 0, End: n}
		top := math.Ceil(lmax)
		use0 := p.use(bw, sp, nt, 0)
		if use0 == 0 {
			continue
		}
		budget := math.Floor(use0 * r.Float64())
		want := 0.0
		for p.use(bw, sp, nt, want) > budget {
			want++
		}
		guesses := [][2]float64{{0, 0}, {max(0, want-3), want + 2}, {want + 5, want + 9}, {max(0, want-20), max(1, want-10)}, {0, top + 50}}
		for _, g := range guesses {
			got := p.theta(bw, sp, nt, budget, use0-budget, top, g[0], g[1])
			if got != want {
				t.Fatalf("month %d (%d hours, %d tiers, budget %v): θ %v with guess %v, want %v", trial, n, nt, budget, got, g, want)
			}
		}
	}
}

// TestBudgetZero checks a January budget of nothing against the exact
// values: the gas is withheld in every hour of January (for the baseline
// and for a carve-out that asks for more than any budget), as if it were
// not there, and February is as without a budget.
func TestBudgetZero(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical")
	}
	const mw = 20
	r := runReport(t, budgetScenario(0, mw, 10000))
	base, baseEUE := budgetExactMonths([2]float64{0, 1e9}, 0)
	with, withEUE := budgetExactMonths([2]float64{0, 1e9}, mw)
	for m := range 2 {
		mi := r.Months[m]
		within(t, "baseline LOLE month "+mi.monthName(), mi.BaselineLOLEHours, base[m])
		within(t, "baseline EUE month "+mi.monthName(), mi.BaselineEUEMWh, baseEUE[m])
		within(t, "LOLE with the carve-out, month "+mi.monthName(), mi.WithLOLEHours, with[m])
		within(t, "EUE with the carve-out, month "+mi.monthName(), mi.WithEUEMWh, withEUE[m])
	}
	// Without gas, January is short whenever coal and oil cannot cover
	// the evening's 140 MW: far more than with its 60 MW.
	free, _ := budgetExactMonths([2]float64{1e9, 1e9}, 0)
	if !(base[0] > free[0]+50) {
		t.Errorf("degenerate test: January baseline LOLE %v without gas, %v with", base[0], free[0])
	}
}
