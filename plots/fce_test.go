package plots

import (
	"math"
	"strings"
	"testing"
)

// FCEChart refuses a bad carve-out size and bad bars, naming them, and
// puts the carve-out's size inside the axis.
func TestFCEChartInput(t *testing.T) {
	ok := []HostingBar{{Group: "north", Series: "firm", EstimateMW: 10, LoMW: 5, HiMW: 12}}
	p, err := FCEChart(ok, 40, "t")
	if err != nil {
		t.Fatal(err)
	}
	if !(p.Y.Min == 0 && p.Y.Max >= 40) {
		t.Errorf("y axis [%v, %v], want 0 to at least the carve-out's 40 MW", p.Y.Min, p.Y.Max)
	}
	for _, tc := range []struct {
		bars []HostingBar
		mw   float64
		want string
	}{
		{ok, 0, "carve-out of 0 MW"},
		{ok, math.Inf(1), "carve-out of +Inf MW"},
		{nil, 10, "no bars"},
		{[]HostingBar{{Group: "a", Series: "b", EstimateMW: 3, LoMW: 4, HiMW: 5}}, 10, "outside"},
	} {
		if _, err := FCEChart(tc.bars, tc.mw, "t"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v, %v MW: %v, want an error naming %q", tc.bars, tc.mw, err, tc.want)
		}
	}
}
