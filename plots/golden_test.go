package plots_test

import (
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

// Each chart's example writes testdata/<name>.png; these tests compare it
// with testdata/<name>_golden.png pixel for pixel. After a deliberate
// change, regenerate the goldens with
//
//	go test ./plots/ -regen
//
// and inspect them before committing.

func TestRiskCurve(t *testing.T) { cmpimg.CheckPlot(ExampleRiskCurve, t, "riskcurve.png") }

func TestDeltaLOLECurve(t *testing.T) { cmpimg.CheckPlot(ExampleDeltaLOLECurve, t, "deltalole.png") }

func TestRiskFigure(t *testing.T) { cmpimg.CheckPlot(ExampleRiskFigure, t, "riskfigure.png") }

func TestHeatmap(t *testing.T) { cmpimg.CheckPlot(ExampleHeatmap, t, "heatmap.png") }

func TestDistributions(t *testing.T) { cmpimg.CheckPlot(ExampleDistributions, t, "distributions.png") }

func TestFanChart(t *testing.T) { cmpimg.CheckPlot(ExampleFanChart, t, "fanchart.png") }

func TestConvergence(t *testing.T) { cmpimg.CheckPlot(ExampleConvergence, t, "convergence.png") }

func TestDeltaHeatmap(t *testing.T) { cmpimg.CheckPlot(ExampleDeltaHeatmap, t, "deltaheatmap.png") }

func TestDeltaHeatmapNegative(t *testing.T) {
	cmpimg.CheckPlot(ExampleDeltaHeatmap_negative, t, "deltaheatmap_negative.png")
}

func TestRiskFigureLog(t *testing.T) {
	cmpimg.CheckPlot(ExampleRiskFigure_logY, t, "riskfigure_log.png")
}

func TestConvergenceFigure(t *testing.T) {
	cmpimg.CheckPlot(ExampleConvergenceFigure, t, "convergencefigure.png")
}

func TestAnnotate(t *testing.T) { cmpimg.CheckPlot(ExampleAnnotate, t, "annotated.png") }

func TestFCEChart(t *testing.T) { cmpimg.CheckPlot(ExampleFCEChart, t, "fce.png") }

func TestEstimateBars(t *testing.T) { cmpimg.CheckPlot(ExampleEstimateBars, t, "bars.png") }

func TestDurationChart(t *testing.T) { cmpimg.CheckPlot(ExampleDurationChart, t, "duration.png") }

func TestEstimateCurves(t *testing.T) { cmpimg.CheckPlot(ExampleEstimateCurves, t, "curves.png") }
