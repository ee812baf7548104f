package grid

// yearTally counts one trial's loss-of-load statistics for one group of
// customers as its hours are settled in order.
type yearTally struct {
	hours    int     // hours with unserved energy
	days     int     // days with any unserved energy
	events   int     // maximal runs of consecutive short hours
	unserved float64 // MWh, summed in hour order
	lastHour int     // last short hour, −2 if none
	lastDay  int     // day of the last short hour, −1 if none
}

func (t *yearTally) reset() { *t = yearTally{lastHour: -2, lastDay: -1} }

// add records hour h with unserved energy u (MWh, > 0).
func (t *yearTally) add(h int, u float64) {
	t.hours++
	t.unserved += u
	if h != t.lastHour+1 {
		t.events++
	}
	t.lastHour = h
	if d := h / 24; d != t.lastDay {
		t.days++
		t.lastDay = d
	}
}
