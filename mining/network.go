package mining

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/variate"
)

// Default network state and behaviour. Dated values are the network state
// of 19 Feb 2026, after that day's retarget; the rest are judgements.
const (
	// DefaultHashrateEHs is the network hashrate excluding the carve-out
	// fleet: about 1.05 ZH/s, 7-day moving average, 19 Feb 2026
	// (phemex.com). The difficulty-implied figure, D·2³²/600, is 1.03 ZH/s.
	DefaultHashrateEHs = 1050.0

	// DefaultDifficulty is the difficulty set by the retarget of
	// 19–20 Feb 2026 (+14.73% to 144.4T; phemex.com, coinvamp.com).
	DefaultDifficulty = 144.4e12

	// DefaultHeight is the height of the first block mined at
	// DefaultDifficulty. Derivation: the 7 Feb 2026 retarget (−11.16% to
	// 125.86T) was at block 935,424 = 464 × 2016 (dailydigest360.com;
	// bitcoinethereumnews.com, citing mempool.space); the next retarget,
	// which set 144.4T on 19–20 Feb 2026, is therefore at
	// 935,424 + 2016 = 937,440. Cross-check: halving 4 was block 840,000 on
	// 2024-04-20 and 670 days at ~145 blocks/day (hashrate growth keeps
	// blocks a little faster than 600 s) gives ~937,000.
	DefaultHeight = 937_440

	// DefaultBuildDays is the time constant of capacity growth toward the
	// free-entry equilibrium. Judgement within 60–90 days: new ASICs take
	// months to order, ship and install (the S19 XP, announced in Nov 2021,
	// shipped in Q3 2022; miningstore.com), and price leads hashrate by 1–6
	// weeks in Granger tests (Fantazzini & Kolodin, JRFM 13(11):263, 2020).
	DefaultBuildDays = 75.0

	// DefaultRetireDays is the time constant of capacity leaving when the
	// equilibrium falls. Judgement: machines are resold and moved rather
	// than scrapped, so capacity leaves more slowly than it arrives.
	DefaultRetireDays = 180.0

	// DefaultSwitchDays is the time constant with which installed capacity
	// is switched off when unprofitable and back on when profitable.
	// Judgement: machines restart within minutes, but curtailed hashrate
	// returns over days, as operators wait for power and prices to settle.
	DefaultSwitchDays = 3.0

	// DefaultShutdownMedianUSDPerPHDay is the median, over installed
	// capacity, of the hashprice below which a machine does not cover its
	// electricity: breakeven hashprice = electricity $/kWh × 24 × J/TH
	// (see [RevenuePerMWh]). Judgement: a network-average efficiency of
	// about 20 J/TH at the industry-median $40/MWh (K33 Research, 2022)
	// gives
	// 0.04 × 24 × 20 ≈ $19/PH/day.
	DefaultShutdownMedianUSDPerPHDay = 19.0

	// DefaultShutdownSpread is the log-standard deviation of that
	// breakeven across capacity. Judgement: efficiencies span about 13.5
	// (Antminer S21 XP, btcminermarketplace.com) to 30 J/TH (S19j Pro,
	// miningstore.com) and power prices about 3 to 8 ¢/kWh, a factor of
	// about 2 each way.
	DefaultShutdownSpread = 0.45
)

// Network describes the rest of the world's miners and the chain state on
// day 0. Its hashrate excludes the carve-out fleet, whose running hashrate
// is added on top each day.
//
// Installed capacity K (TH/s) moves toward a free-entry equilibrium K*
// (Prat & Walter, Journal of Political Economy 129(8), 2021): in the long
// run the total network earns its entry cost, so
//
//	K* = R / e × exp(trend · t) − H_fleet,
//
// where R = 144 × reward per block × price is the network's revenue in USD
// per day, e is the entry revenue per installed TH/s per day, and H_fleet is
// the fleet's running hashrate that day (the fleet displaces other miners
// in the long run). K follows K* as a first-order lag, daily, with time
// constant BuildDays when K* > K and RetireDays otherwise.
//
// Of the installed capacity a fraction ρ runs. Machines differ in the
// hashprice at which they stop covering their electricity, modelled as
// log-normal across capacity with median ShutdownMedianUSDPerPHDay and
// log-sd ShutdownSpread, so the fraction that would run at hashprice h is
// ρ*(h) = Φ((ln h − ln median)/spread). ρ follows ρ* with time constant
// SwitchDays. The running hashrate of others is ρK.
//
// On day 0, ρ = ρ*(h₀) at the initial hashprice, K = HashrateEHs/ρ, and,
// unless EntryUSDPerPHDay is set, e = R₀/K so that the network without the
// fleet starts in long-run equilibrium: with zero price drift and zero trend
// it has no tendency to grow or shrink, and any change comes from the price,
// fees and the fleet. All of this structure is a judgement; the parameters
// let a user replace it.
type Network struct {
	// HashrateEHs is the running hashrate of the network excluding the
	// fleet on day 0, in EH/s, > 0. Default DefaultHashrateEHs
	// (1,050 EH/s, 19 Feb 2026).
	HashrateEHs float64 `json:"hashrate_ehs"`
	// Difficulty on day 0, ≥ 1. Default DefaultDifficulty (144.4T,
	// 19 Feb 2026).
	Difficulty float64 `json:"difficulty"`
	// Height is the height of the next block to be mined on day 0.
	// Default DefaultHeight (937,440, the first block of the epoch that
	// started on 19–20 Feb 2026). If Height is not a multiple of 2016, the
	// Height mod 2016 blocks already in the epoch are taken to have arrived
	// at the target spacing, the last of them at time 0.
	Height int64 `json:"height"`
	// EntryUSDPerPHDay is the revenue per installed PH/s per day at which
	// capacity neither grows nor shrinks (all-in cost, including capital).
	// A zero entry cost has no meaning (capacity would grow without
	// bound), so 0, the default, stands for the calibrated value that
	// starts the network in equilibrium (see above).
	EntryUSDPerPHDay float64 `json:"entry_usd_per_ph_day"`
	// BuildDays is the time constant of capacity growth; 0 means
	// capacity reaches the equilibrium within the day. Default
	// DefaultBuildDays (75).
	BuildDays float64 `json:"build_days"`
	// RetireDays is the time constant of capacity decline; 0 as for
	// BuildDays. Default DefaultRetireDays (180).
	RetireDays float64 `json:"retire_days"`
	// SwitchDays is the time constant of switching installed machines off
	// and on; 0 as for BuildDays. Default DefaultSwitchDays (3).
	SwitchDays float64 `json:"switch_days"`
	// ShutdownMedianUSDPerPHDay is the median shutdown hashprice across
	// installed capacity, > 0. Default DefaultShutdownMedianUSDPerPHDay
	// (19).
	ShutdownMedianUSDPerPHDay float64 `json:"shutdown_median_usd_per_ph_day"`
	// ShutdownSpread is the log-sd of the shutdown hashprice across
	// capacity, > 0. Default DefaultShutdownSpread (0.45).
	ShutdownSpread float64 `json:"shutdown_spread"`
	// TrendPerYear is an exogenous growth rate of the equilibrium capacity
	// at constant revenue (for example from falling J/TH), per year.
	// Default 0, a judgement: the network's 2025 growth came with high
	// prices and is not extrapolated.
	TrendPerYear float64 `json:"trend_per_year"`
}

