package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/csvtab"
	"github.com/carveout/carveout/study"
)

// The economics of the Pakistan 2025 scenario, for hourly economic
// dispatch (merit order within interface limits and fuel budgets) and
// the carve-out's cost, subsidy and emissions: economics.csv (each
// technology's fuel group, fuel cost, variable O&M and CO₂), the econ.*,
// tariff.* and fx.* rows of parameters.csv, and the hydel energy of
// monthly_energy.csv. Each fleet unit takes its technology's (or its own
// row's) marginal cost, CO₂ intensity and fuel group ([priceFleet]), and
// the scenario its tariffs, exchange rate and value of lost load
// ([econData.studyEconomics]); the fuel budgets and the LNG shock, as
// energy sent out, are [PakistanBudgets] ([econData.studyBudgets]).
// Sources and judgements: pakistan2025/README.md, section Economics.

// econData is the economics of the Pakistan 2025 scenario.
type econData struct {
	// Tech is the cost and emissions of each fleet.csv technology: its
	// row of economics.csv with an empty fleet_row.
	Tech map[string]techCost
	// Rows holds the economics.csv rows that replace their technology's
	// row for one fleet.csv row, by that row's name.
	Rows map[string]techCost
	// Budgets are the energy-limited fuels' monthly budgets, by fuel
	// group: rlng, coal_thar and hydro.
	Budgets map[string]fuelBudget
	// Money holds the tariffs, capacity payments, exchange rate and
	// value of lost load.
	Money econMoney
	// Gas converts gas volumes to heat, with the RLNG sensitivities.
	Gas gasConv
	// Shock is the LNG supply shock option (a judgement).
	Shock lngShock
}

// techCost is one row of economics.csv.
type techCost struct {
	// Technology is the fleet.csv technology the row prices.
	Technology string
	// FleetRow is the fleet.csv row the row replaces its technology's
	// default for, or "" for the default.
	FleetRow string
	// FuelGroup is the fuel (rlng, gas_local, coal_imported, coal_thar,
	// furnace_oil, bagasse, nuclear, hydro, wind, solar): the key of
	// fuel budgets and of capacity payments by fuel.
	FuelGroup string
	// Efficiency is the net efficiency on the net calorific value (LHV),
	// a fraction; 0 where nothing is burnt.
	Efficiency float64
	// FuelRsPerKWh is the fuel cost per kWh sent out, with its low and
	// high ends, and the month it is of (FuelAsOf, "2025-07").
	FuelRsPerKWh, FuelLowRsPerKWh, FuelHighRsPerKWh float64
	FuelAsOf                                        string
	// VOMRsPerKWh is the variable operation and maintenance cost.
	VOMRsPerKWh float64
	// MarginalRsPerKWh is the short-run marginal cost, fuel + VO&M.
	MarginalRsPerKWh float64
	// CO2KgPerTJ is the fuel's combustion factor (IPCC 2006, per TJ of
	// net calorific value); 0 for no combustion and for biogenic CO₂.
	CO2KgPerTJ float64
	// CO2TPerMWh is the direct CO₂ per MWh sent out: CO2KgPerTJ × 3.6
	// GJ/MWh ÷ Efficiency.
	CO2TPerMWh float64
	// Source and Judgement say where the numbers come from and what is
	// judged.
	Source, Judgement string
}

// fuelBudget is an energy-limited fuel's budget for each month of the
// scenario year.
type fuelBudget struct {
	// FuelGroup is the economics.csv fuel group the budget limits.
	FuelGroup string
	// Heat says what Monthly counts: fuel heat in GJ of net calorific
	// value, which a unit burns at 3.6/Efficiency GJ per MWh (true), or
	// electric MWh sent out (false).
	Heat bool
	// Monthly is the budget of each month, January first.
	Monthly [12]float64
	// Source says where the budget comes from.
	Source string
}

