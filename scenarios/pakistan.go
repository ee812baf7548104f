package scenarios

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/csvtab"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/study"
)

//go:embed pakistan2025/*.csv pakistan2025/README.md
var pakistanFS embed.FS

// Names returns the names of the built-in scenarios.
func Names() []string { return []string{"pakistan", "pakistan-copperplate", "pakistan-fuel"} }

// Load returns a built-in scenario by name ("pakistan", also
// "pakistan-2025": the zonal scenario; "pakistan-copperplate": the same
// grid as one node; "pakistan-fuel": the zonal scenario with its fuel
// budgets and LNG shock) or reads a scenario JSON document from a file.
func Load(name string) (*study.Scenario, error) {
	switch name {
	case "pakistan", "pakistan-2025", "pakistan2025":
		return Pakistan2025()
	case "pakistan-copperplate", "pakistan-2025-copperplate":
		return Pakistan2025CopperPlate()
	case "pakistan-fuel", "pakistan-2025-fuel":
		return Pakistan2025Fuel()
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %q is neither a built-in scenario (%s) nor a readable file: %w",
			name, strings.Join(Names(), ", "), err)
	}
	defer f.Close()
	sc, err := study.DecodeScenario(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return sc, nil
}

// dataFS is the embedded pakistan2025 folder: the tables by file name.
var dataFS = func() fs.FS {
	sub, err := fs.Sub(pakistanFS, "pakistan2025")
	if err != nil {
		panic("scenarios: " + err.Error()) // a constant, valid path: cannot fail
	}
	return sub
}()

// openTableIn opens the table file of fsys; errors name it by file.
func openTableIn(fsys fs.FS, file string) (*csvtab.Table, error) {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	return csvtab.New(bytes.NewReader(b), file)
}

// eachRow calls row for every data row of the embedded table file, after
// checking that the named columns are present.
func eachRow(file string, cols []string, row func(t *csvtab.Table) error) error {
	return eachRowIn(dataFS, file, cols, row)
}

// eachRowIn is [eachRow] on the table file of fsys.
func eachRowIn(fsys fs.FS, file string, cols []string, row func(t *csvtab.Table) error) error {
	t, err := openTableIn(fsys, file)
	if err != nil {
		return err
	}
	if err := t.Require(cols...); err != nil {
		return err
	}
	for {
		ok, err := t.Next()
		if err != nil || !ok {
			return err
		}
		if err := row(t); err != nil {
			return err
		}
	}
}

var monthCols = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

var hourCols = func() []string {
	h := make([]string, 24)
	for i := range h {
		h[i] = fmt.Sprintf("h%02d", i)
	}
	return h
}()

// Pakistan2025 returns the embedded Pakistan 2025 scenario, zonal: the
// north (Punjab, KP, ICT, AJK), the south (Sindh and Balochistan on the
// NTDC grid) and K-Electric's draw from the national grid, joined by the
// Matiari–Lahore HVDC (two poles), the 500 kV AC corridor with its
// tower-collapse section, and the NTDC–KE interconnection
// (pakistan2025/zones.csv, interfaces.csv and the zone column of
// fleet.csv; sources in pakistan2025/README.md). The main carve-out sits
// in the south; the sweep scores every size and policy at a northern and
// a southern site on the same draws.
func Pakistan2025() (*study.Scenario, error) {
	sc, err := pakistan2025(true)
	if err != nil {
		return nil, fmt.Errorf("scenarios: pakistan-2025: %w", err)
	}
	return sc, nil
}

// Pakistan2025CopperPlate returns the Pakistan 2025 scenario as one node:
// the same fleet, demand and carve-out without zones or transmission
// limits.
func Pakistan2025CopperPlate() (*study.Scenario, error) {
	sc, err := pakistan2025(false)
	if err != nil {
		return nil, fmt.Errorf("scenarios: pakistan-2025-copperplate: %w", err)
	}
	// Its own name: reports of the two scenarios must not look alike.
	sc.Name = "pakistan-2025-copperplate"
	return sc, nil
}

// Pakistan2025Fuel returns the zonal Pakistan 2025 scenario with its
// energy-limited fuels: the monthly budgets of hydro, Thar lignite and
// RLNG and the LNG supply shock of [PakistanBudgets] (see
// study.FuelBudget for how a budget is dispatched). Scheduling the
// budgets makes a trial several times slower than without them.
func Pakistan2025Fuel() (*study.Scenario, error) {
	sc, err := pakistan2025(true)
	if err == nil {
		sc.FuelBudgets, sc.FuelShocks, err = PakistanBudgets()
	}
	if err != nil {
		return nil, fmt.Errorf("scenarios: pakistan-2025-fuel: %w", err)
	}
	sc.Name = "pakistan-2025-fuel"
	return sc, nil
}

