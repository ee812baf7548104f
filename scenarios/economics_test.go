package scenarios

import (
	"errors"
	"io/fs"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/carveout/carveout/input"
)

// The economics tables of the Pakistan 2025 scenario (economics.csv, the
// econ.* rows of parameters.csv, the hydel of monthly_energy.csv) are
// checked here against the fleet, against each other and against the
// published figures they must reproduce.

func loadEcon(t *testing.T) *econData {
	t.Helper()
	e, err := readEconomics()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// allCosts returns every economics.csv row: the technologies' defaults
// and the rows for single fleet rows, in a fixed order.
func allCosts(e *econData) []techCost {
	var out []techCost
	for _, m := range []map[string]techCost{e.Tech, e.Rows} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = append(out, m[k])
		}
	}
	return out
}

func TestEconomicsCoversFleet(t *testing.T) {
	e := loadEcon(t)
	fleet := readTable(t, "fleet.csv", "name", "technology")
	for i, r := range fleet.rows {
		c, ok := e.cost(r["technology"], r["name"])
		if !ok {
			t.Errorf("fleet.csv line %d (%s): no cost row for technology %q", i+2, r["name"], r["technology"])
			continue
		}
		if c.Technology != r["technology"] {
			t.Errorf("fleet.csv line %d (%s): priced as %s, is %s", i+2, r["name"], c.Technology, r["technology"])
		}
	}
	// Every row of economics.csv prices something: no default row for a
	// technology without units, no row for a fleet row that is not there.
	techs := map[string]bool{}
	names := map[string]string{}
	for _, r := range fleet.rows {
		techs[r["technology"]] = true
		names[r["name"]] = r["technology"]
	}
	for tech := range e.Tech {
		if !techs[tech] {
			t.Errorf("economics.csv prices technology %q, which no fleet row has", tech)
		}
	}
	for name, c := range e.Rows {
		if names[name] != c.Technology {
			t.Errorf("economics.csv row for %q (%s): fleet.csv has it as %q", name, c.Technology, names[name])
		}
	}
}

// fuelCostBounds are the plausible fuel costs (Rs/kWh) of each fuel
// group's default row, a little wider than the CPPA-G monthly fuel cost
// data they come from: nuclear 1.07 (Jan 2023, dawn.com/news/1738270) to
// 2.4 (Jul 2025, AKD via profit.pakistantoday.com.pk 2025-08-22); Thar
// 11.3 (Jul 2025) to ~13.0 (Sep 2025, AHL via infosunrise.com
// 2025-10-24); imported coal 13.74 (Sep 2025) to 16.05 (all coal, Jan
// 2023); local gas 12.39 (Jun 2025, AHL via profit.pakistantoday.com.pk
// 2025-07-19); RLNG 21.91 (Jan 2023) to 22.03 (Jul 2025); RFO 28.89 (Jun
// 2025) to 31.1 (Jul 2025); bagasse from NEPRA's 2012 captive fuel cost
// component, Rs3.62 (thenews.com.pk/print/500827), to RLNG's. Hydro,
// wind and solar burn nothing.
var fuelCostBounds = map[string][2]float64{
	"hydro": {0, 0}, "wind": {0, 0}, "solar": {0, 0},
	"nuclear":       {1, 3},
	"coal_thar":     {10, 14},
	"coal_imported": {12, 17},
	"gas_local":     {11, 14},
	"rlng":          {19, 25},
	"furnace_oil":   {27, 34},
	"bagasse":       {3.6, 19},
}

