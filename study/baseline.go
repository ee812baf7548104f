package study

import "github.com/carveout/carveout/grid"

// indicesAcc accumulates the other customers' adequacy indices: without
// the carve-out (the baseline, [Report.Baseline], which is grid.Adequacy
// of the same system, seed and trials, bit for bit) and with the main
// case ([Report.Carveout]). Its JSON is grid.IndexAcc's.
type indicesAcc struct {
	grid.IndexAcc
}

// add records one trial's shortfall of the other customers, whose energy
// demand was loadMWh.
func (a *indicesAcc) add(s *grid.Shortfall, loadMWh float64) { a.AddShortfall(s, loadMWh) }

func (a *indicesAcc) merge(o *indicesAcc) error { return a.Merge(&o.IndexAcc) }

// check checks that every index has seen done trials, with possible
// sums ([grid.IndexAcc.Check]).
func (a *indicesAcc) check(done int64) error { return a.IndexAcc.Check(done) }

// finalize returns the indices, for years of the given number of hours.
func (a *indicesAcc) finalize(hours int) grid.Indices { return a.Indices(hours) }
