package study

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
	"github.com/carveout/carveout/montecarlo"
)

// Control variates (Scenario.VarianceReduction = "control-variates").
//
// A control is a function of the trial's draws whose mean is known
// exactly; the headline indices are adjusted by their regression on the
// controls (the regression estimator of control variates, cross-fitted:
// see cvAcc.finalize):
//
//	θ̂ = ȳ − β̂ᵀ(c̄ − μ),  β̂ = S_cc⁻¹ s_cy,
//
// with μ the exact means, S_cc the sample covariance of the controls and
// s_cy their covariance with the index. The variance removed is the share
// of the index's variance the controls explain linearly.
//
// The load controls are, for each zone (the whole system on a copper plate),
// the hours in which the zone's load exceeds what could possibly reach
// it — every unit in the zone up at its class's factor of the hour, and
// every interface into the zone up in full — and the energy above that
// limit. In such an hour the zone is short whatever the outages, so the
// controls capture the part of the shortfall that the load alone decides
// (in Pakistan's scenario, K-Electric's draw above its 1,600 MW link at
// winter peaks). Their means are sums over hours of demand.Marginal's
// exact tail of one hour's load. A zone whose limit the load exceeds with
// expected hours below minControlHours a trial gives no control.
//
// The outage controls (outageProxy) take out the part the outages decide
// given the load: a copper plate's shortfall, without and with the main
// case's carve-out, in MWh and in hours, on a proxy of the fleet that
// draws the trial's outages, less its expectation given the trial's
// demand and mining draws, computed from the proxy's capacity outage
// probability table. Their means are 0.

// minControlHours is the least expected number of hours a trial in which a
// zone's load exceeds its supply limit for the zone to give controls.
const minControlHours = 1e-9

// cvResponses names the indices adjusted by the controls, in the order of
// cvAcc's responses.
var cvResponses = [...]string{"baseline_lole_h", "baseline_eue_mwh", "others_lole_h", "others_eue_mwh",
	"delta_lole_h", "delta_eue_mwh", "causes"}

// cvSpec is a study's compiled controls.
type cvSpec struct {
	names []string      // of each control: two per zone kept, hours then MWh, then the outage controls
	zones []string      // the zone of each pair ("" on a copper plate)
	share [][12]float64 // each pair's zone share of the national load by month
	limit [][]float64   // each pair's supply limit by hour, MW
	mean  []float64     // the exact mean of each control
	out   *outageProxy  // the outage controls' proxy fleet; nil without
}

// compileControls returns the study's controls when the scenario asks
// for them, nil otherwise.
func (st *Study) compileControls() (*cvSpec, error) {
	d := &st.sc
	if d.VarianceReduction != ControlVariates {
		return nil, nil
	}
	g, err := demand.New(d.Demand, st.hours)
	if err != nil {
		return nil, fmt.Errorf("study: scenario: demand: %w", err)
	}
	mg := g.Marginal()
	zones := []string{""}
	if st.z != nil {
		zones = st.z.names
	}
	limits := supplyLimits(d, zones, st.months)
	cv := &cvSpec{}
	for k, name := range zones {
		var share [12]float64
		for m := range share {
			share[m] = 1
			if st.z != nil {
				share[m] = st.z.share[k][m]
			}
		}
		hours, mwh := 0.0, 0.0
		for h, lim := range limits[k] {
			s := share[st.months[h]]
			if s == 0 {
				continue
			}
			p, e := mg.Tail(h, lim/s)
			hours += p
			mwh += s * e
		}
		if hours < minControlHours {
			continue
		}
		label := "system"
		if name != "" {
			label = name
		}
		cv.names = append(cv.names, label+": hours above supply limit", label+": MWh above supply limit")
		cv.mean = append(cv.mean, hours, mwh)
		cv.zones = append(cv.zones, name)
		cv.share = append(cv.share, share)
		cv.limit = append(cv.limit, limits[k])
	}
	var err2 error
	if cv.out, err2 = newOutageProxy(d, g.Base()); err2 != nil {
		return nil, err2
	}
	if cv.out != nil {
		cv.names = append(cv.names, outageControlNames[:]...)
		cv.mean = append(cv.mean, 0, 0, 0, 0)
	}
	return cv, nil
}