func TestEconomicsCostsPlausible(t *testing.T) {
	e := loadEcon(t)
	for _, c := range e.Tech {
		b, ok := fuelCostBounds[c.FuelGroup]
		if !ok {
			t.Errorf("%s: fuel group %q has no stated bounds", c.Technology, c.FuelGroup)
			continue
		}
		if c.FuelGroup == "furnace_oil" && c.Technology != "oil_engine_rfo" || c.FuelGroup == "rlng" && c.Technology != "gas_ccgt_rlng" {
			continue // priced from the group's CPPA-G row by efficiency: checked below
		}
		if c.FuelRsPerKWh < b[0] || c.FuelRsPerKWh > b[1] {
			t.Errorf("%s: fuel %v Rs/kWh, want %v-%v", c.Technology, c.FuelRsPerKWh, b[0], b[1])
		}
	}
	for _, c := range allCosts(e) {
		burns := c.Efficiency > 0
		if burns && !(c.FuelRsPerKWh > 0) {
			t.Errorf("%s %s: efficiency %v with fuel cost %v: a plant that burns fuel pays for it",
				c.Technology, c.FleetRow, c.Efficiency, c.FuelRsPerKWh)
		}
		switch c.FuelGroup {
		case "hydro", "wind", "solar":
			if c.FuelRsPerKWh != 0 || c.FuelHighRsPerKWh != 0 || c.VOMRsPerKWh != 0 || burns {
				t.Errorf("%s: fuel %v (high %v), VO&M %v, efficiency %v; want all 0", c.Technology, c.FuelRsPerKWh, c.FuelHighRsPerKWh, c.VOMRsPerKWh, c.Efficiency)
			}
		case "nuclear":
			if !(c.FuelRsPerKWh > 0) {
				t.Errorf("%s: fuel %v Rs/kWh, want > 0", c.Technology, c.FuelRsPerKWh)
			}
		}
		// Net efficiencies: open-cycle and old steam units ~0.30,
		// bagasse boilers 0.245 (NEPRA 2013 upfront tariff), the best
		// combined cycle 0.624 (Haveli Bahadur Shah).
		if burns && (c.Efficiency < 0.2 || c.Efficiency > 0.65) {
			t.Errorf("%s %s: efficiency %v, want 0.2-0.65", c.Technology, c.FleetRow, c.Efficiency)
		}
		// VO&M averages Rs0.39/kWh over all CY2026 energy (Rs49.08 bn
		// on 125.8 TWh, NEPRA CY2026 power purchase price).
		if c.VOMRsPerKWh < 0 || c.VOMRsPerKWh > 2 {
			t.Errorf("%s %s: VO&M %v Rs/kWh, want 0-2", c.Technology, c.FleetRow, c.VOMRsPerKWh)
		}
		if c.MarginalRsPerKWh != c.FuelRsPerKWh+c.VOMRsPerKWh {
			t.Errorf("%s %s: marginal %v != fuel %v + VO&M %v", c.Technology, c.FleetRow, c.MarginalRsPerKWh, c.FuelRsPerKWh, c.VOMRsPerKWh)
		}
		if !(c.FuelLowRsPerKWh <= c.FuelRsPerKWh && c.FuelRsPerKWh <= c.FuelHighRsPerKWh) {
			t.Errorf("%s %s: fuel %v outside %v-%v", c.Technology, c.FleetRow, c.FuelRsPerKWh, c.FuelLowRsPerKWh, c.FuelHighRsPerKWh)
		}
	}
}

// Within a fuel group every plant pays one price per GJ: fuel cost ×
// efficiency / 3.6 agrees between rows, to the rounding of the costs to
// Rs0.01.
func TestEconomicsFuelPriceConsistent(t *testing.T) {
	e := loadEcon(t)
	first := map[string]techCost{}
	for _, c := range allCosts(e) {
		if c.Efficiency == 0 {
			continue
		}
		f, ok := first[c.FuelGroup]
		if !ok {
			first[c.FuelGroup] = c
			continue
		}
		for _, v := range []struct {
			what string
			a, b float64
		}{{"central", f.FuelRsPerKWh, c.FuelRsPerKWh}, {"low", f.FuelLowRsPerKWh, c.FuelLowRsPerKWh}, {"high", f.FuelHighRsPerKWh, c.FuelHighRsPerKWh}} {
			pa, pb := v.a*f.Efficiency/3.6, v.b*c.Efficiency/3.6
			tol := 0.005*(f.Efficiency+c.Efficiency)/3.6 + 1e-12
			if math.Abs(pa-pb) > tol {
				t.Errorf("%s: %s fuel price %.4f Rs/MJ for %s %s, %.4f for %s %s (tolerance %.4f)",
					c.FuelGroup, v.what, pa, f.Technology, f.FleetRow, pb, c.Technology, c.FleetRow, tol)
			}
		}
	}
}