// pakistan2025 reads the scenario's tables, with zones or as one node; an
// error in one is an [*input.CSVError] naming the table, line and column.
func pakistan2025(zonal bool) (*study.Scenario, error) {
	p, err := readParams()
	if err != nil {
		return nil, err
	}
	sc := &study.Scenario{
		Name: "pakistan-2025",
		Description: "Pakistan CPPA-G national grid, 2025, served demand, with the 2,000 MW carve-out for " +
			"Bitcoin mining and AI data centres announced on 2025-05-25. Sources: scenarios/pakistan2025/.",
		Hours: grid.HoursPerYear,
		// 100,000 trial-years give P(carve-out causes shedding) to about
		// ±0.12 percentage points (95%).
		Trials: 100000,
		Seed:   20250525,
		Notes: []string{
			"Generation adequacy; loss-based feeder shedding is not modelled (see README).",
			"Demand is served demand (FY25 monthly energy); suppressed demand is a sensitivity, not the default.",
			"Seed 20250525 is the date of the announcement; any seed is as good.",
		},
	}
	if sc.Fleet, err = readFleet(zonal); err != nil {
		return nil, err
	}
	econ, err := readEconomics()
	if err != nil {
		return nil, err
	}
	if err := priceFleet(sc.Fleet, econ); err != nil {
		return nil, err
	}
	sc.Economics = econ.studyEconomics()
	if sc.Classes, err = readClasses(); err != nil {
		return nil, err
	}
	if sc.Demand, err = readDemand(p); err != nil {
		return nil, err
	}
	if sc.Carveout, err = carveout(p); err != nil {
		return nil, err
	}
	sizes := make([]float64, 0, 9)
	for mw := 0.0; mw <= 4000; mw += 500 {
		sizes = append(sizes, mw)
	}
	sc.Sweep = study.Sweep{SizesMW: sizes, Policies: []study.Policy{{Kind: study.Firm}, sc.Carveout.Policy}}
	if zonal {
		if err := zonalPart(sc, p); err != nil {
			return nil, err
		}
	}
	// The main case is firm; it keeps the interruptible frictions
	// (ignored while firm) so that `carveout run -policy interruptible`
	// applies the scenario's notice, compliance and cap.
	sc.Carveout.Policy.Kind = study.Firm
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	return sc, nil
}

// params holds parameters.csv: each key's value and the cell it came
// from, for errors.
type params map[string]param

type param struct {
	value string
	cell  *input.CSVError // the value's cell, its Err to be filled in
}

func readParams() (params, error) { return readParamsIn(dataFS) }

// readParamsIn reads the parameters.csv of fsys.
func readParamsIn(fsys fs.FS) (params, error) {
	p := params{}
	err := eachRowIn(fsys, "parameters.csv", []string{"key", "value"}, func(t *csvtab.Table) error {
		p[t.String("key")] = param{value: t.String("value"), cell: t.CellError("value", nil)}
		return nil
	})
	return p, err
}

// num returns the number under key.
func (p params) num(key string) (float64, error) {
	v, ok := p[key]
	if !ok {
		return 0, &input.CSVError{File: "parameters.csv", Err: fmt.Errorf("key %q missing", key)}
	}
	x, err := csvtab.ParseFloat(v.value)
	if err != nil {
		e := *v.cell
		e.Err = input.Field(key, strconv.Quote(v.value), "a decimal number")
		return 0, &e
	}
	return x, nil
}

