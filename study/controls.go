package study

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// Control variates (Scenario.VarianceReduction = "control-variates").
//
// A control is a function of the trial's demand draws whose mean is known
// exactly; the headline indices are adjusted by their regression on the
// controls (the classical regression estimator of control variates):
//
//	θ̂ = ȳ − β̂ᵀ(c̄ − μ),  β̂ = S_cc⁻¹ s_cy,
//
// with μ the exact means, S_cc the sample covariance of the controls and
// s_cy their covariance with the index. The variance removed is the share
// of the index's variance the controls explain linearly.
//
// The controls are, for each zone (the whole system on a copper plate),
// the hours in which the zone's load exceeds what could possibly reach
// it — every unit in the zone up at its class's factor of the hour, and
// every interface into the zone up in full — and the energy above that
// limit. In such an hour the zone is short whatever the outages, so the
// controls capture the part of the shortfall that the load alone decides
// (in Pakistan's scenario, K-Electric's draw above its 1,600 MW link at
// winter peaks). Their means are sums over hours of demand.Marginal's
// exact tail of one hour's load. A zone whose limit the load exceeds with
// expected hours below minControlHours a trial gives no control.

// minControlHours is the least expected number of hours a trial in which a
// zone's load exceeds its supply limit for the zone to give controls.
const minControlHours = 1e-9

// cvResponses names the indices adjusted by the controls, in the order of
// cvAcc's responses.
var cvResponses = [...]string{"baseline_lole_h", "baseline_eue_mwh", "others_lole_h", "others_eue_mwh",
	"delta_lole_h", "delta_eue_mwh", "causes"}

