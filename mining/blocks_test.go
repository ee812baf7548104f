package mining

import (
	"fmt"
	"math"
	"testing"
)

// TestEpochTimespanIsGamma2015 checks the block process against the
// Poisson rate through the measured epoch timespans. At a hashrate constant
// within the epoch the time from the epoch's first block to its last is the
// sum of 2015 exponential intervals, so timespan × rate ~ Gamma(2015, 1):
// mean and variance 2015. The mean distinguishes 2015 from 2016 intervals
// (the off-by-one) by about 7 SE. The chain is advanced in intervals of one,
// ten and thirty days, so epochs end inside intervals and several retargets
// fall in one interval.
func TestEpochTimespanIsGamma2015(t *testing.T) {
	const epochs = 100_000
	for _, days := range []float64{1, 10, 30} {
		t.Run(fmt.Sprintf("%gd steps", days), func(t *testing.T) {
			r := newRand(12, uint64(days))
			const d0 = 144.4e12
			hashrate := NetworkHashrate(d0) / 1e12 // TH/s: on target at d0
			c := newChain(d0, DefaultHeight)
			var log []epoch
			c.log = &log
			for step := 0; len(log) < epochs; step++ {
				start := float64(step) * days * secondsPerDay
				c.advance(r, start, days*secondsPerDay, hashrate)
			}
			var m moments
			for _, e := range log {
				m.add(e.timespan * BlockRate(hashrate, e.difficulty))
			}
			checkMeanVar(t, "timespan × rate", &m, 2015, 2015)
		})
	}
}

// TestDailyBlockCounts checks daily block counts within the first epoch
// against Poisson(rate × 86,400): mean and variance within 4 SE over
// independent chains.
func TestDailyBlockCounts(t *testing.T) {
	const chains = 20_000
	r := newRand(13, 13)
	const d0 = 144.4e12
	hashrate := 1.1 * NetworkHashrate(d0) / 1e12
	mean := BlockRate(hashrate, d0) * secondsPerDay
	var m moments
	for range chains {
		c := newChain(d0, DefaultHeight)
		for day := range 5 {
			m.add(float64(c.advance(r, float64(day)*secondsPerDay, secondsPerDay, hashrate)))
		}
		if c.retargets != 0 {
			t.Fatal("unexpected retarget in the first five days")
		}
	}
	checkMeanVar(t, "daily blocks", &m, mean, mean)
}

// TestRetargetClampsInSimulation drives the chain with ten times and a
// tenth of the hashrate the difficulty expects: the first retarget must
// then hit the ×4 and ÷4 clamps exactly.
func TestRetargetClampsInSimulation(t *testing.T) {
	const d0 = 100e12
	for _, c := range []struct {
		factor, want float64
	}{{10, 4 * d0}, {0.1, d0 / 4}} {
		r := newRand(14, 14)
		ch := newChain(d0, 2016*400)
		hashrate := c.factor * NetworkHashrate(d0) / 1e12
		for day := 0; ch.retargets == 0; day++ {
			ch.advance(r, float64(day)*secondsPerDay, secondsPerDay, hashrate)
		}
		if ch.difficulty != c.want {
			t.Errorf("hashrate ×%v: difficulty after first retarget = %g, want %g (timespan %.0f s)",
				c.factor, ch.difficulty, c.want, ch.lastTimespan)
		}
		if ch.height < 2016*401 {
			t.Errorf("hashrate ×%v: height %d after the first retarget, want ≥ %d", c.factor, ch.height, 2016*401)
		}
	}
}

// A chain starting mid-epoch retargets after the remaining blocks only.
func TestChainMidEpoch(t *testing.T) {
	const d0 = 100e12
	c := newChain(d0, 2016*400+2000)
	if c.inEpoch != 2000 || c.firstTime != -1999*TargetSpacing {
		t.Fatalf("mid-epoch chain: inEpoch %d, firstTime %v", c.inEpoch, c.firstTime)
	}
	r := newRand(15, 15)
	hashrate := NetworkHashrate(d0) / 1e12
	n := c.advance(r, 0, secondsPerDay, hashrate)
	if c.retargets != 1 {
		t.Fatalf("retargets = %d after %d blocks with 16 to go", c.retargets, n)
	}
	// About 2000 + 16 intervals at 600 s: within the clamps, so difficulty
	// moves by less than 1%. The 16 random intervals sum to Gamma(16, 600 s),
	// sd 2,400 s, 0.2% of the 2015 × 600 s timespan, whose mean puts the
	// ratio at 1.0005: the 1% bound is 4.8 SE from it.
	if math.Abs(c.difficulty/d0-1) > 0.01 {
		t.Errorf("difficulty ratio %v, want within 1%% of 1", c.difficulty/d0)
	}
}
