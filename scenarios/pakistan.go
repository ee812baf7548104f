package scenarios

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/study"
)

//go:embed pakistan2025/*.csv pakistan2025/README.md
var pakistanFS embed.FS

// Names returns the names of the built-in scenarios.
func Names() []string { return []string{"pakistan"} }

// Load returns a built-in scenario by name ("pakistan", also
// "pakistan-2025") or reads a scenario JSON document from a file.
func Load(name string) (*study.Scenario, error) {
	switch name {
	case "pakistan", "pakistan-2025", "pakistan2025":
		return Pakistan2025()
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

// table is a parsed CSV file with named columns.
type table struct {
	file string
	col  map[string]int
	rows [][]string
}

func readTable(file string) (*table, error) {
	b, err := pakistanFS.ReadFile("pakistan2025/" + file)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("scenarios: %s: %w", file, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("scenarios: %s: no rows", file)
	}
	t := &table{file: file, col: map[string]int{}, rows: recs[1:]}
	for i, h := range recs[0] {
		t.col[h] = i
	}
	return t, nil
}

func (t *table) str(row int, name string) (string, error) {
	i, ok := t.col[name]
	if !ok {
		return "", fmt.Errorf("scenarios: %s: no column %q", t.file, name)
	}
	return t.rows[row][i], nil
}

func (t *table) num(row int, name string) (float64, error) {
	s, err := t.str(row, name)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("scenarios: %s line %d column %s: %q is not a number", t.file, row+2, name, s)
	}
	return v, nil
}

// nums reads columns named prefix+suffix for each suffix.
func (t *table) nums(row int, names []string) ([]float64, error) {
	out := make([]float64, len(names))
	for i, n := range names {
		v, err := t.num(row, n)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

var monthCols = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

var hourCols = func() []string {
	h := make([]string, 24)
	for i := range h {
		h[i] = fmt.Sprintf("h%02d", i)
	}
	return h
}()

// Pakistan2025 returns the embedded Pakistan 2025 scenario.
func Pakistan2025() (*study.Scenario, error) {
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
		// ±0.12 percentage points (95%) in under a minute on two cores.
		Trials: 100000,
		Seed:   20250525,
		Notes: []string{
			"Single-node generation adequacy: transmission limits and loss-based feeder shedding are not modelled (see README).",
			"Demand is served demand (FY25 monthly energy); suppressed demand is a sensitivity, not the default.",
			"Seed 20250525 is the date of the announcement; any seed is as good.",
		},
	}
	if sc.Fleet, err = readFleet(); err != nil {
		return nil, err
	}
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
	// The main case is firm; it keeps the interruptible frictions
	// (ignored while firm) so that `carveout run -policy interruptible`
	// applies the scenario's notice, compliance and cap.
	sc.Carveout.Policy.Kind = study.Firm
	if err := sc.Validate(); err != nil {
		return nil, fmt.Errorf("scenarios: pakistan-2025: %w", err)
	}
	return sc, nil
}

type params map[string]string

func readParams() (params, error) {
	t, err := readTable("parameters.csv")
	if err != nil {
		return nil, err
	}
	p := params{}
	for r := range t.rows {
		k, err := t.str(r, "key")
		if err != nil {
			return nil, err
		}
		v, err := t.str(r, "value")
		if err != nil {
			return nil, err
		}
		p[k] = v
	}
	return p, nil
}

func (p params) num(key string) (float64, error) {
	s, ok := p[key]
	if !ok {
		return 0, fmt.Errorf("scenarios: parameters.csv: key %q missing", key)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("scenarios: parameters.csv: %s = %q is not a number", key, s)
	}
	return v, nil
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

func readFleet() ([]study.FleetUnit, error) {
	t, err := readTable("fleet.csv")
	if err != nil {
		return nil, err
	}
	var fleet []study.FleetUnit
	for r := range t.rows {
		var u study.FleetUnit
		if u.Name, err = t.str(r, "name"); err != nil {
			return nil, err
		}
		if u.Technology, err = t.str(r, "technology"); err != nil {
			return nil, err
		}
		if u.Class, err = t.str(r, "class"); err != nil {
			return nil, err
		}
		if u.Source, err = t.str(r, "source"); err != nil {
			return nil, err
		}
		v, err := t.nums(r, []string{"capacity_mw", "count", "mttf_h", "mttr_h"})
		if err != nil {
			return nil, err
		}
		u.CapacityMW, u.Count, u.MTTFh, u.MTTRh = v[0], int(v[1]), v[2], v[3]
		fleet = append(fleet, u)
	}
	return fleet, nil
}

func readClasses() ([]grid.Class, error) {
	t, err := readTable("classes_monthly.csv")
	if err != nil {
		return nil, err
	}
	prof, err := readTable("profiles.csv")
	if err != nil {
		return nil, err
	}
	var classes []grid.Class
	for r := range t.rows {
		var c grid.Class
		if c.Name, err = t.str(r, "class"); err != nil {
			return nil, err
		}
		hd, err := t.str(r, "heat_derate")
		if err != nil {
			return nil, err
		}
		c.HeatDerate = hd == "true"
		if c.Monthly, err = t.nums(r, monthCols); err != nil {
			return nil, err
		}
		if c.Source, err = t.str(r, "source"); err != nil {
			return nil, err
		}
		for pr := range prof.rows {
			if name, _ := prof.str(pr, "class"); name != c.Name {
				continue
			}
			if c.Profile == nil {
				c.Profile = make([][]float64, 12)
			}
			m, err := prof.num(pr, "month")
			if err != nil {
				return nil, err
			}
			if m < 1 || m > 12 || c.Profile[int(m)-1] != nil {
				return nil, fmt.Errorf("scenarios: profiles.csv line %d: month %v of class %s out of range or repeated", pr+2, m, c.Name)
			}
			if c.Profile[int(m)-1], err = prof.nums(pr, hourCols); err != nil {
				return nil, err
			}
			src, _ := prof.str(pr, "source")
			if m == 1 {
				c.Source += " | profile: " + src
			}
		}
		classes = append(classes, c)
	}
	return classes, nil
}

func readDemand(p params) (demand.Model, error) {
	var m demand.Model
	peaks, err := readTable("monthly_peaks.csv")
	if err != nil {
		return m, err
	}
	shapes, err := readTable("daily_shapes.csv")
	if err != nil {
		return m, err
	}
	par := &demand.Parametric{MonthlyPeakMW: make([]float64, 12), WeekdayShape: make([][]float64, 12)}
	for r := range peaks.rows {
		mo, err := peaks.num(r, "month")
		if err != nil {
			return m, err
		}
		if par.MonthlyPeakMW[int(mo)-1], err = peaks.num(r, "peak_mw"); err != nil {
			return m, err
		}
	}
	for r := range shapes.rows {
		mo, err := shapes.num(r, "month")
		if err != nil {
			return m, err
		}
		if par.WeekdayShape[int(mo)-1], err = shapes.nums(r, hourCols); err != nil {
			return m, err
		}
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
	m.AI.PUE, m.AI.Utilisation = v[4], util
	c.Mining = m
	c.Policy = study.Policy{Kind: study.Interruptible, NoticeH: int(v[13]), Compliance: v[14], MaxCurtailedH: int(v[15])}
	return c, nil
}
