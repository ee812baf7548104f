package grid

import (
	"math"
	"testing"
)

// TestCOPTRTS checks the table shape (3406 states of 1 MW up to 3405 MW)
// and the exact indices of RTS-79 against the testsystems reference values
// to 1e-6 relative (the constants are rounded to at most 5.2e-8 relative
// of the unrounded values), and against the quoted values attributed to
// the 1979 paper and to Billinton and Li (1994), not checked against the
// originals (testsystems/rts/README.md), to the rounding they are quoted
// with: half a unit of the last digit.
func TestCOPTRTS(t *testing.T) {
	r := checkCOPT(t, rtsRef, 1e-6)
	for _, x := range []struct {
		name           string
		got, want, tol float64
	}{
		{"LOLE (quoted, Billinton & Li 1994)", r.LOLEHours, 9.39418, 0.5e-5},
		{"EENS (quoted, Billinton & Li 1994)", r.EUEMWh, 1176, 0.5},
		{"daily-peak LOLE (quoted, IEEE RTS 1979)", r.LOLEDailyPeak, 1.36886, 0.5e-5},
	} {
		if math.Abs(x.got-x.want) > x.tol {
			t.Errorf("%s = %.7g, quoted %v ± %v", x.name, x.got, x.want, x.tol)
		}
	}
}

// rtsTrials is the number of RTS-79 trial-years of TestAdequacyRTS: the
// standard error is then about 0.9% of LOLE and 1.2% of EUE, well inside
// the 3% of TestAdequacyRBTS. It runs in about 0.2 s, 2 s under -race
// (measured on two shared cores). A run of 2,000,000 trial-years put every
// index within 0.6 SE of its exact value.
const rtsTrials = 40000

// TestAdequacyRTS checks the Monte Carlo against the exact RTS-79 values:
// LOLE and EUE from the COPT (and the testsystems constants), LOLF and
// LOLD from the reference, each within 4 standard errors, with the SE
// below 3% of the value (checkAgainstExact).
func TestAdequacyRTS(t *testing.T) {
	checkAgainstExact(t, rtsRef, rtsTrials, 1979)
}
