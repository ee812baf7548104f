package mining

import "testing"

func TestRetarget(t *testing.T) {
	const d = 100e12
	const T = float64(TargetTimespan)
	for _, c := range []struct {
		name   string
		actual float64
		want   float64
	}{
		{"on target", T, d},
		{"twice as fast", T / 2, 2 * d},
		{"twice as slow", 2 * T, d / 2},
		{"at the upper clamp", T / 4, 4 * d},
		{"beyond the upper clamp", T / 10, 4 * d},
		{"zero timespan", 0, 4 * d},
		{"negative timespan (timestamps out of order)", -T, 4 * d},
		{"at the lower clamp", 4 * T, d / 4},
		{"beyond the lower clamp", 100 * T, d / 4},
		// Steady hashrate exactly matching difficulty: the measured timespan
		// covers 2015 intervals, so difficulty rises by 2016/2015.
		{"off-by-one", 2015 * TargetSpacing, d * 2016 / 2015},
		// 7 Feb 2026 → 19 Feb 2026: +14.73% (125.86T → 144.4T) means the
		// epoch took T/1.1473, about 12.2 days.
		{"Feb 2026", T * 125.86 / 144.4, 144.4e12 * d / 125.86e12},
	} {
		if got := Retarget(d, c.actual); !closeRel(got, c.want) {
			t.Errorf("%s: Retarget(%g, %g) = %g, want %g", c.name, d, c.actual, got, c.want)
		}
	}
	// The proof-of-work limit: difficulty never falls below 1.
	if got := Retarget(2, 4*T); got != 1 {
		t.Errorf("Retarget(2, 4T) = %g, want 1", got)
	}
	if got := ClampTimespan(T / 5); got != T/4 {
		t.Errorf("ClampTimespan(T/5) = %g, want %g", got, T/4)
	}
	if got := ClampTimespan(5 * T); got != 4*T {
		t.Errorf("ClampTimespan(5T) = %g, want %g", got, 4*T)
	}
}

func TestNetworkHashrate(t *testing.T) {
	// 144.4T (19 Feb 2026) implies 144.4e12 × 2³² / 600 = 1.0337e21 H/s;
	// the press reported "over 1.03 ZH/s" after that retarget (phemex.com).
	got := NetworkHashrate(144.4e12)
	if !closeRel(got, 144.4e12*4294967296/600) {
		t.Errorf("NetworkHashrate(144.4T) = %g", got)
	}
	if got < 1.03e21 || got >= 1.04e21 {
		t.Errorf("NetworkHashrate(144.4T) = %.4g H/s, want 1.03–1.04 ZH/s", got)
	}
	// At the implied hashrate blocks come every 600 s.
	if r := BlockRate(got/1e12, 144.4e12); !closeRel(r, 1.0/600) {
		t.Errorf("BlockRate at implied hashrate = %g /s, want 1/600", r)
	}
}
