package mining

import (
	"math"
	"reflect"
	"testing"
)

// fullModel exercises every optional feature: Merton jumps, stochastic
// fees, an economic fleet with a time-of-use tariff, and a trend.
func fullModel() Model {
	m := testModel()
	m.Price.Kind = PriceMerton
	m.Fleet.Economic = true
	m.Fleet.TariffByHour = touTariff(40)
	m.Network.TrendPerYear = 0.1
	return m
}

func TestRunDoesNotAllocate(t *testing.T) {
	for _, m := range []Model{testModel(), fullModel()} {
		s, err := NewSimulator(m, 8760)
		if err != nil {
			t.Fatal(err)
		}
		st := newStreams(1)
		if a := testing.AllocsPerRun(20, func() {
			if _, err := s.Run(st); err != nil {
				t.Fatal(err)
			}
		}); a != 0 {
			t.Errorf("Run allocates %v times per call", a)
		}
	}
}

// copyPath deep-copies a Path.
func copyPath(p *Path) Path {
	q := *p
	q.FleetMW = append([]float64(nil), p.FleetMW...)
	q.PriceUSD = append([]float64(nil), p.PriceUSD...)
	q.Hashprice = append([]float64(nil), p.Hashprice...)
	q.Difficulty = append([]float64(nil), p.Difficulty...)
	q.HashrateEHs = append([]float64(nil), p.HashrateEHs...)
	q.FeeShare = append([]float64(nil), p.FeeShare...)
	q.Blocks = append([]int(nil), p.Blocks...)
	q.FleetUtilisation = append([]float64(nil), p.FleetUtilisation...)
	return q
}

func TestRunDeterministic(t *testing.T) {
	m := fullModel()
	a, _ := NewSimulator(m, 8760)
	b, _ := NewSimulator(m, 8760)
	pa, err := a.Run(newStreams(42))
	if err != nil {
		t.Fatal(err)
	}
	first := copyPath(pa)
	// Another trial in between must not leak state into the next one.
	if _, err := b.Run(newStreams(7)); err != nil {
		t.Fatal(err)
	}
	pb, err := b.Run(newStreams(42))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, copyPath(pb)) {
		t.Error("same streams gave different paths")
	}
	pc, _ := a.Run(newStreams(43))
	if reflect.DeepEqual(first.PriceUSD, pc.PriceUSD) {
		t.Error("different streams gave the same price path")
	}
}

// Common random numbers: the price and fee paths depend only on their own
// streams, so changing the fleet or the network leaves them
// bit-identical.
func TestCommonRandomNumbers(t *testing.T) {
	base := fullModel()
	other := base
	other.Fleet.MW = 500
	other.Fleet.Economic = false
	other.Network.BuildDays = 30
	sa, _ := NewSimulator(base, 8760)
	sb, _ := NewSimulator(other, 8760)
	pa, _ := sa.Run(newStreams(5))
	a := copyPath(pa)
	pb, _ := sb.Run(newStreams(5))
	if !reflect.DeepEqual(a.PriceUSD, pb.PriceUSD) || !reflect.DeepEqual(a.FeeShare, pb.FeeShare) {
		t.Error("price or fee path changed with fleet and network parameters")
	}
	if reflect.DeepEqual(a.HashrateEHs, pb.HashrateEHs) {
		t.Error("hashrate path did not change with the fleet")
	}
}

// TestFleetIsPartOfNetwork checks that the fleet's hashrate adds to the
// network's and that the simulated blocks follow the network's rate: over
// the first ten days (before the first retarget) the daily counts, pooled
// over trials, match Σ rate × 86,400 within 4 SE, with and without the
// fleet.
func TestFleetIsPartOfNetwork(t *testing.T) {
	without := testModel()
	without.Fleet.MW = 0
	with := testModel()
	sw, _ := NewSimulator(without, 24*10)
	sf, _ := NewSimulator(with, 24*10)
	fleetEHs := sf.Model().Fleet.HashrateTHs() / 1e6
	// 2,000 MW at 17.5 J/TH and PUE 1.05 is about 109 EH/s, a tenth of the
	// network.
	if math.Abs(fleetEHs-108.84) > 0.01 {
		t.Errorf("fleet hashrate %v EH/s, want 108.84", fleetEHs)
	}
	for _, c := range []struct {
		name  string
		s     *Simulator
		extra float64
	}{{"without fleet", sw, 0}, {"with fleet", sf, fleetEHs}} {
		var blocks, expected float64
		for seed := range uint64(2000) {
			p, err := c.s.Run(newStreams(seed))
			if err != nil {
				t.Fatal(err)
			}
			if got := p.HashrateEHs[0]; !closeRel(got, DefaultHashrateEHs+c.extra) {
				t.Fatalf("%s: day-0 hashrate %v EH/s, want %v", c.name, got, DefaultHashrateEHs+c.extra)
			}
			if p.Retargets != 0 {
				t.Fatalf("%s: retarget within ten days", c.name)
			}
			for d, n := range p.Blocks {
				blocks += float64(n)
				expected += BlockRate(p.HashrateEHs[d]*1e6, p.Difficulty[d]) * secondsPerDay
			}
		}
		if z := (blocks - expected) / math.Sqrt(expected); math.Abs(z) > 4 {
			t.Errorf("%s: %v blocks, expected %.0f (%.1f SE)", c.name, blocks, expected, z)
		}
	}
}

