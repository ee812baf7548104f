package testsystems

import _ "embed"

// RTSUnitsCSV is rts/units.csv: the 32 generating units of the IEEE
// Reliability Test System 1979 as 9 rows with a count column
// (name,count,capacity_mw,mttf_h,mttr_h), MTTF and MTTR as published.
//
//go:embed rts/units.csv
var RTSUnitsCSV []byte

// RTSLoadCSV is rts/load.csv: 8736 chronological hourly loads (hour,load_mw),
// the RTS-79 hourly shape at its 2850 MW annual peak: rbts/load.csv times
// 2850/185, to 6 decimals.
//
//go:embed rts/load.csv
var RTSLoadCSV []byte

// RTSREADME is rts/README.md: the sources of the RTS-79 data and reference
// values, and how load.csv was made.
//
//go:embed rts/README.md
var RTSREADME string

// Reference values for RTS-79 (generation only), computed exactly on the
// embedded files (rts/README.md). Indices are per 8736-hour year; loss of
// load means available capacity strictly below load.
const (
	// RTSHours is the length of the RTS-79 load series (52 weeks × 168 h).
	RTSHours = 8736
	// RTSPeakMW is the annual peak load (IEEE RTS Task Force 1979).
	RTSPeakMW = 2850.0
	// RTSInstalledMW is the installed capacity (IEEE RTS Task Force 1979).
	RTSInstalledMW = 3405.0
	// RTSUnits is the number of generating units after expanding counts.
	RTSUnits = 32

	// RTSLOLE is the exact LOLE with hourly load, h/yr, by
	// capacity-outage-probability-table convolution (9.394175489).
	RTSLOLE = 9.3941755
	// RTSEUE is the exact expected unserved energy (EENS), MWh/yr, by the
	// same convolution (1176.298462).
	RTSEUE = 1176.2985
	// RTSDailyPeakLOLE is the exact LOLE with each of the 364 days at its
	// peak load, days/yr (1.368862906).
	RTSDailyPeakLOLE = 1.3688629
	// RTSLOLF is the loss-of-load frequency, events/yr, for
	// continuous-time two-state Markov units observed at each hour (an
	// event is a maximal run of shortfall hours), computed exactly from the
	// joint distribution of available capacity at consecutive hours
	// (1.913130858). Computed, not published.
	RTSLOLF = 1.913131
	// RTSLOLD is the mean duration of a loss-of-load event, LOLE/LOLF, h
	// (4.910367). Computed, not published.
	RTSLOLD = 4.91037
)
