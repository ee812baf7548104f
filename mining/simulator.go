package mining

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/carveout/carveout/internal/hourcal"
)

// Simulator is a compiled [Model] with reusable buffers: after
// [NewSimulator], each [Simulator.Run] simulates one trial without
// allocating. A Simulator is not safe for concurrent use; give each worker
// its own.
type Simulator struct {
	model Model
	hours int
	days  int

	price    priceStep
	fees     feeStep
	network  networkStep
	logPrice float64 // log of the initial price

	fleetMW   float64
	fleetTHs  float64     // fleet hashrate when running
	thPerMW   float64     // TH/s per grid MW
	fleetCost [24]float64 // cost to cover per MWh by hour of day
	flatCost  bool
	// With hourly costs: the costs in ascending order, and for each k the
	// sum of the k smallest and the bit mask of their hours, so that a full
	// day's decision is a search instead of a loop over its hours.
	sortedCost [24]float64
	cheapCost  [25]float64
	cheapHours [25]uint32

	// fleetOn[d] is the bit mask of the hours of day d in which
	// path.FleetMW holds fleetMW (bit h for hour h of the day; the other
	// hours hold 0). Run rewrites a day's hours only when its mask changes,
	// which for an always-on fleet is never after the first run.
	fleetOn []uint32

	path Path
}

// NewSimulator validates m and compiles it for paths of the
// given number of hours (1 to 87,600, the library's one horizon limit,
// ten years). The returned simulator owns a Path
// sized once.
func NewSimulator(m Model, hours int) (*Simulator, error) {
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("mining: %w", err)
	}
	if hours < 1 || hours > hourcal.MaxHours {
		return nil, fmt.Errorf("mining: hours = %d, want in [1, %d]", hours, hourcal.MaxHours)
	}
	s := &Simulator{
		model:    m,
		hours:    hours,
		days:     (hours + 23) / 24,
		price:    newPriceStep(m.Price),
		fees:     newFeeStep(m.Fees),
		logPrice: math.Log(m.Price.InitialUSD),
		fleetMW:  m.Fleet.MW,
		fleetTHs: m.Fleet.HashrateTHs(),
		thPerMW:  1e6 / (m.Fleet.JPerTH * m.Fleet.PUE),
		flatCost: len(m.Fleet.TariffByHour) == 0,
		fleetOn:  make([]uint32, (hours+23)/24),
		path:     newPath(hours),
	}
	for h := range s.fleetCost {
		s.fleetCost[h] = m.Fleet.costPerMWh(h)
	}
	var order [24]int
	for h := range order {
		order[h] = h
	}
	slices.SortStableFunc(order[:], func(a, b int) int { return cmp.Compare(s.fleetCost[a], s.fleetCost[b]) })
	for k, h := range order {
		s.sortedCost[k] = s.fleetCost[h]
		s.cheapCost[k+1] = s.cheapCost[k] + s.fleetCost[h]
		s.cheapHours[k+1] = s.cheapHours[k] | 1<<h
	}
	// Calibrate the network at the initial state with the mean base fee
	// share.
	perBlock := SubsidyBTC(m.Network.Height) / (1 - m.Fees.BaseShare)
	hp0 := Hashprice(m.Network.Difficulty, m.Price.InitialUSD, perBlock)
	r0 := blocksPerDay * perBlock * m.Price.InitialUSD
	var err error
	if s.network, err = newNetworkStep(m.Network, hp0, r0); err != nil {
		return nil, fmt.Errorf("mining: %w", err)
	}
	return s, nil
}

// Model returns the simulator's model.
func (s *Simulator) Model() Model { return s.model }

// Hours returns the number of simulated hours per path.
func (s *Simulator) Hours() int { return s.hours }