// TestFleetMovesDifficulty checks the first retarget against its exact
// law. With price and fees constant the hashprice is constant until the
// first retarget, so the running share of others stays put; with RetireDays
// very long their capacity does too, and the network's rate λ is constant
// through the first epoch. Its measured timespan X is then Gamma(2015, λ),
// so the new difficulty D₁ = D₀·T/X has mean D₀·Tλ/2014 and variance
// (D₀Tλ)²/(2014²·2013). Adding the always-on fleet raises λ by its
// hashrate, and with it the difficulty.
func TestFleetMovesDifficulty(t *testing.T) {
	const trials = 4000
	for _, mw := range []float64{0, 2000} {
		m := testModel()
		m.Fleet.MW = mw
		m.Price.Kind, m.Fees.Kind = PriceConstant, FeesConstant
		m.Network.RetireDays = 1e12
		s, err := NewSimulator(m, 24*20)
		if err != nil {
			t.Fatal(err)
		}
		hashrate := DefaultHashrateEHs*1e6 + s.Model().Fleet.HashrateTHs()
		lambda := BlockRate(hashrate, DefaultDifficulty)
		scale := DefaultDifficulty * TargetTimespan * lambda
		want := scale / 2014
		sd := scale / (2014 * math.Sqrt(2013))
		var sum float64
		for seed := range uint64(trials) {
			p, err := s.Run(newStreams(seed))
			if err != nil {
				t.Fatal(err)
			}
			if p.Retargets != 1 {
				t.Fatalf("fleet %v MW: %d retargets in 20 days, want 1", mw, p.Retargets)
			}
			sum += p.Difficulty[len(p.Difficulty)-1]
		}
		mean := sum / trials
		se := sd / math.Sqrt(trials)
		if math.Abs(mean-want) > 4*se {
			t.Errorf("fleet %v MW: mean difficulty after the first retarget %.5gT, want %.5gT ± 4×%.2gT",
				mw, mean/1e12, want/1e12, se/1e12)
		}
	}
}

// TestFleetMWAcrossRuns checks that the hourly slices are right after a
// sequence of trials, although Run rewrites only the days whose running
// hours changed: each path must equal that of a fresh simulator, whose
// hours are all written, and FleetMW must agree with the daily utilisation.
// The economic models are set so that the fleet is off on some days and on
// in others.
func TestFleetMWAcrossRuns(t *testing.T) {
	flat := fullModel()
	flat.Fleet.TariffByHour = nil
	flat.Fleet.TariffUSDPerMWh = 45
	const hours = 8760 - 5 // a partial last day
	for _, m := range []Model{fullModel(), flat, testModel()} {
		s, err := NewSimulator(m, hours)
		if err != nil {
			t.Fatal(err)
		}
		var changed bool
		var prev []float64
		for seed := uint64(1); seed <= 6; seed++ {
			p, err := s.Run(newStreams(seed))
			if err != nil {
				t.Fatal(err)
			}
			fresh, _ := NewSimulator(m, hours)
			want, _ := fresh.Run(newStreams(seed))
			if !reflect.DeepEqual(copyPath(p), copyPath(want)) {
				t.Fatalf("economic=%v seed %d: path differs from a fresh simulator's", m.Fleet.Economic, seed)
			}
			for d, u := range p.FleetUtilisation {
				h0, h1 := d*24, min(d*24+24, hours)
				run := 0
				for h := h0; h < h1; h++ {
					if mw := p.FleetMW[h]; mw == m.Fleet.MW {
						run++
					} else if mw != 0 {
						t.Fatalf("FleetMW[%d] = %v, want 0 or %v", h, mw, m.Fleet.MW)
					}
					// The hour-by-hour rule: run unless the day's revenue
					// per MWh is below the hour's cost.
					rev := p.Hashprice[d] * s.thPerMW / 24
					if on := !(m.Fleet.Economic && rev < s.fleetCost[h%24]); on != (p.FleetMW[h] != 0) {
						t.Fatalf("hour %d: running %v, want %v (revenue %v $/MWh, cost %v)", h, !on, on, rev, s.fleetCost[h%24])
					}
				}
				if math.Abs(float64(run)-u*float64(h1-h0)) > 1e-9 {
					t.Fatalf("day %d: %d running hours, utilisation %v", d, run, u)
				}
			}
			if prev != nil && !reflect.DeepEqual(prev, p.FleetMW) {
				changed = true
			}
			prev = append(prev[:0], p.FleetMW...)
		}
		if m.Fleet.Economic && !changed {
			t.Errorf("economic fleet: FleetMW was the same on every path, so the test did not exercise rewrites")
		}
	}
}
