package mining

import "testing"

func TestSubsidySchedule(t *testing.T) {
	for _, c := range []struct {
		height int64
		want   int64 // satoshis
	}{
		{-1, 0},
		{0, 5_000_000_000},
		{209_999, 5_000_000_000},
		{210_000, 2_500_000_000},
		{839_999, 625_000_000},
		{840_000, 312_500_000},       // halving 4, 2024-04-20: 3.125 BTC
		{DefaultHeight, 312_500_000}, // 19 Feb 2026
		{1_049_999, 312_500_000},
		{1_050_000, 156_250_000}, // halving 5: 1.5625 BTC
		{HalvingHeight(32), 1},   // 5e9 >> 32 = 1 satoshi
		{HalvingHeight(33) - 1, 1},
		{HalvingHeight(33), 0},
		{HalvingHeight(64), 0},
		{HalvingHeight(1000), 0},
	} {
		if got := Subsidy(c.height); got != c.want {
			t.Errorf("Subsidy(%d) = %d sat, want %d", c.height, got, c.want)
		}
	}
	if got := SubsidyBTC(840_000); got != 3.125 {
		t.Errorf("SubsidyBTC(840000) = %v, want 3.125", got)
	}
	if got := SubsidyBTC(1_050_000); got != 1.5625 {
		t.Errorf("SubsidyBTC(1050000) = %v, want 1.5625", got)
	}
}

func TestHalvingHeight(t *testing.T) {
	if got := HalvingHeight(4); got != 840_000 {
		t.Errorf("HalvingHeight(4) = %d, want 840000", got)
	}
	if got := HalvingHeight(5); got != 1_050_000 {
		t.Errorf("HalvingHeight(5) = %d, want 1050000", got)
	}
}

// The integer schedule must give the well-known total supply of
// 20,999,999.9769 BTC = 2,099,999,997,690,000 satoshis.
func TestSubsidyTotalSupply(t *testing.T) {
	var total int64
	for n := range 70 {
		total += HalvingInterval * Subsidy(HalvingHeight(n))
	}
	if total != 2_099_999_997_690_000 {
		t.Errorf("total supply = %d sat, want 2099999997690000", total)
	}
}
