package study

import (
	"math"

	"github.com/carveout/carveout/montecarlo"
)

// Distributions holds the histograms of annual unserved energy of other
// customers, binned on log10(1 + MWh).
type Distributions struct {
	// Transform names the binned quantity, "log10(1 + MWh)".
	Transform string `json:"transform"`
	// Baseline counts trial-years without the carve-out.
	Baseline montecarlo.Histogram `json:"baseline_eue"`
	// Carveout counts trial-years with the main carve-out case.
	Carveout montecarlo.Histogram `json:"carveout_eue"`
}

// Bins of the unserved-energy histograms: log10(1 + MWh) over [0, 8) (up
// to 100 TWh) in 80 bins, ten a decade, coarse enough to show a shape
// from the few percent of years with shedding.
const eueBins, eueLo, eueHi = 80, 0, 8

// distributionsAcc counts trial-years by the other customers' annual
// unserved energy without and with the main case ([Distributions]).
type distributionsAcc struct {
	// EUEBase counts trial-years by log10(1 + MWh) of the other
	// customers' unserved energy without the carve-out.
	EUEBase montecarlo.Histogram `json:"eue_baseline_hist"`
	// EUECarve counts trial-years by log10(1 + MWh) of the other
	// customers' unserved energy with the main carve-out case.
	EUECarve montecarlo.Histogram `json:"eue_carveout_hist"`
}

func newDistributionsAcc() distributionsAcc {
	return distributionsAcc{EUEBase: newHistogram(eueBins, eueLo, eueHi), EUECarve: newHistogram(eueBins, eueLo, eueHi)}
}

func (a *distributionsAcc) add(o *outcome) {
	a.EUEBase.Add(math.Log10(1 + o.base.UnservedMWh))
	a.EUECarve.Add(math.Log10(1 + o.others.UnservedMWh))
}

func (a *distributionsAcc) merge(o *distributionsAcc) error {
	if err := a.EUEBase.Merge(&o.EUEBase); err != nil {
		return err
	}
	return a.EUECarve.Merge(&o.EUECarve)
}

// check checks that both histograms have the bins of ref and done
// trials.
func (a *distributionsAcc) check(ref *distributionsAcc, done int64) error {
	if err := checkHistogram("eue_baseline_hist", &a.EUEBase, &ref.EUEBase, done); err != nil {
		return err
	}
	return checkHistogram("eue_carveout_hist", &a.EUECarve, &ref.EUECarve, done)
}

func (a *distributionsAcc) finalize() Distributions {
	return Distributions{Transform: "log10(1 + MWh)", Baseline: a.EUEBase, Carveout: a.EUECarve}
}

// newHistogram returns an empty histogram of one of the study's constant,
// valid binnings.
func newHistogram(bins int, lo, hi float64) montecarlo.Histogram {
	h, err := montecarlo.NewHistogram(lo, hi, bins)
	if err != nil {
		panic("study: invalid histogram binning") // the binnings are constants
	}
	return *h
}