// econMoney holds the money parameters, in rupees.
type econMoney struct {
	// FXRsPerUSD is the exchange rate (fx.pkr_per_usd).
	FXRsPerUSD float64
	// TariffRsPerKWh is the carve-out's tariff (tariff.rs_per_kwh).
	TariffRsPerKWh float64
	// PPPRsPerKWh is the FY26 national average power purchase price;
	// PPPCapacityRsPerKWh and PPPEnergyRsPerKWh are the capacity and
	// energy parts of the ex-WAPDA DISCOs' price.
	PPPRsPerKWh, PPPCapacityRsPerKWh, PPPEnergyRsPerKWh float64
	// BaseTariffRsPerKWh is the FY26 uniform base tariff.
	BaseTariffRsPerKWh float64
	// CapacityRs is the FY25 capacity payments, CapacityShare their
	// share of the power purchase cost, and CapacityByFuelRs their split
	// by fuel group (and other_thermal, hydro_re).
	CapacityRs       float64
	CapacityShare    float64
	CapacityByFuelRs map[string]float64
	// VOLLRsPerKWh is the value of lost load (a judgement), with its
	// low and high ends.
	VOLLRsPerKWh, VOLLLowRsPerKWh, VOLLHighRsPerKWh float64
}

// gasConv converts gas volumes to heat.
type gasConv struct {
	// MMBtuPerMMCF is the gross heat content of a million cubic feet.
	MMBtuPerMMCF float64
	// GCVPerNCV is the ratio of gross to net calorific value.
	GCVPerNCV float64
	// RLNGContractMMCFD and RLNGWinterMMCFD are the sensitivities: RLNG
	// contracted for power, and a winter diversion case for Dec and Jan.
	RLNGContractMMCFD, RLNGWinterMMCFD float64
}

// gjPerMMBtu is the gigajoules in a million British thermal units.
const gjPerMMBtu = 1.055056

// heatGJ returns the net heat, GJ, of mmcfd million cubic feet a day for
// days days.
func (g gasConv) heatGJ(mmcfd, days float64) float64 {
	return mmcfd * days * g.MMBtuPerMMCF * gjPerMMBtu / g.GCVPerNCV
}

// lngShock is a 2022-type LNG supply shock: cargoes lost for some
// months.
type lngShock struct {
	// RatePerYear is the expected number of shocks a year.
	RatePerYear float64
	// CutMMCFD is the RLNG to power lost while a shock lasts, with its
	// low and high ends.
	CutMMCFD, CutLowMMCFD, CutHighMMCFD float64
	// DurationMonths is how long a shock lasts.
	DurationMonths float64
	// ThermalMWOut is the scale of the Apr 2022 shock in MW of thermal
	// plant out for fuel (context).
	ThermalMWOut float64
}

// cost returns the economics of a fleet.csv row: its own economics.csv
// row if it has one, else its technology's.
func (e *econData) cost(technology, fleetRow string) (techCost, bool) {
	if c, ok := e.Rows[fleetRow]; ok && c.Technology == technology {
		return c, true
	}
	c, ok := e.Tech[technology]
	return c, ok
}

// rsPerKWh is the number of rupees per MWh in one rupee per kWh.
const rsPerKWh = 1000

// priceFleet gives each unit of fleet (fleet.csv rows) its marginal
// cost (fuel + VO&M, Rs/MWh), CO₂ intensity (t/MWh) and fuel group from
// econ.
func priceFleet(fleet []study.FleetUnit, econ *econData) error {
	for i := range fleet {
		u := &fleet[i]
		c, ok := econ.cost(u.Technology, u.Name)
		if !ok {
			return &input.CSVError{File: "economics.csv", Err: fmt.Errorf("no row prices fleet.csv row %q (technology %q)", u.Name, u.Technology)}
		}
		// Rounded to a milli-rupee per MWh, so that a cost prints as
		// it reads in economics.csv (14.50 + 0.61 Rs/kWh = 15,110 Rs/MWh).
		u.CostPerMWh = math.Round(c.MarginalRsPerKWh*rsPerKWh*1000) / 1000
		u.CO2TPerMWh, u.Fuel = c.CO2TPerMWh, c.FuelGroup
	}
	return nil
}

