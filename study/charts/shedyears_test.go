package charts

import (
	"slices"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

func TestShedYears(t *testing.T) {
	hist := func(counts ...int64) *montecarlo.Histogram {
		return &montecarlo.Histogram{Lo: 0, Hi: float64(len(counts)), Counts: counts, Under: 1, Over: 2}
	}
	// 20 unit bins; shedding only in bins 8 and 10: keep bins 4..14 (four
	// bins of margin each side), moving the rest to under- and overflow.
	a := hist(50, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	b := hist(40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	ta, tb, ok := shedYears(a, b)
	if !ok {
		t.Fatal("shedYears reported no shedding")
	}
	if ta.Lo != 4 || ta.Hi != 15 || tb.Lo != 4 || tb.Hi != 15 {
		t.Errorf("ranges [%v, %v) and [%v, %v), want [4, 15)", ta.Lo, ta.Hi, tb.Lo, tb.Hi)
	}
	if want := []int64{0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0}; !slices.Equal(ta.Counts, want) {
		t.Errorf("counts %v, want %v", ta.Counts, want)
	}
	if ta.Under != 1+50 || ta.Over != 2 || tb.Under != 1+40 || tb.Over != 2 {
		t.Errorf("under/over %d/%d and %d/%d, want 51/2 and 41/2", ta.Under, ta.Over, tb.Under, tb.Over)
	}
	if ta.N() != a.N() || tb.N() != b.N() {
		t.Errorf("trimmed histograms hold %d and %d years, want %d and %d", ta.N(), tb.N(), a.N(), b.N())
	}
	if a.Counts[0] != 50 || a.Lo != 0 {
		t.Error("shedYears changed its input")
	}

	// Only zero-EUE years: nothing to draw.
	if _, _, ok := shedYears(hist(9, 0, 0), hist(9, 0, 0)); ok {
		t.Error("no year with shedding, want ok = false")
	}
	// Histograms on different bins are drawn as they are.
	c := hist(1, 2, 3)
	d := &montecarlo.Histogram{Lo: 0, Hi: 6, Counts: []int64{1, 2, 3}}
	if x, y, ok := shedYears(c, d); !ok || x != c || y != d {
		t.Error("different binnings were trimmed, want them returned unchanged")
	}
}