// The merit order of the CPPA-G data and NEPRA: hydro, wind, solar and
// nuclear below coal, coal below RLNG, RLNG below furnace oil (NEPRA's
// economic merit order runs hydro/wind/solar, nuclear, Thar, imported
// coal ≈ local gas, RLNG, RFO, HSD; NEPRA State of Industry 2022 and
// the FY2024-25 transmission review).
func TestEconomicsMeritOrder(t *testing.T) {
	e := loadEcon(t)
	lo, hi := map[string]float64{}, map[string]float64{}
	for _, c := range allCosts(e) {
		g := c.FuelGroup
		if _, ok := lo[g]; !ok {
			lo[g], hi[g] = c.MarginalRsPerKWh, c.MarginalRsPerKWh
		}
		lo[g], hi[g] = min(lo[g], c.MarginalRsPerKWh), max(hi[g], c.MarginalRsPerKWh)
	}
	tiers := [][]string{{"hydro", "wind", "solar", "nuclear"}, {"coal_thar", "coal_imported"}, {"rlng"}, {"furnace_oil"}}
	for i := 1; i < len(tiers); i++ {
		for _, a := range tiers[i-1] {
			for _, b := range tiers[i] {
				if _, ok := hi[a]; !ok {
					t.Fatalf("no row of fuel group %s", a)
				}
				if _, ok := lo[b]; !ok {
					t.Fatalf("no row of fuel group %s", b)
				}
				if !(hi[a] < lo[b]) {
					t.Errorf("merit order: %s up to %v Rs/kWh, %s from %v", a, hi[a], b, lo[b])
				}
			}
		}
	}
	if th, imp := e.Tech["coal_thar"].MarginalRsPerKWh, e.Tech["coal_imported"].MarginalRsPerKWh; !(th < imp) {
		t.Errorf("Thar %v Rs/kWh not below imported coal %v", th, imp)
	}
	if g := e.Tech["gas_ccgt_domestic"].MarginalRsPerKWh; !(g < lo["rlng"]) {
		t.Errorf("local gas %v Rs/kWh not below RLNG %v", g, lo["rlng"])
	}
}

// co2Bounds are the direct intensities (tCO₂/MWh) derived from the IPCC
// 2006 combustion factors (Vol. 2 Ch. 2 Table 2.2) and each class's
// range of net efficiency: RLNG H-class 0.58-0.624 (62.4% at Haveli
// Bahadur Shah, tractebel-engie.be), older gas combined cycles
// 0.45-0.50, open-cycle 0.30-0.35, imported coal 0.37-0.41 (39% at
// Sahiwal, thenews.com.pk/print/201986), Thar lignite 0.33-0.38, RFO
// engines 0.42-0.45, GENCO steam 0.28-0.33 on RFO; the range of every
// class is widened by 0.01 for the rounding.
var co2Bounds = map[string][2]float64{
	"gas_ccgt_rlng":                      {0.31, 0.37},
	"Nandipur CCGT train":                {0.39, 0.46},
	"Orient/Saif/Sapphire/Halmore CCGT":  {0.39, 0.46},
	"gas_ccgt_domestic":                  {0.39, 0.46},
	"Guddu 747 gas turbine (open cycle)": {0.57, 0.68},
	"multi_fuel_cc":                      {0.39, 0.46},
	"coal_imported":                      {0.84, 0.95},
	"coal_thar":                          {0.95, 1.11},
	"oil_engine_rfo":                     {0.61, 0.67},
	"oil_gas_steam_genco":                {0.83, 1.0},
	"nuclear":                            {0, 0},
	"hydro_reservoir":                    {0, 0},
	"hydro_ror":                          {0, 0},
	"wind":                               {0, 0},
	"solar_pv":                           {0, 0},
	"bagasse":                            {0, 0}, // biogenic: outside energy totals by IPCC convention
}

func TestEconomicsCO2(t *testing.T) {
	e := loadEcon(t)
	for _, c := range allCosts(e) {
		key := c.Technology
		if c.FleetRow != "" {
			key = c.FleetRow
		}
		b, ok := co2Bounds[key]
		if !ok {
			t.Errorf("%s: no stated CO2 bounds", key)
			continue
		}
		if c.CO2TPerMWh < b[0] || c.CO2TPerMWh > b[1] {
			t.Errorf("%s: %v tCO2/MWh, want %v-%v", key, c.CO2TPerMWh, b[0], b[1])
		}
	}
	for _, g := range []string{"hydro", "wind", "solar", "nuclear"} {
		for _, c := range allCosts(e) {
			if c.FuelGroup == g && (c.CO2TPerMWh != 0 || c.CO2KgPerTJ != 0 || c.Efficiency != 0) {
				t.Errorf("%s (%s): CO2 %v t/MWh, %v kg/TJ, efficiency %v; want all 0", c.Technology, g, c.CO2TPerMWh, c.CO2KgPerTJ, c.Efficiency)
			}
		}
	}
}