// studyEconomics returns the scenario document's economics: rupee
// prices per MWh, each with the parameters.csv key it comes from.
func (e *econData) studyEconomics() *study.Economics {
	m := e.Money
	src := func(key string) string {
		return "scenarios/pakistan2025/parameters.csv " + key + " (its source column gives the source)"
	}
	return &study.Economics{
		Currency:             "PKR",
		PerUSD:               m.FXRsPerUSD,
		TariffPerMWh:         m.TariffRsPerKWh * rsPerKWh,
		PurchasePricePerMWh:  m.PPPRsPerKWh * rsPerKWh,
		ConsumerTariffPerMWh: m.BaseTariffRsPerKWh * rsPerKWh,
		VOLLPerMWh:           m.VOLLRsPerKWh * rsPerKWh,
		Sources: map[string]string{
			"per_usd":                 src("fx.pkr_per_usd"),
			"tariff_per_mwh":          src("tariff.rs_per_kwh"),
			"purchase_price_per_mwh":  src("tariff.fy26_power_purchase_price_rs_per_kwh"),
			"consumer_tariff_per_mwh": src("tariff.fy26_base_tariff_rs_per_kwh"),
			"voll_per_mwh":            src("econ.voll.rs_per_kwh") + "; a judgement",
		},
	}
}

// studyBudgets returns the scenario document's fuel budgets, as energy
// sent out, and the LNG supply shock. RLNG's heat converts to MWh at the
// efficiency of economics.csv's gas_ccgt_rlng row, the H-class trains,
// which run first among the RLNG units in merit order and could burn
// the whole budget.
func (e *econData) studyBudgets() ([]study.FuelBudget, []study.FuelShock, error) {
	h, ok := e.Tech["gas_ccgt_rlng"]
	if !ok || !(h.Efficiency > 0) {
		return nil, nil, &input.CSVError{File: "economics.csv", Err: fmt.Errorf("no gas_ccgt_rlng row with an efficiency, to convert the RLNG budget to MWh")}
	}
	mwhPerGJ := h.Efficiency / gjPerMWh
	conv := fmt.Sprintf("; heat converted to MWh sent out at efficiency %v (economics.csv gas_ccgt_rlng, the H-class trains)", h.Efficiency)
	var out []study.FuelBudget
	for _, g := range []string{"hydro", "coal_thar", "rlng"} {
		b, ok := e.Budgets[g]
		if !ok {
			continue
		}
		fb := study.FuelBudget{Fuel: g, Source: "scenarios/pakistan2025: " + b.Source}
		for m, x := range b.Monthly {
			if b.Heat {
				x *= mwhPerGJ
			}
			fb.MonthlyMWh[m] = x
		}
		if b.Heat {
			fb.Source += conv
		}
		out = append(out, fb)
	}
	s := e.Shock
	d := math.Round(s.DurationMonths)
	if d < 1 || d != s.DurationMonths {
		return nil, nil, fmt.Errorf("econ.shock.lng.duration_months = %v, want a whole number of months", s.DurationMonths)
	}
	shock := study.FuelShock{Fuel: "rlng", RatePerYear: s.RatePerYear, DurationMonths: int(d),
		CutMWhPerMonth: e.Gas.heatGJ(s.CutMMCFD, float64(daysPerYear)/12) * mwhPerGJ,
		Source:         "scenarios/pakistan2025/parameters.csv econ.shock.lng.* (judgements; see its source column)" + conv}
	return out, []study.FuelShock{shock}, nil
}

// gjPerMWh is the heat of a MWh, GJ; daysPerYear the days of a common
// year, whose twelfth is a shock's average month.
const (
	gjPerMWh    = 3.6
	daysPerYear = 365
)

// readEconomics reads the embedded economics of the Pakistan 2025
// scenario.
func readEconomics() (*econData, error) {
	e, err := readEconomicsIn(dataFS)
	if err != nil {
		return nil, fmt.Errorf("scenarios: pakistan-2025 economics: %w", err)
	}
	return e, nil
}

