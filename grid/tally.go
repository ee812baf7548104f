package grid

// Shortfall counts one trial's loss of load for one group of customers as
// its hours are settled in order: every scorer of a trial (plain adequacy,
// each case of a carve-out study) counts through it, so the same short
// hours give the same counts and sums to the bit. Start it with
// [Shortfall.Reset].
type Shortfall struct {
	// Hours counts the hours with unserved energy.
	Hours int
	// Days counts the days (hour/24) with any unserved energy.
	Days int
	// Events counts the maximal runs of consecutive short hours.
	Events int
	// UnservedMWh is the unserved energy, summed in hour order.
	UnservedMWh float64

	lastHour int // last short hour, −2 if none
	lastDay  int // day of the last short hour, −1 if none
}

// Reset empties s for a new trial.
func (s *Shortfall) Reset() { *s = Shortfall{lastHour: -2, lastDay: -1} }

// Add records hour h, later than any hour recorded since the last Reset,
// with unserved energy u (MWh, > 0).
func (s *Shortfall) Add(h int, u float64) {
	s.Hours++
	s.UnservedMWh += u
	if h != s.lastHour+1 {
		s.Events++
	}
	s.lastHour = h
	if d := h / 24; d != s.lastDay {
		s.Days++
		s.lastDay = d
	}
}
