package study

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
)

// Offset is firm capacity added to the carve-out cases of a sweep: every
// case of the sweep is scored once with each offset size, on the same
// draws, so that a case's paired measures (ΔLOLE, ΔEUE against the
// baseline without carve-out and without offset) say whether the offset
// restores the other customers' baseline with the carve-out in place.
// It is what [FCE] searches over. The main case never has an offset.
//
// On a copper plate the offset is capacity added to the system; in a
// zonal study, capacity in one zone, entered as a negative load there so
// that a constant carve-out and an offset of the same size in its zone
// cancel exactly, and capacity equal to load is still enough.
type Offset struct {
	// MW lists the offset sizes, each finite, >= 0 and at most 1e6, and a
	// whole multiple of 10^-6 MW (grid.MaxDecimals); at least one.
	MW []float64 `json:"mw"`
	// Zone is the zone the capacity is added in, for a zonal study; empty
	// means each case's own site, which must then lie wholly in one zone.
	// It must be empty without zones.
	Zone string `json:"zone,omitempty"`
	// Unit, when set, makes the offset of units of one type rather than
	// perfectly reliable capacity; nil means perfectly reliable.
	Unit *OffsetUnit `json:"unit,omitempty"`
}

// OffsetUnit is the type of the units an [Offset] is made of: an offset
// of F MW is ⌊F/MW⌋ units of MW and one of the remainder, named
// [OffsetUnitName](1), (2), …, each failing and being repaired on its own
// stream ([grid.OutageStream] of its name), so that adding the offset
// changes no other draw, and a larger offset has the same units up and
// down in every hour, plus more.
type OffsetUnit struct {
	// MW is one unit's capacity: finite, > 0 and a whole multiple of
	// 10^-6 MW.
	MW float64 `json:"mw"`
	// FOR is the forced outage rate, strictly between 0 and 1 (a unit
	// that never fails is the perfectly reliable offset: leave Unit nil).
	FOR float64 `json:"for"`
	// MTTRHours is the mean time to repair, hours; the mean time to
	// failure is MTTRHours·(1−FOR)/FOR. Both must be at least
	// grid.MinDurationHours.
	MTTRHours float64 `json:"mttr_h"`
}

// MaxOffsetUnits is the most units an offset of units ([OffsetUnit]) may
// take (1,000): each is simulated in every case it is scored in.
const MaxOffsetUnits = 1000

// offsetPrefix starts the names of offset units; no unit of the fleet
// may use it, so that their streams are the offset's own.
const offsetPrefix = "firm-offset/"

// OffsetUnitName returns the name of the j-th unit (from 1) of an
// offset of units ([OffsetUnit]): its outage stream is
// grid.OutageStream(OffsetUnitName(j)).
func OffsetUnitName(j int) string { return offsetPrefix + strconv.Itoa(j) }

// Validate reports the first invalid field of u as an [*input.FieldError]
// relative to u ("for", "mttr_h", "mw").
func (u *OffsetUnit) Validate() error {
	if u == nil {
		return nil
	}
	if !(u.MW > 0) || u.MW > 1e6 || !onMicroGrid(u.MW) {
		return input.Field("mw", u.MW, "finite, > 0, at most 1e6 and a whole multiple of 1e-6 MW")
	}
	if !(u.FOR > 0 && u.FOR < 1) {
		return input.Field("for", u.FOR, "strictly between 0 and 1 (a unit that never fails is the perfectly reliable offset: no unit type)")
	}
	if !(u.MTTRHours >= grid.MinDurationHours) || math.IsInf(u.MTTRHours, 0) {
		return input.Field("mttr_h", u.MTTRHours, fmt.Sprintf("finite and >= %v (grid.MinDurationHours)", grid.MinDurationHours))
	}
	if mttf := u.mttf(); !(mttf >= grid.MinDurationHours) || math.IsInf(mttf, 0) {
		return input.Field("for", u.FOR, fmt.Sprintf("small enough that the mean time to failure, mttr_h·(1−for)/for = %v h, is at least %v h", mttf, grid.MinDurationHours))
	}
	return nil
}

// mttf returns the unit type's mean time to failure, hours.
func (u *OffsetUnit) mttf() float64 { return u.MTTRHours * (1 - u.FOR) / u.FOR }

// onMicroGrid reports whether x is finite and a whole multiple of 10^-6.
func onMicroGrid(x float64) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return false
	}
	m := math.Round(x * 1e6)
	return math.Abs(x*1e6-m) <= 1e-6*math.Max(1, math.Abs(m))
}

// units returns the units of an offset of mw MW of type u (none for 0).
func (u *OffsetUnit) units(mw float64) []grid.Unit {
	total, one := int64(math.Round(mw*1e6)), int64(math.Round(u.MW*1e6))
	n, rest := total/one, total%one
	out := make([]grid.Unit, 0, n+1)
	add := func(micro int64) {
		out = append(out, grid.Unit{Name: OffsetUnitName(len(out) + 1), CapacityMW: float64(micro) / 1e6, MTTFHours: u.mttf(), MTTRHours: u.MTTRHours})
	}
	for range n {
		add(one)
	}
	if rest > 0 {
		add(rest)
	}
	return out
}

