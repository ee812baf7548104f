package plots

import (
	"fmt"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/carveout/carveout/montecarlo"
)

// checkHistogram validates a histogram to be drawn; name names it in
// errors.
func checkHistogram(name string, h *montecarlo.Histogram) error {
	switch {
	case h == nil:
		return fmt.Errorf("plots: distributions: %s histogram is nil", name)
	case !finite(h.Lo) || !finite(h.Hi) || !(h.Hi > h.Lo):
		return fmt.Errorf("plots: distributions: %s histogram range [%v, %v), want finite with hi > lo", name, h.Lo, h.Hi)
	case len(h.Counts) == 0:
		return fmt.Errorf("plots: distributions: %s histogram has no bins", name)
	case h.Under < 0 || h.Over < 0:
		return fmt.Errorf("plots: distributions: %s histogram under = %d, over = %d, want >= 0", name, h.Under, h.Over)
	case h.NaN != 0:
		return fmt.Errorf("plots: distributions: %s histogram counted %d NaN values, want 0", name, h.NaN)
	}
	for i, c := range h.Counts {
		if c < 0 {
			return fmt.Errorf("plots: distributions: %s histogram counts[%d] = %d, want >= 0", name, i, c)
		}
	}
	if h.N() == 0 {
		return fmt.Errorf("plots: distributions: %s histogram is empty", name)
	}
	return nil
}

// Distributions returns the distributions across simulated years of one
// per-year quantity — typically annual unserved energy of other customers —
// without and with the carve-out: each histogram drawn as a shaded step
// outline of the share of trial-years (%) in each bin. The bins are drawn
// as they are, so a histogram kept on a transformed scale (say
// log10(1 + EUE/MWh), which keeps zero-EUE years in range) shows on that
// scale: say so in xlabel, and set the returned plot's
// X.Tick.Marker = [Log1pTicks]{} to label the axis in MWh. Shares are of all
// values counted; values below Lo or at or above Hi fall outside the axis
// and their shares are stated in the legend ("2.0% below the axis",
// "0.1% above it"); [BelowAxisNotes] says instead what the values below
// the axis are.
//
// It returns an error if a histogram is nil or empty, has no bins, a
// non-finite or empty range, negative counts, or counted NaN values. The
// two histograms need not share bins.
func Distributions(baseline, carveout *montecarlo.Histogram, xlabel string, opts ...DistributionsOption) (*plot.Plot, error) {
	var cfg distConfig
	for _, o := range opts {
		if o != nil {
			o.applyDist(&cfg)
		}
	}
	if err := checkHistogram("baseline", baseline); err != nil {
		return nil, err
	}
	if err := checkHistogram("carve-out", carveout); err != nil {
		return nil, err
	}
	p := newPlot("Distribution across simulated years", xlabel, "share of trial-years (%)")
	p.Y.Min = 0
	p.Y.Tick.Marker = CommaTicks{}
	p.X.Tick.Marker = CommaTicks{}
	hists := []struct {
		h     *montecarlo.Histogram
		label string
		below string
		color draw.LineStyle
	}{
		{baseline, "baseline (no carve-out)", cfg.below[0], draw.LineStyle{Color: neutralInk, Width: vg.Points(1.2)}},
		{carveout, "with carve-out", cfg.below[1], draw.LineStyle{Color: seriesColor(1), Width: vg.Points(1.6)}},
	}
	for _, d := range hists {
		h := d.h
		n := float64(h.N())
		w := h.BinWidth()
		xys := make(plotter.XYs, 0, 2*len(h.Counts)+2)
		xys = append(xys, plotter.XY{X: h.Lo, Y: 0})
		for i, c := range h.Counts {
			share := 100 * float64(c) / n
			x0 := h.Lo + float64(i)*w
			xys = append(xys, plotter.XY{X: x0, Y: share}, plotter.XY{X: x0 + w, Y: share})
		}
		xys = append(xys, plotter.XY{X: h.Hi, Y: 0})
		line, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("plots: distributions: %w", err)
		}
		line.LineStyle = d.color
		line.FillColor = translucent(d.color.Color)
		p.Add(line)
		label := d.label
		switch {
		case d.below != "":
			label += "; " + d.below
		case h.Under > 0:
			label += fmt.Sprintf("; %s below the axis", percent(float64(h.Under)/n))
		}
		if h.Over > 0 {
			label += fmt.Sprintf("; %s above it", percent(float64(h.Over)/n))
		}
		p.Legend.Add(label, line)
	}
	roundAxis(&p.Y, p.Y.Min, 100)
	p.Legend.Top = true
	p.Legend.XOffs, p.Legend.YOffs = -6, -4
	return p, nil
}

// DistributionsOption adjusts [Distributions].
type DistributionsOption interface {
	applyDist(*distConfig)
}

// distConfig holds the options of Distributions.
type distConfig struct {
	below [2]string // notes on the values below the axis: baseline, carve-out
}

type distOptionFunc func(*distConfig)

func (f distOptionFunc) applyDist(c *distConfig) { f(c) }

// BelowAxisNotes replaces the legend's note on the share of values below
// the axis ("99.8% below the axis") with notes that say what those values
// are, for the baseline and the carve-out histogram: for annual unserved
// energy, say, "99.8% of years without shedding (not drawn)". An empty
// note keeps the default; the note on values above the axis stays.
func BelowAxisNotes(baseline, carveout string) DistributionsOption {
	return distOptionFunc(func(c *distConfig) { c.below = [2]string{baseline, carveout} })
}

// percent formats a share as a percentage with one decimal, or two
// significant digits below 0.1% (so that a small share never reads as
// 0.0%).
func percent(share float64) string {
	v := 100 * share
	if v > 0 && v < 0.1 {
		return strconv.FormatFloat(v, 'g', 2, 64) + "%"
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + "%"
}
