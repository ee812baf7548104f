package study

import (
	"fmt"
	"slices"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

// compileCost compiles the economic dispatch of a scenario with
// economics: the merit order of the study's network (a copper plate is
// one zone of every unit), the fuels and prices the accounting reports.
// It leaves st.cost nil without economics.
func (st *Study) compileCost(units []grid.Unit) error {
	e := st.sc.Economics
	if e == nil {
		return nil
	}
	var net *grid.Network
	if st.z != nil {
		net = st.z.net
	} else {
		plate := slices.Clone(units)
		for i := range plate {
			plate[i].Zone = grid.PlateZone
		}
		var err error
		if net, err = grid.NewNetwork([]string{grid.PlateZone}, plate, st.sc.Classes, nil, st.hours); err != nil {
			return fmt.Errorf("study: scenario: economics: %w", err)
		}
	}
	d, err := grid.NewDispatch(net)
	if err != nil {
		return fmt.Errorf("study: scenario: economics: %w", err)
	}
	cs := &costSpec{econ: *e, fuels: d.Fuels(), prices: d.Prices(), disp: d, plate: st.z == nil}
	for k := range d.Tiers() {
		_, _, _, fuel, _ := d.TierInfo(k)
		cs.tierFuel = append(cs.tierFuel, slices.Index(cs.fuels, fuel))
	}
	st.cost = cs
	return nil
}

// costWorker is a worker's scratch memory for the dispatch pass.
type costWorker struct {
	av         *grid.NetworkAvailability // the copper plate's own; a zonal study's is the zones'
	dw         *grid.DispatchWorker
	base, with *grid.DispatchTotals
	load       []float64 // each zone's load in the hour
	// shares are each zone's share of the other customers' load in
	// each month (a copper plate's one zone takes it all).
	shares [12][]float64
	curt   []curtailment
	// baseMonthCost and baseMonthMWh are the baseline's cost and
	// energy dispatched in each month of the trial.
	baseMonthCost, baseMonthMWh [12]float64
	out                         costOutcome
}

// cancelHours is how many hours a dispatch pass runs between checks of
// [montecarlo.Trial.Cancelled] (a month's hours take well under a
// millisecond).
const cancelHours = 720

// curtailment is the carve-out load curtailed in one hour of the main
// case.
type curtailment struct {
	h  int32
	mw float64
}

func (st *Study) newCostWorker(zonalAv *grid.NetworkAvailability) (*costWorker, error) {
	cs := st.cost
	cw := &costWorker{av: zonalAv}
	if cs.plate {
		var err error
		if cw.av, err = cs.disp.Network().NewAvailability(); err != nil {
			return nil, err
		}
	}
	var err error
	if cw.dw, err = cs.disp.NewWorker(cw.av); err != nil {
		return nil, err
	}
	cw.base, cw.with = cs.disp.NewTotals(), cs.disp.NewTotals()
	cw.load = make([]float64, len(cs.disp.Network().Zones()))
	for m := range cw.shares {
		cw.shares[m] = make([]float64, len(cw.load))
		for k := range cw.load {
			if st.z == nil {
				cw.shares[m][k] = 1
			} else {
				cw.shares[m][k] = st.z.share[k][m]
			}
		}
	}
	n, p := len(cs.fuels), len(cs.prices)
	cw.out = costOutcome{baseFuel: make([]float64, n), withFuel: make([]float64, n), fuelCO2: make([]float64, n),
		baseHours: make([]int64, p+2), withHours: make([]int64, p+2)}
	return cw, nil
}

// sampleCost draws a copper plate's trial t again on the dispatch's
// one-zone network (the same streams, so the same outages) and prepares
// the dispatch; a zonal study's availability is sampled already.
func (w *worker) sampleCost(t montecarlo.Trial) error {
	cw := w.cost
	if w.st.cost.plate {
		cw.av.Sample(t, w.sample.ThermalFactor, w.heatSpans())
	}
	return cw.dw.Prepare()
}

// monthEnd returns the end of the run of hours of the same month as
// hour a in months.
func monthEnd(months []int8, a int) int {
	b := a + 1
	for b < len(months) && months[b] == months[a] {
		b++
	}
	return b
}

// dispatchBase dispatches every hour of the trial without the
// carve-out, once for all its cases, keeping each month's cost and
// energy.
func (w *worker) dispatchBase(t montecarlo.Trial) error {
	st, cw := w.st, w.cost
	cw.base.Reset()
	load := w.sample.Load
	if w.bud != nil {
		// The baseline's fuel-budget schedule, which the adequacy
		// already withholds from the zones (a copper plate's own network
		// takes it here, for the rest of the trial).
		if err := w.budgetDispatch(nil); err != nil {
			return err
		}
		if st.z == nil {
			c := cw.av.Capacity(0)
			for h, x := range w.budW0 {
				c[h] -= x
			}
		}
	}
	months := st.months[:len(load)]
	dl := cw.load
	var lastCost, lastMWh float64
	cw.baseMonthCost, cw.baseMonthMWh = [12]float64{}, [12]float64{}
	for a := 0; a < len(load); {
		// The month's hours: each zone's load is its share of the
		// other customers' (a copper plate's one zone takes it all:
		// l·1 is l).
		m := months[a]
		b := monthEnd(months, a)
		sh := cw.shares[m][:len(dl)]
		for h := a; h < b; h++ {
			if h%cancelHours == 0 && t.Cancelled() {
				return montecarlo.ErrCancelled
			}
			l := load[h]
			for k := range dl {
				dl[k] = sh[k] * l
			}
			if err := cw.dw.Hour(h, dl, 1, cw.base); err != nil {
				return err
			}
		}
		if b < len(load) {
			cw.base.Flush()
		}
		// A horizon of several years comes back to each month: its
		// years add up.
		cw.baseMonthCost[m] += cw.base.Cost - lastCost
		cw.baseMonthMWh[m] += cw.base.EnergyMWh - lastMWh
		lastCost, lastMWh = cw.base.Cost, cw.base.EnergyMWh
		a = b
	}
	return nil
}

// dispatchCase dispatches every hour of the trial with case c, whose
// hourly curtailments the scoring recorded in w.cost.curt, and fills
// w.cost.out against the baseline [worker.dispatchBase] dispatched. The
// carve-out's load in an hour is what the case asks for less what it
// curtailed; a shortfall is shared out by the dispatch's own settlement,
// which is the adequacy model's.
func (w *worker) dispatchCase(t montecarlo.Trial, c *caseSpec) error {
	st, cw := w.st, w.cost
	cs := st.cost
	o := &cw.out
	cw.with.Reset()
	load := w.sample.Load
	if w.bud != nil {
		// The case's schedule, and what it withholds beyond the
		// baseline's taken from the zones while it is dispatched.
		if err := w.budgetDispatch(c); err != nil {
			return err
		}
		if w.budHas[c.idx] {
			w.budgetCapacity(c, -1)
			defer w.budgetCapacity(c, +1)
		}
	}
	months := st.months[:len(load)]
	dl := cw.load
	zonal := st.z != nil
	var lastCost, lastMWh float64
	o.monthCost, o.monthMWh = [12]float64{}, [12]float64{}
	ci := 0
	for a := 0; a < len(load); {
		m := months[a]
		b := monthEnd(months, a)
		sh := cw.shares[m][:len(dl)]
		for h := a; h < b; h++ {
			if h%cancelHours == 0 && t.Cancelled() {
				return montecarlo.ErrCancelled
			}
			carve := w.carveMW(c, h)
			if ci < len(cw.curt) && int(cw.curt[ci].h) == h {
				carve -= cw.curt[ci].mw
				ci++
			}
			carve = max(carve, 0)
			l := load[h]
			for k := range dl {
				dl[k] = sh[k] * l
			}
			if zonal {
				for k, s := range c.site {
					dl[k] += s * carve
				}
			} else {
				dl[0] += carve
			}
			if err := cw.dw.Hour(h, dl, 1, cw.with); err != nil {
				return err
			}
		}
		if b < len(load) {
			cw.with.Flush()
		}
		// The month's cost and energy dispatched, its years added.
		o.monthCost[m] += cw.with.Cost - lastCost
		o.monthMWh[m] += cw.with.EnergyMWh - lastMWh
		lastCost, lastMWh = cw.with.Cost, cw.with.EnergyMWh
		a = b
	}
	// Each month's change: with the carve-out less without.
	for m := range o.monthCost {
		o.monthCost[m] -= cw.baseMonthCost[m]
		o.monthMWh[m] -= cw.baseMonthMWh[m]
	}
	b, x := cw.base, cw.with
	o.baseCost, o.withCost, o.baseCO2, o.withCO2 = b.Cost, x.Cost, b.CO2T, x.CO2T
	copy(o.baseFuel, b.FuelMWh)
	copy(o.withFuel, x.FuelMWh)
	clear(o.fuelCO2)
	for k := range cs.disp.Tiers() {
		_, _, co2, _, _ := cs.disp.TierInfo(k)
		if co2 != 0 {
			o.fuelCO2[cs.tierFuel[k]] += co2 * (x.TierMWh(k) - b.TierMWh(k))
		}
	}
	np := len(cs.prices)
	copy(o.baseHours, b.HoursAtPrice)
	copy(o.withHours, x.HoursAtPrice)
	o.baseHours[np], o.baseHours[np+1] = b.IdleHours, b.ShortHours
	o.withHours[np], o.withHours[np+1] = x.IdleHours, x.ShortHours
	o.strandedMWh = 0
	for k, p := range cs.prices {
		if p < cs.econ.TariffPerMWh {
			o.strandedMWh += x.PriceMWh[k] - b.PriceMWh[k]
		}
	}
	return nil
}

// setCost copies into p the cost measures of the case just dispatched,
// of outcome o.
func (p *point) setCost(c *costOutcome, o *outcome, e *Economics) {
	p.src = c.withCost - c.baseCost
	p.co2 = c.withCO2 - c.baseCO2
	p.served = o.servedMWh
	p.margin = e.TariffPerMWh*o.servedMWh - p.src
	p.stranded = c.strandedMWh
}
