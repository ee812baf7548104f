package testsystems

// Fleet300Class is a class of generating units of the synthetic benchmark
// fleet [Fleet300Classes]: count × capacity, with a forced outage rate
// and mean time to repair. MTTF follows as MTTR·(1−FOR)/FOR.
type Fleet300Class struct {
	// Name names the class's units ("Name#1", … once expanded).
	Name string
	// Count is the number of identical units.
	Count int
	// MW is each unit's capacity.
	MW float64
	// ForcedOutageRate is MTTR/(MTTF+MTTR).
	ForcedOutageRate float64
	// MTTRHours is the mean time to repair, in hours.
	MTTRHours float64
}

// Fleet300Classes is a synthetic fleet of 300 units and 40,000 MW whose
// outage parameters are class defaults from US sources, as tabulated in
// NREL ReEDS-2.0
// (inputs/plant_characteristics/outage_forced_static.csv and mttr.csv),
// GridMod/RTS-GMLC (RTS_Data/SourceData/gen.csv) and RTS-79. The mix and
// unit sizes are a judgement, loosely a national fleet: a few large
// nuclear and coal units, many combined cycles, hydro, and many small
// combustion turbines, oil and biomass units.
var Fleet300Classes = []Fleet300Class{
	{"nuclear", 4, 1100, 0.03, 298},      // ReEDS nuclear
	{"coal-new", 10, 660, 0.06, 55},      // ReEDS coal, new
	{"coal-350", 6, 350, 0.08, 100},      // RTS-GMLC coal 350 MW
	{"coal-155", 10, 155, 0.04, 40},      // RTS-GMLC coal 155 MW
	{"gas-cc-355", 28, 355, 0.033, 33},   // RTS-GMLC gas CC 355 MW
	{"gas-cc-400", 10, 400, 0.05, 48},    // ReEDS gas CC
	{"hydro-150", 30, 150, 0.07, 24},     // ReEDS hydro
	{"hydro-50", 20, 50, 0.01, 20},       // RTS-79 hydro 50 MW
	{"oil-steam-100", 10, 100, 0.05, 48}, // ReEDS o-g-s
	{"oil-steam-12", 30, 12, 0.02, 60},   // RTS-GMLC oil steam 12 MW
	{"gas-ct-55", 60, 55, 0.031, 31},     // RTS-GMLC gas CT 55 MW
	{"oil-ct-20", 43, 20, 0.10, 50},      // RTS-GMLC oil CT 20 MW
	{"bio-10", 39, 10, 0.09, 38},         // ReEDS biopower
}

// Fleet300PeakMW is the annual peak load of the synthetic fleet's load
// series, chosen (a judgement) so that there is some but little shortfall:
// its exact LOLE, from the COPT, is 1.02 h/yr, close to RBTS's 1.09. The
// series is the RBTS (IEEE RTS-79) shape, its first day repeated to make
// 8760 hours, scaled to this peak.
const Fleet300PeakMW = 37500