// outageControlNames name the outage controls, in the order of
// outageProxy.values.
var outageControlNames = [...]string{
	"copper plate: carve-out's unserved MWh, less its mean given the load",
	"copper plate: unserved MWh, less its mean given the load",
	"copper plate: carve-out's short hours, less their mean given the load",
	"copper plate: short hours, less their mean given the load",
}

// outageProxy is the fleet behind the outage controls: every unit at a
// fixed weight (its capacity times its class's factor in the month of
// the base's highest load, rounded to a whole MW), drawing the same
// outages from the same streams as in the trial, so that its available
// capacity C_h follows the trial's outages, with a distribution in every
// hour that its capacity outage probability table gives exactly. Each
// control is Σ_h [f(L_h, C_h + δ_h) − E f(L_h, C + δ_h)] for a copper
// plate's shortfall f, δ_h shifting C to the real fleet's expected
// capacity in hour h's month and hour of day, in a heat wave or not (the
// heat-wave hours are demand draws, independent of the outages); its
// mean is 0 given any demand draws.
type outageProxy struct {
	units []grid.Unit
	copt  *grid.COPT
	// mw, cumP and cumPA are the table's capacity levels (ascending, MW)
	// and, for each j, Σ_{i<j} P(level i) and Σ_{i<j} P(level i)·level i:
	// P(C < x) and E[max(x − C, 0)] from one index per level x.
	mw, cumP, cumPA []float64
	shift           [12][24][2]float64 // δ by month, hour of day and heat wave (1) or not, MW
	step            float64            // the table's step, MW
	dense           bool               // level j is j·step for every j
	// floor is a level below which the table's probability of capacity
	// below it is under minProxyProb: hours whose loads lie below it add
	// their draws but no expectation.
	floor float64
}

