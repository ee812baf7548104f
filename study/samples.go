package study

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// Sample is one trial of a study's main case: the values whose means are
// the report's estimates, trial by trial, for statistics of one's own
// (quantiles, tails, P(unserved energy > x), regressions on the price).
// [Study.RunWithSamples] passes one per trial, in trial order.
type Sample struct {
	// Trial is the trial's global index, from 0.
	Trial int64
	// LoadMWh is the other customers' energy demand in the trial-year.
	LoadMWh float64
	// Baseline and With are the other customers' shortfall without and
	// with the carve-out (the carve-out's own load is not counted).
	Baseline, With TrialShortfall
	// CurtailedMWh and CurtailedHours are the carve-out energy curtailed
	// and the hours with a curtailment request.
	CurtailedMWh   float64
	CurtailedHours int
	// ShedMWh and ServedMWh are the carve-out energy shed and served.
	ShedMWh, ServedMWh float64
	// MinerMWh and MinerRevenueUSD are the miners' served energy and their
	// revenue net of curtailment and shedding.
	MinerMWh, MinerRevenueUSD float64
	// BTCPriceUSD and HashpriceUSDPerPHDay are the trial-year's mean BTC
	// price and hashprice (USD per PH/s per day) over its days, on the
	// main case's mining path.
	BTCPriceUSD, HashpriceUSDPerPHDay float64
	// Zones are each zone's part of a zonal study, in the zones' order;
	// empty for a copper plate.
	Zones []ZoneSample
}

// TrialShortfall is one trial's shortfall of a group of customers: the
// per-trial values behind LOLE (Hours), LOLE in days (Days), LOLF
// (Events) and EUE (UnservedMWh).
type TrialShortfall struct {
	// Hours counts the hours with unserved load.
	Hours int
	// Days counts the days with any unserved load.
	Days int
	// Events counts the loss-of-load events (maximal runs of short hours).
	Events int
	// UnservedMWh is the unserved energy.
	UnservedMWh float64
}

// ZoneSample is one zone's part of a [Sample].
type ZoneSample struct {
	// LoadMWh is the zone's other customers' energy demand.
	LoadMWh float64
	// Baseline and With are the zone's other customers' shortfall
	// without and with the carve-out.
	Baseline, With TrialShortfall
}

// SampleWriter receives a run's samples ([Study.RunWithSamples]): one
// call per trial, in trial order, never two at once. The sample is valid
// only during the call. An error stops the run.
type SampleWriter interface {
	WriteSample(s *Sample) error
}

// samples passes a run's samples, made by its workers, to a SampleWriter
// in trial order.
type samples struct {
	st  *Study
	ord *montecarlo.Ordered[Sample]
}

// sampleCapacity returns how many samples a run with the given workers
// buffers while it waits for a slow trial: enough that a worker seldom
// waits (each takes up to 64 trials at a time), a few MB at most.
func sampleCapacity(workers int) int {
	return min(max(1024, 256*workers), 1<<16)
}

func (st *Study) newSamples(w SampleWriter) (*samples, error) {
	nz := 0
	if st.z != nil {
		nz = len(st.z.names)
	}
	ord, err := montecarlo.NewOrdered(
		func() Sample { return Sample{Zones: make([]ZoneSample, nz)} },
		func(_ int64, s *Sample) error { return w.WriteSample(s) })
	if err != nil {
		return nil, err
	}
	return &samples{st: st, ord: ord}, nil
}

func (s *samples) begin(first, end int64, workers int) error {
	return s.ord.Start(first, end, sampleCapacity(workers))
}

// reserve returns the slot of trial t's sample, filled from o, the main
// case's outcome; nil, with no error, when the run is failing because of
// another trial (the trial then goes on without a sample, and the run
// ends with that trial's error). A cancelled run's trial gets
// [montecarlo.ErrCancelled].
func (s *samples) reserve(t montecarlo.Trial, o *outcome) (*Sample, error) {
	slot, err := s.ord.Reserve(t.Index)
	switch {
	case errors.Is(err, montecarlo.ErrAborted):
		if t.Cancelled() {
			return nil, montecarlo.ErrCancelled
		}
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("study: samples: %w", err)
	}
	s.fill(slot, t.Index, o)
	return slot, nil
}

// fill sets every field of x from trial i's main-case outcome o.
func (s *samples) fill(x *Sample, i int64, o *outcome) {
	x.Trial, x.LoadMWh = i, o.loadMWh
	x.Baseline = trialShortfall(o.base.Hours, o.base.Days, o.base.Events, o.base.UnservedMWh)
	x.With = trialShortfall(o.others.Hours, o.others.Days, o.others.Events, o.others.UnservedMWh)
	x.CurtailedMWh, x.CurtailedHours = o.curtailedMWh, o.curtailedHours
	x.ShedMWh, x.ServedMWh = o.shedMWh, o.servedMWh
	x.MinerMWh, x.MinerRevenueUSD = o.minerMWh, o.minerRevenueUSD
	x.BTCPriceUSD, x.HashpriceUSDPerPHDay = math.NaN(), math.NaN()
	if mp := o.path; mp != nil && len(mp.PriceUSD) > 0 {
		p, h := 0.0, 0.0
		for d := range mp.PriceUSD {
			p += mp.PriceUSD[d]
			h += mp.Hashprice[d]
		}
		n := float64(len(mp.PriceUSD))
		x.BTCPriceUSD, x.HashpriceUSDPerPHDay = p/n, mining.THPerPH*h/n
	}
	for k := range x.Zones {
		z := &o.zones[k]
		x.Zones[k] = ZoneSample{
			LoadMWh:  z.loadMWh,
			Baseline: trialShortfall(z.base.Hours, z.base.Days, z.base.Events, z.base.UnservedMWh),
			With:     trialShortfall(z.others.Hours, z.others.Days, z.others.Events, z.others.UnservedMWh),
		}
	}
}

