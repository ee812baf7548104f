package grid

import (
	"math"
	"sort"

	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// MaxCOPTStates is the largest capacity outage probability table built
// (2^22 states, about 100 MB of working arrays). It is a judgement: tables
// beyond it come from capacities with needlessly fine decimals, which
// should be rounded instead.
const MaxCOPTStates = 1 << 22

// COPT is the capacity outage probability table of a fleet of independent
// units: the exact distribution of available capacity, each unit being
// down with probability MTTR/(MTTF+MTTR) and, if it has partial outages,
// derated with probability (1−FOR)·PFOR (see [Unit]). Indices computed from it
// are exact for the hour-by-hour (marginal) quantities: LOLP, LOLE, EUE,
// NEUE and daily-peak LOLE. Frequencies and durations need the
// chronological simulation.
//
// Capacities need not be integers: the table's step is the greatest common
// divisor of all capacities and derates expressed in units of the finest
// decimal resolution they use (RBTS: 5 MW, 49 states).
type COPT struct {
	scale   float64   // capacity units per MW (10^decimals)
	step    int64     // table step, capacity units
	availMW []float64 // availMW[j]: capacity of state j (ascending), MW
	prob    []float64 // prob[j]: probability that the capacity is availMW[j]
	cumP    []float64 // cumP[j] = Σ_{i<j} prob[i]
	cumPA   []float64 // cumPA[j] = Σ_{i<j} prob[i]·availMW[i]
}

// NewCOPT validates the fleet and convolves its units into a table. Units
// are expanded as by [System.Expand]. It fails if the table would have
// more than [MaxCOPTStates] states.
func NewCOPT(units []Unit) (*COPT, error) {
	f, err := expandFleet(units)
	if err != nil {
		return nil, err
	}
	return convolve(f.units, f.cap, f.der, pow10(f.dec))
}

// convolve builds the table of units with capacities caps and derates
// ders in capacity units of 1/scale MW (a unit's outage rates from
// units[i]).
func convolve(units []Unit, caps, ders []int64, scale float64) (*COPT, error) {
	var g, total int64
	for i, c := range caps {
		g = gcd(g, c)
		if ders[i] != 0 {
			g = gcd(g, ders[i])
		}
		total += c
	}
	if g == 0 { // every capacity is 0 (a class factor of 0)
		g = 1
	}
	if total/g+1 > MaxCOPTStates {
		return nil, errorf("copt: %d states (installed %v MW in steps of %v MW), want <= %d; round the capacities to fewer decimals",
			total/g+1, float64(total)/scale, float64(g)/scale, MaxCOPTStates)
	}
	k := int(total / g)
	// out[x]: probability that x steps of capacity are on outage.
	out := make([]float64, k+1)
	out[0] = 1
	top := 0
	for i, u := range units {
		q := u.FOR()
		c := int(caps[i] / g)
		top += c
		if ders[i] == 0 {
			for x := top; x >= 0; x-- {
				v := out[x] * (1 - q)
				if x >= c {
					v += out[x-c] * q
				}
				out[x] = v
			}
			continue
		}
		// Three states: all c steps available, d steps out on a partial
		// outage, or all out.
		d := int(ders[i] / g)
		pUp, pDer := (1-q)*(1-u.PFOR()), (1-q)*u.PFOR()
		for x := top; x >= 0; x-- {
			v := out[x] * pUp
			if x >= d {
				v += out[x-d] * pDer
			}
			if x >= c {
				v += out[x-c] * q
			}
			out[x] = v
		}
	}
	t := &COPT{
		scale:   scale,
		step:    g,
		availMW: make([]float64, k+1),
		prob:    make([]float64, k+1),
		cumP:    make([]float64, k+2),
		cumPA:   make([]float64, k+2),
	}
	for j := 0; j <= k; j++ {
		t.availMW[j] = t.mw(int64(j))
		t.prob[j] = out[k-j]
		t.cumP[j+1] = t.cumP[j] + t.prob[j]
		t.cumPA[j+1] = t.cumPA[j] + t.prob[j]*t.availMW[j]
	}
	return t, nil
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// mw converts a state index to MW exactly as [Simulator] converts capacity
// (correctly rounded division by a power of ten).
func (t *COPT) mw(j int64) float64 {
	if t.scale == 1 {
		return float64(j * t.step)
	}
	return float64(j*t.step) / t.scale
}

// States returns the number of states (capacity levels) of the table.
func (t *COPT) States() int { return len(t.prob) }

// StepMW returns the capacity step between states (NaN for a table not
// built by [NewCOPT]).
func (t *COPT) StepMW() float64 {
	if !t.built() {
		return math.NaN()
	}
	return float64(t.step) / t.scale
}

// InstalledMW returns the installed capacity, the top state (NaN for a
// table not built by [NewCOPT]).
func (t *COPT) InstalledMW() float64 {
	if !t.built() {
		return math.NaN()
	}
	return t.availMW[len(t.availMW)-1]
}

// Capacity returns the capacity of state j (ascending, 0 = all units out)
// and its probability, or NaNs for j outside [0, States()).
func (t *COPT) Capacity(j int) (mw, prob float64) {
	if j < 0 || j >= len(t.prob) || j >= len(t.availMW) {
		return math.NaN(), math.NaN()
	}
	return t.availMW[j], t.prob[j]
}

// built reports whether t was built by [NewCOPT]: the zero COPT has no
// states.
func (t *COPT) built() bool { return len(t.availMW) > 0 && len(t.cumP) == len(t.availMW)+1 }

// errNotBuilt is the error of a method called on a COPT that [NewCOPT]
// did not build.
var errNotBuilt = errorf("copt: the table was not built by NewCOPT")

// below returns the number of states whose capacity is strictly below
// loadMW.
func (t *COPT) below(loadMW float64) int {
	n := len(t.availMW)
	if !(loadMW > 0) {
		return 0
	}
	if loadMW > t.availMW[n-1] {
		return n
	}
	j := int(math.Ceil(loadMW * t.scale / float64(t.step)))
	j = max(0, min(j, n-1))
	for j > 0 && t.availMW[j-1] >= loadMW {
		j--
	}
	for j < n && t.availMW[j] < loadMW {
		j++
	}
	return j
}

// LOLP returns the probability that the available capacity is strictly
// below loadMW: NaN for a NaN load or a table not built by [NewCOPT].
func (t *COPT) LOLP(loadMW float64) float64 {
	if math.IsNaN(loadMW) || !t.built() {
		return math.NaN()
	}
	return t.cumP[t.below(loadMW)]
}

// ExpectedUnserved returns E[max(0, loadMW − available)], MW (MWh for one
// hour): NaN for a NaN load or a table not built by [NewCOPT].
func (t *COPT) ExpectedUnserved(loadMW float64) float64 {
	if math.IsNaN(loadMW) || !t.built() {
		return math.NaN()
	}
	j := t.below(loadMW)
	return max(0, loadMW*t.cumP[j]-t.cumPA[j])
}

// exact is the estimate of a value known exactly: no error, the interval
// [v, v].
func exact(v float64) montecarlo.Estimate { return montecarlo.Estimate{Mean: v, SE: 0, Lo: v, Hi: v} }

// notGiven marks an index the COPT cannot give: it has no chronology, so
// no days, events or durations, nor the probability of a year with
// shortfall. NaN encodes as JSON null, and an [AdequacyResult] of the
// COPT leaves it out.
var notGiven = montecarlo.Estimate{Mean: math.NaN(), SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}

// Indices returns the exact hourly indices of the fleet serving load, as
// [Indices] with zero errors and point intervals, the type a Monte Carlo
// run returns: LOLEHours = Σ_h P(available < load_h), EUEMWh = Σ_h
// E[max(0, load_h − available)], LOLP = LOLEHours/hours and NEUEPPM = EUE
// over the load energy in parts per million. The indices that need
// chronology (LOLEDays, LOLF, LOLDHours, PAnyShortfall) are NaN. Per
// series (one "year" of its length), not rescaled. Cost O(Hours + States):
// each hour needs only a lookup into the cumulative tables, and sums over
// hours are exact, so the result does not depend on summation order.
func (t *COPT) Indices(load []float64) (Indices, error) {
	if !t.built() {
		return Indices{}, errNotBuilt
	}
	if err := validateLoad(load); err != nil {
		return Indices{}, errorf("%w", err)
	}
	var lole, eue, energy montecarlo.ExactSum
	for _, l := range load {
		j := t.below(l)
		lole.Add(t.cumP[j])
		eue.Add(max(0, l*t.cumP[j]-t.cumPA[j]))
		energy.Add(l)
	}
	return coptIndices(lole.Float64(), eue.Float64(), energy.Float64(), len(load)), nil
}

// coptIndices completes the exact indices of a series of hours from its
// LOLE, EUE and load energy.
func coptIndices(lole, eue, energy float64, hours int) Indices {
	x := Indices{
		LOLEHours: exact(lole), LOLEDays: notGiven, LOLF: notGiven, LOLDHours: notGiven,
		EUEMWh: exact(eue), NEUEPPM: exact(0), LOLP: exact(lole / float64(hours)), PAnyShortfall: notGiven,
	}
	if energy > 0 {
		x.NEUEPPM = exact(eue / energy * 1e6)
	}
	return x
}

// LOLEDailyPeak returns Σ_d P(available < peak load of day d), days/yr,
// over the ⌈Hours/24⌉ days of load (the last possibly partial): the
// classic daily-peak LOLE, which a chronological simulation does not give.
func (t *COPT) LOLEDailyPeak(load []float64) (float64, error) {
	if !t.built() {
		return 0, errNotBuilt
	}
	if err := validateLoad(load); err != nil {
		return 0, errorf("%w", err)
	}
	var daily montecarlo.ExactSum
	peak := 0.0
	for h, l := range load {
		peak = max(peak, l)
		if h%24 == 23 || h == len(load)-1 {
			daily.Add(t.LOLP(peak))
			peak = 0
		}
	}
	return daily.Float64(), nil
}

// IndicesLFU returns the exact indices, as [COPT.Indices] does, under load
// forecast uncertainty: the whole series scaled by 1+σZ, Z standard
// normal, one draw per year. Each hour's LOLE and EUE terms are integrated
// over the normal density analytically: with d = (a − L)/(σL) for a
// capacity state a and hourly load L,
//
//	P(a < L(1+σZ))          = 1 − Φ(d)
//	E[max(0, L(1+σZ) − a)]  = σL (φ(d) − d (1 − Φ(d)))
//
// summed over the states with their probabilities. LOLP is LOLE/hours,
// and NEUE is EUE over the load energy: E[1+σZ] = 1 (scales below 0,
// Z < −1/σ, are negligible for σ < 1), so the expected energy is the
// series'. Cost O(Hours × States). sigma = 0 gives [COPT.Indices]; sigma
// must lie in [0, 1), as [System.LFUSigma] does.
func (t *COPT) IndicesLFU(load []float64, sigma float64) (Indices, error) {
	if !t.built() {
		return Indices{}, errNotBuilt
	}
	if err := validateLoad(load); err != nil {
		return Indices{}, errorf("%w", err)
	}
	if !(sigma >= 0 && sigma < 1) {
		return Indices{}, errorf("lfu: sigma = %v, want in [0, 1)", sigma)
	}
	if sigma == 0 {
		return t.Indices(load)
	}
	// Only states of non-zero probability contribute. cp and cpa are their
	// prefix sums of p and p·a, for the states far below the load.
	var as, ps []float64
	for j, p := range t.prob {
		if p > 0 {
			as = append(as, t.availMW[j])
			ps = append(ps, p)
		}
	}
	cp := make([]float64, len(as)+1)
	cpa := make([]float64, len(as)+1)
	for j := range as {
		cp[j+1] = cp[j] + ps[j]
		cpa[j+1] = cpa[j] + ps[j]*as[j]
	}
	// With d = (a − l)/(σl): for d < −dLow, 1 − Φ(d) = 1 and φ(d) = 0 to
	// within 1e-23 relative, so those states add p to the LOLE term and
	// p·(l − a) to the EUE term, from the prefix sums. For d > dHigh both
	// 1 − Φ(d) and φ(d) are below 1e-30, so larger states add nothing.
	const dLow, dHigh = 10, 12
	var lole, eue montecarlo.ExactSum
	for _, l := range load {
		if l == 0 {
			continue
		}
		sl := sigma * l
		first := sort.SearchFloat64s(as, l-dLow*sl) // first state with d >= −dLow
		pl := cp[first]
		el := l*cp[first] - cpa[first]
		for j := first; j < len(as); j++ {
			d := (as[j] - l) / sl
			if d > dHigh {
				break
			}
			tail := variate.PhiExact(-d) // 1 − Φ(d)
			phi := math.Exp(-0.5*d*d) / math.Sqrt(2*math.Pi)
			pl += ps[j] * tail
			el += ps[j] * sl * max(0, phi-d*tail)
		}
		lole.Add(pl)
		eue.Add(el)
	}
	// The load energy is summed in order, in floating point, as it always
	// was under LFU; an exact sum (as in Indices) would move NEUE in its
	// last bits, a change of published numbers for another commit.
	energy := 0.0
	for _, l := range load {
		energy += l
	}
	return coptIndices(lole.Float64(), eue.Float64(), energy, len(load)), nil
}
