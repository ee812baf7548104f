package mining

// Subsidy returns the block subsidy, in satoshis, of the block at the given
// height: 50 BTC shifted right once per 210,000 blocks, as in Bitcoin Core's
// GetBlockSubsidy (validation.cpp). The arithmetic is integer, so the subsidy
// is exactly 3.125 BTC from block 840,000 (halving 4, 2024-04-20), 1.5625 BTC
// from block 1,050,000 (halving 5, expected 2028), reaches one satoshi at
// halving 32 and zero from halving 33 on. Bitcoin Core forces zero from
// halving 64 on because a shift by 64 or more is undefined in C++; the same
// guard is applied here. A negative height returns 0.
func Subsidy(height int64) int64 {
	if height < 0 {
		return 0
	}
	halvings := height / HalvingInterval
	if halvings >= 64 {
		return 0
	}
	return InitialSubsidy >> uint(halvings)
}

// SubsidyBTC is [Subsidy] in bitcoins.
func SubsidyBTC(height int64) float64 {
	return float64(Subsidy(height)) / SatoshiPerBTC
}

// HalvingHeight returns the height of the first block of the n-th halving
// (n·210,000): halving 4 is at 840,000 and halving 5 at 1,050,000.
func HalvingHeight(n int) int64 {
	return int64(n) * HalvingInterval
}
