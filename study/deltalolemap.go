package study

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// MonthHourMap holds one estimate for each month (0 = January) and hour
// of day (0 = midnight to 1:00). Its JSON is four 12 × 24 matrices,
// "mean", "se", "lo" and "hi", rows by month (null where an estimate is
// undefined, as in [montecarlo.Estimate]).
type MonthHourMap [12][24]montecarlo.Estimate

// Means returns the mean of every cell.
func (m *MonthHourMap) Means() [12][24]float64 {
	var out [12][24]float64
	for i := range m {
		for h := range m[i] {
			out[i][h] = m[i][h].Mean
		}
	}
	return out
}

// Total returns the sum of the cells' means.
func (m *MonthHourMap) Total() float64 {
	var s float64
	for i := range m {
		for h := range m[i] {
			s += m[i][h].Mean
		}
	}
	return s
}

// monthHourJSON is the wire form of a MonthHourMap: nil for a value that
// is NaN or infinite, which JSON cannot carry.
type monthHourJSON struct {
	Mean [12][24]*float64 `json:"mean"`
	SE   [12][24]*float64 `json:"se"`
	Lo   [12][24]*float64 `json:"lo"`
	Hi   [12][24]*float64 `json:"hi"`
}

// MarshalJSON writes the four matrices.
func (m MonthHourMap) MarshalJSON() ([]byte, error) {
	var j monthHourJSON
	for i := range m {
		for h, e := range m[i] {
			j.Mean[i][h], j.SE[i][h], j.Lo[i][h], j.Hi[i][h] = finite(e.Mean), finite(e.SE), finite(e.Lo), finite(e.Hi)
		}
	}
	return json.Marshal(&j)
}

// UnmarshalJSON reads the form MarshalJSON writes (null is NaN), strictly:
// no unknown or repeated keys, and 12 rows of 24 values in each matrix.
func (m *MonthHourMap) UnmarshalJSON(b []byte) error {
	var j monthHourJSON
	if err := input.DecodeJSON(bytes.NewReader(b), &j, "month-hour map"); err != nil {
		return fmt.Errorf("study: %w", err)
	}
	for i := range m {
		for h := range m[i] {
			m[i][h] = montecarlo.Estimate{Mean: nanIfNil(j.Mean[i][h]), SE: nanIfNil(j.SE[i][h]), Lo: nanIfNil(j.Lo[i][h]), Hi: nanIfNil(j.Hi[i][h])}
		}
	}
	return nil
}