// fy25Share returns the FY25 generation share of each fuel group in
// parameters.csv's calibration rows.
func fy25Share(t *testing.T) map[string]float64 {
	t.Helper()
	tab := readTable(t, "parameters.csv", "key", "value")
	out := map[string]float64{}
	const prefix = "econ.calibration.fy25_share."
	for i, r := range tab.rows {
		if g, ok := strings.CutPrefix(r["key"], prefix); ok {
			out[g] = tab.num(t, i+2, r, "value")
		}
	}
	if len(out) == 0 {
		t.Fatal("parameters.csv: no econ.calibration.fy25_share.* rows")
	}
	return out
}

// The FY25 mix priced and weighted with each fuel group's default row
// reproduces the published system averages: the fuel cost CPPA-G
// reported for Jun-Sep 2025 and the grid's CO₂ intensity
// (econ.calibration.*). Each group is taken at its technology's CPPA-G
// row, as its average is.
func TestEconomicsReproducesSystemAverages(t *testing.T) {
	e := loadEcon(t)
	byGroup := map[string]techCost{
		"hydro": e.Tech["hydro_reservoir"], "nuclear": e.Tech["nuclear"], "rlng": e.Tech["gas_ccgt_rlng"],
		"coal_thar": e.Tech["coal_thar"], "gas_local": e.Tech["gas_ccgt_domestic"], "coal_imported": e.Tech["coal_imported"],
		"wind": e.Tech["wind"], "furnace_oil": e.Tech["oil_engine_rfo"],
	}
	var fuel, co2, share float64
	for g, s := range fy25Share(t) {
		c, ok := byGroup[g]
		if !ok || c.FuelGroup != g {
			t.Fatalf("share of %q: no such fuel group's row", g)
		}
		fuel += s * c.FuelRsPerKWh
		co2 += s * c.CO2TPerMWh
		share += s
	}
	// The shares cover all but solar, bagasse and the rest (~2%).
	if share < 0.97 || share > 1 {
		t.Errorf("FY25 shares sum to %v, want 0.97-1", share)
	}
	lo, hi := paramRange(t, "econ.calibration.system_fuel_rs_per_kwh")
	if fuel < lo || fuel > hi {
		t.Errorf("FY25 mix at economics.csv costs: %.2f Rs/kWh, want %v-%v", fuel, lo, hi)
	}
	lo, hi = paramRange(t, "econ.calibration.grid_co2_t_per_mwh")
	if co2 < lo || co2 > hi {
		t.Errorf("FY25 mix at economics.csv intensities: %.3f tCO2/MWh, want %v-%v", co2, lo, hi)
	}
	t.Logf("FY25 mix: fuel %.2f Rs/kWh, %.3f tCO2/MWh", fuel, co2)
}

// fy25GWh is FY25 CPPA-G generation, the sum of monthly_energy.csv.
func fy25GWh(t *testing.T) float64 {
	t.Helper()
	tab := readTable(t, "monthly_energy.csv", "total_gwh")
	s := 0.0
	for i, r := range tab.rows {
		s += tab.num(t, i+2, r, "total_gwh")
	}
	return s
}

