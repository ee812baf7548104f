package mining

import (
	"fmt"
	"io"
	"math"

	"github.com/carveout/carveout/input"
)

// Model is a complete, serialisable description of the carve-out's mining
// economics for one scenario: the BTC price, fees, the rest of the network,
// and the carve-out's mining fleet. Every field
// means what it holds: zero is zero. Start from [Defaults], which documents
// every default, and change what differs; [DecodeModel] decodes a JSON
// document onto Defaults, so absent fields keep their defaults.
type Model struct {
	// Price is the BTC/USD price process.
	Price Price `json:"price"`
	// Fees is the fee share of block rewards.
	Fees Fees `json:"fees"`
	// Network is the rest of the mining network and the chain state.
	Network Network `json:"network"`
	// Fleet is the carve-out's mining fleet.
	Fleet Fleet `json:"fleet"`
}

// Defaults returns the default model, with every field set: network state
// of 19 Feb 2026, GBM price at 55% volatility, stochastic fees, and a fleet
// of S21-class machines paying the industry-median $40/MWh that always
// runs, sized 0 MW (a scenario sizes it). Each default is
// a Bitcoin-economics judgement or a dated market figure cited at its
// constant; none is a country's policy. Each call returns new slices.
func Defaults() Model {
	return Model{
		Price: Price{
			Kind:         PriceGBM,
			InitialUSD:   DefaultPriceUSD,
			Volatility:   DefaultVolatility,
			JumpsPerYear: DefaultJumpsPerYear,
			JumpMean:     DefaultJumpMean,
			JumpSigma:    DefaultJumpSigma,
		},
		Fees: Fees{
			Kind:              FeesStochastic,
			BaseShare:         DefaultFeeShare,
			Volatility:        DefaultFeeVolatility,
			SpikesPerYear:     DefaultFeeSpikesPerYear,
			SpikeMeanShare:    DefaultFeeSpikeShare,
			SpikeHalfLifeDays: DefaultFeeSpikeHalfLifeDays,
		},
		Network: Network{
			HashrateEHs:               DefaultHashrateEHs,
			Difficulty:                DefaultDifficulty,
			Height:                    DefaultHeight,
			BuildDays:                 DefaultBuildDays,
			RetireDays:                DefaultRetireDays,
			SwitchDays:                DefaultSwitchDays,
			ShutdownMedianUSDPerPHDay: DefaultShutdownMedianUSDPerPHDay,
			ShutdownSpread:            DefaultShutdownSpread,
		},
		Fleet: Fleet{
			JPerTH:          DefaultJPerTH,
			PUE:             DefaultFleetPUE,
			TariffUSDPerMWh: DefaultTariffUSDPerMWh,
		},
	}
}

// Validate reports the first invalid field of m as an [*input.FieldError] whose path is relative to the model,
// e.g.
//
//	fleet.j_per_th = -3, want >= 1
//
// NaN and infinite values, negative sizes, costs and rates, PUE below 1,
// shares outside their range, unknown kinds and profiles of the wrong
// length are rejected. Finite upper bounds are sanity limits far outside
// any real value (judgement); the price's keep exp(log-price) finite over a
// century of daily steps.
func (m Model) Validate() error {
	switch m.Price.Kind {
	case PriceGBM, PriceMerton, PriceConstant:
	default:
		return input.Field("price.kind", quote(string(m.Price.Kind)), `one of "gbm", "merton", "constant"`)
	}
	switch m.Fees.Kind {
	case FeesStochastic, FeesConstant:
	default:
		return input.Field("fees.kind", quote(string(m.Fees.Kind)), `one of "stochastic", "constant"`)
	}
	inf := math.Inf(1)
	p, f, n, fl := m.Price, m.Fees, m.Network, m.Fleet
	bounds := []bound{
		{"price.initial_usd", p.InitialUSD, 0, 1e12, true},
		{"price.drift", p.Drift, -5, 5, false},
		{"price.volatility", p.Volatility, 0, 5, false},
		{"price.jumps_per_year", p.JumpsPerYear, 0, daysPerYear, false},
		{"price.jump_mean", p.JumpMean, -2, 2, false},
		{"price.jump_sigma", p.JumpSigma, 0, 2, false},
		{"fees.base_share", f.BaseShare, 0, maxFeeShare, false},
		{"fees.volatility", f.Volatility, 0, 3, false},
		{"fees.spikes_per_year", f.SpikesPerYear, 0, daysPerYear, false},
		{"fees.spike_mean_share", f.SpikeMeanShare, 0, maxFeeShare, false},
		{"fees.spike_half_life_days", f.SpikeHalfLifeDays, 0, inf, true},
		{"network.hashrate_ehs", n.HashrateEHs, 0, 1e9, true},
		// Difficulty 1 is the proof-of-work limit.
		{"network.difficulty", n.Difficulty, 1, 1e30, false},
		{"network.entry_usd_per_ph_day", n.EntryUSDPerPHDay, 0, inf, false},
		{"network.build_days", n.BuildDays, 0, inf, false},
		{"network.retire_days", n.RetireDays, 0, inf, false},
		{"network.switch_days", n.SwitchDays, 0, inf, false},
		{"network.shutdown_median_usd_per_ph_day", n.ShutdownMedianUSDPerPHDay, 0, inf, true},
		{"network.shutdown_spread", n.ShutdownSpread, 0, 10, true},
		{"network.trend_per_year", n.TrendPerYear, -5, 5, false},
		{"fleet.mw", fl.MW, 0, 1e6, false},
		{"fleet.j_per_th", fl.JPerTH, minJPerTH, inf, false},
		{"fleet.pue", fl.PUE, 1, 10, false},
		{"fleet.tariff_usd_per_mwh", fl.TariffUSDPerMWh, 0, inf, false},
		{"fleet.other_usd_per_mwh", fl.OtherUSDPerMWh, 0, inf, false},
	}
	if err := checkBounds(bounds); err != nil {
		return err
	}
	// 0 means calibrated; a tiny threshold divides the network revenue
	// into an infinite entry target (and a NaN hashprice).
	if e := n.EntryUSDPerPHDay; e > 0 && e < minEntryUSDPerPHDay {
		return input.Field("network.entry_usd_per_ph_day", e, fmt.Sprintf("0 (calibrated) or >= %g", minEntryUSDPerPHDay))
	}
	if n.Height < 0 || n.Height > maxHeight {
		return input.Field("network.height", n.Height, fmt.Sprintf("in [0, %d]", maxHeight))
	}
	return checkProfile("fleet.tariff_by_hour", fl.TariffByHour, true, 0, inf, false)
}

// DecodeModel reads a JSON model onto [Defaults], so that absent fields
// keep their defaults and present ones, zeros included, hold what the
// document says. It decodes strictly ([input.DecodeJSON]: unknown fields,
// keys given twice or in the wrong case and trailing data are
// [*input.JSONError]s with line, column and path), and validates the
// result.
func DecodeModel(r io.Reader) (Model, error) {
	if r == nil {
		return Model{}, fmt.Errorf("mining: decoding model: nil reader")
	}
	m := Defaults()
	if err := input.DecodeJSON(r, &m, "model"); err != nil {
		return Model{}, fmt.Errorf("mining: %w", err)
	}
	if err := m.Validate(); err != nil {
		return Model{}, fmt.Errorf("mining: %w", err)
	}
	return m, nil
}