func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func nanIfNil(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// deltaLOLEAcc accumulates, for each month m and hour of day h, the
// per-trial change in the other customers' hours with unserved energy
// that fall in that cell: +1 for each hour of the cell that is short with
// the carve-out and not without it, −1 for each that is short without and
// not with it. Summed over the cells, a trial's values are its change in
// short hours (others.Hours − base.Hours), so the cells' sums add up,
// exactly, to the sum behind ΔLOLE. It keeps each cell's sum and sum of
// squares over trials in integers, so that merging is exact and every
// cell has a standard error ([Report.DeltaLOLEByMonthHour]).
type deltaLOLEAcc struct {
	// Sum[m][h] is the sum over trials of the cell's change in short
	// hours.
	Sum [12][24]int64 `json:"sum"`
	// SumSq[m][h] is the sum over trials of its square.
	SumSq [12][24]int64 `json:"sum_sq"`
}

// cellScratch groups one trial's hours by cell: v holds each cell's
// count, touched the cells counted (each once), mark which are in touched.
type cellScratch struct {
	v       [12 * 24]int32
	mark    [12 * 24]bool
	touched []int16
}

func newCellScratch() *cellScratch { return &cellScratch{touched: make([]int16, 0, 12*24)} }

// tally counts +1 for each hour of became and −1 for each of cleared in
// the hour's cell.
func (s *cellScratch) tally(became, cleared []int32, months []int8) {
	for _, h := range became {
		s.bump(int(months[h])*24+int(h%24), 1)
	}
	for _, h := range cleared {
		s.bump(int(months[h])*24+int(h%24), -1)
	}
}

func (s *cellScratch) bump(c int, d int32) {
	if !s.mark[c] {
		s.mark[c] = true
		s.touched = append(s.touched, int16(c))
	}
	s.v[c] += d
}

// add records one trial's hours that became short (became) and stopped
// being short (cleared), using the scratch s, which it leaves empty.
func (a *deltaLOLEAcc) add(became, cleared []int32, months []int8, s *cellScratch) {
	if len(became) == 0 && len(cleared) == 0 {
		return
	}
	s.tally(became, cleared, months)
	for _, c := range s.touched {
		x := int64(s.v[c])
		a.Sum[c/24][c%24] += x
		a.SumSq[c/24][c%24] += x * x
		s.v[c], s.mark[c] = 0, false
	}
	s.touched = s.touched[:0]
}

func (a *deltaLOLEAcc) merge(o *deltaLOLEAcc) {
	for m := range a.Sum {
		for h := range a.Sum[m] {
			a.Sum[m][h] += o.Sum[m][h]
			a.SumSq[m][h] += o.SumSq[m][h]
		}
	}
}

// check checks that each cell's sums are ones done trials could give
// when a trial's value in the cell is an integer of magnitude at most the
// cell's hours in a trial (c = cellHours[m][h]): |Sum| ≤ c·done,
// SumSq ≤ c²·done, SumSq ≥ |Sum| and of the same parity (x² ≥ |x| and
// x² ≡ x mod 2 for integers), and done·SumSq ≥ Sum² (Cauchy–Schwarz), so
// that no variance comes out negative and no merge of checked states
// overflows.
func (a *deltaLOLEAcc) check(cellHours *[12][24]int64, done int64) error {
	for m := range a.Sum {
		for h, s := range a.Sum[m] {
			c, q := cellHours[m][h], a.SumSq[m][h]
			path := fmt.Sprintf("[%d][%d]", m, h)
			switch {
			case s < -c*done || s > c*done:
				return input.Field(input.JoinPath("sum", path), s, fmt.Sprintf("in [%d, %d], ± the cell's hours in the trials done", -c*done, c*done))
			case q < 0 || q > c*c*done:
				return input.Field(input.JoinPath("sum_sq", path), q, fmt.Sprintf("in [0, %d], the cell's hours squared in the trials done", c*c*done))
			case q < abs64(s) || (q-s)%2 != 0:
				return input.Field(input.JoinPath("sum_sq", path), q, fmt.Sprintf("at least |sum| = %d and of its parity (a sum of squares of integers)", abs64(s)))
			}
			if new(big.Int).Mul(big.NewInt(done), big.NewInt(q)).Cmp(new(big.Int).Mul(big.NewInt(s), big.NewInt(s))) < 0 {
				return input.Field(input.JoinPath("sum_sq", path), q, fmt.Sprintf("at least sum²/done = %d²/%d", s, done))
			}
		}
	}
	return nil
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// finalize returns each cell's mean change in short hours per trial, its
// standard error and normal 95% interval, over done trials: the estimate
// of a [montecarlo.Mean] fed the same per-trial values.
func (a *deltaLOLEAcc) finalize(done int64) MonthHourMap {
	var out MonthHourMap
	for m := range a.Sum {
		for h := range a.Sum[m] {
			mean := montecarlo.Mean{Count: done}
			addInt(&mean.Sum, a.Sum[m][h])
			addInt(&mean.SumSq, a.SumSq[m][h])
			out[m][h] = mean.Estimate()
		}
	}
	return out
}

// addInt adds the integer x to s exactly: in two parts, each exact in a
// float64, since x may exceed 2^53.
func addInt(s *montecarlo.ExactSum, x int64) {
	lo := x % (1 << 26)
	s.Add(float64(x - lo))
	s.Add(float64(lo))
}

// total returns the sum of every cell's Sum.
func (a *deltaLOLEAcc) total() int64 {
	var t int64
	for m := range a.Sum {
		for _, s := range a.Sum[m] {
			t += s
		}
	}
	return t
}

// checkTotal checks that the cells add up to the sum behind ΔLOLE,
// delta: each trial's values in the cells sum to its change in short
// hours. (Compared as float64, which is exact while the sums stay below
// 2^53 in magnitude.)
func (a *deltaLOLEAcc) checkTotal(delta *montecarlo.Mean) error {
	if t, d := float64(a.total()), delta.Sum.Float64(); t != d {
		return input.Field("sum", fmt.Sprintf("cells adding up to %v", t), fmt.Sprintf("the sum behind delta_lole_h, %v", d))
	}
	return nil
}
