package grid

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// MaxTiltFactor bounds the factors of a [Tilt]: each lies in
// [1/MaxTiltFactor, MaxTiltFactor]. Beyond it the likelihood ratios of a
// window's paths are so dispersed that the estimate rests on a few
// trials (a judgement: the cross-entropy factors of the test systems stay
// below 10).
const MaxTiltFactor = 32.0

// Tilt is an importance-sampling change of measure of the units'
// full-outage processes (see the package documentation, # Variance
// reduction): a mixture of the units' own processes, with probability
// Defensive, and of one tilted process per window, window k with
// probability (1 − Defensive)·Shares[k]. Under window k's process every
// unit of entry i of the system's units fails, inside the window, at
// Failure[i] times its own rate 1/MTTF and is repaired at Repair[i] times
// its rate 1/MTTR, and starts in the stationary state of those rates if
// the window opens at instant 0; outside the window, and for the partial
// outages of a three-state unit, the units follow their own rates. Each
// trial is weighted by the likelihood ratio of its paths, own processes
// against the mixture: at most 1/Defensive.
type Tilt struct {
	// Failure holds one factor per entry of the system's units (before
	// counts are expanded) on the failure rate, in [1/MaxTiltFactor,
	// MaxTiltFactor].
	Failure []float64 `json:"failure"`
	// Repair holds one factor per entry on the repair rate, in the same
	// range.
	Repair []float64 `json:"repair"`
	// Windows are non-empty hour ranges [start, end) within [0, hours),
	// sorted by start; they may overlap.
	Windows [][2]int `json:"windows"`
	// Shares are the windows' probabilities among the tilted components,
	// each > 0, normalised to sum to 1; empty means equal shares.
	Shares []float64 `json:"shares,omitempty"`
	// Defensive is the share of trials drawn from the units' own
	// processes, the defensive component of the mixture, in (0, 1]; 0
	// means DefaultDefensive.
	Defensive float64 `json:"defensive,omitempty"`
}

// defensive returns the tilt's defensive share, the default for 0.
func (t *Tilt) defensive() float64 {
	if t.Defensive == 0 {
		return DefaultDefensive
	}
	return t.Defensive
}

// shares returns the windows' shares normalised to sum to 1.
func (t *Tilt) shares() []float64 {
	out := make([]float64, len(t.Windows))
	sum := 0.0
	for k := range out {
		out[k] = 1
		if len(t.Shares) > 0 {
			out[k] = t.Shares[k]
		}
		sum += out[k]
	}
	for k := range out {
		out[k] /= sum
	}
	return out
}

// Validate checks t against a system of entries unit entries and hours
// hours. Errors are [*input.FieldError]s with paths relative to the tilt
// ("failure[3]", "windows[1]").
func (t *Tilt) Validate(entries, hours int) error {
	if t == nil {
		return input.Field("tilt", "nil", "a tilt")
	}
	for _, f := range []struct {
		name string
		v    []float64
	}{{"failure", t.Failure}, {"repair", t.Repair}} {
		if len(f.v) != entries {
			return input.Field(f.name, fmt.Sprintf("%d factors", len(f.v)), fmt.Sprintf("%d, one per entry of units", entries))
		}
		for i, x := range f.v {
			if !(x >= 1/MaxTiltFactor && x <= MaxTiltFactor) {
				return input.Field(fmt.Sprintf("%s[%d]", f.name, i), x, fmt.Sprintf("in [1/%v, %v] (MaxTiltFactor)", MaxTiltFactor, MaxTiltFactor))
			}
		}
	}
	if !(t.Defensive >= 0 && t.Defensive <= 1) {
		return input.Field("defensive", t.Defensive, "in (0, 1] (0: DefaultDefensive)")
	}
	if len(t.Windows) == 0 && t.defensive() < 1 {
		return input.Field("windows", "none", "at least one window, or defensive = 1")
	}
	prev := 0
	for i, w := range t.Windows {
		if w[0] < prev || w[1] <= w[0] || w[1] > hours {
			return input.Field(fmt.Sprintf("windows[%d]", i), fmt.Sprintf("[%d, %d)", w[0], w[1]), fmt.Sprintf("a non-empty range within [%d, %d), starting no earlier than the window before", prev, hours))
		}
		prev = w[0]
	}
	if len(t.Shares) != 0 && len(t.Shares) != len(t.Windows) {
		return input.Field("shares", fmt.Sprintf("%d shares", len(t.Shares)), fmt.Sprintf("%d, one per window, or none", len(t.Windows)))
	}
	for i, s := range t.Shares {
		if !(s > 0) || math.IsInf(s, 0) {
			return input.Field(fmt.Sprintf("shares[%d]", i), s, "finite and > 0")
		}
	}
	return nil
}