// readEconomicsIn reads the economics from the tables of fsys; an error
// in a table is an [*input.CSVError] naming it, the line and the column.
func readEconomicsIn(fsys fs.FS) (*econData, error) {
	p, err := readParamsIn(fsys)
	if err != nil {
		return nil, err
	}
	e := &econData{}
	if e.Tech, e.Rows, err = readTechCosts(fsys); err != nil {
		return nil, err
	}
	if e.Money, err = readMoney(p); err != nil {
		return nil, err
	}
	if e.Gas, err = readGas(p); err != nil {
		return nil, err
	}
	if e.Shock, err = readShock(p); err != nil {
		return nil, err
	}
	if e.Budgets, err = readBudgets(fsys, p, e.Gas); err != nil {
		return nil, err
	}
	groups := map[string]bool{}
	for _, c := range e.Tech {
		groups[c.FuelGroup] = true
	}
	for _, c := range e.Rows {
		groups[c.FuelGroup] = true
	}
	for g := range e.Budgets {
		if !groups[g] {
			return nil, &input.CSVError{File: "economics.csv", Err: fmt.Errorf("no row burns fuel group %q, which has a budget", g)}
		}
	}
	return e, nil
}

// fleetTech is a fleet.csv row's technology and line.
type fleetTech struct {
	technology string
	line       int
}

// readFleetTechs reads each fleet.csv row's technology, by row name.
func readFleetTechs(fsys fs.FS) (map[string]fleetTech, []string, error) {
	rows := map[string]fleetTech{}
	var techs []string
	err := eachRowIn(fsys, "fleet.csv", []string{"name", "technology"}, func(t *csvtab.Table) error {
		tech := t.String("technology")
		if _, dup := rows[t.String("name")]; !dup {
			rows[t.String("name")] = fleetTech{tech, t.Line()}
		}
		if !slices.Contains(techs, tech) {
			techs = append(techs, tech)
		}
		return nil
	})
	return rows, techs, err
}

// economicsCols are the columns of economics.csv.
var economicsCols = []string{"technology", "fleet_row", "fuel_group", "efficiency", "fuel_rs_per_kwh",
	"fuel_low_rs_per_kwh", "fuel_high_rs_per_kwh", "fuel_as_of", "vom_rs_per_kwh", "co2_kg_per_tj",
	"co2_t_per_mwh", "source", "judgement"}

// co2Tolerance is how far co2_t_per_mwh may be from co2_kg_per_tj × 3.6 ÷
// efficiency: half its last digit, as written to three decimals.
const co2Tolerance = 0.0005 + 1e-12

func nonNegative(x float64) string {
	if !(x >= 0) || math.IsInf(x, 0) {
		return ">= 0 and finite"
	}
	return ""
}

