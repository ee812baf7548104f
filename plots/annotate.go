package plots

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Provenance identifies the result a chart shows: what ran, so that a
// chart copied into a paper or a slide can be traced back to its run,
// and a chart of a partial run is never taken for a complete one.
// [Annotated] draws it as the chart's footer.
type Provenance struct {
	// Version is the version of the library that computed the result.
	Version string
	// Scenario names the scenario.
	Scenario string
	// Hash is the scenario's content hash in hex; the footer shows its
	// first 12 digits, enough to tell scenarios apart.
	Hash string
	// Seed is the run's seed.
	Seed uint64
	// Trials is the run's trial count.
	Trials int64
	// Done is the number of trials the estimates rest on.
	Done int64
	// Partial marks a run stopped before its trials were done (by
	// cancellation or an error): the footer says so first, in red.
	Partial bool
	// Converged marks a run stopped early because its precision target
	// was met.
	Converged bool
	// Note is anything else the reader needs to identify the result, such
	// as "10,000 trial-years at each limit"; it ends the footer.
	Note string
}

// ShortHashDigits is the number of hex digits of a scenario hash shown on
// charts and in summaries.
const ShortHashDigits = 12

// String returns the footer line, its parts separated by " · ", e.g.
//
//	carveout 0.9.0 · scenario pakistan-2025 (581f3180ab12) · seed 20250525 · 100,000 trial-years
//
// beginning with "PARTIAL RESULT: 2,247 of 20,000 trial-years" for a
// partial run. Empty fields are left out.
func (p Provenance) String() string {
	var parts []string
	n := func(v int64) string { return groupThousands(strconv.FormatInt(v, 10)) }
	if p.Partial {
		parts = append(parts, fmt.Sprintf("PARTIAL RESULT: %s of %s trial-years", n(p.Done), n(p.Trials)))
	}
	if p.Version != "" {
		parts = append(parts, "carveout "+p.Version)
	}
	if p.Scenario != "" || p.Hash != "" {
		s := "scenario " + p.Scenario
		if h := p.Hash; h != "" {
			if len(h) > ShortHashDigits {
				h = h[:ShortHashDigits]
			}
			s = strings.TrimSpace(s + " (" + h + ")")
		}
		parts = append(parts, s)
	}
	if p.Seed != 0 {
		parts = append(parts, "seed "+strconv.FormatUint(p.Seed, 10))
	}
	switch {
	case p.Partial || (p.Done == 0 && p.Trials == 0):
	case p.Converged:
		parts = append(parts, fmt.Sprintf("%s trial-years (precision target met; %s allowed)", n(p.Done), n(p.Trials)))
	case p.Done == p.Trials || p.Trials == 0:
		parts = append(parts, n(p.Done)+" trial-years")
	default:
		parts = append(parts, fmt.Sprintf("%s of %s trial-years", n(p.Done), n(p.Trials)))
	}
	if p.Note != "" {
		parts = append(parts, p.Note)
	}
	return strings.Join(parts, " · ")
}

// Annotated is a chart with notes and a provenance footer below it, in
// small type across its width: the notes explain what a reader might
// misread (why a median falls, where a zig-zag comes from), and the
// footer says what ran. They take their height from the chart's canvas,
// so the file keeps the size it is saved at. Annotate makes one.
type Annotated struct {
	// Chart is the chart drawn above the notes.
	Chart Chart
	// Notes are paragraphs, each wrapped to the chart's width.
	Notes []string
	// Provenance, if not nil, is the footer line.
	Provenance *Provenance
}

// Annotate returns c with the footer p and the notes below it.
func Annotate(c Chart, p *Provenance, notes ...string) *Annotated {
	return &Annotated{Chart: c, Notes: notes, Provenance: p}
}

// Fonts and colours of notes and footers (a judgement: smaller than tick
// labels, still legible in print at one journal column).
var (
	noteFont    = font.From(sans, 8)
	footerFont  = font.From(sans, 7.5)
	partialFont = font.From(sans, 8.5) // not bold: gonum's PDF canvas cannot embed the bold face
	noteInk     = color.Gray{Y: 0x30}
	footerInk   = color.Gray{Y: 0x60}
	partialInk  = color.NRGBA{R: 0xC0, G: 0x00, B: 0x00, A: 0xFF}
)

// annotationPad is the margin around the notes and footer.
var annotationPad = vg.Points(4)

// textStyle returns a left- and bottom-aligned style.
func textStyle(f font.Font, c color.Color) text.Style {
	return text.Style{Color: c, Font: f, XAlign: draw.XLeft, YAlign: draw.YBottom, Handler: plot.DefaultTextHandler}
}

// lines returns the notes' and the footer's lines, wrapped to width, with
// their styles, top to bottom.
func (a *Annotated) lines(width vg.Length) ([]string, []text.Style) {
	var ls []string
	var sts []text.Style
	ns := textStyle(noteFont, noteInk)
	for _, n := range a.Notes {
		for _, l := range wrapText(n, ns, width) {
			ls, sts = append(ls, l), append(sts, ns)
		}
	}
	if a.Provenance != nil {
		fs := textStyle(footerFont, footerInk)
		if a.Provenance.Partial {
			fs = textStyle(partialFont, partialInk)
		}
		for _, l := range wrapText(a.Provenance.String(), fs, width) {
			ls, sts = append(ls, l), append(sts, fs)
		}
	}
	return ls, sts
}

// Draw draws the chart, then the notes and footer below it, implementing
// [Chart].
func (a *Annotated) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	width := c.Max.X - c.Min.X - 2*annotationPad
	ls, sts := a.lines(width)
	y := c.Min.Y + annotationPad
	for i := len(ls) - 1; i >= 0; i-- {
		c.FillText(sts[i], vg.Point{X: c.Min.X + annotationPad, Y: y}, ls[i])
		y += lineHeight(sts[i])
	}
	if len(ls) > 0 {
		y += annotationPad
	}
	if a.Chart == nil {
		return
	}
	inner := c
	inner.Min.Y = min(y, c.Max.Y)
	a.Chart.Draw(inner)
}

// lineHeight is the distance between the baselines of lines of st.
func lineHeight(st text.Style) vg.Length {
	e := st.FontExtents()
	return (e.Ascent + e.Descent) * 1.15
}

// wrapText breaks s into lines no wider than width in style st, at spaces
// (a word wider than width gets a line of its own).
func wrapText(s string, st text.Style, width vg.Length) []string {
	var lines []string
	var cur string
	for _, w := range strings.Fields(s) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && st.Width(try) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