func TestEconomicsBudgets(t *testing.T) {
	e := loadEcon(t)
	for _, g := range []string{"rlng", "coal_thar", "hydro"} {
		b, ok := e.Budgets[g]
		if !ok {
			t.Fatalf("no %s budget", g)
		}
		if b.FuelGroup != g || b.Source == "" {
			t.Errorf("%s budget: fuel group %q, source %q", g, b.FuelGroup, b.Source)
		}
		for m, x := range b.Monthly {
			if !(x > 0) || math.IsInf(x, 0) {
				t.Errorf("%s budget month %d: %v, want > 0", g, m+1, x)
			}
		}
	}
	days := monthDays(2025)
	total := fy25GWh(t)
	share := fy25Share(t)

	// RLNG: 600 MMCFD at 6.1-6.8 MMBtu/MWh (gross) is 3.8-4.3 GW on
	// average; and the FY25 RLNG output fits in the year's budget at the
	// H-class efficiency with a fifth to spare (the cap did not bind in
	// 2025: LNG was in surplus, with cargoes deferred, Petroleum
	// Minister via profit.pakistantoday.com.pk 2024-12-04).
	rl := e.Budgets["rlng"]
	if !rl.Heat {
		t.Fatal("the RLNG budget is not in heat")
	}
	for m, x := range rl.Monthly {
		// GJ (net) a month -> MMBtu (gross) an hour -> MW at a heat rate.
		mmbtuH := x * e.Gas.GCVPerNCV / gjPerMMBtu / (days[m] * 24)
		if mw := mmbtuH / 6.8; mw < 3750 || mw > 3850 {
			t.Errorf("RLNG month %d at 6.8 MMBtu/MWh: %.0f MW, want ~3,800", m+1, mw)
		}
		if mw := mmbtuH / 6.1; mw < 4200 || mw > 4300 {
			t.Errorf("RLNG month %d at 6.1 MMBtu/MWh: %.0f MW, want ~4,250", m+1, mw)
		}
	}
	heat := 0.0
	for _, x := range rl.Monthly {
		heat += x
	}
	h := e.Tech["gas_ccgt_rlng"]
	if gwh, out := heat*h.Efficiency/3.6/mwhPerGWh, share["rlng"]*total; !(gwh > 1.2*out) {
		t.Errorf("RLNG budget %.0f GWh at efficiency %v, FY25 RLNG output %.0f GWh: want the budget > 1.2 x output", gwh, h.Efficiency, out)
	}

	// Thar: the mines cover FY25 Thar output (12.23% of generation, a
	// 67% capacity factor), and no more than the 2,640 MW can make.
	thar := e.Budgets["coal_thar"]
	if thar.Heat {
		t.Fatal("the Thar budget is in heat")
	}
	sum := 0.0
	for _, x := range thar.Monthly {
		sum += x
	}
	capMW := techMW(t, "coal_thar")
	if out := share["coal_thar"] * total * mwhPerGWh; sum < out || sum > capMW*8760 {
		t.Errorf("Thar budget %.0f MWh, want between FY25 output %.0f and %v MW x 8,760 h", sum, out, capMW)
	}

	// Hydro: the FY25 hydel energy of each month fits under the
	// scenario's hydro capability (installed × monthly factor × hours),
	// and the year is the published 31.44% of FY25 generation.
	hy := e.Budgets["hydro"]
	factor := classMonthly(t, "hydro")
	hydroMW := techMW(t, "hydro_reservoir") + techMW(t, "hydro_ror")
	sum = 0
	for m, x := range hy.Monthly {
		if capMWh := hydroMW * factor[m] * days[m] * 24; x > capMWh {
			t.Errorf("hydro month %d: budget %.0f MWh above the capability %.0f MWh", m+1, x, capMWh)
		}
		sum += x
	}
	if want := share["hydro"] * total * mwhPerGWh; math.Abs(sum-want) > 0.001*want {
		t.Errorf("hydro budget %.0f MWh a year, FY25 hydel share gives %.0f", sum, want)
	}
}

// techMW is the installed MW of a fleet.csv technology.
func techMW(t *testing.T, tech string) float64 {
	t.Helper()
	fleet := readTable(t, "fleet.csv", "technology", "capacity_mw", "count")
	mw := 0.0
	for i, r := range fleet.rows {
		if r["technology"] == tech {
			mw += fleet.num(t, i+2, r, "capacity_mw") * fleet.num(t, i+2, r, "count")
		}
	}
	if mw == 0 {
		t.Fatalf("fleet.csv: no %s", tech)
	}
	return mw
}

// classMonthly is a class's monthly factors in classes_monthly.csv.
func classMonthly(t *testing.T, class string) [12]float64 {
	t.Helper()
	tab := readTable(t, "classes_monthly.csv", append([]string{"class"}, monthCols...)...)
	for i, r := range tab.rows {
		if r["class"] == class {
			var f [12]float64
			for m, c := range monthCols {
				f[m] = tab.num(t, i+2, r, c)
			}
			return f
		}
	}
	t.Fatalf("classes_monthly.csv: no class %s", class)
	return [12]float64{}
}

