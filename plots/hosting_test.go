package plots

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// HostingChart draws valid bars to a non-empty file and refuses bad ones,
// naming the bar.
func TestHostingChart(t *testing.T) {
	ok := []HostingBar{{Group: "north", Series: "firm", EstimateMW: 10, LoMW: 5, HiMW: 12}, {Group: "south", Series: "firm", EstimateMW: 20, LoMW: 20, HiMW: 30}}
	p, err := HostingChart(ok, "t", "MW")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "h.png")
	if err := Save(p, Width, Height, path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() < 1000 {
		t.Errorf("chart file: %v", err)
	}
	for _, tc := range []struct {
		bars []HostingBar
		want string
	}{
		{nil, "no bars"},
		{[]HostingBar{{Series: "firm", EstimateMW: 1, HiMW: 1}}, "bars[0]: empty"},
		{append(ok[:1:1], ok[0]), "given twice"},
		{[]HostingBar{{Group: "a", Series: "b", EstimateMW: math.NaN()}}, "finite"},
		{[]HostingBar{{Group: "a", Series: "b", EstimateMW: 3, LoMW: 4, HiMW: 5}}, "outside"},
	} {
		if _, err := HostingChart(tc.bars, "t", "MW"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want an error naming %q", tc.bars, err, tc.want)
		}
	}
}