// nums reads several keys, stopping at the first error.
func (p params) nums(keys ...string) ([]float64, error) {
	out := make([]float64, len(keys))
	for i, k := range keys {
		v, err := p.num(k)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// readFleet reads fleet.csv, with each unit's zone when zonal.
func readFleet(zonal bool) ([]study.FleetUnit, error) {
	var fleet []study.FleetUnit
	cols := []string{"name", "technology", "class", "source", "capacity_mw", "count", "mttf_h", "mttr_h"}
	if zonal {
		cols = append(cols, "zone")
	}
	err := eachRow("fleet.csv", cols, func(t *csvtab.Table) error {
		u := study.FleetUnit{Technology: t.String("technology"), Source: t.String("source")}
		u.Name, u.Class = t.String("name"), t.String("class")
		if zonal {
			u.Zone = t.String("zone")
		}
		v, err := t.Floats([]string{"capacity_mw", "mttf_h", "mttr_h"}, nil)
		if err != nil {
			return err
		}
		u.CapacityMW, u.MTTFHours, u.MTTRHours = v[0], v[1], v[2]
		if u.Count, err = t.Int("count", 1, grid.MaxUnits); err != nil {
			return err
		}
		if err := u.Unit.Validate(); err != nil {
			var fe *input.FieldError
			errors.As(err, &fe)
			return t.CellError(fe.Path, err)
		}
		fleet = append(fleet, u)
		return nil
	})
	return fleet, err
}

// profileRow is a row of profiles.csv: one class's 24 hourly factors for
// one month.
type profileRow struct {
	class, source string
	month         int
	hours         []float64
	at            *input.CSVError // the month's cell, for errors
}

func readProfiles() ([]profileRow, error) {
	var rows []profileRow
	err := eachRow("profiles.csv", append([]string{"class", "month", "source"}, hourCols...), func(t *csvtab.Table) error {
		r := profileRow{class: t.String("class"), source: t.String("source"), at: t.CellError("month", nil)}
		var err error
		if r.month, err = t.Int("month", 1, 12); err != nil {
			return err
		}
		if r.hours, err = t.Floats(hourCols, nil); err != nil {
			return err
		}
		rows = append(rows, r)
		return nil
	})
	return rows, err
}

func readClasses() ([]grid.Class, error) {
	prof, err := readProfiles()
	if err != nil {
		return nil, err
	}
	var classes []grid.Class
	cols := append([]string{"class", "heat_derate", "source"}, monthCols...)
	err = eachRow("classes_monthly.csv", cols, func(t *csvtab.Table) error {
		c := grid.Class{Name: t.String("class"), HeatDerate: t.String("heat_derate") == "true", Source: t.String("source")}
		var err error
		if c.Monthly, err = t.Floats(monthCols, nil); err != nil {
			return err
		}
		for _, r := range prof {
			if r.class != c.Name {
				continue
			}
			if c.Profile == nil {
				c.Profile = make([][]float64, 12)
			}
			if c.Profile[r.month-1] != nil {
				e := *r.at
				e.Err = fmt.Errorf("month %d of class %s repeated", r.month, c.Name)
				return &e
			}
			c.Profile[r.month-1] = r.hours
			if r.month == 1 {
				c.Source += " | profile: " + r.source
			}
		}
		classes = append(classes, c)
		return nil
	})
	return classes, err
}

func readDemand(p params) (demand.Model, error) {
	var m demand.Model
	par := &demand.Parametric{MonthlyPeakMW: make([]float64, 12), WeekdayShape: make([][]float64, 12)}
	err := eachRow("monthly_peaks.csv", []string{"month", "peak_mw"}, func(t *csvtab.Table) error {
		mo, err := t.Int("month", 1, 12)
		if err != nil {
			return err
		}
		par.MonthlyPeakMW[mo-1], err = t.Float("peak_mw", nil)
		return err
	})
	if err != nil {
		return m, err
	}
	err = eachRow("daily_shapes.csv", append([]string{"month"}, hourCols...), func(t *csvtab.Table) error {
		mo, err := t.Int("month", 1, 12)
		if err != nil {
			return err
		}
		par.WeekdayShape[mo-1], err = t.Floats(hourCols, nil)
		return err
	})
	if err != nil {
		return m, err
	}
	v, err := p.nums("demand.weekend_factor", "demand.weekend_days", "scenario.start_weekday",
		"demand.lfu.sigma", "demand.lfu.monthly_sigma", "demand.weather.sigma", "demand.weather.phi",
		"demand.heat_wave.mean_days", "demand.heat_wave.shape", "demand.heat_wave.load_rise", "demand.heat_wave.thermal_derate")
	if err != nil {
		return m, err
	}
	par.WeekendFactor = v[0]
	par.WeekendDays = []time.Weekday{time.Weekday(v[1])}
	par.StartWeekday = time.Weekday(v[2])
	m.Base.Parametric = par
	m.LFU = demand.LFU{Sigma: v[3], MonthlySigma: v[4]}
	m.Weather = demand.Weather{Sigma: v[5], Phi: v[6]}
	rates := make([]float64, 12)
	for i, mo := range monthCols {
		if rates[i], err = p.num("demand.heat_wave.rate_per_month." + mo); err != nil {
			return m, err
		}
	}
	m.HeatWave = demand.HeatWave{RatePerMonth: rates, MeanDays: v[7], Shape: v[8], LoadRise: v[9], ThermalDerate: v[10]}
	return m, nil
}

// kWhPerMWh converts a tariff per kWh into one per MWh.
const kWhPerMWh = 1000

func carveout(p params) (study.Carveout, error) {
	var c study.Carveout
	v, err := p.nums("carveout.mw", "carveout.mining_share", "mining.j_per_th", "mining.pue", "ai.pue", "ai.utilisation",
		"tariff.rs_per_kwh", "fx.pkr_per_usd", "btc.price_usd", "btc.difficulty", "btc.height", "btc.volatility_annual",
		"btc.hashrate_eh_s", "policy.notice_h", "policy.compliance", "policy.cap_h_per_year")
	if err != nil {
		return c, err
	}
	util := make([]float64, 24)
	for h := range util {
		util[h] = v[5]
	}
	c.MW, c.MiningShare = v[0], v[1]
	// The Bitcoin economics start from mining's defaults; the scenario
	// data set the market state, the machines and Pakistan's tariff.
	m := mining.Defaults()
	m.Price.InitialUSD, m.Price.Volatility = v[8], v[11]
	m.Network.Difficulty, m.Network.Height, m.Network.HashrateEHs = v[9], int64(v[10]), v[12]
	m.Fleet.JPerTH, m.Fleet.PUE = v[2], v[3]
	m.Fleet.TariffUSDPerMWh = v[6] / v[7] * kWhPerMWh // Rs/kWh ÷ Rs/USD
	m.Fleet.Economic = true
	c.Mining = m
	c.AI = study.AI{Utilisation: util, PUE: v[4]}
	c.Policy = study.Policy{Kind: study.Interruptible, NoticeHours: int(v[13]), Compliance: v[14], MaxCurtailedHours: int(v[15])}
	return c, nil
}