// TiltedHours returns the number of hours inside some window.
func (t *Tilt) TiltedHours() int {
	n, end := 0, 0
	for _, w := range t.Windows {
		a := max(w[0], end)
		if w[1] > a {
			n += w[1] - a
			end = w[1]
		}
	}
	return n
}

// tiltedSim draws a simulator's paths from a tilt's mixture and returns
// each trial's weight. It owns its simulator's scratch memory: one per
// goroutine.
type tiltedSim struct {
	sim *Simulator
	// Per expanded unit: the entry it came from, its rates ([0] repair,
	// [1] failure), the tilt's additions to them, rate × (factor − 1),
	// the logarithms of the factors, and the stationary probability of
	// being up at the tilted rates.
	entry     []int
	rate      [][2]float64
	mean      [][2]float64 // 1/rate and 1/(rate + delta): mean durations
	delta     [][2]float64
	logFactor [][2]float64
	pUpTilted []float64
	logZero   [][2]float64 // log(g/f) of the initial state, down and up
	// upDelta is the sum over units of the up rate's addition: as every
	// unit is up or down at each instant, a segment's log ratio is
	// −upDelta × its length, plus each down piece's −(delta down −
	// delta up) × its time in the segment, plus the changes'
	// log(factor), so the long up sojourns need no accounting.
	upDelta float64
	// Time segments: the elementary intervals between window bounds,
	// segment s ending at bounds[s] (the last at the last instant);
	// covered[s] tells whether some window covers it.
	bounds  []float64
	covered []bool
	// segAt[h] is the segment of the times in [h, h+1): the first whose
	// end exceeds h (bounds are whole hours).
	segAt []uint16
	// Per window: its segments [a, b), whether it opens at instant 0,
	// and the cumulative shares.
	winSeg  [][2]int
	atZero  []bool
	anyZero bool
	cum     []float64
	share   []float64
	d       float64
	// Per trial: the tilted segments [tiltA, tiltB) (empty for the
	// defensive component) and whether the initial states are tilted;
	// the log likelihood ratio, tilted to own, of each segment's pieces
	// summed over units (segLog) and of the initial states (zeroLog);
	// each window's log ratio (winLog).
	tiltA, tiltB int
	tA, tB       float64 // the tilted window's time span [tA, tB)
	init0        bool
	segLog       []float64
	rateDiff     []float64 // difference array of the rates of segments spanned whole
	segCum       []float64 // prefix sums of segLog
	zeroLog      float64
	winLog       []float64
	// stats, if not nil, receives per segment and entry the ceStats
	// sufficient statistics of the cross-entropy update.
	stats   []float64
	entries int
}

// Sufficient statistics of the cross-entropy update, per segment and
// entry: failures, up time (hours), repairs and down time.
const (
	ceFail = iota
	ceUp
	ceRepair
	ceDown
	ceStats
)

// The statistics of a sojourn down ([0]) or up ([1]): its exposure and
// the event that ends it.
var (
	exposure = [2]int{ceDown, ceUp}
	events   = [2]int{ceRepair, ceFail}
)

// mixtureKey names the stream of each trial's draw of its mixture
// component.
var mixtureKey = montecarlo.Key("vr/mixture")