// cvSpec is a study's compiled controls.
type cvSpec struct {
	names []string      // of each control: two per zone kept, hours then MWh
	zones []string      // the zone of each pair ("" on a copper plate)
	share [][12]float64 // each pair's zone share of the national load by month
	limit [][]float64   // each pair's supply limit by hour, MW
	mean  []float64     // the exact mean of each control
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
	return cv, nil
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
// national load of each hour.
func (cv *cvSpec) controlValues(load []float64, months []int8, out []float64) {
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

// cvAcc accumulates the exact sums behind the control-variate estimates:
// the controls' sums and cross products, the responses' sums and squares,
// and each response's products with each control.
type cvAcc struct {
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
	r := len(cvResponses)
	return &cvAcc{C: make([]montecarlo.ExactSum, k), CC: make([]montecarlo.ExactSum, k*(k+1)/2),
		Y: make([]montecarlo.ExactSum, r), YY: make([]montecarlo.ExactSum, r), YC: make([]montecarlo.ExactSum, r*k)}
}

func (a *cvAcc) add(c, y []float64) {
	a.N++
	p := 0
	for k, x := range c {
		a.C[k].Add(x)
		for _, z := range c[k:] {
			a.CC[p].Add(x * z)
			p++
		}
	}
	for j, v := range y {
		a.Y[j].Add(v)
		a.YY[j].Add(v * v)
		for k, x := range c {
			a.YC[j*len(c)+k].Add(v * x)
		}
	}
}

func (a *cvAcc) merge(o *cvAcc) error {
	if len(a.C) != len(o.C) || len(a.CC) != len(o.CC) || len(a.Y) != len(o.Y) || len(a.YY) != len(o.YY) || len(a.YC) != len(o.YC) {
		return fmt.Errorf("control_variates: states of different shapes")
	}
	a.N += o.N
	for _, p := range [][2][]montecarlo.ExactSum{{a.C, o.C}, {a.CC, o.CC}, {a.Y, o.Y}, {a.YY, o.YY}, {a.YC, o.YC}} {
		for i := range p[0] {
			p[0][i].Merge(&p[1][i])
		}
	}
	return nil
}

// check checks a decoded accumulator against the study's shape and done
// trials.
func (a *cvAcc) check(k int, done int64) error {
	ref := newCVAcc(k)
	for _, f := range []struct {
		name      string
		got, want int
	}{{"c", len(a.C), len(ref.C)}, {"cc", len(a.CC), len(ref.CC)}, {"y", len(a.Y), len(ref.Y)},
		{"yy", len(a.YY), len(ref.YY)}, {"yc", len(a.YC), len(ref.YC)}} {
		if f.got != f.want {
			return input.Field("control_variates."+f.name, fmt.Sprintf("%d sums", f.got), fmt.Sprintf("%d", f.want))
		}
	}
	if err := checkN("control_variates", a.N, done); err != nil {
		return err
	}
	for _, s := range [][]montecarlo.ExactSum{a.C, a.CC, a.Y, a.YY, a.YC} {
		for i := range s {
			if !s[i].IsFinite() {
				return input.Field("control_variates", "a sum that is not finite", "finite sums (every value a trial records is finite)")
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
	// Adjusted is the regression estimate ȳ − β̂ᵀ(c̄ − μ), with its
	// standard error from the residual variance (n − p − 1 degrees of
	// freedom, p the controls used) and the uncertainty of β̂.
	Adjusted montecarlo.Estimate `json:"adjusted"`
	// VarianceReduction is the sample variance of the index over the
	// residual variance after the controls: the factor by which the
	// controls shorten the run needed for a given precision.
	VarianceReduction float64 `json:"variance_reduction"`
	// EffectiveTrials is the trials times VarianceReduction: the crude
	// trials that would give the same precision.
	EffectiveTrials float64 `json:"effective_trials"`
}

// finalize estimates every response from the sums.
func (a *cvAcc) finalize(cv *cvSpec) *ControlVariateResult {
	res := &ControlVariateResult{Method: "regression on control variates with exactly computed means " +
		"(per zone: hours and MWh of load above the zone's supply limit)"}
	n := float64(a.N)
	k := len(a.C)
	cm := make([]float64, k)
	for i := range cm {
		cm[i] = a.C[i].Float64() / n
	}
	// Covariances of the controls (population, divided by n).
	scc := make([][]float64, k)
	p := 0
	for i := range scc {
		scc[i] = make([]float64, k)
	}
	for i := range k {
		for j := i; j < k; j++ {
			v := a.CC[p].Float64()/n - cm[i]*cm[j]
			scc[i][j], scc[j][i] = v, v
			p++
		}
	}
	for i, name := range cv.names {
		v := scc[i][i] * n / max(n-1, 1)
		res.Controls = append(res.Controls, ControlReport{Name: name, ExactMean: cv.mean[i],
			SampleMean: montecarlo.NormalEstimate(cm[i], math.Sqrt(max(v, 0)/n))})
	}
	used := independentControls(scc)
	for j, name := range cvResponses {
		ym := a.Y[j].Float64() / n
		syy := a.YY[j].Float64()/n - ym*ym
		sy := make([]float64, k)
		for i := range k {
			sy[i] = a.YC[j*k+i].Float64()/n - ym*cm[i]
		}
		crude := montecarlo.NormalEstimate(ym, math.Sqrt(max(syy, 0)/max(n-1, 1)))
		beta, quad := regress(scc, sy, used, cm, cv.mean)
		resid := syy
		adj := ym
		for _, i := range used {
			resid -= beta[i] * sy[i]
			adj -= beta[i] * (cm[i] - cv.mean[i])
		}
		resid = max(resid, 0)
		dof := n - float64(len(used)) - 1
		idx := AdjustedIndex{Name: name, Crude: crude, VarianceReduction: math.NaN(), EffectiveTrials: math.NaN()}
		if dof > 0 {
			s2 := resid * n / dof
			idx.Adjusted = montecarlo.NormalEstimate(adj, math.Sqrt(s2/n*(1+quad)))
			if s2 > 0 {
				idx.VarianceReduction = syy * n / max(n-1, 1) / s2
				idx.EffectiveTrials = n * idx.VarianceReduction
			}
		} else {
			idx.Adjusted = montecarlo.NormalEstimate(adj, math.NaN())
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
// for the others) and dᵀS⁻¹d for d = c̄ − μ, the term of the adjusted
// mean's variance due to the uncertainty of β.
func regress(scc [][]float64, sy []float64, used []int, cm, mu []float64) (beta []float64, quad float64) {
	beta = make([]float64, len(scc))
	if len(used) == 0 {
		return beta, 0
	}
	l, _ := cholesky(scc, used)
	solve := func(b []float64) []float64 {
		m := len(used)
		z := make([]float64, m)
		for i := range m {
			s := b[i]
			for k := range i {
				s -= l[i][k] * z[k]
			}
			z[i] = s / l[i][i]
		}
		x := make([]float64, m)
		for i := m - 1; i >= 0; i-- {
			s := z[i]
			for k := i + 1; k < m; k++ {
				s -= l[k][i] * x[k]
			}
			x[i] = s / l[i][i]
		}
		return x
	}
	b := make([]float64, len(used))
	d := make([]float64, len(used))
	for i, u := range used {
		b[i], d[i] = sy[u], cm[u]-mu[u]
	}
	x := solve(b)
	for i, u := range used {
		beta[u] = x[i]
	}
	y := solve(d)
	for i := range d {
		quad += d[i] * y[i]
	}
	return beta, quad
}
