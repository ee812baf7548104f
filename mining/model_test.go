package mining

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
)

func TestDefaultsValidate(t *testing.T) {
	m := Defaults()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	// Zero means zero: the zero model is not the default one, and its
	// zero PUE and J/TH are errors.
	var fe *input.FieldError
	if err := (Model{}).Validate(); !errors.As(err, &fe) {
		t.Errorf("zero model: %v, want a field error", err)
	}
	// Defaults are a Bitcoin-economics model with no country's numbers:
	// no fleet until a scenario sizes it, and the industry-median tariff.
	if m.Fleet.MW != 0 || m.Fleet.TariffUSDPerMWh != DefaultTariffUSDPerMWh {
		t.Errorf("defaults: fleet %v MW at %v $/MWh", m.Fleet.MW, m.Fleet.TariffUSDPerMWh)
	}
}

// TestZeroMeansZero decodes explicit zeros for a Merton price (diffusive
// volatility, jump mean and size) and for the fees' noise and spikes, which
// the model once replaced by their defaults, and checks that the path
// holds them: the price never moves (κ = 0 leaves no drift correction)
// and the fee share is the base share every day.
func TestZeroMeansZero(t *testing.T) {
	m, err := DecodeModel(strings.NewReader(`{
		"price": {"kind": "merton", "volatility": 0, "jump_mean": 0, "jump_sigma": 0},
		"fees": {"volatility": 0, "spikes_per_year": 0}}`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Price.JumpsPerYear != DefaultJumpsPerYear || m.Fees.BaseShare != DefaultFeeShare {
		t.Errorf("absent fields lost their defaults: %+v %+v", m.Price, m.Fees)
	}
	s, err := NewSimulator(m, 24*60)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Run(newStreams(4))
	if err != nil {
		t.Fatal(err)
	}
	// exp(log(68,000)) is 68,000 to within rounding; every day's price
	// must be day 0's exactly.
	if math.Abs(p.PriceUSD[0]/DefaultPriceUSD-1) > 1e-14 {
		t.Errorf("day 0 price %v, want %v", p.PriceUSD[0], DefaultPriceUSD)
	}
	for d := range p.PriceUSD {
		if p.PriceUSD[d] != p.PriceUSD[0] || p.FeeShare[d] != DefaultFeeShare {
			t.Fatalf("day %d: price %v, fee share %v; want %v and %v",
				d, p.PriceUSD[d], p.FeeShare[d], p.PriceUSD[0], DefaultFeeShare)
		}
	}
}

func TestValidateMessage(t *testing.T) {
	m := Defaults()
	m.Fleet.JPerTH = -3
	err := m.Validate()
	if err == nil || err.Error() != "fleet.j_per_th = -3, want >= 1" {
		t.Errorf("got %v", err)
	}
	// NewSimulator and DecodeModel say which package objects, and keep
	// the field error for errors.As.
	_, err = NewSimulator(m, 24)
	var fe *input.FieldError
	if err == nil || err.Error() != "mining: fleet.j_per_th = -3, want >= 1" || !errors.As(err, &fe) || fe.Path != "fleet.j_per_th" {
		t.Errorf("NewSimulator: got %v", err)
	}
}

// TestValidateRejects feeds invalid models and horizons to Validate and
// NewSimulator and checks that each is rejected, without panicking, by an
// error naming the field.
func TestValidateRejects(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		field string
		edit  func(*Model)
	}{
		{"price.kind", func(m *Model) { m.Price.Kind = "heston" }},
		{"price.initial_usd", func(m *Model) { m.Price.InitialUSD = -1 }},
		{"price.initial_usd", func(m *Model) { m.Price.InitialUSD = nan }},
		{"price.drift", func(m *Model) { m.Price.Drift = inf }},
		{"price.drift", func(m *Model) { m.Price.Drift = 50 }},
		{"price.volatility", func(m *Model) { m.Price.Volatility = -0.5 }},
		{"price.volatility", func(m *Model) { m.Price.Volatility = nan }},
		{"price.volatility", func(m *Model) { m.Price.Volatility = 6 }},
		{"price.jumps_per_year", func(m *Model) { m.Price.Kind = PriceMerton; m.Price.JumpsPerYear = -1 }},
		{"price.jump_mean", func(m *Model) { m.Price.Kind = PriceMerton; m.Price.JumpMean = nan }},
		{"price.jump_sigma", func(m *Model) { m.Price.Kind = PriceMerton; m.Price.JumpSigma = -0.1 }},
		{"fees.kind", func(m *Model) { m.Fees.Kind = "fixed" }},
		{"fees.base_share", func(m *Model) { m.Fees.BaseShare = 0.95 }},
		{"fees.base_share", func(m *Model) { m.Fees.BaseShare = -0.01 }},
		{"fees.volatility", func(m *Model) { m.Fees.Volatility = -inf }},
		{"fees.spikes_per_year", func(m *Model) { m.Fees.SpikesPerYear = -2 }},
		{"fees.spike_mean_share", func(m *Model) { m.Fees.SpikeMeanShare = 2 }},
		{"fees.spike_half_life_days", func(m *Model) { m.Fees.SpikeHalfLifeDays = nan }},
		{"network.hashrate_ehs", func(m *Model) { m.Network.HashrateEHs = -1050 }},
		{"network.difficulty", func(m *Model) { m.Network.Difficulty = 0.5 }},
		{"network.difficulty", func(m *Model) { m.Network.Difficulty = nan }},
		{"network.height", func(m *Model) { m.Network.Height = -1 }},
		{"network.height", func(m *Model) { m.Network.Height = 1 << 40 }},
		{"network.entry_usd_per_ph_day", func(m *Model) { m.Network.EntryUSDPerPHDay = -5 }},
		{"network.entry_usd_per_ph_day", func(m *Model) { m.Network.EntryUSDPerPHDay = 1e-300 }},
		{"fleet.j_per_th", func(m *Model) { m.Fleet.JPerTH = 1e-300 }},
		{"network.build_days", func(m *Model) { m.Network.BuildDays = -75 }},
		{"network.retire_days", func(m *Model) { m.Network.RetireDays = inf }},
		{"network.switch_days", func(m *Model) { m.Network.SwitchDays = nan }},
		{"network.shutdown_median_usd_per_ph_day", func(m *Model) { m.Network.ShutdownMedianUSDPerPHDay = -19 }},
		{"network.shutdown_spread", func(m *Model) { m.Network.ShutdownSpread = -1 }},
		{"network.trend_per_year", func(m *Model) { m.Network.TrendPerYear = nan }},
		{"fleet.mw", func(m *Model) { m.Fleet.MW = -2000 }},
		{"fleet.mw", func(m *Model) { m.Fleet.MW = nan }},
		{"fleet.j_per_th", func(m *Model) { m.Fleet.JPerTH = -3 }},
		{"fleet.j_per_th", func(m *Model) { m.Fleet.JPerTH = inf }},
		{"fleet.pue", func(m *Model) { m.Fleet.PUE = 0.9 }},
		{"fleet.tariff_usd_per_mwh", func(m *Model) { m.Fleet.TariffUSDPerMWh = -81 }},
		{"fleet.tariff_by_hour", func(m *Model) { m.Fleet.TariffByHour = []float64{80, 90, 100} }},
		{"fleet.tariff_by_hour[5]", func(m *Model) { m.Fleet.TariffByHour = touTariff(80); m.Fleet.TariffByHour[5] = nan }},
		{"fleet.other_usd_per_mwh", func(m *Model) { m.Fleet.OtherUSDPerMWh = -1 }},
	} {
		m := Defaults()
		c.edit(&m)
		err := m.Validate()
		var fe *input.FieldError
		if !errors.As(err, &fe) || fe.Path != c.field || !strings.HasPrefix(err.Error(), c.field+" = ") {
			t.Errorf("%s: Validate() = %v", c.field, err)
		}
		if s, err := NewSimulator(m, 8760); err == nil || s != nil {
			t.Errorf("%s: NewSimulator accepted the model", c.field)
		}
	}
}

func TestNewSimulatorRejects(t *testing.T) {
	for _, hours := range []int{0, -1, hourcal.MaxHours + 1} {
		if _, err := NewSimulator(Defaults(), hours); err == nil || !strings.Contains(err.Error(), "hours") {
			t.Errorf("hours %d: %v", hours, err)
		}
	}
	// A shutdown median so high that almost no capacity would run at the
	// initial hashprice makes the calibrated capacity implausible.
	m := Defaults()
	m.Network.ShutdownMedianUSDPerPHDay = 1e6
	if _, err := NewSimulator(m, 24); err == nil || !strings.Contains(err.Error(), "network.shutdown_median_usd_per_ph_day") {
		t.Errorf("implausible shutdown median: %v", err)
	}
}

func TestRunRejectsMissingStreams(t *testing.T) {
	m := Defaults()
	m.Price.Kind = PriceMerton
	s, err := NewSimulator(m, 24)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		edit func(*Streams)
	}{
		{"streams.price", func(s *Streams) { s.Price = nil }},
		{"streams.jumps", func(s *Streams) { s.Jumps = nil }},
		{"streams.fees", func(s *Streams) { s.Fees = nil }},
		{"streams.blocks", func(s *Streams) { s.Blocks = nil }},
	} {
		st := newStreams(1)
		c.edit(&st)
		if p, err := s.Run(st); err == nil || p != nil || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s nil: %v", c.name, err)
		}
	}
	// Constant price and fees need only the block stream.
	m.Price.Kind, m.Fees.Kind = PriceConstant, FeesConstant
	if s, err = NewSimulator(m, 24); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(Streams{Blocks: newRand(1, 1)}); err != nil {
		t.Error(err)
	}
}