// maxHeight bounds Network.Height: the subsidy is zero from halving 64 on,
// and heights beyond it have no meaning for this model.
const maxHeight = 64 * HalvingInterval

// minEntryUSDPerPHDay bounds a set Network.EntryUSDPerPHDay from below: a
// millionth of a dollar per PH/s per day, about 10⁻⁸ of today's hashprice,
// far below any entry threshold of interest, and large enough that the
// revenue divided by it stays finite.
const minEntryUSDPerPHDay = 1e-6

// minRunningShare is the smallest share of installed capacity allowed to be
// running at the initial hashprice; below it the calibrated capacity
// HashrateEHs/ρ would be implausibly large. Judgement.
const minRunningShare = 0.01

// networkStep holds the compiled constants of a validated Network.
type networkStep struct {
	buildGain, retireGain, switchGain float64 // 1 − exp(−1/τ)
	lnMedian                          float64 // ln of median shutdown hashprice, $/TH/day
	invSpread                         float64
	entry                             float64 // $/TH/day per installed TH/s
	trendFactor                       float64 // exp(trend/365), the daily growth of K*
	rho0, capacity0                   float64 // initial running share and capacity (TH/s)
}

// newNetworkStep calibrates the network dynamics at the initial hashprice
// hp0 ($/TH/day) and network revenue r0 (USD/day).
func newNetworkStep(n Network, hp0, r0 float64) (networkStep, error) {
	s := networkStep{
		buildGain:   -math.Expm1(-1 / n.BuildDays),
		retireGain:  -math.Expm1(-1 / n.RetireDays),
		switchGain:  -math.Expm1(-1 / n.SwitchDays),
		lnMedian:    math.Log(n.ShutdownMedianUSDPerPHDay / THPerPH),
		invSpread:   1 / n.ShutdownSpread,
		trendFactor: math.Exp(n.TrendPerYear / daysPerYear),
	}
	s.rho0 = s.runningShare(hp0)
	if !(s.rho0 >= minRunningShare) {
		return s, input.Field("network.shutdown_median_usd_per_ph_day", n.ShutdownMedianUSDPerPHDay,
			fmt.Sprintf("a median that leaves at least %v of capacity running at the initial hashprice of %.4g $/PH/day (got %.3g)",
				minRunningShare, hp0*THPerPH, s.rho0))
	}
	s.capacity0 = n.HashrateEHs * 1e6 / s.rho0
	if n.EntryUSDPerPHDay > 0 {
		s.entry = n.EntryUSDPerPHDay / THPerPH
	} else {
		s.entry = r0 / s.capacity0
	}
	return s, nil
}

// runningShare is ρ*(h): the share of installed capacity whose shutdown
// hashprice is at most h ($/TH/day).
func (s *networkStep) runningShare(hp float64) float64 {
	if !(hp > 0) {
		return 0
	}
	// variate.Phi is Φ within 2e-13, several times cheaper than
	// math.Erfc; calibration uses it too, so the initial state stays an
	// exact fixed point.
	return variate.Phi((math.Log(hp) - s.lnMedian) * s.invSpread)
}

// step advances installed capacity and running share by one day. trend is
// the trend multiplier exp(trend·t) at the end of the day, revenue the
// network revenue in USD/day, hp the hashprice at the end of the day and
// fleetTHs the fleet's running hashrate that day.
func (s *networkStep) step(capacity, rho *float64, trend, revenue, hp, fleetTHs float64) {
	target := max(revenue/s.entry*trend-fleetTHs, 0)
	gain := s.retireGain
	if target > *capacity {
		gain = s.buildGain
	}
	*capacity += gain * (target - *capacity)
	*rho += s.switchGain * (s.runningShare(hp) - *rho)
}
