package study

import "testing"

// TestAIDefaultsAndITMW checks the AI block's documented defaults and its
// IT capacity, allocation / PUE.
func TestAIDefaultsAndITMW(t *testing.T) {
	d := AI{}.withDefaults()
	if d.PUE != DefaultAIPUE || len(d.Utilisation) != 24 || d.Utilisation[23] != DefaultAIUtilisation {
		t.Errorf("defaults: %+v", d)
	}
	if got := (AI{}).ITMW(140); got != 140/DefaultAIPUE {
		t.Errorf("ITMW(140) with the default PUE = %v, want %v", got, 140/DefaultAIPUE)
	}
	if got := (AI{PUE: 1.25}).ITMW(100); got != 80 {
		t.Errorf("ITMW(100) at PUE 1.25 = %v, want 80", got)
	}
	// The draw does not depend on the PUE: allocation × utilisation.
	util := make([]float64, 24)
	util[5] = 0.5
	if mw := (AI{Utilisation: util, PUE: 2}).withDefaults().mwByHour(30); mw[5] != 15 || mw[4] != 0 {
		t.Errorf("mwByHour(30): hour 5 %v, hour 4 %v, want 15 and 0", mw[5], mw[4])
	}
}