// newOutageProxy builds the outage controls' proxy fleet, or nil when
// it would have no capacity.
func newOutageProxy(d *Scenario, base []float64) (*outageProxy, error) {
	peak := 0
	for h, b := range base {
		if b > base[peak] {
			peak = h
		}
	}
	pm := hourcal.MonthOfHour(peak)
	classes := map[string]*grid.Class{}
	for i := range d.Classes {
		classes[d.Classes[i].Name] = &d.Classes[i]
	}
	// factor returns a class's factor in month m at hour of day hd, or
	// its mean over the day for hd < 0, in a heat wave or not.
	theta := 1 - d.Demand.HeatWave.ThermalDerate
	factor := func(name string, m, hd int, heat bool) float64 {
		c := classes[name]
		if c == nil {
			return 1
		}
		f := 1.0
		if len(c.Monthly) == 12 {
			f = c.Monthly[m]
		}
		if len(c.Profile) == 12 {
			if hd >= 0 {
				f *= c.Profile[m][hd]
			} else {
				s := 0.0
				for _, v := range c.Profile[m] {
					s += v
				}
				f *= s / 24
			}
		}
		if heat && c.HeatDerate {
			f *= theta
		}
		return f
	}
	p := &outageProxy{}
	var meanC float64
	var meanActual [12][24][2]float64
	for _, fu := range d.Fleet {
		u := fu.Unit
		n := float64(max(u.Count, 1))
		forced := u.MTTRHours / (u.MTTFHours + u.MTTRHours)
		pfor := 0.0
		if u.DeratedMW > 0 {
			pfor = u.PartialMTTRHours / (u.PartialMTTFHours + u.PartialMTTRHours)
		}
		for m := range meanActual {
			for hd := range meanActual[m] {
				for hw := range meanActual[m][hd] {
					meanActual[m][hd][hw] += n * (1 - forced) * factor(u.Class, m, hd, hw == 1) * (u.CapacityMW - pfor*u.DeratedMW)
				}
			}
		}
		f := factor(u.Class, pm, -1, false)
		w := math.Round(u.CapacityMW * f)
		if w <= 0 {
			continue
		}
		der := math.Round(u.DeratedMW * f)
		pu := grid.Unit{Name: u.Name, Count: u.Count, CapacityMW: w, MTTFHours: u.MTTFHours, MTTRHours: u.MTTRHours}
		if der > 0 && der < w {
			pu.DeratedMW, pu.PartialMTTFHours, pu.PartialMTTRHours = der, u.PartialMTTFHours, u.PartialMTTRHours
		} else {
			pfor = 0
		}
		p.units = append(p.units, pu)
		meanC += n * (1 - forced) * (pu.CapacityMW - pfor*pu.DeratedMW)
	}
	if len(p.units) == 0 {
		return nil, nil
	}
	var err error
	if p.copt, err = grid.NewCOPT(p.units); err != nil {
		return nil, fmt.Errorf("study: control variates: %w", err)
	}
	for m := range p.shift {
		for hd := range p.shift[m] {
			for hw := range p.shift[m][hd] {
				p.shift[m][hd][hw] = meanActual[m][hd][hw] - meanC
			}
		}
	}
	n := p.copt.States()
	p.mw, p.cumP, p.cumPA = make([]float64, n), make([]float64, n+1), make([]float64, n+1)
	for j := range n {
		mw, pr := p.copt.Capacity(j)
		p.mw[j] = mw
		p.cumP[j+1] = p.cumP[j] + pr
		p.cumPA[j+1] = p.cumPA[j] + pr*mw
	}
	for j := range n {
		if p.cumP[j+1] >= minProxyProb {
			break
		}
		p.floor = p.mw[j]
	}
	p.step = p.copt.StepMW()
	p.dense = true
	for j, mw := range p.mw {
		if mw != float64(j)*p.step {
			p.dense = false
			break
		}
	}
	return p, nil
}

// minProxyProb is the probability of the proxy fleet's capacity falling
// below a level under which an hour's expected shortfall counts as 0:
// it adds at most 1e-15 to an hour's expected short hours and 1e-15 times
// the load to its expected unserved MWh, so at most about 1e-11 h and
// 1e-6 MWh to a year's controls on a grid of tens of gigawatts.
const minProxyProb = 1e-15

// tail returns P(C < x) and E[max(x − C, 0)] from the table, for x
// above the floor.
func (p *outageProxy) tail(x float64) (prob, short float64) {
	n := len(p.mw)
	j := n
	if x <= p.mw[n-1] {
		// The levels below x: on a dense table (level j = j·step, as the
		// table's levels are) ⌈x/step⌉ exactly but for rounding, which
		// the loops mend.
		j = max(0, min(int(math.Ceil(x/p.step)), n-1))
		if !p.dense || (j > 0 && p.mw[j-1] >= x) || p.mw[j] < x {
			for j > 0 && p.mw[j-1] >= x {
				j--
			}
			for j < n && p.mw[j] < x {
				j++
			}
		}
	}
	return p.cumP[j], max(0, x*p.cumP[j]-p.cumPA[j])
}

// proxyWorker is one worker's sampler of the proxy fleet.
type proxyWorker struct {
	sim  *grid.Simulator
	path grid.Path
}

func (p *outageProxy) newWorker(hours int) (*proxyWorker, error) {
	sim, err := grid.NewSimulator(p.units, hours)
	if err != nil {
		return nil, fmt.Errorf("study: control variates: %w", err)
	}
	return &proxyWorker{sim: sim}, nil
}

