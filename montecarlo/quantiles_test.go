package montecarlo

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestQuantilesAppend(t *testing.T) {
	h, err := NewHistogram(0, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	for x := range 100 {
		h.Add(float64(x) + 0.5) // one value in each bin: the p-quantile is 100p
	}
	var q Quantiles
	q.Append(h.Quantile)
	q.Append(func(p float64) float64 { return -p })
	for _, c := range []struct {
		name string
		got  []float64
		want []float64
	}{
		{"P5", q.P5, []float64{5, -0.05}},
		{"P25", q.P25, []float64{25, -0.25}},
		{"P50", q.P50, []float64{50, -0.5}},
		{"P75", q.P75, []float64{75, -0.75}},
		{"P95", q.P95, []float64{95, -0.95}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestQuantilesJSON(t *testing.T) {
	// The field names are part of the report format.
	q := Quantiles{P5: []float64{1}, P25: []float64{2}, P50: []float64{3}, P75: []float64{4}, P95: []float64{5}}
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"p05":[1],"p25":[2],"p50":[3],"p75":[4],"p95":[5]}`; string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
}
