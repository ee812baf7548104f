package testsystems

import _ "embed"

// RBTSUnitsCSV is rbts/units.csv: the 11 RBTS generating units as 6 rows
// with a count column (name,count,capacity_mw,mttf_h,mttr_h). MTTF = 8760/λ
// and MTTR = 8760/μ from the published failure and repair rates.
//
//go:embed rbts/units.csv
var RBTSUnitsCSV []byte

// RBTSLoadCSV is rbts/load.csv: 8736 chronological hourly loads (hour,load_mw),
// the IEEE RTS-79 percentages scaled to the RBTS 185 MW peak.
//
//go:embed rbts/load.csv
var RBTSLoadCSV []byte

// RBTSREADME is rbts/README.md: the sources of the RBTS data and reference
// values.
//
//go:embed rbts/README.md
var RBTSREADME string

// Reference values for RBTS, computed exactly by capacity-outage-probability
// table convolution on the embedded files (rbts/README.md). Indices are per
// 8736-hour year; loss of load means available capacity strictly below load.
//
// The published analytical values (Billinton and Huang, PMAPS 2006) are
// LOLE 1.0919 h/yr and EENS 9.8613 MWh/yr.
const (
	// RBTSHours is the length of the RBTS load series (52 weeks × 168 h).
	RBTSHours = 8736
	// RBTSPeakMW is the annual peak load (Billinton et al. 1989).
	RBTSPeakMW = 185.0
	// RBTSInstalledMW is the installed capacity (Billinton et al. 1989).
	RBTSInstalledMW = 240.0
	// RBTSUnits is the number of generating units after expanding counts.
	RBTSUnits = 11

	// RBTSLOLE is the exact LOLE with hourly load, h/yr.
	RBTSLOLE = 1.091560
	// RBTSEUE is the exact expected unserved energy (EENS), MWh/yr.
	RBTSEUE = 9.8614
	// RBTSDailyPeakLOLE is the exact LOLE with each of the 364 days at its
	// peak load, days/yr.
	RBTSDailyPeakLOLE = 0.146946
	// RBTSLOLF is the loss-of-load frequency, events/yr, for
	// continuous-time two-state Markov units observed at each hour (an
	// event is a maximal run of shortfall hours). Computed, not published.
	RBTSLOLF = 0.2181
	// RBTSLOLD is the mean duration of a loss-of-load event, LOLE/LOLF, h.
	RBTSLOLD = 5.006
)

// LFUReference is an exact result for RBTS under load forecast uncertainty:
// the whole annual load curve scaled by 1+σZ, Z standard normal, one draw
// per year, each hour's COPT result integrated over the normal density
// (rbts/README.md).
type LFUReference struct {
	Sigma     float64 // σ, relative standard deviation of the annual scaling
	LOLEHours float64 // LOLE, h/yr
	EUEMWh    float64 // EUE, MWh/yr
}

// RBTSLFU lists the exact RBTS indices under load forecast uncertainty for
// σ = 2%, 5% and 10%, rounded as in rbts/README.md (LOLE to 4 decimals, EUE
// to 2). The textbook 7-step discretisation of Z gives different values
// (1.1496, 1.4757 and 3.2818 h/yr); a continuous draw must match these.
var RBTSLFU = []LFUReference{
	{Sigma: 0.02, LOLEHours: 1.1492, EUEMWh: 10.44},
	{Sigma: 0.05, LOLEHours: 1.4408, EUEMWh: 13.83},
	{Sigma: 0.10, LOLEHours: 3.0779, EUEMWh: 32.84},
}
