package plots_test

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
)

func TestProvenanceString(t *testing.T) {
	base := plots.Provenance{Version: "0.9.0", Scenario: "pakistan-2025", Hash: "581f3180ab12cd34ef567890", Seed: 7, Trials: 100000, Done: 100000}
	for _, tc := range []struct {
		name string
		edit func(*plots.Provenance)
		want string
	}{
		{"complete", func(*plots.Provenance) {},
			"carveout 0.9.0 · scenario pakistan-2025 (581f3180ab12) · seed 7 · 100,000 trial-years"},
		{"partial", func(p *plots.Provenance) { p.Partial, p.Done = true, 2247 },
			"PARTIAL RESULT: 2,247 of 100,000 trial-years · carveout 0.9.0 · scenario pakistan-2025 (581f3180ab12) · seed 7"},
		{"converged", func(p *plots.Provenance) { p.Converged, p.Done = true, 6000 },
			"carveout 0.9.0 · scenario pakistan-2025 (581f3180ab12) · seed 7 · 6,000 trial-years (precision target met; 100,000 allowed)"},
		{"short hash and a note", func(p *plots.Provenance) { p.Hash, p.Note = "abc", "one run per limit" },
			"carveout 0.9.0 · scenario pakistan-2025 (abc) · seed 7 · 100,000 trial-years · one run per limit"},
		{"no scenario", func(p *plots.Provenance) { p.Scenario, p.Hash = "", "" },
			"carveout 0.9.0 · seed 7 · 100,000 trial-years"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := base
			tc.edit(&p)
			if got := p.String(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestAnnotatedFooter checks that notes and footer take their room from
// the chart, not from the file: the image keeps its size, the bottom
// strip holds text (dark pixels) and the chart above it is drawn.
func TestAnnotatedFooter(t *testing.T) {
	trials, est := exampleConvergence()
	p, err := plots.Convergence(trials, est, "P")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("A note long enough to need wrapping across several lines of the chart. ", 6)
	prov := &plots.Provenance{Version: "0.9.0", Scenario: "s", Seed: 1, Trials: 10, Done: 10}
	var plain, annotated bytes.Buffer
	if err := plots.Write(&plain, p, plots.Width, plots.Height, "png"); err != nil {
		t.Fatal(err)
	}
	if err := plots.Write(&annotated, plots.Annotate(p, prov, long), plots.Width, plots.Height, "png"); err != nil {
		t.Fatal(err)
	}
	a, err := png.Decode(&plain)
	if err != nil {
		t.Fatal(err)
	}
	b, err := png.Decode(&annotated)
	if err != nil {
		t.Fatal(err)
	}
	if a.Bounds() != b.Bounds() {
		t.Fatalf("annotated image %v, plain %v: want the same size", b.Bounds(), a.Bounds())
	}
	// The plain chart's x-axis label sits at its bottom; with notes the
	// bottom 5% holds the footer's text instead, and differs.
	h := b.Bounds().Dy()
	strip := image.Rect(0, h-h/20, b.Bounds().Dx(), h)
	if dark(b, strip) == 0 {
		t.Error("no text in the bottom strip of the annotated chart")
	}
	if dark(a, strip) == dark(b, strip) {
		t.Error("the bottom strip is the same with and without the footer")
	}
}

// dark counts the pixels of r darker than mid-grey.
func dark(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if (cr+cg+cb)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

func TestWriteFormats(t *testing.T) {
	p, err := plots.RiskCurve(exampleRisk())
	if err != nil {
		t.Fatal(err)
	}
	for format, magic := range map[string]string{"png": "\x89PNG", ".SVG": "<svg", "pdf": "%PDF-"} {
		var b bytes.Buffer
		if err := plots.Write(&b, p, plots.Width, plots.Height, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if b.Len() < 1000 || !bytes.Contains(b.Bytes()[:min(b.Len(), 4096)], []byte(magic)) {
			t.Errorf("%s: %d bytes, want a chart starting with %q", format, b.Len(), magic)
		}
	}
}

func TestDistributionsNotes(t *testing.T) {
	h, _ := montecarlo.NewHistogram(1, 2, 4)
	for _, v := range []float64{0, 0, 0, 1.5, 3} { // three below, one above
		h.Add(v)
	}
	p, err := plots.Distributions(h, h, "x")
	if err != nil {
		t.Fatal(err)
	}
	svg := svgOf(t, p)
	for _, want := range []string{"60.0% below the axis", "20.0% above it"} {
		if !strings.Contains(svg, want) {
			t.Errorf("default legend lacks %q", want)
		}
	}
	p, err = plots.Distributions(h, h, "x", plots.BelowAxisNotes("60% of years without shedding (not drawn)", ""))
	if err != nil {
		t.Fatal(err)
	}
	svg = svgOf(t, p)
	if !strings.Contains(svg, "baseline (no carve-out); 60% of years without shedding (not drawn)") {
		t.Error("the baseline's legend lacks its note")
	}
	if !strings.Contains(svg, "with carve-out; 60.0% below the axis") {
		t.Error("an empty note did not keep the default")
	}
}

// TestConvergenceFigureRSE checks the lower panel: drawn when some point
// has a relative error, left out when none has (a zero estimate).
func TestConvergenceFigureRSE(t *testing.T) {
	trials, est := exampleConvergence()
	f, err := plots.ConvergenceFigure(trials, est, "P", 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.Panels()); n != 2 {
		t.Fatalf("%d panels, want 2", n)
	}
	y := f.Panels()[1][0].Y
	last := est[len(est)-1]
	if rse := 100 * last.SE / last.Mean; math.Pow(10, y.Min) > rse || math.Pow(10, y.Max) < 5 { // a log10 axis
		t.Errorf("relative SE axis [%v, %v], want it to hold the last %.2f%% and the 5%% target", y.Min, y.Max, rse)
	}
	zero := make([]montecarlo.Estimate, len(est))
	f, err = plots.ConvergenceFigure(trials, zero, "ΔEUE", 0)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.Panels()); n != 1 {
		t.Errorf("%d panels for an estimate of zero throughout, want 1 (no relative error)", n)
	}
}

// TestAnnotatedPartialFormats saves a partial run's annotated chart in
// every format: the footer's red type must exist in each (gonum's PDF
// canvas refused the bold face it once used).
func TestAnnotatedPartialFormats(t *testing.T) {
	trials, est := exampleConvergence()
	p, err := plots.Convergence(trials, est, "P")
	if err != nil {
		t.Fatal(err)
	}
	a := plots.Annotate(p, &plots.Provenance{Scenario: "s", Trials: 10, Done: 5, Partial: true}, "a note")
	for _, f := range []string{"png", "svg", "pdf"} {
		if err := plots.Write(io.Discard, a, plots.Width, plots.Height, f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