// values draws trial t's proxy capacity and fills out with the four
// outage controls for the national load.
//
// The carve-out's load in hour h is the main case's request before any
// curtailment: its AI load of the hour of day plus its miners' (from
// the trial's mining path when they follow one), which, like the demand,
// is drawn independently of the outages.
func (p *outageProxy) values(t montecarlo.Trial, pw *proxyWorker, c *caseSpec, miners []float64, load []float64, heat []bool, months []int8, out []float64) {
	pw.sim.Path(t, &pw.path)
	steps := pw.path.Steps
	var de, e0, dh, h0 float64
	s := 0
	for h, l := range load {
		for s+1 < len(steps) && steps[s+1].Hour <= h {
			s++
		}
		sh := p.shift[months[h]][h%24][b2i(heat[h])]
		k := c.aiMW[h%24] + c.minerMW
		if miners != nil {
			k = c.aiMW[h%24] + miners[h]
		}
		cap := steps[s].AvailableMW + sh
		hi := l + k
		if hi > cap {
			de += hi - max(l, cap)
			dh++
			if l > cap {
				e0 += l - cap
				dh--
				h0++
			}
		}
		if x := hi - sh; x > p.floor {
			ph, eh := p.tail(x)
			pl, el := 0.0, 0.0
			if l-sh > p.floor {
				pl, el = p.tail(l - sh)
			}
			de -= eh - el
			e0 -= el
			dh -= ph - pl
			h0 -= pl
		}
	}
	out[0], out[1], out[2], out[3] = de, e0, dh, h0
}

// supplyLimits returns, for each zone (one entry, the system, when zones
// is {""}), the most power that could reach it in each hour: its units'
// capacity with every unit up, at its class's factor of the hour, plus
// the full capacity of every interface element into it.
func supplyLimits(d *Scenario, zones []string, months []int8) [][]float64 {
	idx := map[string]int{}
	for k, z := range zones {
		idx[z] = k
	}
	classes := map[string]int{}
	for i, c := range d.Classes {
		classes[c.Name] = i
	}
	out := make([][]float64, len(zones))
	for k := range out {
		out[k] = make([]float64, len(months))
	}
	for _, u := range d.Fleet {
		k := 0
		if len(zones) > 1 || zones[0] != "" {
			k = idx[u.Zone]
		}
		n := float64(max(u.Count, 1))
		for h, m := range months {
			f := 1.0
			if u.Class != "" {
				c := &d.Classes[classes[u.Class]]
				if len(c.Monthly) == 12 {
					f *= c.Monthly[m]
				}
				if len(c.Profile) == 12 {
					f *= c.Profile[m][h%24]
				}
			}
			out[k][h] += n * u.CapacityMW * f
		}
	}
	for _, in := range d.Interfaces {
		for _, e := range in.Elements {
			n := float64(max(e.Count, 1))
			if k, ok := idx[in.To]; ok && in.To != "" {
				for h := range out[k] {
					out[k][h] += n * e.ForwardMW
				}
			}
			if k, ok := idx[in.From]; ok && in.From != "" {
				for h := range out[k] {
					out[k][h] += n * e.BackwardMW
				}
			}
		}
	}
	return out
}

// controlValues fills out with the trial's value of each control from the
// national load of each hour and, for the outage controls, trial t's
// draws of the proxy fleet.
func (cv *cvSpec) controlValues(t montecarlo.Trial, pw *proxyWorker, c *caseSpec, miners []float64, load []float64, heat []bool, months []int8, out []float64) {
	if cv.out != nil {
		cv.out.values(t, pw, c, miners, load, heat, months, out[len(out)-len(outageControlNames):])
	}
	for k, lim := range cv.limit {
		share := &cv.share[k]
		hours, mwh := 0.0, 0.0
		for h, l := range load {
			if x := share[months[h]]*l - lim[h]; x > 0 {
				hours++
				mwh += x
			}
		}
		out[2*k], out[2*k+1] = hours, mwh
	}
}

