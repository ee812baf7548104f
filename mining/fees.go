package mining

import (
	"math"
	"math/rand/v2"
)

// FeesKind names a fee-share process; see the constants.
type FeesKind string

// Fee kinds accepted by [Fees].Kind.
const (
	// FeesStochastic draws a daily fee share (the default).
	FeesStochastic FeesKind = "stochastic"
	// FeesConstant holds the fee share at BaseShare and draws nothing.
	FeesConstant FeesKind = "constant"
)

// maxFeeShare caps the daily fee share of miner revenue. Judgement: on the
// most extreme day on record (the 2024 halving, when the halving block
// carried 37.6 BTC of fees; bullsgazette.com, 2024-04-20) fees exceeded the
// subsidy for five blocks only; a day at 90% fees is already beyond it.
const maxFeeShare = 0.9

// Default fee parameters. All are judgements except where a source is given.
const (
	// DefaultFeeShare is the base fee share of miner revenue. The 2025
	// average was about 1.1% (0.036 BTC per block, hashlabs.io); The Block
	// put it under 1% (2025). 1.5% is a judgement inside a 1–2% base that
	// leaves room for the fee spikes of busier years.
	DefaultFeeShare = 0.015

	// DefaultFeeVolatility is the standard deviation of the daily
	// log-noise on the base share. Judgement.
	DefaultFeeVolatility = 0.3

	// DefaultFeeSpikesPerYear is the rate of fee spikes (inscription and
	// token launches, halving-day congestion). Judgement from the episodes
	// of 2023–2024 (Ordinals, BRC-20, and Runes at the 2024 halving;
	// bullsgazette.com, 2024-04-20).
	DefaultFeeSpikesPerYear = 2.0

	// DefaultFeeSpikeShare is the mean share a spike adds on its first day
	// (exponentially distributed). Judgement.
	DefaultFeeSpikeShare = 0.15

	// DefaultFeeSpikeHalfLifeDays is the half-life of a spike. Judgement:
	// the Runes spike was over within days.
	DefaultFeeSpikeHalfLifeDays = 2.0
)

// Fees describes the daily fee share f of miner revenue, so that the reward
// per block is subsidy/(1 − f) and the fees per block subsidy·f/(1 − f).
// When the subsidy is zero (after halving 33) the model gives zero fees; it
// is meant for horizons of a few years.
//
// Each day, with spike level L decaying by 2^(−1/half-life) a day and a new
// spike arriving with probability 1 − exp(−rate/365) and adding an
// Exponential(mean) amount,
//
//	f = min(0.9, base · exp(σZ − σ²/2) + L),
//
// so the base part has mean base. Draws come from [Streams].Fees in a fixed
// order: one normal and one uniform a day, plus one exponential when a spike
// starts.
type Fees struct {
	// Kind is "stochastic" or "constant". Default FeesStochastic.
	Kind FeesKind `json:"kind"`
	// BaseShare is the mean fee share outside spikes, in [0, 0.9].
	// Default DefaultFeeShare (0.015).
	BaseShare float64 `json:"base_share"`
	// Volatility is the sd σ of the daily log-noise on BaseShare; 0
	// holds the base share fixed. Default DefaultFeeVolatility (0.3).
	Volatility float64 `json:"volatility"`
	// SpikesPerYear is the spike arrival rate; 0 means no spikes.
	// Default DefaultFeeSpikesPerYear (2).
	SpikesPerYear float64 `json:"spikes_per_year"`
	// SpikeMeanShare is the mean share a spike adds. Default
	// DefaultFeeSpikeShare (0.15).
	SpikeMeanShare float64 `json:"spike_mean_share"`
	// SpikeHalfLifeDays is the half-life of a spike in days, > 0. Default
	// DefaultFeeSpikeHalfLifeDays (2).
	SpikeHalfLifeDays float64 `json:"spike_half_life_days"`
}

// feeStep holds the per-day constants of validated Fees.
type feeStep struct {
	constant   bool
	base       float64
	sigma      float64
	halfSigma2 float64
	spikeProb  float64 // P(spike starts on a day)
	spikeMean  float64
	decay      float64 // daily multiplier of the spike level
}

func newFeeStep(f Fees) feeStep {
	return feeStep{
		constant:   f.Kind == FeesConstant,
		base:       f.BaseShare,
		sigma:      f.Volatility,
		halfSigma2: f.Volatility * f.Volatility / 2,
		spikeProb:  -math.Expm1(-f.SpikesPerYear / daysPerYear),
		spikeMean:  f.SpikeMeanShare,
		decay:      math.Exp2(-1 / f.SpikeHalfLifeDays),
	}
}

// step returns the day's fee share and updates the spike level.
func (s *feeStep) step(spike *float64, r *rand.Rand) float64 {
	if s.constant {
		return s.base
	}
	z := r.NormFloat64()
	*spike *= s.decay
	if r.Float64() < s.spikeProb {
		*spike += s.spikeMean * r.ExpFloat64()
	}
	return min(maxFeeShare, s.base*math.Exp(s.sigma*z-s.halfSigma2)+*spike)
}
