package plots

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/carveout/carveout/internal/atomicfile"
)

// Chart is anything this package can save: a [*plot.Plot] or a [*Figure].
//
// [*plot.Plot]: https://pkg.go.dev/gonum.org/v1/plot#Plot
type Chart interface {
	// Draw draws the chart on the canvas.
	Draw(draw.Canvas)
}

// PNGDPI is the resolution of PNG output: sharp on high-density screens
// and adequate for print drafts while keeping files small (a judgement;
// journals that want 300 dpi usually accept PDF or SVG instead).
const PNGDPI = 150

// Recommended chart sizes: a full text-width figure (16 cm) and heights
// for one-, two- and three-panel charts (judgements).
const (
	Width       = 16 * vg.Centimeter
	Height      = 10 * vg.Centimeter
	TwoPanels   = 15 * vg.Centimeter
	ThreePanels = 19 * vg.Centimeter
)

// Save writes the chart, w wide and h high, to path in the format named
// by the file extension: .png (at [PNGDPI]), .svg (fonts embedded, so the
// file renders identically everywhere) or .pdf (fonts embedded). The
// directory must exist. The file is written atomically: a reader (or a
// failure such as a full disk) never leaves half a chart at path.
func Save(c Chart, w, h vg.Length, path string) error {
	wt, err := writerTo(c, w, h, filepath.Ext(path), "save "+path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return fmt.Errorf("plots: save %s: %w", path, err)
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return fmt.Errorf("plots: save: %w", err)
	}
	return nil
}

// Write writes the chart, width wide and height high, to out in format
// "png", "svg" or "pdf" (as [Save] writes files of those extensions; a
// leading dot and upper case are accepted): for a chart kept in memory,
// such as one embedded in an HTML page.
func Write(out io.Writer, c Chart, width, height vg.Length, format string) error {
	if !strings.HasPrefix(format, ".") {
		format = "." + format
	}
	wt, err := writerTo(c, width, height, format, "write")
	if err != nil {
		return err
	}
	if _, err := wt.WriteTo(out); err != nil {
		return fmt.Errorf("plots: write %s: %w", strings.TrimPrefix(format, "."), err)
	}
	return nil
}

// writerTo draws c on a canvas of the format named by the extension ext;
// what names the operation in errors.
func writerTo(c Chart, w, h vg.Length, ext, what string) (io.WriterTo, error) {
	switch c := c.(type) {
	case nil:
		return nil, fmt.Errorf("plots: %s: nil chart", what)
	case *plot.Plot:
		if c == nil {
			return nil, fmt.Errorf("plots: %s: nil chart", what)
		}
	case *Figure:
		if c == nil {
			return nil, fmt.Errorf("plots: %s: nil chart", what)
		}
	case *Annotated:
		if c == nil {
			return nil, fmt.Errorf("plots: %s: nil chart", what)
		}
	}
	for _, d := range []struct {
		name string
		v    vg.Length
	}{{"w", w}, {"h", h}} {
		if v := float64(d.v); !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("plots: %s: %s = %v, want finite and > 0", what, d.name, v)
		}
	}
	var canvas vg.CanvasWriterTo
	switch ext = strings.ToLower(ext); ext {
	case ".png":
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(PNGDPI))}
	case ".svg":
		canvas = vgsvg.NewWith(vgsvg.UseWH(w, h), vgsvg.EmbedFonts(true))
	case ".pdf":
		pc := vgpdf.New(w, h)
		pc.EmbedFonts(true)
		canvas = pc
	default:
		return nil, fmt.Errorf("plots: %s: extension %q, want .png, .svg or .pdf", what, ext)
	}
	c.Draw(draw.New(canvas))
	return canvas, nil
}