// cvResponseValues fills y with the main case's value of each index of
// cvResponses in trial o.
func cvResponseValues(o *outcome, y *[len(cvResponses)]float64) {
	causes := 0.0
	if o.causes() {
		causes = 1
	}
	y[0], y[1] = float64(o.base.Hours), o.base.UnservedMWh
	y[2], y[3] = float64(o.others.Hours), o.others.UnservedMWh
	y[4], y[5], y[6] = o.deltaLOLE(), o.deltaEUE(), causes
}

// cvAcc accumulates the exact sums behind the control-variate estimates,
// separately for the trials of even and of odd global index (the two
// halves of the cross-fitted estimator, see finalize).
type cvAcc struct {
	Halves [2]cvSums `json:"halves"`
}

// cvSums are one half's sums: the controls' sums and cross products, the
// responses' sums and squares, and each response's products with each
// control.
type cvSums struct {
	N int64 `json:"n"`
	// C, CC: Σ c_k and Σ c_k·c_l for k ≤ l (row by row).
	C  []montecarlo.ExactSum `json:"c"`
	CC []montecarlo.ExactSum `json:"cc"`
	// Y, YY, YC: Σ y_j, Σ y_j², and Σ y_j·c_k (response by response).
	Y  []montecarlo.ExactSum `json:"y"`
	YY []montecarlo.ExactSum `json:"yy"`
	YC []montecarlo.ExactSum `json:"yc"`
}

// newCVAcc returns an empty accumulator for k controls.
func newCVAcc(k int) *cvAcc {
	a := &cvAcc{}
	for i := range a.Halves {
		a.Halves[i] = newCVSums(k)
	}
	return a
}

func newCVSums(k int) cvSums {
	r := len(cvResponses)
	return cvSums{C: make([]montecarlo.ExactSum, k), CC: make([]montecarlo.ExactSum, k*(k+1)/2),
		Y: make([]montecarlo.ExactSum, r), YY: make([]montecarlo.ExactSum, r), YC: make([]montecarlo.ExactSum, r*k)}
}

// add records trial's controls c and responses y in its half.
func (a *cvAcc) add(trial int64, c, y []float64) {
	h := &a.Halves[trial&1]
	h.N++
	p := 0
	for k, x := range c {
		h.C[k].Add(x)
		for _, z := range c[k:] {
			h.CC[p].Add(x * z)
			p++
		}
	}
	for j, v := range y {
		h.Y[j].Add(v)
		h.YY[j].Add(v * v)
		for k, x := range c {
			h.YC[j*len(c)+k].Add(v * x)
		}
	}
}

func (a *cvAcc) merge(o *cvAcc) error {
	for i := range a.Halves {
		x, y := &a.Halves[i], &o.Halves[i]
		if len(x.C) != len(y.C) || len(x.CC) != len(y.CC) || len(x.Y) != len(y.Y) || len(x.YY) != len(y.YY) || len(x.YC) != len(y.YC) {
			return fmt.Errorf("control_variates: states of different shapes")
		}
		x.N += y.N
		for _, p := range [][2][]montecarlo.ExactSum{{x.C, y.C}, {x.CC, y.CC}, {x.Y, y.Y}, {x.YY, y.YY}, {x.YC, y.YC}} {
			for i := range p[0] {
				p[0][i].Merge(&p[1][i])
			}
		}
	}
	return nil
}

