package montecarlo

import "encoding/json"

// Quantiles are pointwise quantiles of a simulated path across trials: at
// each time i (a week, say), P5[i] is the 5th percentile of the trials'
// values at that time, P50[i] the median, and so on. They describe the
// spread of the paths at each time, not any one path (a fan chart draws
// them). Every slice has one element per time.
type Quantiles struct {
	// P5 is the 5th percentile at each time.
	P5 []float64 `json:"p05"`
	// P25 is the 25th percentile at each time.
	P25 []float64 `json:"p25"`
	// P50 is the median at each time.
	P50 []float64 `json:"p50"`
	// P75 is the 75th percentile at each time.
	P75 []float64 `json:"p75"`
	// P95 is the 95th percentile at each time.
	P95 []float64 `json:"p95"`
}

// Append adds one time to q: quantile(p) for p = 0.05, 0.25, 0.5, 0.75 and
// 0.95, in that order. quantile is typically a [Histogram]'s
// [Histogram.Quantile], possibly mapped back from a transformed scale. A
// nil quantile is a programming error: Append panics.
func (q *Quantiles) Append(quantile func(p float64) float64) {
	q.P5 = append(q.P5, quantile(0.05))
	q.P25 = append(q.P25, quantile(0.25))
	q.P50 = append(q.P50, quantile(0.50))
	q.P75 = append(q.P75, quantile(0.75))
	q.P95 = append(q.P95, quantile(0.95))
}

// quantilesJSON is the JSON form of [Quantiles]: null for an undefined
// (NaN) or infinite quantile.
type quantilesJSON struct {
	P5  []*float64 `json:"p05"`
	P25 []*float64 `json:"p25"`
	P50 []*float64 `json:"p50"`
	P75 []*float64 `json:"p75"`
	P95 []*float64 `json:"p95"`
}

// MarshalJSON writes each quantile as a number, or null where it is
// undefined (NaN) or infinite, so that encoding never fails.
func (q Quantiles) MarshalJSON() ([]byte, error) {
	enc := func(vs []float64) []*float64 {
		if vs == nil {
			return nil
		}
		out := make([]*float64, len(vs))
		for i, v := range vs {
			out[i] = finiteOrNil(v)
		}
		return out
	}
	return json.Marshal(quantilesJSON{enc(q.P5), enc(q.P25), enc(q.P50), enc(q.P75), enc(q.P95)})
}

// UnmarshalJSON reads the form written by MarshalJSON; null reads as NaN.
func (q *Quantiles) UnmarshalJSON(b []byte) error {
	var j quantilesJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	dec := func(ps []*float64) []float64 {
		if ps == nil {
			return nil
		}
		out := make([]float64, len(ps))
		for i, p := range ps {
			out[i] = nilToNaN(p)
		}
		return out
	}
	*q = Quantiles{dec(j.P5), dec(j.P25), dec(j.P50), dec(j.P75), dec(j.P95)}
	return nil
}