func TestEconomicsMoney(t *testing.T) {
	e := loadEcon(t)
	m := e.Money
	sum := 0.0
	for _, f := range capacityFuels {
		sum += m.CapacityByFuelRs[f]
	}
	// The parts are published to Rs0.1 bn: seven of them round to within
	// Rs0.35 bn of the total.
	if math.Abs(sum-m.CapacityRs) > 0.35*rsPerBn {
		t.Errorf("capacity payments by fuel sum to Rs%.2f bn, total Rs%.2f bn", sum/rsPerBn, m.CapacityRs/rsPerBn)
	}
	purchase := paramNum(t, "econ.capacity.fy25_total_purchase_rs_bn") * rsPerBn
	if s := m.CapacityRs / purchase; math.Abs(s-m.CapacityShare) > 0.005 {
		t.Errorf("capacity share %v, Rs%.2f bn / Rs%.2f bn = %.4f", m.CapacityShare, m.CapacityRs/rsPerBn, purchase/rsPerBn, s)
	}
	// Rs14.3/kWh on 126,705 GWh (NEPRA FY25 power-plant report).
	if perKWh := m.CapacityRs / (paramNum(t, "econ.capacity.fy25_energy_gwh") * 1e6); math.Abs(perKWh-14.3) > 0.05 {
		t.Errorf("capacity payments %.3f Rs/kWh, published 14.3", perKWh)
	}
	// Ex-WAPDA DISCOs' FY26 power purchase price Rs26.34 = 16.67 + 9.67.
	if s := m.PPPCapacityRsPerKWh + m.PPPEnergyRsPerKWh; math.Abs(s-26.34) > 0.005 {
		t.Errorf("FY26 capacity + energy = %v Rs/kWh, published 26.34", s)
	}
	if !(m.TariffRsPerKWh < m.PPPRsPerKWh && m.PPPRsPerKWh < m.BaseTariffRsPerKWh && m.BaseTariffRsPerKWh < m.VOLLRsPerKWh) {
		t.Errorf("want carve-out tariff %v < power purchase price %v < base tariff %v < VOLL %v",
			m.TariffRsPerKWh, m.PPPRsPerKWh, m.BaseTariffRsPerKWh, m.VOLLRsPerKWh)
	}
	// The exchange rate is within 2% of the interbank rates of Dec 2024
	// and Dec 2025 (context.fx.pkr_per_usd_range).
	lo, hi := paramRange(t, "context.fx.pkr_per_usd_range")
	if m.FXRsPerUSD < lo || m.FXRsPerUSD > hi || hi/lo > 1.02 {
		t.Errorf("fx %v Rs/USD, range %v-%v", m.FXRsPerUSD, lo, hi)
	}
	if s := e.Shock; !(s.RatePerYear < 1 && s.CutLowMMCFD <= s.CutMMCFD && s.CutMMCFD <= s.CutHighMMCFD && s.DurationMonths <= 12) {
		t.Errorf("LNG shock %+v", s)
	}
	// A shock cuts no more RLNG than power gets in the leanest month.
	if s, lean := e.Shock.CutHighMMCFD, minRLNG(t); s >= lean {
		t.Errorf("LNG shock cuts up to %v MMCFD of %v", s, lean)
	}
}

func minRLNG(t *testing.T) float64 {
	t.Helper()
	m := math.Inf(1)
	for _, mo := range monthCols {
		m = min(m, paramNum(t, "econ.fuel.rlng_mmcfd."+mo))
	}
	return m
}

