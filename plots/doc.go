// Package plots draws carveout's risk charts with gonum/plot:
// publication-ready PNG, SVG and PDF figures of Monte Carlo estimates with
// their uncertainty.
//
// It exists to keep charts apart from the models they show. Its inputs are
// plain data — [montecarlo.Estimate] values (mean, standard error, 95%
// interval), [montecarlo.Histogram] counts, [montecarlo.Quantiles] fans,
// slices of numbers, and one small input type defined here, [RiskSeries]
// — so a chart can be drawn from any source of estimates, and a new result
// of a study needs no chart type of its own. It imports only
// [github.com/carveout/carveout/montecarlo], gonum/plot (and the font
// package it draws with) and the standard library. Turning a carve-out study's report into its chart files is the
// job of package [github.com/carveout/carveout/study/charts], which picks
// these charts for the report's fields.
//
// Each constructor validates its input and returns either a [*plot.Plot]
// (one panel) or a [*Figure] (several aligned panels); both satisfy
// [Chart], and [Save] writes either in the format named by the file
// extension, or [Write] to any writer (for a chart kept in memory). The
// returned plots can be adjusted (titles, ranges, tick markers) before
// saving. The tickers [CommaTicks] and [Log1pTicks] label
// round values with thousands separators and can be set on any axis.
//
// # Reading the charts
//
// [RiskCurve], the headline chart, answers "how likely is it that the
// carve-out causes load-shedding?". The x axis is the size of the
// carve-out in MW; the y axis is the share of simulated years (%) in which
// other customers were shed more with the carve-out than in the same year
// without it. One line per curtailment policy; dots mark the sizes that
// were simulated and the shaded band around each line is its 95%
// interval (Wilson). Where the bands of two policies do not overlap the
// difference between them is well beyond sampling noise. Every band is
// drawn beneath every line, and the legend keys the shading only where
// some band is tall enough to see; otherwise it says the intervals are
// narrower than the lines.
//
// [DeltaLOLECurve] and [DeltaEUECurve] are its companions: the same sizes
// and policies, with the extra loss-of-load expectation of other customers
// (hours per year of shortfall added by the carve-out) and the extra
// unserved energy (MWh per year), each with its 95% interval. ΔEUE is
// where an interruptible policy shows its worth: it cuts how deep the
// shortfalls go more than how often they come. [RiskFigure] stacks the
// three on one carve-out-size axis. [LogY] puts them on logarithmic axes,
// where the small risks of small carve-outs show and a steady growth with
// size is a straight line; [MarkSize] marks the size under study.
//
// [Heatmap] answers "when?": each cell is a month (rows, January at the
// top) and an hour of the day (columns, cell h spanning h:00 to h+1:00)
// coloured by the probability, in percent, of incremental shedding in that
// hour; the colour bar on the right gives the scale. Dark cells are where
// curtailment of the carve-out would do most good.
//
// [Distributions] answers "how bad?": the share of simulated years in
// each bin of annual unserved energy (or another per-year quantity),
// without (grey) and with (colour) the carve-out. A shift to the right is
// the carve-out's effect on the whole distribution, not just its mean; the
// legend states the share of years that fall below or above the axis, or
// what they are ([BelowAxisNotes]: years without shedding). Histograms
// of log10(1 + EUE) are labelled in MWh with [Log1pTicks].
//
// [FanChart] shows the Bitcoin side: the simulated BTC price and hashprice
// as fans (the median, and the bands holding the middle 50% and 90% of
// simulated paths at each week — pointwise quantiles, not the envelope of
// one path) above the mining fleet's mean utilisation and its 95%
// interval. Falling hashprice is why an economic fleet switches off.
//
// [Convergence] is for the analyst: the main estimate and its 95% interval
// against the number of trials behind it, with the final estimate dashed.
// The band should narrow like 1/√trials and the line settle inside it; if
// it is still drifting at the end, run more trials. [ConvergenceFigure]
// adds the estimate's relative standard error below, the quantity a
// precision target ([montecarlo.WithTargetRSE]) stops on, with the target.
//
// [EstimateBars], [DurationChart] and [EstimateCurves] show what the
// carve-out costs. EstimateBars draws a handful of amounts side by side
// as horizontal bars from zero, coloured by group, each with its 95%
// interval as a whisker: the carve-out's cost, revenue, subsidies and
// who gains or pays. DurationChart draws duration curves as steps: the
// price on the y axis against the hours a year at that price or dearer,
// cumulated from the dearest price down; a load that moves the margin
// lifts the curve and pushes it right. EstimateCurves draws any estimate
// against a quantity with its 95% band, one line per series, as the
// risk curves do: the extra CO2 by carve-out size and site.
//
// # Notes and provenance
//
// [Annotate] puts notes and a [Provenance] footer under any chart: the
// notes explain what a reader might misread, the footer names the library
// version, the scenario and its hash, the seed and the trials behind the
// chart, and marks a partial result in red, so that a chart pasted into a
// paper still says what it rests on.
//
// # Missing intervals
//
// An estimate from fewer than two trials has no standard error, and the
// engine reports NaN bounds. A NaN bound is not an error: that point is
// drawn without a band ([Band] breaks the shading there). A NaN or
// infinite mean, an infinite bound, or Lo > Hi is an error.
//
// # Errors
//
// Constructors never panic on bad data; they return an error that names
// the chart, the series and the offending point and value, for example
//
//	plots: risk series 1 ("interruptible"): P[3] (at 750 MW): mean = NaN, want finite
//
// # Determinism
//
// The fonts (Liberation Sans, embedded in gonum/plot) and colours are
// fixed, so the same input gives the same image on every machine of the
// same architecture, and the same bytes in every format (a PDF's creation
// and modification dates are a fixed 2000-01-01, not the time of
// writing); the tests compare each chart with a golden image in
// testdata (regenerate with go test -regen after a deliberate change, and
// look at the result before committing it).
//
// [*plot.Plot]: https://pkg.go.dev/gonum.org/v1/plot#Plot
package plots
