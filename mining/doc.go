// Package mining simulates the economics of the Bitcoin miners in a grid
// carve-out, and turns them into the hourly load the grid must serve. It is
// Bitcoin economics only: the carve-out's AI data centres, whose load does
// not depend on the BTC price, belong to the study that sizes the
// carve-out (package study).
//
// One trial is one path of a [Simulator] compiled from a [Model]: the BTC
// price, fees, the rest of the mining network, blocks and difficulty
// retargets, and the carve-out fleet deciding hour by hour whether to run.
// The output [Path] has the fleet's grid draw for every hour and daily
// series of price, hashprice, difficulty, network hashrate and fleet
// utilisation for charts. Of the other carveout packages it imports only
// input, for its errors, and the library's calendar (internal/hourcal),
// for the horizon limit it shares with grid and demand.
//
// # Protocol
//
// Difficulty retargets every 2016 blocks ([BlocksPerRetarget]) toward a
// 600 s spacing, i.e. a 14-day timespan T, as in Bitcoin Core's pow.cpp:
//
//	new difficulty = old × T / clamp(actual, T/4, 4T)      ([Retarget])
//
// where the measured timespan runs from the epoch's first block to its last,
// 2015 intervals (an off-by-one that makes difficulty drift up by 2016/2015
// per epoch at a steady hashrate). The subsidy is 50 BTC >> ⌊height/210,000⌋
// in integer satoshis ([Subsidy]): 3.125 BTC from block 840,000 and
// 1.5625 BTC from block 1,050,000.
//
// # Hashprice and the fleet's decision
//
// A block at difficulty D takes D·2³² hashes on average, so the network
// hashrate implied by D is D·2³²/600 H/s ([NetworkHashrate]) and one TH/s
// earns, in expectation,
//
//	BTC per TH/s per day = 86,400 · 10¹² / (D · 2³²) × (subsidy + fees per block)
//	hashprice ($/TH/day) = that × BTC price                 ([Hashprice])
//
// A fleet drawing MW from the grid at efficiency J/TH in a facility with
// power usage effectiveness PUE hashes at MW·10⁶/(J/TH·PUE) TH/s and earns
//
//	revenue per MWh = hashprice × 10⁶ / (J/TH · PUE) / 24   ([RevenuePerMWh])
//
// An economic fleet ([Fleet].Economic) runs in an hour iff that covers the
// tariff plus other variable costs of the hour; otherwise it always runs.
// At the 19 Feb 2026 state (D = 144.4T, $68,000, 3.125 BTC) the hashprice
// is about $30/PH/day, and S21-class machines (17.5 J/TH, PUE 1.05) earn
// about $68/MWh against a tariff of $81.2/MWh (Rs22.98/kWh): off until the
// price or the hashprice rises by about a fifth.
//
// # Stochastic processes
//
// The price is geometric Brownian motion or Merton jump-diffusion, stepped
// exactly in log space once a day ([Price]). Fees are a stochastic share of
// block rewards with rare spikes ([Fees]). Blocks arrive as a Poisson
// process at rate hashrate/(D·2³²) per second; each day's count is drawn
// with an allocation-free Poisson sampler (PTRS, Hörmann 1993), and when an
// epoch ends within a day the time of its last block is placed exactly from
// the uniform order statistics, so retargets fall at the right moment.
//
// The rest of the network ([Network]) follows revenue with a lag: installed
// capacity moves toward the free-entry level (revenue / entry cost, minus
// the fleet's running hashrate) over months, and the share of it running
// follows the hashprice within days. The fleet's own hashrate is part of
// the network, so its running or not moves the block rate and, at the next
// retarget, the difficulty. Which parts are judgements is stated on each
// parameter; defaults are the network state of 19 Feb 2026 and each cites
// its source and date.
//
// # Streams
//
// Randomness comes from the caller, one *rand.Rand (math/rand/v2) per
// component in [Streams], so that a caller can derive each component's
// stream from (seed, trial, name) and keep common random numbers across
// scenarios. The package never uses the global generator. [Simulator.Run]
// is deterministic given the streams' states and does not allocate.
//
// # Errors
//
// [Model.Validate] returns an [*input.FieldError] naming the offending
// field by its JSON path relative to the model, with its value and what was
// wanted ("fleet.j_per_th = -3, want >= 1"), so that a caller holding the
// model inside a larger document can prefix the path with [input.In]
// ("carveout.mining.fleet.j_per_th"). [NewSimulator] and [DecodeModel]
// return the same errors behind a "mining: " prefix; errors.As finds the
// FieldError through it. [Simulator.Run] returns an error for a nil stream
// that the model needs. Nothing in the public API panics on bad input.
package mining
