package grid

import (
	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// dispatchLog is one trial's record of the units' draws by merit-order
// group (see [Dispatch]): each group's capacity up at instant 0, before
// class factors, and every change of it with the instant at which it is
// first observed, in the order drawn. A [DispatchWorker] sorts it by
// hour. It is filled by the same draws as the zones' capacities, so the
// groups' capacities add up to them exactly.
type dispatchLog struct {
	u0 []int64  // each group's capacity up at instant 0, simulator units
	ev []dEvent // the changes, in the order drawn
}

// dEvent is a change of a group's capacity up: d simulator units first
// observed at instant hour.
type dEvent struct {
	hour, group int32
	d           int64
}

// reset empties the log for the next trial.
func (l *dispatchLog) reset() {
	clear(l.u0)
	l.ev = l.ev[:0]
}

// tierRecorder is what one zone's [Availability] needs to record its
// draws: the group of each expanded unit of each class, and the log.
type tierRecorder struct {
	gid [][]int32
	log *dispatchLog
}

// drawRecorded is draw (dt nil: the changes go on the calendar) or
// drawInto (the changes go to dt), the same draws in the same order with
// the same effect, that also records every change, and each unit's
// capacity at instant 0, by the unit's group gid[i] in log. It is a
// separate loop so that the adequacy paths stay as they were (see
// drawInto on why the loops are not shared).
func (s *Simulator) drawRecorded(t montecarlo.Trial, dt *classTarget, log *dispatchLog, gid []int32) int64 {
	var avail int64
	last := s.last
	file := func(h int, d int64, g int32) {
		// h: the change is first observed at instant h+1.
		if dt == nil {
			s.cal.file(h+1, d)
		} else {
			seg := dt.segOf[h]
			dt.chg[h+1] += dt.factor[seg] * d
			dt.units[seg] += d
		}
		log.ev = append(log.ev, dEvent{hour: int32(h + 1), group: g, d: d})
	}
	for i := range s.units {
		if i%cancelEvery == 0 && t.Cancelled() {
			return avail
		}
		u := &s.units[i]
		g := gid[i]
		r := variate.NewPCG(u.key.Seed(t.Seed, t.Index))
		if u.der != 0 {
			a0, chs := s.partial(u, r)
			avail += a0
			log.u0[g] += a0
			for _, ch := range chs {
				file(int(ch.t), ch.d, g)
			}
			continue
		}
		up := r.Uniform() < u.pUp
		c := u.cap
		if up {
			avail += c
			log.u0[g] += c
			c = -c
		}
		tc := 0.0
		for {
			w := r.Uint64()
			x, ok := variate.ExponentialRect(w)
			if !ok {
				x, r = variate.ExponentialSlow(r, uint32(w), uint8(w>>32))
			}
			if tc += x * u.mean[b2i(up)]; tc >= last {
				break
			}
			file(int(tc), c, g)
			up = !up
			c = -c
		}
	}
	return avail
}