// newTiltedSim returns a sampler of sim's paths under tilt, for units
// (the system's entries, which sim was built from).
func newTiltedSim(sim *Simulator, units []Unit, tilt *Tilt) (*tiltedSim, error) {
	if err := tilt.Validate(len(units), sim.hours); err != nil {
		return nil, fmt.Errorf("grid: %w", input.In(err, "tilt"))
	}
	z := &tiltedSim{sim: sim, d: tilt.defensive(), entries: len(units)}
	for i, u := range units {
		for range max(u.Count, 1) {
			z.entry = append(z.entry, i)
		}
	}
	if len(z.entry) != len(sim.units) {
		return nil, errorf("tilt: %d expanded units, the simulator has %d", len(z.entry), len(sim.units))
	}
	n := len(sim.units)
	z.rate = make([][2]float64, n)
	z.delta = make([][2]float64, n)
	z.logFactor = make([][2]float64, n)
	z.pUpTilted = make([]float64, n)
	z.mean = make([][2]float64, n)
	z.logZero = make([][2]float64, n)
	for k := range sim.units {
		u := &sim.units[k]
		e := z.entry[k]
		f := [2]float64{tilt.Repair[e], tilt.Failure[e]}
		z.rate[k] = [2]float64{1 / u.mean[0], 1 / u.mean[1]}
		for s := range 2 {
			z.delta[k][s] = z.rate[k][s] * (f[s] - 1)
			z.logFactor[k][s] = math.Log(f[s])
		}
		t := [2]float64{z.rate[k][0] * f[0], z.rate[k][1] * f[1]}
		z.pUpTilted[k] = t[0] / (t[0] + t[1])
		z.mean[k] = [2]float64{u.mean[0] / f[0], u.mean[1] / f[1]}
		z.logZero[k] = [2]float64{math.Log((1 - z.pUpTilted[k]) / (1 - u.pUp)), math.Log(z.pUpTilted[k] / u.pUp)}
		z.upDelta += z.delta[k][1]
	}
	// Segments: every window bound within (0, last), then the last
	// instant (changes at or after it are never observed).
	last := sim.last
	var cuts []float64
	for _, w := range tilt.Windows {
		for _, b := range w {
			if x := float64(b); x > 0 && x < last {
				cuts = append(cuts, x)
			}
		}
	}
	slices.Sort(cuts)
	z.bounds = append(slices.Compact(cuts), last)
	z.covered = make([]bool, len(z.bounds))
	if len(z.bounds) > math.MaxUint16 {
		return nil, errorf("tilt: %d time segments, at most %d", len(z.bounds), math.MaxUint16)
	}
	z.segAt = make([]uint16, sim.hours)
	k := 0
	for h := range z.segAt {
		for k < len(z.bounds)-1 && z.bounds[k] <= float64(h) {
			k++
		}
		z.segAt[h] = uint16(k)
	}
	z.segLog = make([]float64, len(z.bounds))
	z.rateDiff = make([]float64, len(z.bounds)+1)
	z.segCum = make([]float64, len(z.bounds)+1)
	start := func(s int) float64 {
		if s == 0 {
			return 0
		}
		return z.bounds[s-1]
	}
	for _, w := range tilt.Windows {
		a := sort.SearchFloat64s(z.bounds, float64(w[0])) // first segment starting at or after w[0]
		if a < len(z.bounds) && z.bounds[a] == float64(w[0]) {
			a++
		}
		if w[0] == 0 {
			a = 0
		}
		b := a
		for b < len(z.bounds) && start(b) < float64(w[1]) && start(b) < last {
			z.covered[b] = true
			b++
		}
		z.winSeg = append(z.winSeg, [2]int{a, b})
		z.atZero = append(z.atZero, w[0] == 0)
		z.anyZero = z.anyZero || w[0] == 0
	}
	z.share = tilt.shares()
	c := 0.0
	for _, s := range z.share {
		c += s
		z.cum = append(z.cum, c)
	}
	z.winLog = make([]float64, len(tilt.Windows))
	return z, nil
}

