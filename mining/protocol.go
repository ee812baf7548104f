package mining

// Bitcoin consensus constants used by the block, difficulty and subsidy
// models. Source: bitcoin/bitcoin src/kernel/chainparams.cpp (mainnet
// consensus parameters) and src/pow.cpp, 2025.
const (
	// BlocksPerRetarget is the length of a difficulty epoch
	// (nPowTargetTimespan / nPowTargetSpacing = 2016).
	BlocksPerRetarget = 2016

	// TargetSpacing is the intended time between blocks, in seconds
	// (nPowTargetSpacing = 10 minutes).
	TargetSpacing = 600

	// TargetTimespan is the intended duration of an epoch, in seconds
	// (nPowTargetTimespan = 14 days = 2016 × 600 s).
	TargetTimespan = BlocksPerRetarget * TargetSpacing

	// MaxRetargetFactor bounds one retarget: the measured timespan is
	// clamped to [TargetTimespan/4, 4·TargetTimespan], so difficulty moves
	// by at most ×4 or ÷4 per epoch (pow.cpp, CalculateNextWorkRequired).
	MaxRetargetFactor = 4

	// HalvingInterval is the number of blocks between subsidy halvings
	// (nSubsidyHalvingInterval = 210,000).
	HalvingInterval = 210_000

	// SatoshiPerBTC is the number of satoshis in one bitcoin (COIN).
	SatoshiPerBTC = 100_000_000

	// InitialSubsidy is the block subsidy of the first epoch, in satoshis
	// (50 BTC).
	InitialSubsidy = 50 * SatoshiPerBTC
)

// Derived constants.
const (
	// two32 is 2³², the expected number of hashes per unit of difficulty
	// (difficulty 1 corresponds to a target of about 2²²⁴, so a block at
	// difficulty D takes D·2³² hashes on average).
	two32 = 4294967296.0

	// secondsPerDay is 86,400.
	secondsPerDay = 86400.0

	// blocksPerDay is the number of blocks per day at the target spacing
	// (86,400 / 600 = 144).
	blocksPerDay = secondsPerDay / TargetSpacing

	// daysPerYear annualises daily quantities. Bitcoin trades every day, so
	// annualised volatility is daily volatility × √365 (the convention of
	// the K33 figures cited at [DefaultVolatility]).
	daysPerYear = 365.0
)