// validateOffset checks the sweep's offset (with defaults): sizes, unit
// type, zone, and that no unit of the fleet takes an offset unit's name.
func (d *Scenario) validateOffset() error {
	o := d.Sweep.Offset
	if o == nil {
		return nil
	}
	if len(o.MW) == 0 {
		return input.Field("sweep.offset.mw", "none", "at least one offset size")
	}
	for i, mw := range o.MW {
		if !(mw >= 0 && mw <= 1e6) || !onMicroGrid(mw) {
			return input.Field(fmt.Sprintf("sweep.offset.mw[%d]", i), mw, "in [0, 1e6] and a whole multiple of 1e-6 MW")
		}
	}
	if err := o.Unit.Validate(); err != nil {
		return input.In(err, "sweep.offset.unit")
	}
	for i, mw := range o.MW {
		if o.Unit != nil && mw/o.Unit.MW > MaxOffsetUnits {
			return input.Field(fmt.Sprintf("sweep.offset.mw[%d]", i), mw, fmt.Sprintf("at most %d units of %v MW (MaxOffsetUnits)", MaxOffsetUnits, o.Unit.MW))
		}
	}
	if o.Unit != nil {
		for i, u := range d.Fleet {
			if strings.HasPrefix(u.Name, offsetPrefix) {
				return input.Field(fmt.Sprintf("fleet[%d].name", i), strconv.Quote(u.Name), fmt.Sprintf("a name not starting %q (the offset units' streams)", offsetPrefix))
			}
		}
	}
	names := zoneNames(d.Zones)
	switch {
	case len(names) == 0 && o.Zone != "":
		return input.Field("sweep.offset.zone", strconv.Quote(o.Zone), `"" (the scenario declares no zones)`)
	case o.Zone != "" && !slices.Contains(names, o.Zone):
		return input.Field("sweep.offset.zone", strconv.Quote(o.Zone), fmt.Sprintf("the name of a zone (one of %q)", names))
	case len(names) > 0 && o.Zone == "" && len(d.Sweep.Sites) == 0:
		share, err := siteShares(names, d.Carveout.Site, d.Carveout.Sites)
		if err != nil {
			return nil // reported by validateZonal
		}
		if offsetZone(share) < 0 {
			return input.Field("sweep.offset.zone", `""`, "a zone: the carve-out is spread over several zones, so it has no one zone to add the offset in")
		}
	}
	return nil
}

// offsetZone returns the one zone a site lies in wholly, or −1.
func offsetZone(share []float64) int {
	for k, s := range share {
		if s == 1 {
			return k
		}
	}
	return -1
}

// offsetSizes returns the offset sizes the sweep scores each case at:
// the offset's, or one "no offset" without one.
func (d *Scenario) offsetSizes() []float64 {
	if d.Sweep.Offset == nil {
		return []float64{0}
	}
	return d.Sweep.Offset.MW
}

// withOffset sets case c's offset of mw MW (hasOff reports whether the
// sweep has offsets at all), compiling its units' fleet over hours hours
// for an offset of units; zones are the zonal study's zone names (nil
// for a copper plate).
func (c *caseSpec) withOffset(o *Offset, mw float64, zones []string, hours int) error {
	if o == nil {
		return nil
	}
	c.hasOff, c.off, c.offZone = true, mw, -1
	if zones != nil {
		c.offZone = offsetZone(c.site)
		if o.Zone != "" {
			c.offZone = slices.Index(zones, o.Zone)
		}
		if c.offZone < 0 {
			return input.Field("sweep.offset.zone", `""`, fmt.Sprintf("a zone: the site %q spreads over several zones", c.siteName))
		}
	}
	if o.Unit == nil || mw == 0 {
		return nil
	}
	f, err := grid.NewFleet(o.Unit.units(mw), nil, hours)
	if err != nil {
		return fmt.Errorf("study: scenario: sweep.offset: %w", err)
	}
	c.offFleet = f
	return nil
}

// offsetMW returns case c's offset capacity available in hour h of the
// trial: the offset itself when perfectly reliable, else its units' that
// are up (from the trial's sample of the case's offset units, w.offNow).
func (w *worker) offsetMW(c *caseSpec, h int) float64 {
	if c.offFleet == nil {
		return c.off
	}
	return c.offFleet.MW(w.offNow[h])
}

// serveHourOffset is serveHour with off MW of offset capacity available
// besides avail. The carve-out's load net of the offset is added to the
// other customers' load before it is compared with avail, so that an
// offset equal to a constant carve-out leaves every comparison the
// baseline's, exactly.
func serveHourOffset(load, firm, flex, avail, off, request, compliance float64) hourOutcome {
	var o hourOutcome
	delivered := request
	if compliance != 1 {
		delivered = request * compliance
	}
	o.curtailed = delivered
	rest := firm + (flex - delivered)
	if delivered == flex {
		rest = firm
	}
	if rest <= 0 {
		// Only the other customers are left.
		o.others = math.Max(0, load+(0-off)-avail)
		return o
	}
	need := load + (firm + flex - off) - avail
	if need <= delivered {
		return o
	}
	short := need - delivered
	total := load + rest
	o.others = short * (load / total)
	o.carveShed = short - o.others
	return o
}

// settleCase settles hour h with the carve-out of mw MW spread by site,
// as settleWith does, and, for a case with an offset, the offset
// available in hour h as a negative load in its zone: a carve-out and an offset of the same size in one
// zone cancel before the zone's load is touched.
func (w *worker) settleCase(c *caseSpec, h int, site []float64, mw float64) float64 {
	if !c.hasOff {
		return w.settleWith(h, site, mw)
	}
	zw := w.zw
	off := w.offsetMW(c, h)
	for k, l := range zw.load {
		d := 0.0
		if s := site[k]; s > 0 && mw > 0 {
			d = s * mw
		}
		if k == c.offZone {
			d -= off
		}
		zw.with[k] = l
		if d != 0 {
			zw.with[k] = l + d
		}
	}
	return zw.av.Settle(h, zw.with, 1, zw.unserved)
}
