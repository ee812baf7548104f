package montecarlo

import (
	"encoding/json"
	"math"
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

// TestQuantilesJSONNonFinite checks that undefined or infinite quantiles
// encode as null (rather than failing the encoder) and read back as NaN.
func TestQuantilesJSONNonFinite(t *testing.T) {
	q := Quantiles{P5: []float64{1, math.NaN()}, P25: []float64{2, math.Inf(1)}, P50: []float64{3, 0.5},
		P75: []float64{4, math.Inf(-1)}, P95: []float64{5, 6}}
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatalf("encoding NaN and infinite quantiles: %v", err)
	}
	const want = `{"p05":[1,null],"p25":[2,null],"p50":[3,0.5],"p75":[4,null],"p95":[5,6]}`
	if string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
	var back Quantiles
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(back.P5[1]) || back.P50[1] != 0.5 || back.P95[1] != 6 {
		t.Fatalf("read back %+v", back)
	}
}
