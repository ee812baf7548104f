package mining

import (
	"encoding/json"
	"fmt"
	"io"
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
// applied, naming it by its JSON path, e.g.
//
//	mining: fleet.j_per_th = -3, want > 0
//
// NaN and infinite values, negative sizes, costs and rates, PUE below 1,
// shares outside their range, unknown kinds and profiles of the wrong
// length are rejected.
func (m Model) Validate() error {
	d := m.WithDefaults()
	if err := d.Price.validate(); err != nil {
		return err
	}
	if err := d.Fees.validate(); err != nil {
		return err
	}
	if err := d.Network.validate(); err != nil {
		return err
	}
	if err := d.Fleet.validate(); err != nil {
		return err
	}
	return d.AI.validate()
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
		return Model{}, err
	}
	return m, nil
}