// Every number has its source or says it is a judgement: every row of
// economics.csv, and every row of parameters.csv (with its as-of date and
// a yes/no judgement flag).
func TestEconomicsSourced(t *testing.T) {
	tab := readTable(t, "economics.csv", economicsCols...)
	for i, r := range tab.rows {
		if strings.TrimSpace(r["source"]) == "" && strings.TrimSpace(r["judgement"]) == "" {
			t.Errorf("economics.csv line %d (%s): no source and no judgement", i+2, r["technology"])
		}
		if !validAsOf(r["fuel_as_of"]) {
			t.Errorf("economics.csv line %d: fuel_as_of %q, want YYYY or YYYY-MM", i+2, r["fuel_as_of"])
		}
	}
	params := readTable(t, "parameters.csv", "key", "value", "unit", "source", "as_of", "judgement")
	for i, r := range params.rows {
		if strings.TrimSpace(r["source"]) == "" || strings.TrimSpace(r["unit"]) == "" {
			t.Errorf("parameters.csv line %d (%s): empty source or unit", i+2, r["key"])
		}
		if j := r["judgement"]; j != "yes" && j != "no" {
			t.Errorf("parameters.csv line %d (%s): judgement %q, want yes or no", i+2, r["key"], j)
		}
		if strings.HasPrefix(r["key"], "econ.") && !validAsOf(r["as_of"]) {
			t.Errorf("parameters.csv line %d (%s): as_of %q", i+2, r["key"], r["as_of"])
		}
	}
}

// validAsOf reports whether s is a date: YYYY, YYYY-MM or YYYY-MM-DD.
func validAsOf(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || i > 0 && (len(p) != 2 || n < 1 || n > 31 || i == 1 && n > 12) {
			return false
		}
	}
	return true
}

// TestEconomicsREADME holds the README's table of costs and emissions to
// economics.csv, so that neither can drift from the other.
func TestEconomicsREADME(t *testing.T) {
	e := loadEcon(t)
	b, err := pakistanFS.ReadFile("pakistan2025/README.md")
	if err != nil {
		t.Fatal(err)
	}
	const heading = "### Cost and emissions by technology"
	_, sec, ok := strings.Cut(string(b), heading)
	if !ok {
		t.Fatalf("README.md: no %q section", heading)
	}
	seen := 0
	for _, line := range strings.Split(sec, "\n") {
		if strings.HasPrefix(line, "#") {
			break
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if len(cells) != 9 {
			continue
		}
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "`")
		}
		var v [5]float64
		bad := false
		for i, k := range []int{3, 4, 6, 7, 8} {
			s := cells[k]
			if s == "–" {
				s = "0"
			}
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				bad = true
				break
			}
			v[i] = x
		}
		if bad {
			continue // the header and separator rows
		}
		row := cells[1]
		if row == "–" {
			row = ""
		}
		c, ok := e.Tech[cells[0]]
		if row != "" {
			c, ok = e.Rows[row]
		}
		if !ok || c.FuelGroup != cells[2] || c.FuelAsOf != cells[5] {
			t.Errorf("README.md %s: %q (%s %s %s) is not an economics.csv row", heading, cells[0], row, cells[2], cells[5])
			continue
		}
		seen++
		for i, want := range []float64{c.Efficiency, c.FuelRsPerKWh, c.VOMRsPerKWh, c.MarginalRsPerKWh, c.CO2TPerMWh} {
			if math.Abs(v[i]-want) > 1e-9 {
				t.Errorf("README.md %s %s: %v, economics.csv gives %v", cells[0], row, v[i], want)
			}
		}
	}
	if n := len(e.Tech) + len(e.Rows); seen != n {
		t.Errorf("README.md %s: %d rows, economics.csv %d", heading, seen, n)
	}
}

// copyData returns the embedded tables as a file system to break.
func copyData(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dataFS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dataFS, path)
		m[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEconomicsCopyLoadsTheSame(t *testing.T) {
	a := loadEcon(t)
	b, err := readEconomicsIn(copyData(t))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the embedded tables and their copy load differently")
	}
}