func TestDecodeModel(t *testing.T) {
	data, err := json.Marshal(Defaults())
	if err != nil {
		t.Fatal(err)
	}
	m, err := DecodeModel(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, Defaults()) {
		t.Errorf("round trip changed the model:\n%+v\n%+v", m, Defaults())
	}
	for _, c := range []struct{ name, json, want string }{
		{"unknown field", `{"fleet": {"mw": 100, "j_per_ht": 15}}`, "unknown field"},
		{"trailing data", `{} {}`, "mining: model line 1, column 4: data after the JSON value"},
		{"invalid value", `{"fleet": {"pue": 0.8}}`, "fleet.pue"},
		{"wrong type", `{"fleet": {"mw": "lots"}}`, "mining: model line 1, column 18: fleet.mw: cannot unmarshal string into float64"},
		{"repeated key", `{"fleet": {"mw": 1, "mw": 2}}`, `mining: model line 1, column 21: fleet: key "mw" given twice`},
		{"key case", `{"Fleet": {}}`, `mining: model line 1, column 2: key "Fleet", want "fleet": keys are case-sensitive`},
	} {
		if _, err := DecodeModel(strings.NewReader(c.json)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error containing %q", c.name, err, c.want)
		}
	}
	// Absent fields keep their defaults; explicit zeros are zeros, and a
	// zero with no meaning is an error naming the field.
	m, err = DecodeModel(strings.NewReader(`{"fleet": {"mw": 500, "economic": true, "tariff_usd_per_mwh": 0}, "network": {"height": 0}}`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Fleet.JPerTH != DefaultJPerTH || m.Network.Difficulty != DefaultDifficulty || !m.Fleet.Economic ||
		m.Fleet.MW != 500 || m.Fleet.TariffUSDPerMWh != 0 || m.Network.Height != 0 {
		t.Errorf("decoded %+v", m)
	}
	var fe *input.FieldError
	if _, err := DecodeModel(strings.NewReader(`{"fleet": {"pue": 0}}`)); !errors.As(err, &fe) || fe.Path != "fleet.pue" {
		t.Errorf("PUE 0: %v", err)
	}
}