// choose draws trial t's mixture component from its own stream: the
// units' own processes with probability d, otherwise window k with
// probability (1−d)·share[k].
func (z *tiltedSim) choose(t montecarlo.Trial) {
	r := variate.NewPCG(mixtureKey.Seed(t.Seed, t.Index))
	u := r.Uniform()
	z.tiltA, z.tiltB, z.init0 = 0, 0, false
	z.tA, z.tB = math.Inf(1), math.Inf(1)
	if u < z.d || len(z.cum) == 0 {
		return
	}
	v := (u - z.d) / (1 - z.d) * z.cum[len(z.cum)-1]
	k := sort.SearchFloat64s(z.cum, v)
	if k < len(z.cum) && z.cum[k] == v {
		k++
	}
	k = min(k, len(z.cum)-1)
	z.tiltA, z.tiltB, z.init0 = z.winSeg[k][0], z.winSeg[k][1], z.atZero[k]
	if z.tiltB > z.tiltA {
		z.tA, z.tB = z.segStart(z.tiltA), z.bounds[z.tiltB-1]
	}
}

// segStart returns the time at which segment s starts.
func (z *tiltedSim) segStart(s int) float64 {
	if s == 0 {
		return 0
	}
	return z.bounds[s-1]
}

// path draws trial t's component and path into p and returns the trial's
// weight, the likelihood ratio of the path under the units' own processes
// f to the mixture: 1/(d + (1−d)·Σ share[k]·g_k/f), at most 1/d. The sums
// behind it run over units in order and events in time order, so it is
// the same to the bit wherever the trial runs.
func (z *tiltedSim) path(t montecarlo.Trial, p *Path) float64 {
	z.choose(t)
	avail := z.draw(t)
	z.sim.steps(avail, p)
	return z.weight()
}

// weight returns the trial's weight from its log ratios, and leaves each
// window's log ratio log(g_k/f) in winLog.
func (z *tiltedSim) weight() float64 {
	if len(z.winLog) == 0 {
		return 1 / z.d
	}
	// The segments spanned whole, then the prefix sums of the segments'
	// log ratios (cum[s]: segments before s), one pass in segment order.
	c, lo := 0.0, 0.0
	acc := 0.0
	for s, hi := range z.bounds {
		c += z.rateDiff[s]
		z.rateDiff[s] = 0
		z.segLog[s] += (c - z.upDelta) * (hi - lo)
		lo = hi
		z.segCum[s] = acc
		acc += z.segLog[s]
	}
	z.rateDiff[len(z.bounds)] = 0
	z.segCum[len(z.bounds)] = acc
	m := math.Inf(-1)
	for k, ab := range z.winSeg {
		l := z.segCum[ab[1]] - z.segCum[ab[0]]
		if z.atZero[k] {
			l += z.zeroLog
		}
		z.winLog[k] = l
		m = max(m, l)
	}
	sum := 0.0
	for k, l := range z.winLog {
		sum += z.share[k] * math.Exp(l-m)
	}
	return 1 / (z.d + (1-z.d)*math.Exp(m)*sum)
}

// draw files trial t's changes on the simulator's calendar, drawn from
// the component choose picked, and returns the capacity at instant 0.
func (z *tiltedSim) draw(t montecarlo.Trial) int64 {
	s := z.sim
	cal := &s.cal
	clear(z.segLog)
	clear(z.rateDiff)
	z.zeroLog = 0
	var avail int64
	for i := range s.units {
		if i%cancelEvery == 0 && t.Cancelled() {
			return avail
		}
		u := &s.units[i]
		r := variate.NewPCG(u.key.Seed(t.Seed, t.Index))
		up := z.unit(i, &r)
		if u.der != 0 {
			a0, chs := s.mergePartial(u, &r, up)
			avail += a0
			for _, ch := range chs {
				cal.file(int(ch.t)+1, ch.d)
			}
			continue
		}
		c := u.cap
		if up {
			avail += c
			c = -c
		}
		for _, tc := range s.fullT {
			cal.file(int(tc)+1, c)
			c = -c
		}
	}
	return avail
}

