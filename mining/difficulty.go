package mining

import "math"

// ClampTimespan clamps a measured epoch timespan, in seconds, to
// [TargetTimespan/4, 4·TargetTimespan] as Bitcoin Core's
// CalculateNextWorkRequired does before scaling the target.
func ClampTimespan(actual float64) float64 {
	return min(max(actual, TargetTimespan/MaxRetargetFactor), TargetTimespan*MaxRetargetFactor)
}

// Retarget returns the difficulty of the next epoch given the current
// difficulty and the epoch's measured timespan in seconds.
//
// Bitcoin Core (pow.cpp) sets new target = old target × clamp(actual)/T with
// T = 14 days. Difficulty is proportional to 1/target, so
//
//	new difficulty = old difficulty × T / clamp(actual, T/4, 4T),
//
// which moves difficulty by at most ×4 or ÷4. The target may not exceed the
// proof-of-work limit, i.e. difficulty never falls below 1.
//
// The off-by-one: the measured timespan is the timestamp of the epoch's last
// block minus that of its first block, which spans 2015 block intervals, not
// 2016 (the first block's own interval is not counted). At a hashrate that
// exactly matches the difficulty the measured timespan is 2015 × 600 s on
// average, so difficulty drifts up by 2016/2015 per epoch (about 0.05%).
// The simulator reproduces this by measuring from the arrival of an epoch's
// first block to the arrival of its last.
//
// Real block timestamps are set by miners and may be off by up to about two
// hours; the simulator uses true arrival times. A NaN timespan, or a
// difficulty that is not positive, gives NaN.
func Retarget(difficulty, actual float64) float64 {
	if !(difficulty > 0) {
		return math.NaN()
	}
	return max(difficulty*TargetTimespan/ClampTimespan(actual), 1)
}

// NetworkHashrate returns the hashrate, in hashes per second, at which blocks
// arrive every 600 s on average at the given difficulty: D·2³²/600.
// At 144.4T (19 Feb 2026) this is about 1.03 ZH/s.
//
// It is NaN for a negative difficulty.
func NetworkHashrate(difficulty float64) float64 {
	if difficulty < 0 {
		return math.NaN()
	}
	return difficulty * two32 / TargetSpacing
}

// BlockRate returns the expected number of blocks per second found by the
// given hashrate, in TH/s, at the given difficulty: H·10¹²/(D·2³²).
//
// It is NaN for a negative hashrate or a difficulty that is not positive.
func BlockRate(hashrateTHs, difficulty float64) float64 {
	if hashrateTHs < 0 || !(difficulty > 0) {
		return math.NaN()
	}
	return hashrateTHs * 1e12 / (difficulty * two32)
}