// Run simulates one trial from the given streams and returns the
// simulator's Path, overwritten on every call. It does not allocate. The
// same streams in the same states give a bit-identical path. It returns an
// error, and no path, if a stream that the model needs is nil.
//
// Each day: the price steps (not on day 0), the fee share is drawn, the
// hashprice is computed at the difficulty of the start of the day, the
// fleet decides hour by hour whether to run, blocks are mined at the
// network's hashrate (others plus the fleet's average running hashrate)
// with retargets as they fall, and the rest of the network adjusts its
// capacity and running share for the next day.
func (s *Simulator) Run(st Streams) (*Path, error) {
	if err := s.checkStreams(st); err != nil {
		return nil, err
	}
	p := &s.path
	p.FleetRevenueUSD, p.FleetCostUSD, p.FleetEnergyMWh, p.FleetBTC = 0, 0, 0, 0

	c := newChain(s.model.Network.Difficulty, s.model.Network.Height)
	logP := s.logPrice
	spike := 0.0
	capacity, rho := s.network.capacity0, s.network.rho0
	economic := s.model.Fleet.Economic
	trend := 1.0

	for d := range s.days {
		if d > 0 {
			logP = s.price.step(logP, st.Price, st.Jumps)
		}
		price := math.Exp(logP)
		share := s.fees.step(&spike, st.Fees)
		perBlock := SubsidyBTC(c.height) / (1 - share)
		hp := Hashprice(c.difficulty, price, perBlock)
		revPerMWh := hp * s.thPerMW / 24

		h0 := d * 24
		h1 := min(h0+24, s.hours)
		nh := h1 - h0
		running := 0
		var cost float64
		var on uint32 // hours of the day in which the fleet runs
		if s.flatCost {
			if !(economic && revPerMWh < s.fleetCost[0]) {
				running = nh
				cost = float64(nh) * s.fleetCost[0]
				on = 1<<nh - 1
			}
		} else if nh == 24 {
			// The fleet runs in the hours whose cost is not above
			// revPerMWh, the k cheapest (all of them if not economic or if
			// revPerMWh is NaN, as in the hour-by-hour rule below, since
			// cost > NaN is false).
			k := 24
			if economic {
				lo, hi := 0, 24
				for lo < hi {
					if mid := (lo + hi) / 2; s.sortedCost[mid] > revPerMWh {
						hi = mid
					} else {
						lo = mid + 1
					}
				}
				k = lo
			}
			running, cost, on = k, s.cheapCost[k], s.cheapHours[k]
		} else {
			for h := range nh {
				hc := s.fleetCost[h]
				if economic && revPerMWh < hc {
					continue
				}
				on |= 1 << h
				running++
				cost += hc
			}
		}
		if on != s.fleetOn[d] {
			s.fleetOn[d] = on
			for h := range nh {
				mw := 0.0
				if on>>h&1 != 0 {
					mw = s.fleetMW
				}
				p.FleetMW[h0+h] = mw
			}
		}
		energy := float64(running) * s.fleetMW
		p.FleetEnergyMWh += energy
		p.FleetRevenueUSD += energy * revPerMWh
		p.FleetCostUSD += cost * s.fleetMW
		p.FleetBTC += energy * s.thPerMW / 24 * Hashprice(c.difficulty, 1, perBlock)

		util := 0.0
		if s.fleetMW > 0 {
			util = float64(running) / float64(nh)
		}
		fleetTHs := s.fleetTHs * util
		total := rho*capacity + fleetTHs

		p.PriceUSD[d] = price
		p.Hashprice[d] = hp
		p.Difficulty[d] = c.difficulty
		p.HashrateEHs[d] = total / 1e6
		p.FeeShare[d] = share
		p.FleetUtilisation[d] = util

		p.Blocks[d] = int(c.advance(st.Blocks, float64(h0)*3600, float64(nh)*3600, total))

		hpEnd := Hashprice(c.difficulty, price, perBlock)
		trend *= s.network.trendFactor
		s.network.step(&capacity, &rho, trend, blocksPerDay*perBlock*price, hpEnd, fleetTHs)
	}
	p.Retargets = c.retargets
	p.FinalHeight = c.height
	return p, nil
}

func (s *Simulator) checkStreams(st Streams) error {
	if st.Blocks == nil {
		return errors.New("mining: streams.blocks is nil")
	}
	if st.Price == nil && s.model.Price.Kind != PriceConstant {
		return errors.New("mining: streams.price is nil")
	}
	if st.Jumps == nil && s.model.Price.Kind == PriceMerton {
		return errors.New("mining: streams.jumps is nil")
	}
	if st.Fees == nil && s.model.Fees.Kind != FeesConstant {
		return errors.New("mining: streams.fees is nil")
	}
	return nil
}