// TestEconomicsCSVErrors breaks the tables one way at a time: each break
// is refused with an error naming the file, and the line and column
// where there is one.
func TestEconomicsCSVErrors(t *testing.T) {
	cases := []struct {
		name, file, old, new string
		line                 int    // 0: not checked
		field                string // "": none
		text                 string
	}{
		{"bad number", "economics.csv", "0.39,14.50,", "0.39,fourteen,", 5, "fuel_rs_per_kwh", "decimal"},
		{"negative VO&M", "economics.csv", "2025-07,0.61,101000", "2025-07,-0.61,101000", 6, "vom_rs_per_kwh", ">= 0"},
		{"efficiency above 1", "economics.csv", "coal_thar,0.36,", "coal_thar,1.36,", 6, "efficiency", "(0, 1)"},
		{"CO2 off its factor", "economics.csv", "96100,0.887,", "96100,0.9,", 5, "co2_t_per_mwh", "0.887"},
		{"CO2 factor without efficiency", "economics.csv", "nuclear,,2.40,1.07,2.40,2025-07,0.61,0,", "nuclear,,2.40,1.07,2.40,2025-07,0.61,5,", 4, "efficiency", "needs an efficiency"},
		{"fuel outside its range", "economics.csv", "coal_thar,0.36,11.30,11.30,", "coal_thar,0.36,11.30,11.50,", 6, "fuel_rs_per_kwh", "outside"},
		{"unknown technology", "economics.csv", "\nwind,,wind,", "\nwnd,,wind,", 0, "technology", "no fleet.csv row"},
		{"technology missing", "economics.csv", "\nsolar_pv,,solar,", "\nwind,Jhimpir-Gharo wind farm,solar,", 0, "", `"solar_pv"`},
		{"unknown fleet row", "economics.csv", "rlng,Nandipur CCGT train,", "rlng,Nandipur CCGT,", 8, "fleet_row", "not in fleet.csv"},
		{"fleet row of another technology", "economics.csv", "gas_ccgt_domestic,Guddu 747", "gas_ccgt_rlng,Guddu 747", 11, "fleet_row", "gas_ccgt_domestic"},
		{"two factors in a group", "economics.csv", "56100,0.421,\"derived: the H-class RLNG fuel cost x 0.60/0.48", "57000,0.428,\"derived: the H-class RLNG fuel cost x 0.60/0.48", 8, "co2_kg_per_tj", "56100"},
		{"no source, no judgement", "economics.csv", "\nwind,,wind,", "\nwind,,wind,,0.00,0.00,0.00,2025,0.00,0,0.000,,\nxx,,wind,", 15, "source", "source or a judgement"},
		{"empty fuel group", "economics.csv", "\nwind,,wind,", "\nwind,,,", 0, "fuel_group", "not empty"},
		{"missing column", "economics.csv", "co2_kg_per_tj,co2_t_per_mwh", "co2_kg_per_tj,co2_t", 1, "", "co2_t_per_mwh"},
		{"parameter missing", "parameters.csv", "\necon.fuel.rlng_mmcfd.mar,", "\necon.fuel.rlng_mmcfd.march,", 0, "", "econ.fuel.rlng_mmcfd.mar"},
		{"negative parameter", "parameters.csv", "econ.fuel.rlng_mmcfd.jun,600,", "econ.fuel.rlng_mmcfd.jun,-600,", -1, "value", "> 0"},
		{"range without its central value", "parameters.csv", "econ.voll.rs_per_kwh_range,65-190,", "econ.voll.rs_per_kwh_range,65-90,", -1, "value", "low-high"},
		{"capacity share of 1", "parameters.csv", "econ.capacity.fy25_share,0.61,", "econ.capacity.fy25_share,1.61,", -1, "value", "(0, 1)"},
		{"hydel month missing", "monthly_energy.csv", "\n3,8409,1310,", "\n4,8409,1310,", 0, "month", "repeated"},
		{"hydel not a number", "monthly_energy.csv", "\n3,8409,1310,", "\n3,8409,,", 4, "hydro_gwh", "decimal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := copyData(t)
			text := string(fsys[c.file].Data)
			if !strings.Contains(text, c.old) {
				t.Fatalf("%s has no %q", c.file, c.old)
			}
			text = strings.Replace(text, c.old, c.new, 1)
			fsys[c.file] = &fstest.MapFile{Data: []byte(text)}
			_, err := readEconomicsIn(fsys)
			var ce *input.CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v, want an *input.CSVError", err)
			}
			line := c.line
			if line < 0 { // the changed row's line
				at := strings.Index(text, c.new)
				line = strings.Count(text[:at], "\n") + 1
			}
			if ce.File != c.file || line != 0 && ce.Line != line || ce.Field != c.field || c.field != "" && ce.Column == 0 ||
				!strings.Contains(err.Error(), c.text) {
				t.Errorf("error %q (file %s, line %d, column %d %q); want file %s, line %d, field %q, text %q",
					err, ce.File, ce.Line, ce.Column, ce.Field, c.file, line, c.field, c.text)
			}
		})
	}
}
