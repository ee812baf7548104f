package study

import (
	"fmt"
	"math"
	"strconv"

	"github.com/carveout/carveout/input"
)

// PolicyKind names how a policy treats the carve-out: [Firm] or
// [Interruptible].
type PolicyKind string

// Curtailment policy kinds of a carve-out.
const (
	// Firm serves the carve-out like any other load: a shortfall is shed
	// pro rata across all load, the carve-out included.
	Firm PolicyKind = "firm"
	// Interruptible cuts the carve-out first, with frictions: curtailment
	// is decided NoticeHours hours ahead on the margin forecast then, only a
	// share Compliance of it is delivered, and at most MaxCurtailedHours hours
	// a year are curtailed. What curtailment leaves is shed pro rata.
	Interruptible PolicyKind = "interruptible"
)

// Policy says how the grid treats the carve-out when supply is short.
//
// Zero values mean defaults: Kind "firm", Compliance 1, no notice and no
// cap on curtailed hours.
type Policy struct {
	// Kind is "firm" or "interruptible".
	Kind PolicyKind `json:"kind,omitempty"`
	// Label names the policy in sweeps and charts; empty means Kind. Give
	// distinct labels to two variants of one kind in a sweep.
	Label string `json:"label,omitempty"`
	// NoticeHours is the notice period in hours: curtailment for hour h is
	// decided at hour h−NoticeHours on the margin forecast then (available
	// capacity persists; loads of hour h are known). Interruptible only.
	NoticeHours int `json:"notice_h,omitempty"`
	// Compliance is the share of requested curtailment actually delivered,
	// in (0, 1]; 0 means 1. Interruptible only.
	Compliance float64 `json:"compliance,omitempty"`
	// MaxCurtailedHours caps the hours a year in which curtailment is
	// requested; 0 means no cap. Interruptible only.
	MaxCurtailedHours int `json:"max_curtailed_h,omitempty"`
	// AIInterruptible lets an interruptible policy curtail the AI data
	// centres too; by default only the miners can be curtailed and AI load
	// is firm.
	AIInterruptible bool `json:"ai_interruptible,omitempty"`
}

// withDefaults returns p with zero values replaced by defaults.
func (p Policy) withDefaults() Policy {
	if p.Kind == "" {
		p.Kind = Firm
	}
	if p.Compliance == 0 {
		p.Compliance = 1
	}
	return p
}

// Name returns the label, or the kind when there is none.
func (p Policy) Name() string {
	if p.Label != "" {
		return p.Label
	}
	return string(p.withDefaults().Kind)
}

// Validate reports the first invalid field of p as an [*input.FieldError]
// whose path is relative to the policy ("compliance"), for the caller to
// locate with [input.In].
func (p Policy) Validate() error {
	p = p.withDefaults()
	switch {
	case p.Kind != Firm && p.Kind != Interruptible:
		return input.Field("kind", strconv.Quote(string(p.Kind)), fmt.Sprintf("%q or %q", Firm, Interruptible))
	case p.NoticeHours < 0 || p.NoticeHours > 24*31:
		return input.Field("notice_h", p.NoticeHours, "in [0, 744]")
	case !(p.Compliance > 0 && p.Compliance <= 1):
		return input.Field("compliance", p.Compliance, "in (0, 1]")
	case p.MaxCurtailedHours < 0:
		return input.Field("max_curtailed_h", p.MaxCurtailedHours, ">= 0 (0 means no cap)")
	}
	return nil
}

// hourOutcome is what one hour of a carve-out case gives.
type hourOutcome struct {
	others    float64 // unserved energy of other customers (MWh)
	carveShed float64 // carve-out load shed pro rata (MWh)
	curtailed float64 // carve-out load curtailed by the policy (MWh)
}

// serveHour settles one hour. load is the other customers' load, firm and
// flex the carve-out's firm and curtailable parts, avail the capacity
// available, and request the curtailment requested for this hour (already
// capped to flex; 0 under a firm policy). compliance scales the request.
//
// The arithmetic is arranged so that a fully curtailed carve-out leaves the
// other customers exactly where they are without it, and curtailment that
// meets the need leaves them unshed: the invariants the package's tests
// assert hold to the bit, not just to rounding.
func serveHour(load, firm, flex, avail, request, compliance float64) hourOutcome {
	var o hourOutcome
	delivered := request
	if compliance != 1 {
		delivered = request * compliance
	}
	o.curtailed = delivered
	rest := firm + (flex - delivered) // carve-out load still served
	if delivered == flex {
		rest = firm
	}
	if rest <= 0 {
		// Only the other customers are left: the baseline expression.
		o.others = math.Max(0, load-avail)
		return o
	}
	need := load + firm + flex - avail // shortfall before curtailment
	if need <= delivered {
		return o
	}
	short := need - delivered
	total := load + rest
	o.others = short * (load / total)
	o.carveShed = short - o.others
	return o
}
