package mining

import (
	"math/rand/v2"

	"github.com/carveout/carveout/internal/variate"
)

// chain is the state of the simulated block chain: the current difficulty,
// the height of the next block, how many blocks of the current epoch have
// been mined and when the epoch's first block arrived.
//
// Blocks arrive as a Poisson process at rate H·10¹²/(D·2³²) per second for
// a hashrate H in TH/s. The chain is advanced over intervals of constant
// hashrate (a day in the simulator) by drawing the number of arrivals N in
// the interval. If N reaches the end of the epoch, the k-th arrival (the
// epoch's last block) is placed exactly: given N arrivals in an interval of
// length τ, the k-th lies at τ·Beta(k, N−k+1) (the k-th uniform order
// statistic). Arrivals after it are discarded and the rest of the interval
// is redrawn at the new difficulty, which is exact because a Poisson
// process restarted at a stopping time is again a Poisson process. The
// arrival time of an epoch's first block is placed the same way (the
// minimum of the arrivals before it), so the measured timespan spans the
// 2015 intervals between the first and last block, as in Bitcoin Core.
type chain struct {
	difficulty float64
	height     int64   // height of the next block to be mined
	inEpoch    int64   // blocks of the current epoch already mined
	firstTime  float64 // arrival time of the epoch's first block, s
	retargets  int

	// lastTimespan is the measured (unclamped) timespan of the epoch that
	// ended at the latest retarget.
	lastTimespan float64
	// If non-nil (tests only), every retarget is appended here.
	log *[]epoch
}

// epoch records one completed epoch: its difficulty and measured timespan.
type epoch struct{ difficulty, timespan float64 }

func newChain(difficulty float64, height int64) chain {
	c := chain{difficulty: difficulty, height: height, inEpoch: height % BlocksPerRetarget}
	if c.inEpoch > 0 {
		// The blocks already in the epoch are taken to have arrived at the
		// target spacing, the last of them at time 0 (documented on
		// Network.Height).
		c.firstTime = -float64(c.inEpoch-1) * TargetSpacing
	}
	return c
}

// advance mines the interval [start, start+length) seconds at a constant
// hashrate hashrateTHs (TH/s) and returns the number of blocks found.
func (c *chain) advance(r *rand.Rand, start, length, hashrateTHs float64) int64 {
	var found int64
	t, end := start, start+length
	for t < end {
		rem := end - t
		n := variate.Poisson(r, BlockRate(hashrateTHs, c.difficulty)*rem)
		need := BlocksPerRetarget - c.inEpoch
		if n < need {
			if c.inEpoch == 0 && n > 0 {
				c.firstTime = t + rem*variate.MinUniform(r, float64(n))
			}
			c.inEpoch += n
			c.height += n
			found += n
			break
		}
		// The epoch's last block is the need-th arrival of n.
		x := variate.Beta(r, float64(need), float64(n-need+1))
		last := t + rem*x
		if c.inEpoch == 0 {
			// The first block is the smallest of the need−1 arrivals
			// before the last, uniform on [t, last).
			c.firstTime = last
			if need > 1 {
				c.firstTime = t + rem*x*variate.MinUniform(r, float64(need-1))
			}
		}
		c.height += need
		found += need
		c.lastTimespan = last - c.firstTime
		if c.log != nil {
			*c.log = append(*c.log, epoch{c.difficulty, c.lastTimespan})
		}
		c.difficulty = Retarget(c.difficulty, c.lastTimespan)
		c.inEpoch = 0
		c.retargets++
		t = last
	}
	return found
}
