package mining

import (
	"math"
	"testing"
)

// compiledNetwork returns the calibrated network dynamics of the default
// model and the initial hashprice and revenue.
func compiledNetwork(t *testing.T, n Network) (networkStep, float64, float64) {
	t.Helper()
	perBlock := SubsidyBTC(n.Height) / (1 - DefaultFeeShare)
	hp0 := Hashprice(n.Difficulty, DefaultPriceUSD, perBlock)
	r0 := blocksPerDay * perBlock * DefaultPriceUSD
	s, err := newNetworkStep(n, hp0, r0)
	if err != nil {
		t.Fatal(err)
	}
	return s, hp0, r0
}

func TestNetworkCalibration(t *testing.T) {
	s, hp0, r0 := compiledNetwork(t, Defaults().Network)
	// Running hashrate on day 0 is the default 1,050 EH/s.
	if got := s.rho0 * s.capacity0 / 1e6; !closeRel(got, DefaultHashrateEHs) {
		t.Errorf("initial running hashrate %v EH/s, want %v", got, DefaultHashrateEHs)
	}
	// ρ*(h₀) = Φ(ln(h₀/median)/spread).
	z := math.Log(hp0*1000/DefaultShutdownMedianUSDPerPHDay) / DefaultShutdownSpread
	if want := 0.5 * math.Erfc(-z/math.Sqrt2); !closeRel(s.rho0, want) {
		t.Errorf("ρ₀ = %v, want %v", s.rho0, want)
	}
	// The initial state is a fixed point without the fleet.
	c, rho := s.capacity0, s.rho0
	for range 1000 {
		s.step(&c, &rho, 1, r0, hp0, 0)
	}
	if !closeRel(c, s.capacity0) || math.Abs(rho-s.rho0) > 1e-15 {
		t.Errorf("after 1000 steady days: capacity %v (want %v), ρ %v (want %v)", c, s.capacity0, rho, s.rho0)
	}
}

// TestNetworkLags checks the first-order lags: capacity moves toward the
// free-entry level by 1 − exp(−1/τ) a day, with τ = BuildDays when that level
// is above capacity and RetireDays when below; the fleet's running hashrate
// displaces others; the running share follows ρ* with τ = SwitchDays.
func TestNetworkLags(t *testing.T) {
	s, hp0, r0 := compiledNetwork(t, Defaults().Network)
	k0 := s.capacity0

	c, rho := k0, s.rho0
	s.step(&c, &rho, 1, 2*r0, hp0, 0) // revenue doubles: target 2K₀
	if want := k0 + (1-math.Exp(-1/DefaultBuildDays))*k0; !closeRel(c, want) {
		t.Errorf("build: capacity %v, want %v", c, want)
	}

	const fleet = 100e6 // TH/s
	c, rho = k0, s.rho0
	s.step(&c, &rho, 1, r0, hp0, fleet) // target K₀ − fleet
	if want := k0 - (1-math.Exp(-1/DefaultRetireDays))*fleet; !closeRel(c, want) {
		t.Errorf("retire: capacity %v, want %v", c, want)
	}

	c, rho = k0, s.rho0
	hp := hp0 / 2
	s.step(&c, &rho, 1, r0, hp, 0)
	if want := s.rho0 + (1-math.Exp(-1/DefaultSwitchDays))*(s.runningShare(hp)-s.rho0); !closeRel(rho, want) {
		t.Errorf("switch: ρ %v, want %v", rho, want)
	}
	// Over many days at the lower hashprice, ρ converges to ρ*.
	for range 200 {
		s.step(&c, &rho, 1, r0, hp, 0)
	}
	if math.Abs(rho-s.runningShare(hp)) > 1e-12 {
		t.Errorf("ρ %v did not converge to ρ* %v", rho, s.runningShare(hp))
	}

	// The trend multiplies the free-entry level.
	c, rho = k0, s.rho0
	s.step(&c, &rho, 1.5, r0, hp0, 0)
	if want := k0 + (1-math.Exp(-1/DefaultBuildDays))*0.5*k0; !closeRel(c, want) {
		t.Errorf("trend: capacity %v, want %v", c, want)
	}
	if s.runningShare(0) != 0 || s.runningShare(-1) != 0 {
		t.Error("running share at a non-positive hashprice is not 0")
	}
}