// check checks a decoded accumulator against the study's shape and the
// trials done from global trial start.
func (a *cvAcc) check(k int, start, done int64) error {
	ref := newCVSums(k)
	for i := range a.Halves {
		h := &a.Halves[i]
		path := fmt.Sprintf("control_variates.halves[%d]", i)
		for _, f := range []struct {
			name      string
			got, want int
		}{{"c", len(h.C), len(ref.C)}, {"cc", len(h.CC), len(ref.CC)}, {"y", len(h.Y), len(ref.Y)},
			{"yy", len(h.YY), len(ref.YY)}, {"yc", len(h.YC), len(ref.YC)}} {
			if f.got != f.want {
				return input.Field(path+"."+f.name, fmt.Sprintf("%d sums", f.got), fmt.Sprintf("%d", f.want))
			}
		}
		// Trials start … start+done−1 of parity i.
		first := start + (int64(i)-start%2+2)%2
		want := int64(0)
		if first < start+done {
			want = (start + done - first + 1) / 2
		}
		if err := checkN(path, h.N, want); err != nil {
			return err
		}
		for _, s := range [][]montecarlo.ExactSum{h.C, h.CC, h.Y, h.YY, h.YC} {
			for i := range s {
				if !s[i].IsFinite() {
					return input.Field(path, "a sum that is not finite", "finite sums (every value a trial records is finite)")
				}
			}
		}
	}
	return nil
}

// ControlVariateResult is the report's account of the control variates:
// the controls with their exact and sampled means, and each headline
// index estimated crude and adjusted, with the variance reduction
// measured on the run's own trials.
type ControlVariateResult struct {
	// Method describes the estimator.
	Method string `json:"method"`
	// Controls lists the controls in use.
	Controls []ControlReport `json:"controls"`
	// Indices are the adjusted headline indices, in the order baseline
	// LOLE (h) and EUE (MWh), the other customers' LOLE and EUE with
	// the carve-out, ΔLOLE, ΔEUE and the probability that a year has
	// carve-out-caused shedding.
	Indices []AdjustedIndex `json:"indices"`
}

// ControlReport is one control: its name, its mean computed exactly and
// its sample mean (which should agree within a few standard errors).
type ControlReport struct {
	Name       string              `json:"name"`
	ExactMean  float64             `json:"exact_mean"`
	SampleMean montecarlo.Estimate `json:"sample_mean"`
}

// AdjustedIndex is one headline index estimated by crude Monte Carlo and
// with control variates.
type AdjustedIndex struct {
	// Name is the index ("baseline_lole_h", "delta_eue_mwh", ...).
	Name string `json:"name"`
	// Crude is the plain sample mean with its standard error.
	Crude montecarlo.Estimate `json:"crude"`
	// Adjusted is the regression estimate, cross-fitted: the trials of
	// even and of odd index are each adjusted with the coefficients
	// fitted on the other half, θ_a = ȳ_a − β̂_bᵀ(c̄_a − μ), and averaged;
	// its standard error comes from each half's residuals about the other
	// half's coefficients, so that coefficients fitted to a few rare
	// trials show as a larger error rather than a smaller one.
	Adjusted montecarlo.Estimate `json:"adjusted"`
	// VarianceReduction is the sample variance of the index over the
	// residual variance after the controls: the factor by which the
	// controls shorten the run needed for a given precision. It is NaN
	// (null in JSON) when it cannot be measured: no residual variance, or
	// fewer than two trials in a half.
	VarianceReduction float64 `json:"variance_reduction"`
	// EffectiveTrials is the trials times VarianceReduction: the crude
	// trials that would give the same precision (NaN, null in JSON, with
	// it).
	EffectiveTrials float64 `json:"effective_trials"`
}

// adjustedIndexJSON is the wire form of an AdjustedIndex: null stands for
// a factor that could not be measured, which JSON cannot carry as NaN.
type adjustedIndexJSON struct {
	Name              string              `json:"name"`
	Crude             montecarlo.Estimate `json:"crude"`
	Adjusted          montecarlo.Estimate `json:"adjusted"`
	VarianceReduction *float64            `json:"variance_reduction"`
	EffectiveTrials   *float64            `json:"effective_trials"`
}

