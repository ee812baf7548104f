// Package charts draws the charts of a carve-out study's [study.Report]:
// the risk curve and ΔLOLE against carve-out size, the month × hour
// heatmap of incremental shedding, the distributions of annual unserved
// energy, the Bitcoin market fans and the convergence record. [Write] puts
// them in a directory as PNG and SVG; it is what `carveout run -out`,
// `carveout merge -out` and the examples call. [Draw] returns them to
// adjust before saving, and [SweepSeries] turns a report's sweep into the
// series of [plots.RiskFigure].
//
// It exists so that neither side has to know the other: package
// [github.com/carveout/carveout/plots] draws charts from Monte Carlo
// estimates and plain data and knows nothing of studies, and package
// [github.com/carveout/carveout/study] computes reports and knows nothing
// of charts. This package is the one place that reads a report's fields
// and picks a chart, a title and a size for each; a new result in the
// report gets its chart here, with no new chart input type.
//
// It imports study, plots, montecarlo (the histograms it trims) and
// gonum/plot's vg (the chart sizes).
package charts