// unit draws expanded unit i's full-outage process from r, tilted in the
// trial's tilted window, into the simulator's fullT (change times before
// the last instant), adds the log ratios log(g/f) of its changes and
// its down pieces (beyond the up rate's part, see upDelta) in covered
// segments to segLog (directly for a segment a piece enters or leaves
// within, through the difference array rateDiff for the segments it
// spans whole) and of its initial state to zeroLog, and returns its
// initial state. With stats set it adds its sufficient statistics per
// segment.
func (z *tiltedSim) unit(i int, r *variate.PCG) bool {
	s := z.sim
	u := &s.units[i]
	rate, delta, lf := z.rate[i], z.delta[i], z.logFactor[i]
	dd := delta[0] - delta[1]
	pUp := u.pUp
	if z.init0 {
		pUp = z.pUpTilted[i]
	}
	up := r.Uniform() < pUp
	if z.anyZero {
		z.zeroLog += z.logZero[i][b2i(up)]
	}
	up0 := up
	mean, tiltedMean := u.mean, z.mean[i]
	ts := s.fullT[:0]
	last := s.last
	tA, tB := z.tA, z.tB
	bounds, covered, segLog, diff, segAt := z.bounds, z.covered, z.segLog, z.rateDiff, z.segAt
	tc := 0.0
	for {
		e := variate.Exponential(r)
		x := b2i(up)
		// The end of the sojourn: the unit's own rate outside the
		// tilted window, rate + delta inside it.
		t, at := 0.0, tc
		for {
			if at < tA {
				if t = at + e*mean[x]; t < tA {
					break
				}
				e -= rate[x] * (tA - at)
				at = tA
			}
			if at < tB {
				if t = at + e*tiltedMean[x]; t < tB {
					break
				}
				e -= (rate[x] + delta[x]) * (tB - at)
				at = tB
			}
			t = at + e*mean[x]
			break
		}
		end := min(t, last)
		// A down piece [tc, end): its log ratio beyond the up rate's,
		// −(delta down − delta up) × its time, by segment (the up
		// rate's part of every piece is in segConst).
		if x == 0 {
			k := int(segAt[int(tc)]) // tc < last
			if end <= bounds[k] {
				if covered[k] {
					segLog[k] -= dd * (end - tc)
				}
			} else {
				if covered[k] {
					segLog[k] -= dd * (bounds[k] - tc)
				}
				j := k + 1
				// The segment of end: the first with bounds >= end
				// (the last ends at the last instant, >= end).
				if end >= last {
					k = len(bounds) - 1
				} else if k = int(segAt[int(end)]); bounds[k-1] == end {
					k--
				}
				if k > j { // segments j … k−1 whole
					diff[j] -= dd
					diff[k] += dd
				}
				if covered[k] {
					segLog[k] -= dd * (end - bounds[k-1])
				}
			}
		}
		if z.stats != nil {
			z.addStats(i, x, tc, end)
		}
		if t >= last {
			s.fullT = ts
			return up0
		}
		// The segment of the change at t: the first ending after t
		// (bounds are whole hours; one at t starts the next segment).
		k := int(segAt[int(t)])
		if covered[k] {
			segLog[k] += lf[x]
			if z.stats != nil {
				z.stats[(k*z.entries+z.entry[i])*ceStats+events[x]]++
			}
		}
		tc = t
		ts = append(ts, tc)
		up = !up
	}
}

// addStats adds unit i's time in state x over [t0, t1) to the exposure
// statistics of the segments it overlaps.
func (z *tiltedSim) addStats(i, x int, t0, t1 float64) {
	k := sort.SearchFloat64s(z.bounds, t0) // the first segment ending at or after t0
	for ; k < len(z.bounds); k++ {
		lo := z.segStart(k)
		if lo >= t1 {
			return
		}
		if a, b := max(lo, t0), min(z.bounds[k], t1); b > a {
			z.stats[(k*z.entries+z.entry[i])*ceStats+exposure[x]] += b - a
		}
	}
}
