package mining

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/carveout/carveout/input"
)

// Model is a complete, serialisable description of the carve-out's mining
// economics for one scenario: the BTC price, fees, the rest of the network,
// the carve-out's mining fleet and its AI data-centre load. Zero fields mean
// the documented defaults (see each field), except the sizes Fleet.MW and
// AI.ITMW, where zero means none. [Defaults] returns the Pakistan scenario
// with every default filled in.
type Model struct {
	// Price is the BTC/USD price process.
	Price Price `json:"price"`
	// Fees is the fee share of block rewards.
	Fees Fees `json:"fees"`
	// Network is the rest of the mining network and the chain state.
	Network Network `json:"network"`
	// Fleet is the carve-out's mining fleet.
	Fleet Fleet `json:"fleet"`
	// AI is the carve-out's AI data-centre load.
	AI AI `json:"ai"`
}

// Defaults returns the default model: network state of 19 Feb 2026, GBM
// price at 55% volatility, a 2,000 MW fleet of S21-class machines at the
// Rs22.98/kWh incremental tariff that always runs, and no AI load. Every
// field is filled in, so the result documents the defaults when serialised.
func Defaults() Model {
	return Model{Fleet: Fleet{MW: DefaultCarveOutMW}}.WithDefaults()
}

// WithDefaults returns a copy of m with every zero field replaced by its
// documented default. Slices are shared with m except where a default
// slice is created.
func (m Model) WithDefaults() Model {
	m.Price = m.Price.withDefaults()
	m.Fees = m.Fees.withDefaults()
	m.Network = m.Network.withDefaults()
	m.Fleet = m.Fleet.withDefaults()
	m.AI = m.AI.withDefaults()
	return m
}

// Validate reports the first invalid field of m after defaults are
// applied as an [*input.FieldError] whose path is relative to the model,
// e.g.
//
//	fleet.j_per_th = -3, want > 0
//
// NaN and infinite values, negative sizes, costs and rates, PUE below 1,
// shares outside their range, unknown kinds and profiles of the wrong
// length are rejected. Finite upper bounds are sanity limits far outside
// any real value (judgement); the price's keep exp(log-price) finite over a
// century of daily steps.
func (m Model) Validate() error {
	d := m.WithDefaults()
	switch d.Price.Kind {
	case PriceGBM, PriceMerton, PriceConstant:
	default:
		return input.Field("price.kind", quote(string(d.Price.Kind)), `one of "gbm", "merton", "constant"`)
	}
	switch d.Fees.Kind {
	case FeesStochastic, FeesConstant:
	default:
		return input.Field("fees.kind", quote(string(d.Fees.Kind)), `one of "stochastic", "constant"`)
	}
	inf := math.Inf(1)
	p, f, n, fl, ai := d.Price, d.Fees, d.Network, d.Fleet, d.AI
	bounds := []bound{
		{"price.initial_usd", p.InitialUSD, 0, 1e12, true},
		{"price.drift", p.Drift, -5, 5, false},
		{"price.volatility", p.Volatility, 0, 5, true},
	}
	if p.Kind == PriceMerton {
		bounds = append(bounds,
			bound{"price.jumps_per_year", p.JumpsPerYear, 0, daysPerYear, true},
			bound{"price.jump_mean", p.JumpMean, -2, 2, false},
			bound{"price.jump_sigma", p.JumpSigma, 0, 2, true})
	}
	bounds = append(bounds,
		bound{"fees.base_share", f.BaseShare, 0, maxFeeShare, true},
		bound{"fees.volatility", f.Volatility, 0, 3, true},
		bound{"fees.spikes_per_year", f.SpikesPerYear, 0, daysPerYear, true},
		bound{"fees.spike_mean_share", f.SpikeMeanShare, 0, maxFeeShare, true},
		bound{"fees.spike_half_life_days", f.SpikeHalfLifeDays, 0, inf, true},
		bound{"network.hashrate_ehs", n.HashrateEHs, 0, 1e9, true},
		// Difficulty 1 is the proof-of-work limit.
		bound{"network.difficulty", n.Difficulty, 1, 1e30, false},
		bound{"network.entry_usd_per_ph_day", n.EntryUSDPerPHDay, 0, inf, false},
		bound{"network.build_days", n.BuildDays, 0, inf, true},
		bound{"network.retire_days", n.RetireDays, 0, inf, true},
		bound{"network.switch_days", n.SwitchDays, 0, inf, true},
		bound{"network.shutdown_median_usd_per_ph_day", n.ShutdownMedianUSDPerPHDay, 0, inf, true},
		bound{"network.shutdown_spread", n.ShutdownSpread, 0, 10, true},
		bound{"network.trend_per_year", n.TrendPerYear, -5, 5, false},
		bound{"fleet.mw", fl.MW, 0, 1e6, false},
		bound{"fleet.j_per_th", fl.JPerTH, 0, inf, true},
		bound{"fleet.pue", fl.PUE, 1, 10, false},
		bound{"fleet.tariff_usd_per_mwh", fl.TariffUSDPerMWh, 0, inf, true},
		bound{"fleet.other_usd_per_mwh", fl.OtherUSDPerMWh, 0, inf, false},
		bound{"ai.it_mw", ai.ITMW, 0, 1e6, false},
		bound{"ai.pue", ai.PUE, 1, 10, false},
	)
	if err := checkBounds(bounds); err != nil {
		return err
	}
	if n.Height < 0 || n.Height > maxHeight {
		return input.Field("network.height", n.Height, fmt.Sprintf("in [0, %d]", maxHeight))
	}
	if err := checkProfile("fleet.tariff_by_hour", fl.TariffByHour, true, 0, inf, true); err != nil {
		return err
	}
	return checkProfile("ai.utilisation", ai.Utilisation, false, 0, 1, false)
}

// DecodeModel reads a JSON model, rejecting unknown fields and trailing
// data, and validates it. Absent fields take their defaults when the model
// is used.
func DecodeModel(r io.Reader) (Model, error) {
	var m Model
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Model{}, fmt.Errorf("mining: decoding model: %w", err)
	}
	if dec.More() {
		return Model{}, fmt.Errorf("mining: decoding model: trailing data after the JSON object")
	}
	if err := m.Validate(); err != nil {
		return Model{}, fmt.Errorf("mining: %w", err)
	}
	return m, nil
}
