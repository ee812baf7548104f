// Package charts draws the charts of a carve-out study's [study.Report]:
// the risk curve, ΔLOLE and ΔEUE against carve-out size (on linear and on
// logarithmic axes, the main case's size marked), the month × hour
// heatmap of incremental shedding, the distributions of annual unserved
// energy, the Bitcoin market fans, the convergence of ΔEUE and, with
// economics, what the carve-out costs and who pays ([WhoPaysBars]), the
// marginal-cost duration curves and the extra CO₂ by size
// ([EmissionSeries]). [Write]
// puts them in a directory as PNG, SVG and PDF; it is what `carveout run
// -out`, `carveout merge -out` and the examples call. [Draw] returns them
// to adjust before saving, [SweepSeries] turns a report's sweep into the
// series of [plots.RiskFigure], and [Sensitivity] charts a study rerun at
// several values of one input (a transfer limit, say).
//
// Every chart carries its provenance ([Provenance]: library version,
// scenario name and hash, seed, trials) as a footer, and a chart of a
// partial report says so in red, so that a chart copied out of its folder
// still says what it rests on. Charts that are easily misread carry notes:
// what the years left off the distributions are, why the market's median
// price falls, where the hashprice's two-week zig-zag comes from.
//
// It exists so that neither side has to know the other: package
// [github.com/carveout/carveout/plots] draws charts from Monte Carlo
// estimates and plain data and knows nothing of studies, and package
// [github.com/carveout/carveout/study] computes reports and knows nothing
// of charts. This package is the one place that reads a report's fields
// and picks a chart, a title, notes and a size for each; a new result in
// the report gets its chart here, with no new chart input type.
//
// It imports study, plots, montecarlo (the histograms it trims) and
// gonum/plot's vg (the chart sizes).
package charts
