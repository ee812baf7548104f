package study

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// Market holds weekly quantiles of the BTC price and hashprice and the
// miners' utilisation, for fan charts.
type Market struct {
	// Weeks holds the week numbers 0, 1, …; week k starts on day 7k.
	Weeks []float64 `json:"weeks"`
	// PriceUSD is the BTC price in USD on the first day of each week, read
	// from histograms with 1% bins.
	PriceUSD montecarlo.Quantiles `json:"btc_price_usd"`
	// Hashprice is the hashprice in USD per PH/s per day on the first day
	// of each week, read from histograms with 1% bins.
	Hashprice montecarlo.Quantiles `json:"hashprice_usd_per_ph_day"`
	// Utilisation is the expected share of each week's hours in which the
	// mining fleet chose to run.
	Utilisation []montecarlo.Estimate `json:"utilisation"`
}

// Bins of the market histograms: BTC price as log10(USD) over [3, 7) and
// hashprice as log10(USD per PH/s per day) over [0, 4), 400 bins each: 1%
// steps in price, fine enough for fan-chart quantiles.
const (
	priceBins, priceLo, priceHi = 400, 3, 7
	hpBins, hpLo, hpHi          = 400, 0, 4
)

// marketAcc accumulates the main case's mining market week by week
// ([Market]).
type marketAcc struct {
	// Price[k] counts trials by log10 of the BTC price in USD on the first
	// day of week k.
	Price []montecarlo.Histogram `json:"price_hist"`
	// Hashprice[k] counts trials by log10 of the hashprice in USD per PH/s
	// per day on the first day of week k.
	Hashprice []montecarlo.Histogram `json:"hashprice_hist"`
	// Utilisation[k] accumulates the share of week k's hours in which the
	// mining fleet chose to run.
	Utilisation []montecarlo.Mean `json:"utilisation"`
}

// newMarketAcc returns an empty market accumulator for a horizon of the
// given number of hours: one week per started week of whole days.
func newMarketAcc(hours int) marketAcc {
	weeks := (hours/24 + 6) / 7
	a := marketAcc{
		Price:       make([]montecarlo.Histogram, weeks),
		Hashprice:   make([]montecarlo.Histogram, weeks),
		Utilisation: make([]montecarlo.Mean, weeks),
	}
	for k := range a.Price {
		a.Price[k] = newHistogram(priceBins, priceLo, priceHi)
		a.Hashprice[k] = newHistogram(hpBins, hpLo, hpHi)
	}
	return a
}

// add records the case's mining path, if it has one.
func (a *marketAcc) add(o *outcome) {
	mp := o.path
	if mp == nil {
		return
	}
	for k := range a.Price {
		d := 7 * k
		if d >= len(mp.PriceUSD) {
			break
		}
		a.Price[k].Add(math.Log10(mp.PriceUSD[d]))
		a.Hashprice[k].Add(math.Log10(mining.THPerPH * mp.Hashprice[d]))
		u, n := 0.0, 0
		for e := d; e < min(d+7, len(mp.FleetUtilisation)); e++ {
			u += mp.FleetUtilisation[e]
			n++
		}
		a.Utilisation[k].Add(u / float64(n))
	}
}

func (a *marketAcc) merge(o *marketAcc) error {
	if err := a.sameWeeks(o); err != nil {
		return err
	}
	for k := range a.Price {
		if err := a.Price[k].Merge(&o.Price[k]); err != nil {
			return err
		}
		if err := a.Hashprice[k].Merge(&o.Hashprice[k]); err != nil {
			return err
		}
		a.Utilisation[k].Merge(&o.Utilisation[k])
	}
	return nil
}

// sameWeeks checks that o has a's number of weeks in every series.
func (a *marketAcc) sameWeeks(o *marketAcc) error {
	n := len(a.Price)
	if len(o.Price) != n || len(o.Hashprice) != n || len(o.Utilisation) != n || len(a.Hashprice) != n || len(a.Utilisation) != n {
		return input.Field("price_hist, hashprice_hist, utilisation",
			fmt.Sprintf("%d, %d and %d weeks", len(o.Price), len(o.Hashprice), len(o.Utilisation)), fmt.Sprintf("%d weeks each", n))
	}
	return nil
}

// check checks that the series have the weeks and bins of ref, and that
// every week has seen done trials (the main case always has a mining
// path).
func (a *marketAcc) check(ref *marketAcc, done int64) error {
	if err := ref.sameWeeks(a); err != nil {
		return err
	}
	for k := range a.Price {
		if err := checkHistogram(fmt.Sprintf("price_hist[%d]", k), &a.Price[k], &ref.Price[k], done); err != nil {
			return err
		}
		if err := checkHistogram(fmt.Sprintf("hashprice_hist[%d]", k), &a.Hashprice[k], &ref.Hashprice[k], done); err != nil {
			return err
		}
		if err := checkCounts(done, counted{fmt.Sprintf("utilisation[%d]", k), &a.Utilisation[k]}); err != nil {
			return err
		}
	}
	return nil
}

// finalize returns the weekly series, up to the last week with data; nil
// when no trial was recorded.
func (a *marketAcc) finalize() *Market {
	if len(a.Price) == 0 || a.Price[0].N() == 0 {
		return nil
	}
	mk := &Market{}
	for k := range a.Price {
		if a.Price[k].N() == 0 {
			break
		}
		mk.Weeks = append(mk.Weeks, float64(k))
		addQuantiles(&mk.PriceUSD, &a.Price[k])
		addQuantiles(&mk.Hashprice, &a.Hashprice[k])
		mk.Utilisation = append(mk.Utilisation, a.Utilisation[k].Estimate())
	}
	return mk
}

// addQuantiles appends the quantiles of a log10-binned histogram.
func addQuantiles(q *montecarlo.Quantiles, h *montecarlo.Histogram) {
	q.Append(func(p float64) float64 { return math.Pow(10, h.Quantile(p)) })
}