// readTechCosts reads economics.csv against fleet.csv: every fleet
// technology needs a default row, and a row for one fleet row must name
// a row of that technology.
func readTechCosts(fsys fs.FS) (tech, rows map[string]techCost, err error) {
	fleet, techs, err := readFleetTechs(fsys)
	if err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	for _, x := range techs {
		known[x] = true
	}
	tech, rows = map[string]techCost{}, map[string]techCost{}
	type factor struct {
		kg   float64
		line int
	}
	factors := map[string]factor{}
	err = eachRowIn(fsys, "economics.csv", economicsCols, func(t *csvtab.Table) error {
		c := techCost{Technology: t.String("technology"), FleetRow: t.String("fleet_row"), FuelGroup: t.String("fuel_group"),
			FuelAsOf: t.String("fuel_as_of"), Source: t.String("source"), Judgement: t.String("judgement")}
		if !known[c.Technology] {
			return t.CellError("technology", fmt.Errorf("technology %q is in no fleet.csv row", c.Technology))
		}
		for _, col := range []string{"fuel_group", "fuel_as_of"} {
			if t.String(col) == "" {
				return t.CellError(col, input.Field(col, `""`, "not empty"))
			}
		}
		if c.Source == "" && c.Judgement == "" {
			return t.CellError("source", errors.New("a row needs a source or a judgement"))
		}
		if s := t.String("efficiency"); s != "" {
			eff, err := t.Float("efficiency", func(x float64) string {
				if !(x > 0 && x < 1) {
					return "in (0, 1), or empty where nothing is burnt"
				}
				return ""
			})
			if err != nil {
				return err
			}
			c.Efficiency = eff
		}
		v, err := t.Floats([]string{"fuel_rs_per_kwh", "fuel_low_rs_per_kwh", "fuel_high_rs_per_kwh",
			"vom_rs_per_kwh", "co2_kg_per_tj", "co2_t_per_mwh"}, nonNegative)
		if err != nil {
			return err
		}
		c.FuelRsPerKWh, c.FuelLowRsPerKWh, c.FuelHighRsPerKWh = v[0], v[1], v[2]
		c.VOMRsPerKWh, c.CO2KgPerTJ, c.CO2TPerMWh = v[3], v[4], v[5]
		c.MarginalRsPerKWh = c.FuelRsPerKWh + c.VOMRsPerKWh
		if !(c.FuelLowRsPerKWh <= c.FuelRsPerKWh && c.FuelRsPerKWh <= c.FuelHighRsPerKWh) {
			return t.CellError("fuel_rs_per_kwh", fmt.Errorf("fuel cost %v outside its range %v-%v", c.FuelRsPerKWh, c.FuelLowRsPerKWh, c.FuelHighRsPerKWh))
		}
		want := 0.0
		switch {
		case c.Efficiency > 0:
			want = c.CO2KgPerTJ * 3.6e-3 / c.Efficiency / 1000
		case c.CO2KgPerTJ > 0:
			return t.CellError("efficiency", fmt.Errorf("co2_kg_per_tj %v needs an efficiency", c.CO2KgPerTJ))
		}
		if math.Abs(c.CO2TPerMWh-want) > co2Tolerance {
			return t.CellError("co2_t_per_mwh", input.Field("co2_t_per_mwh", c.CO2TPerMWh,
				fmt.Sprintf("%.3f = co2_kg_per_tj %v x 3.6 GJ/MWh / efficiency %v", want, c.CO2KgPerTJ, c.Efficiency)))
		}
		if f, ok := factors[c.FuelGroup]; !ok {
			factors[c.FuelGroup] = factor{c.CO2KgPerTJ, t.Line()}
		} else if f.kg != c.CO2KgPerTJ {
			return t.CellError("co2_kg_per_tj", fmt.Errorf("fuel group %q has %v kg/TJ here and %v on line %d", c.FuelGroup, c.CO2KgPerTJ, f.kg, f.line))
		}
		if c.FleetRow == "" {
			if _, dup := tech[c.Technology]; dup {
				return t.CellError("technology", fmt.Errorf("technology %q has a second default row", c.Technology))
			}
			tech[c.Technology] = c
			return nil
		}
		f, ok := fleet[c.FleetRow]
		switch {
		case !ok:
			return t.CellError("fleet_row", fmt.Errorf("fleet row %q is not in fleet.csv", c.FleetRow))
		case f.technology != c.Technology:
			return t.CellError("fleet_row", fmt.Errorf("fleet row %q is %s (fleet.csv line %d), not %s", c.FleetRow, f.technology, f.line, c.Technology))
		}
		if _, dup := rows[c.FleetRow]; dup {
			return t.CellError("fleet_row", fmt.Errorf("fleet row %q has a second row", c.FleetRow))
		}
		rows[c.FleetRow] = c
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, x := range techs {
		if _, ok := tech[x]; !ok {
			line := 0
			for _, f := range fleet {
				if f.technology == x && (line == 0 || f.line < line) {
					line = f.line
				}
			}
			return nil, nil, &input.CSVError{File: "economics.csv",
				Err: fmt.Errorf("no row (with an empty fleet_row) for technology %q of fleet.csv line %d", x, line)}
		}
	}
	return tech, rows, nil
}

// positive reads the number under key, which must be > 0 and finite.
func (p params) positive(key string) (float64, error) {
	x, err := p.num(key)
	if err != nil {
		return 0, err
	}
	if !(x > 0) || math.IsInf(x, 0) {
		e := *p[key].cell
		e.Err = input.Field(key, x, "> 0 and finite")
		return 0, &e
	}
	return x, nil
}

// positives reads several keys with [params.positive].
func (p params) positives(keys ...string) ([]float64, error) {
	out := make([]float64, len(keys))
	for i, k := range keys {
		v, err := p.positive(k)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// span reads the "low-high" range under key and checks that it holds
// mid.
func (p params) span(key string, mid float64) (lo, hi float64, err error) {
	v, ok := p[key]
	if !ok {
		return 0, 0, &input.CSVError{File: "parameters.csv", Err: fmt.Errorf("key %q missing", key)}
	}
	a, b, cut := strings.Cut(v.value, "-")
	lo, err1 := csvtab.ParseFloat(a)
	hi, err2 := csvtab.ParseFloat(b)
	if !cut || err1 != nil || err2 != nil || !(0 < lo && lo <= mid && mid <= hi) || math.IsInf(hi, 0) {
		e := *v.cell
		e.Err = input.Field(key, strconv.Quote(v.value), fmt.Sprintf("low-high, 0 < low <= %v <= high", mid))
		return 0, 0, &e
	}
	return lo, hi, nil
}

// capacityFuels are the keys of the FY25 capacity payments by fuel:
// economics.csv fuel groups, and the rest of the thermal fleet and hydro
// with renewables.
var capacityFuels = []string{"coal_imported", "nuclear", "coal_thar", "rlng", "gas_local", "other_thermal", "hydro_re"}

// rsPerBn is rupees in a billion rupees.
const rsPerBn = 1e9

func readMoney(p params) (econMoney, error) {
	var m econMoney
	v, err := p.positives("fx.pkr_per_usd", "tariff.rs_per_kwh", "tariff.fy26_power_purchase_price_rs_per_kwh",
		"tariff.fy26_ppp_capacity_rs_per_kwh", "tariff.fy26_ppp_energy_rs_per_kwh", "tariff.fy26_base_tariff_rs_per_kwh",
		"econ.capacity.fy25_rs_bn", "econ.capacity.fy25_share", "econ.voll.rs_per_kwh")
	if err != nil {
		return m, err
	}
	m.FXRsPerUSD, m.TariffRsPerKWh, m.PPPRsPerKWh = v[0], v[1], v[2]
	m.PPPCapacityRsPerKWh, m.PPPEnergyRsPerKWh, m.BaseTariffRsPerKWh = v[3], v[4], v[5]
	m.CapacityRs, m.CapacityShare, m.VOLLRsPerKWh = v[6]*rsPerBn, v[7], v[8]
	if m.CapacityShare >= 1 {
		e := *p["econ.capacity.fy25_share"].cell
		e.Err = input.Field("econ.capacity.fy25_share", m.CapacityShare, "in (0, 1)")
		return m, &e
	}
	if m.VOLLLowRsPerKWh, m.VOLLHighRsPerKWh, err = p.span("econ.voll.rs_per_kwh_range", m.VOLLRsPerKWh); err != nil {
		return m, err
	}
	m.CapacityByFuelRs = map[string]float64{}
	for _, f := range capacityFuels {
		x, err := p.positive("econ.capacity.fy25_rs_bn." + f)
		if err != nil {
			return m, err
		}
		m.CapacityByFuelRs[f] = x * rsPerBn
	}
	return m, nil
}

func readGas(p params) (gasConv, error) {
	v, err := p.positives("econ.fuel.gas_mmbtu_per_mmcf", "econ.fuel.gas_gcv_per_ncv",
		"econ.fuel.rlng_contract_mmcfd", "econ.fuel.rlng_winter_mmcfd")
	if err != nil {
		return gasConv{}, err
	}
	return gasConv{MMBtuPerMMCF: v[0], GCVPerNCV: v[1], RLNGContractMMCFD: v[2], RLNGWinterMMCFD: v[3]}, nil
}

func readShock(p params) (lngShock, error) {
	var s lngShock
	v, err := p.positives("econ.shock.lng.rate_per_year", "econ.shock.lng.cut_mmcfd",
		"econ.shock.lng.duration_months", "econ.shock.lng.thermal_mw_out")
	if err != nil {
		return s, err
	}
	s.RatePerYear, s.CutMMCFD, s.DurationMonths, s.ThermalMWOut = v[0], v[1], v[2], v[3]
	if s.DurationMonths > 12 {
		e := *p["econ.shock.lng.duration_months"].cell
		e.Err = input.Field("econ.shock.lng.duration_months", s.DurationMonths, "<= 12")
		return s, &e
	}
	s.CutLowMMCFD, s.CutHighMMCFD, err = p.span("econ.shock.lng.cut_mmcfd_range", s.CutMMCFD)
	return s, err
}

// monthDays returns the days of each month of year.
func monthDays(year int) [12]float64 {
	var d [12]float64
	for m := range d {
		d[m] = float64(time.Date(year, time.Month(m+2), 0, 0, 0, 0, 0, time.UTC).Day())
	}
	return d
}

// mwhPerGWh converts GWh to MWh.
const mwhPerGWh = 1000

// readBudgets reads the monthly budgets of RLNG (heat, from the monthly
// MMCFD of parameters.csv), Thar lignite (MWh, from the mines' annual
// output spread over the days of the year) and hydro (MWh, the FY25
// hydel energy of monthly_energy.csv).
func readBudgets(fsys fs.FS, p params, g gasConv) (map[string]fuelBudget, error) {
	year, err := p.num("scenario.year")
	if err != nil {
		return nil, err
	}
	if year != math.Trunc(year) || year < 1900 || year > 2200 {
		e := *p["scenario.year"].cell
		e.Err = input.Field("scenario.year", year, "a year")
		return nil, &e
	}
	days := monthDays(int(year))
	yearDays := 0.0
	for _, d := range days {
		yearDays += d
	}
	rlng := fuelBudget{FuelGroup: "rlng", Heat: true,
		Source: "parameters.csv econ.fuel.rlng_mmcfd.*, converted at econ.fuel.gas_mmbtu_per_mmcf and econ.fuel.gas_gcv_per_ncv"}
	for m, mo := range monthCols {
		x, err := p.positive("econ.fuel.rlng_mmcfd." + mo)
		if err != nil {
			return nil, err
		}
		rlng.Monthly[m] = g.heatGJ(x, days[m])
	}
	v, err := p.positives("econ.fuel.thar_block1_mt_per_year", "econ.fuel.thar_block2_mt_per_year", "econ.fuel.thar_t_per_mwh")
	if err != nil {
		return nil, err
	}
	thar := fuelBudget{FuelGroup: "coal_thar",
		Source: "parameters.csv econ.fuel.thar_block1_mt_per_year + thar_block2_mt_per_year / thar_t_per_mwh, spread over the days of the year"}
	annual := (v[0] + v[1]) * 1e6 / v[2]
	for m := range thar.Monthly {
		thar.Monthly[m] = annual * days[m] / yearDays
	}
	hydro := fuelBudget{FuelGroup: "hydro", Source: "monthly_energy.csv hydro_gwh (FY25 hydel by calendar month)"}
	var seen [12]bool
	err = eachRowIn(fsys, "monthly_energy.csv", []string{"month", "hydro_gwh"}, func(t *csvtab.Table) error {
		m, err := t.Int("month", 1, 12)
		if err != nil {
			return err
		}
		if seen[m-1] {
			return t.CellError("month", fmt.Errorf("month %d repeated", m))
		}
		seen[m-1] = true
		gwh, err := t.Float("hydro_gwh", func(x float64) string {
			if !(x > 0) || math.IsInf(x, 0) {
				return "> 0 and finite"
			}
			return ""
		})
		hydro.Monthly[m-1] = gwh * mwhPerGWh
		return err
	})
	if err != nil {
		return nil, err
	}
	for m, ok := range seen {
		if !ok {
			return nil, &input.CSVError{File: "monthly_energy.csv", Err: fmt.Errorf("no row for month %d", m+1)}
		}
	}
	return map[string]fuelBudget{"rlng": rlng, "coal_thar": thar, "hydro": hydro}, nil
}

// PakistanBudgets returns the Pakistan 2025 scenario's monthly fuel
// budgets (hydro, Thar lignite, RLNG) as energy sent out, and its LNG
// supply shock, for [study.Scenario.FuelBudgets] and
// [study.Scenario.FuelShocks].
func PakistanBudgets() ([]study.FuelBudget, []study.FuelShock, error) {
	e, err := readEconomics()
	if err != nil {
		return nil, nil, err
	}
	return e.studyBudgets()
}