// MarshalJSON writes the index with null for a NaN or infinite factor.
func (a AdjustedIndex) MarshalJSON() ([]byte, error) {
	finite := func(x float64) *float64 {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return &x
	}
	return json.Marshal(adjustedIndexJSON{a.Name, a.Crude, a.Adjusted, finite(a.VarianceReduction), finite(a.EffectiveTrials)})
}

// UnmarshalJSON reads what MarshalJSON writes, null as NaN.
func (a *AdjustedIndex) UnmarshalJSON(b []byte) error {
	var w adjustedIndexJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	nan := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	*a = AdjustedIndex{w.Name, w.Crude, w.Adjusted, nan(w.VarianceReduction), nan(w.EffectiveTrials)}
	return nil
}

// moments are one half's (or the whole run's) means and population
// covariances, from its sums.
type moments struct {
	n    float64
	cm   []float64   // control means
	scc  [][]float64 // control covariances
	ym   []float64   // response means
	syy  []float64   // response variances
	sy   [][]float64 // sy[j][k]: covariance of response j and control k
	used []int       // the controls independent in this half's sample
}

func momentsOf(hs ...*cvSums) *moments {
	k, r := len(hs[0].C), len(hs[0].Y)
	m := &moments{cm: make([]float64, k), scc: make([][]float64, k), ym: make([]float64, r), syy: make([]float64, r), sy: make([][]float64, r)}
	sum := func(get func(h *cvSums) *montecarlo.ExactSum) float64 {
		var t montecarlo.ExactSum
		for _, h := range hs {
			t.Merge(get(h))
		}
		return t.Float64()
	}
	for _, h := range hs {
		m.n += float64(h.N)
	}
	if m.n == 0 {
		return m
	}
	for i := range k {
		m.cm[i] = sum(func(h *cvSums) *montecarlo.ExactSum { return &h.C[i] }) / m.n
		m.scc[i] = make([]float64, k)
	}
	p := 0
	for i := range k {
		for j := i; j < k; j++ {
			v := sum(func(h *cvSums) *montecarlo.ExactSum { return &h.CC[p] })/m.n - m.cm[i]*m.cm[j]
			m.scc[i][j], m.scc[j][i] = v, v
			p++
		}
	}
	for j := range r {
		m.ym[j] = sum(func(h *cvSums) *montecarlo.ExactSum { return &h.Y[j] }) / m.n
		m.syy[j] = sum(func(h *cvSums) *montecarlo.ExactSum { return &h.YY[j] })/m.n - m.ym[j]*m.ym[j]
		m.sy[j] = make([]float64, k)
		for i := range k {
			m.sy[j][i] = sum(func(h *cvSums) *montecarlo.ExactSum { return &h.YC[j*k+i] })/m.n - m.ym[j]*m.cm[i]
		}
	}
	m.used = independentControls(m.scc)
	return m
}