func trialShortfall(hours, days, events int, mwh float64) TrialShortfall {
	return TrialShortfall{Hours: hours, Days: days, Events: events, UnservedMWh: mwh}
}

// SampleColumns returns the columns of the study's samples table, as
// [SamplesCSV] writes them: the fixed columns, then five per zone of a
// zonal study, "zone_<name>_…". The README's "Tables" section says which
// report estimate each column's mean is.
func (st *Study) SampleColumns() []string {
	cols := []string{
		"trial", "load_mwh",
		"baseline_unserved_mwh", "baseline_shortfall_h", "baseline_shortfall_days", "baseline_events",
		"with_unserved_mwh", "with_shortfall_h", "with_shortfall_days", "with_events",
		"delta_unserved_mwh", "delta_shortfall_h", "delta_events",
		"carveout_curtailed_mwh", "carveout_curtailed_h", "carveout_shed_mwh", "carveout_served_mwh",
		"miner_mwh", "miner_revenue_usd", "btc_price_usd", "hashprice_usd_per_ph_day",
	}
	if st.z != nil {
		for _, z := range st.z.names {
			for _, c := range []string{"load_mwh", "baseline_unserved_mwh", "baseline_shortfall_h", "with_unserved_mwh", "with_shortfall_h"} {
				cols = append(cols, "zone_"+z+"_"+c)
			}
		}
	}
	return cols
}

// SamplesCSV writes samples as CSV: a header line of
// [Study.SampleColumns], then one line per sample. Numbers are written in
// the shortest form that reads back to the same float64, in plain
// decimals unless below 1e-6 or from 1e21 on (so means
// computed from the file equal the report's to the bit, given exact
// sums), integers as integers, and a value that does not exist (the
// price of a case without a mining path) as an empty field. Zone names
// are letters, digits, '_' and '-', so no field needs quoting. It
// buffers its output: call Flush when the run ends. WriteSample does not
// allocate.
type SamplesCSV struct {
	w    *bufio.Writer
	line []byte
	err  error
}

// NewSamplesCSV returns a SamplesCSV for the study's samples that writes
// to w, starting with the header line.
func NewSamplesCSV(w io.Writer, st *Study) *SamplesCSV {
	c := ContinueSamplesCSV(w)
	for i, col := range st.SampleColumns() {
		if i > 0 {
			c.line = append(c.line, ',')
		}
		c.line = append(c.line, col...)
	}
	c.line = append(c.line, '\n')
	_, c.err = c.w.Write(c.line)
	return c
}

// ContinueSamplesCSV returns a SamplesCSV that writes lines without a
// header: to append the samples of a resumed run to the file of its
// first trials.
func ContinueSamplesCSV(w io.Writer) *SamplesCSV {
	return &SamplesCSV{w: bufio.NewWriterSize(w, 1<<16), line: make([]byte, 0, 1024)}
}

// WriteSample writes s as one line.
func (c *SamplesCSV) WriteSample(s *Sample) error {
	if c.err != nil {
		return c.err
	}
	b := strconv.AppendInt(c.line[:0], s.Trial, 10)
	b = appendFloat(b, s.LoadMWh)
	b = appendShortfall(b, s.Baseline)
	b = appendShortfall(b, s.With)
	b = appendFloat(b, s.With.UnservedMWh-s.Baseline.UnservedMWh)
	b = appendInt(b, s.With.Hours-s.Baseline.Hours)
	b = appendInt(b, s.With.Events-s.Baseline.Events)
	b = appendFloat(b, s.CurtailedMWh)
	b = appendInt(b, s.CurtailedHours)
	b = appendFloat(b, s.ShedMWh)
	b = appendFloat(b, s.ServedMWh)
	b = appendFloat(b, s.MinerMWh)
	b = appendFloat(b, s.MinerRevenueUSD)
	b = appendFloat(b, s.BTCPriceUSD)
	b = appendFloat(b, s.HashpriceUSDPerPHDay)
	for i := range s.Zones {
		z := &s.Zones[i]
		b = appendFloat(b, z.LoadMWh)
		b = appendFloat(b, z.Baseline.UnservedMWh)
		b = appendInt(b, z.Baseline.Hours)
		b = appendFloat(b, z.With.UnservedMWh)
		b = appendInt(b, z.With.Hours)
	}
	b = append(b, '\n')
	c.line = b
	_, c.err = c.w.Write(b)
	return c.err
}

// Flush writes what is buffered to the underlying writer.
func (c *SamplesCSV) Flush() error {
	if c.err != nil {
		return c.err
	}
	c.err = c.w.Flush()
	return c.err
}

func appendShortfall(b []byte, s TrialShortfall) []byte {
	b = appendFloat(b, s.UnservedMWh)
	b = appendInt(b, s.Hours)
	b = appendInt(b, s.Days)
	return appendInt(b, s.Events)
}

// appendFloat appends a comma and x in its shortest round-trip form, in
// plain decimals unless it is tiny or huge (as encoding/json writes
// numbers); NaN as an empty field.
func appendFloat(b []byte, x float64) []byte {
	b = append(b, ',')
	if math.IsNaN(x) {
		return b
	}
	if a := math.Abs(x); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	}
	return strconv.AppendFloat(b, x, 'f', -1, 64)
}

func appendInt(b []byte, n int) []byte {
	return strconv.AppendInt(append(b, ','), int64(n), 10)
}
