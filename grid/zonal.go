package grid

import (
	"fmt"
	"math/rand/v2"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// ZoneIndices are one zone's reliability indices.
type ZoneIndices struct {
	// Name is the zone's name.
	Name string
	Indices
}

// ZoneAcc accumulates one zone's indices in a [Tally] of a zonal system.
type ZoneAcc struct {
	// Name is the zone's name.
	Name string `json:"name"`
	IndexAcc
}

// newSystemTally returns an empty tally for sys: per-zone accumulators
// for a zonal system.
func newSystemTally(sys *System) *Tally {
	t := NewTally(sys.hours())
	for _, z := range sys.Zones {
		t.Zones = append(t.Zones, ZoneAcc{Name: z.Name})
	}
	return t
}

// ZoneIndices returns each zone's estimates from the trials recorded, in
// priority order; nil without zones.
func (t *Tally) ZoneIndices() []ZoneIndices {
	if len(t.Zones) == 0 {
		return nil
	}
	out := make([]ZoneIndices, len(t.Zones))
	for i := range t.Zones {
		out[i] = ZoneIndices{Name: t.Zones[i].Name, Indices: t.Zones[i].IndexAcc.Indices(t.Hours)}
	}
	return out
}

// mergedZones returns t's zone accumulators merged with o's, which must
// name the same zones in the same order; t is left as it was.
func (t *Tally) mergedZones(o *Tally) ([]ZoneAcc, error) {
	if len(t.Zones) != len(o.Zones) {
		return nil, errorf("tally: %d zones, want %d to merge", len(o.Zones), len(t.Zones))
	}
	merged := append([]ZoneAcc(nil), t.Zones...)
	for i := range merged {
		if merged[i].Name != o.Zones[i].Name {
			return nil, errorf("tally: zones[%d] is %q, want %q to merge", i, o.Zones[i].Name, merged[i].Name)
		}
		if err := merged[i].Merge(&o.Zones[i].IndexAcc); err != nil {
			return nil, errorf("tally: zones[%d]: %w", i, err)
		}
	}
	return merged, nil
}

// checkZones checks that t's zone accumulators are those of zones.
func (t *Tally) checkZones(zones []Zone) error {
	if len(t.Zones) != len(zones) {
		return input.Field("state.zones", fmt.Sprintf("%d zones", len(t.Zones)), fmt.Sprintf("%d, the zones of the system", len(zones)))
	}
	for i, z := range zones {
		if t.Zones[i].Name != z.Name {
			return input.Field(fmt.Sprintf("state.zones[%d].name", i), fmt.Sprintf("%q", t.Zones[i].Name), fmt.Sprintf("%q, the system's zones[%d]", z.Name, i))
		}
	}
	return nil
}

// network compiles a zonal system's network.
func (sys *System) network() (*Network, error) {
	names := make([]string, len(sys.Zones))
	for i, z := range sys.Zones {
		names[i] = z.Name
	}
	return NewNetwork(names, sys.Units, sys.Classes, sys.Interfaces, sys.hours())
}

// zonalExperiment is the experiment of a zonal system: each trial samples
// the network's capacities, and every hour in which some zone is short is
// settled over the interfaces ([NetworkAvailability.Settle]).
func zonalExperiment(sys *System) (montecarlo.Experiment[*Tally], error) {
	hours := sys.hours()
	net, err := sys.network()
	if err != nil {
		return montecarlo.Experiment[*Tally]{}, err
	}
	// The copper plate's load, for the system's load energy.
	total := zoneLoadSum(sys.Zones)
	sigma := sys.LFUSigma
	nz := len(sys.Zones)
	return montecarlo.Experiment[*Tally]{
		NewAccumulator: func() *Tally { return newSystemTally(sys) },
		RelativeSE:     (*Tally).RelativeSE,
		NewWorker: func() (montecarlo.TrialFunc[*Tally], error) {
			av, err := net.NewAvailability()
			if err != nil {
				return nil, err
			}
			var o Outcome
			var lfuSrc rand.PCG
			lfu := rand.New(&lfuSrc)
			load := make([]float64, nz)
			unserved := make([]float64, nz)
			zs := make([]Shortfall, nz)
			return func(t montecarlo.Trial, acc *Tally) error {
				av.Sample(t, nil, nil)
				if t.Cancelled() {
					return montecarlo.ErrCancelled
				}
				scale := 1.0
				if sigma > 0 {
					t.Reseed(&lfuSrc, lfuKey)
					scale = max(0, demand.LFU{Sigma: sigma}.DrawScale(lfu))
				}
				o = Outcome{LoadMWh: LoadEnergy(total, scale), ShortHours: o.ShortHours[:0]}
				var st Shortfall
				st.Reset()
				for z := range zs {
					zs[z].Reset()
				}
				for h := range hours {
					for z := range load {
						load[z] = sys.Zones[z].Load[h]
					}
					u := av.Settle(h, load, scale, unserved)
					if u <= 0 {
						continue
					}
					st.Add(h, u)
					o.ShortHours = append(o.ShortHours, h)
					for z, uz := range unserved {
						if uz > 0 {
							zs[z].Add(h, uz)
						}
					}
				}
				o.ShortfallHours, o.ShortfallDays, o.Events, o.UnservedMWh = st.Hours, st.Days, st.Events, st.UnservedMWh
				acc.Add(&o)
				for z := range zs {
					acc.Zones[z].AddShortfall(&zs[z], LoadEnergy(sys.Zones[z].Load, scale))
				}
				return nil
			}, nil
		},
	}, nil
}
