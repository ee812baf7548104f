package mining

// Default AI data-centre parameters. Both are judgements.
const (
	// DefaultAIUtilisation is the flat hourly utilisation of the IT load.
	// Judgement: training clusters run near flat out around the clock.
	DefaultAIUtilisation = 0.9

	// DefaultAIPUE is the data centre's power usage effectiveness.
	// Judgement between the industry average of 1.56 (Uptime Institute
	// Global Data Center Survey 2024) and the 1.3 or better of new large
	// facilities (same survey), allowing for Pakistan's hot climate.
	DefaultAIPUE = 1.4
)

// AI describes the carve-out's AI data-centre load, which is firm: it draws
// ITMW × utilisation(hour of day) × PUE from the grid every hour, whatever
// the BTC price.
type AI struct {
	// ITMW is the IT capacity in MW. Default 0: no AI load. The grid-side
	// peak is ITMW × max(utilisation) × PUE.
	ITMW float64 `json:"it_mw"`
	// Utilisation gives the IT load as a share of ITMW for each hour of
	// the day (24 values in [0, 1], hour 0 = midnight). Default a flat
	// DefaultAIUtilisation (0.9).
	Utilisation []float64 `json:"utilisation"`
	// PUE is the power usage effectiveness, ≥ 1. Default DefaultAIPUE
	// (1.4).
	PUE float64 `json:"pue"`
}

// mwByHour returns the grid draw for each hour of the day.
func (a AI) mwByHour() (mw [24]float64) {
	for h := range mw {
		mw[h] = a.ITMW * a.Utilisation[h] * a.PUE
	}
	return mw
}
