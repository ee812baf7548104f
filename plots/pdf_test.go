package plots

import (
	"image/color"
	"testing"
)

func TestPDFText(t *testing.T) {
	for in, want := range map[string]string{
		"ΔLOLE (h/yr)":         "dLOLE (h/yr)",
		"25th–75th · 2,000 MW": "25th\x9675th \xb7 2,000 MW",
		"exp(−σ²t/2), 1/√n, →": "exp(-s\xb2t/2), 1/sqrt n, ->",
		"漢":                    "?",
		"plain ASCII":          "plain ASCII",
	} {
		if got := pdfText(in); got != want {
			t.Errorf("pdfText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStraightColor checks that a translucent colour reaches vgpdf with
// its straight components (vgpdf reads RGBA's as straight), not the
// premultiplied ones that made translucent bands grey.
func TestStraightColor(t *testing.T) {
	band := translucent(seriesColor(0)) // {0x00, 0x72, 0xB2, bandAlpha}
	n := color.NRGBAModel.Convert(band).(color.NRGBA)
	r, g, b, a := straightColor(n).RGBA()
	if r>>8 != 0x00 || g>>8 != 0x72 || b>>8 != 0xB2 || a>>8 != bandAlpha {
		t.Errorf("straight components %x %x %x %x, want 0 72 b2 %x", r>>8, g>>8, b>>8, a>>8, bandAlpha)
	}
}
