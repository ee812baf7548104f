package plots

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"
)

func labels(ts []plot.Tick) (vals []float64, texts []string) {
	for _, t := range ts {
		if t.Label != "" {
			vals = append(vals, t.Value)
			texts = append(texts, t.Label)
		}
	}
	return vals, texts
}

func TestGroupThousands(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "999": "999", "1000": "1,000", "12345": "12,345", "1234567": "1,234,567", "-4000": "-4,000", "-100": "-100",
	} {
		if got := groupThousands(in); got != want {
			t.Errorf("groupThousands(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommaTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string
	}{
		{0, 4000, []string{"0", "1,000", "2,000", "3,000", "4,000"}},
		{0, 100, []string{"0", "20", "40", "60", "80", "100"}},
		{0.15, 0.45, []string{"0.15", "0.20", "0.25", "0.30", "0.35", "0.40", "0.45"}},
		{26000, 140000, []string{"40,000", "60,000", "80,000", "100,000", "120,000", "140,000"}},
		{-10, 10, []string{"-10", "-5", "0", "5", "10"}},
	} {
		ts := CommaTicks{}.Ticks(tc.lo, tc.hi)
		_, got := labels(ts)
		if !slices.Equal(got, tc.want) {
			t.Errorf("CommaTicks(%v, %v) labels %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
		for _, tk := range ts {
			if tk.Value < tc.lo-1e-9 || tk.Value > tc.hi+1e-9 {
				t.Errorf("CommaTicks(%v, %v): tick at %v outside the range", tc.lo, tc.hi, tk.Value)
			}
		}
	}
}

func TestLog1pTicks(t *testing.T) {
	vals, texts := labels(Log1pTicks{}.Ticks(0, 6))
	want := []string{"0", "10", "100", "1,000", "10,000", "100,000", "1,000,000"}
	if !slices.Equal(texts, want) {
		t.Fatalf("Log1pTicks(0, 6) labels %q, want %q", texts, want)
	}
	for i, v := range vals {
		x := 0.0
		if i > 0 {
			x = math.Pow(10, float64(i))
		}
		if w := math.Min(math.Log10(1+x), 6); v != w {
			t.Errorf("label %q at %v, want log10(1 + %v) = %v", texts[i], v, x, w)
		}
	}
	if _, texts := labels(Log1pTicks{}.Ticks(0, 2)); !slices.Contains(texts, "1") {
		t.Errorf("narrow axis labels %q, want x = 1 labelled", texts)
	}
}

func TestLogCommaTicks(t *testing.T) {
	_, texts := labels(logCommaTicks{}.Ticks(50, 20000))
	if want := []string{"100", "1,000", "10,000"}; !slices.Equal(texts, want) {
		t.Errorf("logCommaTicks(50, 20000) labels %q, want %q", texts, want)
	}
	_, texts = labels(logCommaTicks{}.Ticks(100, 5000))
	if want := []string{"100", "200", "500", "1,000", "2,000", "5,000"}; !slices.Equal(texts, want) {
		t.Errorf("logCommaTicks(100, 5000) labels %q, want %q", texts, want)
	}
}

func TestRoundAxis(t *testing.T) {
	for _, tc := range []struct {
		min, max, floor, limit float64
		wantMin, wantMax       float64
	}{
		{0, 96, math.Inf(-1), 100, 0, 100},
		{0, 99.9, math.Inf(-1), 100, 0, 100},
		{0, 178, math.Inf(-1), math.Inf(1), 0, 200},
		{0.17, 0.445, math.Inf(-1), math.Inf(1), 0.15, 0.45},
		{0, 100, math.Inf(-1), 100, 0, 100},
		{0, 103, math.Inf(-1), 100, 0, 103},          // never cuts data off
		{0.17, 0.445, 0.17, math.Inf(1), 0.17, 0.45}, // floor = Min: only the top moves
		{-7, 178, -7, 190, -7, 190},
	} {
		a := plot.Axis{Min: tc.min, Max: tc.max}
		roundAxis(&a, tc.floor, tc.limit)
		if math.Abs(a.Min-tc.wantMin) > 1e-12 || math.Abs(a.Max-tc.wantMax) > 1e-12 {
			t.Errorf("roundAxis([%v, %v], %v, %v) = [%v, %v], want [%v, %v]", tc.min, tc.max, tc.floor, tc.limit, a.Min, a.Max, tc.wantMin, tc.wantMax)
		}
	}
}
