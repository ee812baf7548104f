package plots_test

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/carveout/carveout/plots"
)

func TestSaveFormats(t *testing.T) {
	f, err := plots.RiskFigure(exampleRisk())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		file  string
		magic string
	}{
		{"risk.svg", "<svg"},
		{"risk.SVG", "<svg"},
		{"risk.pdf", "%PDF-"},
		{"risk.png", "\x89PNG"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := plots.Save(f, plots.Width, plots.TwoPanels, path); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) < 1000 || !bytes.Contains(b[:min(len(b), 4096)], []byte(tc.magic)) {
				t.Fatalf("%s: %d bytes, want a non-trivial file with %q near the start", tc.file, len(b), tc.magic)
			}
		})
	}

	// The PNG has the requested size at PNGDPI.
	img, err := png.Decode(bytes.NewReader(mustRead(t, filepath.Join(dir, "risk.png"))))
	if err != nil {
		t.Fatal(err)
	}
	wantW := int(math.Round(float64(plots.Width/vg.Inch) * plots.PNGDPI))
	wantH := int(math.Round(float64(plots.TwoPanels/vg.Inch) * plots.PNGDPI))
	if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
		t.Errorf("PNG is %d×%d px, want %d×%d", b.Dx(), b.Dy(), wantW, wantH)
	}

	// SVG text is embedded as fonts, so the file renders the same anywhere.
	if svg := mustRead(t, filepath.Join(dir, "risk.svg")); !bytes.Contains(svg, []byte("@font-face")) {
		t.Error("SVG does not embed its fonts")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSaveErrors(t *testing.T) {
	trials, est := exampleConvergence()
	p, err := plots.Convergence(trials, est, "P")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var nilPlot *plot.Plot
	var nilFigure *plots.Figure
	for _, tc := range []struct {
		name  string
		chart plots.Chart
		w, h  vg.Length
		path  string
		want  string
	}{
		{"extension", p, 100, 100, filepath.Join(dir, "x.jpg"), `extension ".jpg", want .png, .svg or .pdf`},
		{"no extension", p, 100, 100, filepath.Join(dir, "x"), `extension "", want`},
		{"zero width", p, 0, 100, filepath.Join(dir, "x.png"), "w = 0, want finite and > 0"},
		{"NaN height", p, 100, vg.Length(math.NaN()), filepath.Join(dir, "x.png"), "h = NaN, want finite and > 0"},
		{"Inf height", p, 100, vg.Length(math.Inf(1)), filepath.Join(dir, "x.png"), "h = +Inf"},
		{"nil", nil, 100, 100, filepath.Join(dir, "x.png"), "nil chart"},
		{"nil plot", nilPlot, 100, 100, filepath.Join(dir, "x.png"), "nil chart"},
		{"nil figure", nilFigure, 100, 100, filepath.Join(dir, "x.png"), "nil chart"},
		{"missing directory", p, 100, 100, filepath.Join(dir, "absent", "x.png"), "plots: save"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := plots.Save(tc.chart, tc.w, tc.h, tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "plots: ") {
				t.Fatalf("Save error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// BenchmarkRiskFigurePNG measures rendering the two-panel headline figure
// to a PNG file: what regenerating a study's charts costs.
func BenchmarkRiskFigurePNG(b *testing.B) {
	series := exampleRisk()
	path := filepath.Join(b.TempDir(), "risk.png")
	b.ReportAllocs()
	for b.Loop() {
		f, err := plots.RiskFigure(series)
		if err != nil {
			b.Fatal(err)
		}
		if err := plots.Save(f, plots.Width, plots.TwoPanels, path); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "charts/s")
}

// TestPDFDeterministic checks that a chart saved as PDF twice gives the
// same bytes: the writer's time stamps are replaced by a fixed date, and
// nothing else in the file depends on the time or on map order (a second
// font face would: the PDF writer lists fonts in map order).
func TestPDFDeterministic(t *testing.T) {
	trials, est := exampleConvergence()
	conv, err := plots.Convergence(trials, est, "P")
	if err != nil {
		t.Fatal(err)
	}
	risk, err := plots.RiskFigure(exampleRisk(), plots.LogY(), plots.MarkSize(2000, ""))
	if err != nil {
		t.Fatal(err)
	}
	heat, err := plots.Heatmap(exampleHeat(), "heat")
	if err != nil {
		t.Fatal(err)
	}
	prov := &plots.Provenance{Scenario: "s", Trials: 10, Done: 5, Partial: true}
	for name, c := range map[string]plots.Chart{"convergence": plots.Annotate(conv, prov, "a note"), "risk": risk, "heatmap": heat} {
		var a, b bytes.Buffer
		if err := plots.Write(&a, c, plots.Width, plots.ThreePanels, "pdf"); err != nil {
			t.Fatal(err)
		}
		if err := plots.Write(&b, c, plots.Width, plots.ThreePanels, "pdf"); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two PDFs of one chart differ", name)
		}
		if n := bytes.Count(a.Bytes(), []byte("(D:20000101000000)")); n != 2 {
			t.Errorf("%s: %d fixed dates, want the creation and modification dates", name, n)
		}
	}
}