// finalize estimates every response from the sums, cross-fitted: each
// half's mean is adjusted with the regression coefficients of the other
// half, θ_a = ȳ_a − β_bᵀ(c̄_a − μ), so that the coefficients are
// independent of the data they adjust; the estimate is the trial-weighted
// mean of the two, and its variance comes from each half's residuals
// about the other half's coefficients (out of sample, so a regression
// fitted to a few rare trials shows as a large variance, not a small one).
func (a *cvAcc) finalize(cv *cvSpec) *ControlVariateResult {
	res := &ControlVariateResult{Method: "cross-fitted regression on control variates with exactly computed means: " +
		"each half of the trials (even and odd index) adjusted with the other half's coefficients"}
	all := momentsOf(&a.Halves[0], &a.Halves[1])
	half := [2]*moments{momentsOf(&a.Halves[0]), momentsOf(&a.Halves[1])}
	n := all.n
	for i, name := range cv.names {
		v := all.scc[i][i] * n / max(n-1, 1)
		res.Controls = append(res.Controls, ControlReport{Name: name, ExactMean: cv.mean[i],
			SampleMean: montecarlo.NormalEstimate(all.cm[i], math.Sqrt(max(v, 0)/n))})
	}
	var beta [2][][]float64 // beta[h][j]: half h's coefficients for response j
	for h, m := range half {
		beta[h] = make([][]float64, len(cvResponses))
		for j := range cvResponses {
			beta[h][j] = regress(m.scc, m.sy[j], m.used)
		}
	}
	for j, name := range cvResponses {
		crudeVar := all.syy[j] * n / max(n-1, 1)
		idx := AdjustedIndex{Name: name, Crude: montecarlo.NormalEstimate(all.ym[j], math.Sqrt(max(crudeVar, 0)/n)),
			VarianceReduction: math.NaN(), EffectiveTrials: math.NaN()}
		mean, variance := 0.0, 0.0
		ok := true
		for h, m := range half {
			if m.n < 2 {
				ok = false
				break
			}
			b := beta[1-h][j]
			adj, resid := m.ym[j], m.syy[j]
			for k, bk := range b {
				if bk == 0 {
					continue
				}
				adj -= bk * (m.cm[k] - cv.mean[k])
				resid -= 2 * bk * m.sy[j][k]
				for l, bl := range b {
					resid += bk * bl * m.scc[k][l]
				}
			}
			s2 := max(resid, 0) * m.n / (m.n - 1)
			mean += m.n / n * adj
			variance += m.n * s2 / (n * n)
		}
		if !ok {
			idx.Adjusted = montecarlo.NormalEstimate(math.NaN(), math.NaN())
		} else {
			idx.Adjusted = montecarlo.NormalEstimate(mean, math.Sqrt(variance))
			if variance > 0 {
				idx.VarianceReduction = crudeVar / (variance * n)
				idx.EffectiveTrials = n * idx.VarianceReduction
			}
		}
		res.Indices = append(res.Indices, idx)
	}
	return res
}

// independentControls returns the controls to regress on: in order, each
// whose variance left after regressing on the ones kept before it is
// more than 1e-9 of its own (so that none is constant or a linear
// combination of others in the sample).
func independentControls(scc [][]float64) []int {
	var kept []int
	for i := range scc {
		if !(scc[i][i] > 0) {
			continue
		}
		try := append(append([]int(nil), kept...), i)
		if _, ok := cholesky(scc, try); ok {
			kept = try
		}
	}
	return kept
}

// cholesky returns the lower Cholesky factor of scc restricted to idx,
// and false if a pivot falls to 1e-9 of its diagonal entry or below.
func cholesky(scc [][]float64, idx []int) ([][]float64, bool) {
	m := len(idx)
	l := make([][]float64, m)
	for i := range l {
		l[i] = make([]float64, m)
	}
	for i := range m {
		for j := 0; j <= i; j++ {
			s := scc[idx[i]][idx[j]]
			for k := range j {
				s -= l[i][k] * l[j][k]
			}
			if i == j {
				if !(s > 1e-9*scc[idx[i]][idx[i]]) {
					return nil, false
				}
				l[i][i] = math.Sqrt(s)
			} else {
				l[i][j] = s / l[j][j]
			}
		}
	}
	return l, true
}

// regress returns the coefficients β = S⁻¹s over the controls used (zero
// for the others).
func regress(scc [][]float64, sy []float64, used []int) []float64 {
	beta := make([]float64, len(scc))
	if len(used) == 0 {
		return beta
	}
	l, _ := cholesky(scc, used)
	m := len(used)
	z := make([]float64, m)
	for i := range m {
		s := sy[used[i]]
		for k := range i {
			s -= l[i][k] * z[k]
		}
		z[i] = s / l[i][i]
	}
	for i := m - 1; i >= 0; i-- {
		s := z[i]
		for k := i + 1; k < m; k++ {
			s -= l[k][i] * beta[used[k]]
		}
		beta[used[i]] = s / l[i][i]
	}
	return beta
}

// b2i is 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
