package mining

import (
	"math"
	"math/rand/v2"

	"github.com/carveout/carveout/internal/variate"
)

// PriceKind names a price process; see the constants.
type PriceKind string

// Price kinds accepted by [Price].Kind.
const (
	// PriceGBM is geometric Brownian motion (the default).
	PriceGBM PriceKind = "gbm"
	// PriceMerton is Merton's jump-diffusion: GBM plus compound-Poisson
	// jumps in the log-price with normally distributed sizes.
	PriceMerton PriceKind = "merton"
	// PriceConstant holds the price at InitialUSD and draws nothing.
	PriceConstant PriceKind = "constant"
)

// Default price parameters. All are judgements unless a source is given.
const (
	// DefaultPriceUSD is the BTC price on 19 Feb 2026, about $68,000
	// (phemex.com; coinvamp.com).
	DefaultPriceUSD = 68_000.0

	// DefaultVolatility is the annualised volatility of the GBM price:
	// K33's daily realised volatility of 2.24% (2025), 2.80% (2024) and
	// 3.34% (2022) (apim.gateapi.io/tr/news/detail/17441055), annualised by
	// √365, is 43%, 53% and 64%; 55% is a judgement inside that range.
	DefaultVolatility = 0.55

	// DefaultMertonVolatility is the diffusive volatility to use with Kind
	// "merton" ([Defaults] sets DefaultVolatility, for GBM): with the default jumps (6 a year, log-size N(−0.05,
	// 0.10²)) the jumps add 6 × (0.05² + 0.10²) = 0.075 to the annual
	// variance, and √(0.48² + 0.075) ≈ 0.553 keeps the total near
	// DefaultVolatility. Judgement.
	DefaultMertonVolatility = 0.48

	// DefaultJumpsPerYear is the Merton jump intensity. Judgement: daily
	// moves beyond about ±10% occur a handful of times a year; the
	// literature finds jumps on many more days at high frequency (Scaillet,
	// Treccani & Trevisan, J. Financial Econometrics 18(2), 2020), most of
	// them too small to matter daily.
	DefaultJumpsPerYear = 6.0

	// DefaultJumpMean is the mean of the log jump size. Judgement, negative
	// because return jumps are mostly negative (Chaim & Laurini, Economics
	// Letters 173, 2018).
	DefaultJumpMean = -0.05

	// DefaultJumpSigma is the standard deviation of the log jump size.
	// Judgement.
	DefaultJumpSigma = 0.10
)

// Price describes the BTC/USD price process, stepped once per simulated day
// exactly in log space (no discretisation error).
//
// GBM: log S(t+Δ) = log S(t) + (μ − σ²/2)Δ + σ√Δ Z, with Δ = 1/365 year.
//
// Merton: the same plus the sum of N ~ Poisson(λΔ) jumps Y ~ N(m, s²), with
// the drift compensated by −λκ, κ = exp(m + s²/2) − 1, so that
// E[S(t)] = S(0)·e^{μt} in both models. The daily log-return then has mean
// (μ − σ²/2 − λκ)Δ + λΔm and variance σ²Δ + λΔ(m² + s²).
//
// The diffusion draws from [Streams].Price and the jumps from
// [Streams].Jumps, so switching jumps on or off leaves the Brownian part of
// a trial unchanged (common random numbers).
type Price struct {
	// Kind is "gbm", "merton" or "constant". Default PriceGBM.
	Kind PriceKind `json:"kind"`
	// InitialUSD is the price on day 0, > 0. Default DefaultPriceUSD
	// ($68,000, 19 Feb 2026).
	InitialUSD float64 `json:"initial_usd"`
	// Drift is the annual expected return μ (E[S(t)] = S(0)e^{μt}).
	// Default 0, a judgement: no view on BTC's expected return.
	Drift float64 `json:"drift"`
	// Volatility is the annualised diffusive volatility σ; 0 makes the
	// diffusion deterministic. Default DefaultVolatility (0.55); with
	// Kind "merton" set it to DefaultMertonVolatility (0.48) to keep the
	// total volatility of the default jumps near 0.55.
	Volatility float64 `json:"volatility"`
	// JumpsPerYear is the Merton jump intensity λ. Default
	// DefaultJumpsPerYear (6). Ignored unless Kind is "merton".
	JumpsPerYear float64 `json:"jumps_per_year"`
	// JumpMean is the mean m of the log jump size; 0 gives symmetric
	// jumps. Default DefaultJumpMean (−0.05). Ignored unless Kind is
	// "merton".
	JumpMean float64 `json:"jump_mean"`
	// JumpSigma is the standard deviation s of the log jump size; 0
	// makes every jump m. Default DefaultJumpSigma (0.10). Ignored unless
	// Kind is "merton".
	JumpSigma float64 `json:"jump_sigma"`
}

// priceStep holds the per-day constants of a validated Price.
type priceStep struct {
	kind      PriceKind
	logDrift  float64 // per-day drift of the log-price, compensated
	sigma     float64 // per-day diffusive sd σ√Δ
	jumpMean  float64 // expected jumps per day λΔ
	jumpMu    float64 // m
	jumpSigma float64 // s
}

func newPriceStep(p Price) priceStep {
	const dt = 1 / daysPerYear
	s := priceStep{kind: p.Kind}
	if p.Kind == PriceConstant {
		return s
	}
	s.sigma = p.Volatility * math.Sqrt(dt)
	s.logDrift = (p.Drift - p.Volatility*p.Volatility/2) * dt
	if p.Kind == PriceMerton {
		kappa := math.Expm1(p.JumpMean + p.JumpSigma*p.JumpSigma/2)
		s.logDrift -= p.JumpsPerYear * kappa * dt
		s.jumpMean = p.JumpsPerYear * dt
		s.jumpMu = p.JumpMean
		s.jumpSigma = p.JumpSigma
	}
	return s
}

// step advances the log-price by one day. diffusion supplies exactly one
// normal per day; jumps supplies one Poisson count per day and, when the
// count is positive, one normal for the sum of the jump sizes
// (Σ of n N(m, s²) = N(nm, ns²)).
func (s *priceStep) step(logP float64, diffusion, jumps *rand.Rand) float64 {
	if s.kind == PriceConstant {
		return logP
	}
	logP += s.logDrift + s.sigma*diffusion.NormFloat64()
	if s.kind == PriceMerton {
		if n := variate.Poisson(jumps, s.jumpMean); n > 0 {
			fn := float64(n)
			logP += fn*s.jumpMu + s.jumpSigma*math.Sqrt(fn)*jumps.NormFloat64()
		}
	}
	return logP
}
