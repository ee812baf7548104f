package plots

import (
	"image/color"
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestBandGaps draws bands with NaN bounds and checks pixels: shading
// stops at a gap, and an isolated interval is still drawn as a bar.
func TestBandGaps(t *testing.T) {
	nan := math.NaN()
	red := color.NRGBA{R: 255, A: 255}
	for _, tc := range []struct {
		name   string
		lo, hi []float64
		filled []float64 // x positions (at y = 0.5) that must be shaded
		empty  []float64 // x positions that must be background
	}{
		{"no gaps", []float64{0, 0, 0, 0, 0}, []float64{1, 1, 1, 1, 1}, []float64{0.5, 2, 3.5}, nil},
		{"middle gap", []float64{0, 0, nan, 0, 0}, []float64{1, 1, nan, 1, 1}, []float64{0.5, 3.5}, []float64{1.5, 2, 2.5}},
		{"one NaN bound is a gap", []float64{0, 0, 0, 0, 0}, []float64{1, 1, nan, 1, 1}, []float64{0.5, 3.5}, []float64{2}},
		{"isolated point", []float64{0, nan, 0, nan, 0}, []float64{1, nan, 1, nan, 1}, []float64{2}, []float64{1.5, 2.5, 1, 3}},
		{"all gaps", []float64{nan, nan, nan, nan, nan}, []float64{nan, nan, nan, nan, nan}, nil, []float64{0.5, 2, 3.5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBand([]float64{0, 1, 2, 3, 4}, tc.lo, tc.hi)
			if err != nil {
				t.Fatal(err)
			}
			b.Color = red
			p := plot.New()
			p.HideAxes()
			p.X.Padding, p.Y.Padding = 0, 0
			p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 4, 0, 1
			p.Add(b)
			// 72 dpi: one point is one pixel.
			img := vgimg.NewWith(vgimg.UseWH(200, 100), vgimg.UseDPI(72))
			dc := draw.New(img)
			p.Draw(dc)
			data := p.DataCanvas(dc)
			trX, trY := p.Transforms(&data)
			at := func(x, y float64) color.RGBA {
				px, py := trX(x), trY(y)
				return img.Image().At(int(px), int(vg.Length(100)-py)).(color.RGBA)
			}
			for _, x := range tc.filled {
				if c := at(x, 0.5); c.R != 255 || c.G != 0 {
					t.Errorf("x = %v: colour %v, want band red", x, c)
				}
			}
			for _, x := range tc.empty {
				if c := at(x, 0.5); c != (color.RGBA{255, 255, 255, 255}) {
					t.Errorf("x = %v: colour %v, want white background", x, c)
				}
			}
		})
	}
}
