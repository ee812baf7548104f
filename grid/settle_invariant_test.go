package grid

import (
	"fmt"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestInvariantSettleOwnDeficit: when every zone is short, no zone has
// anything to send, so each zone's unserved energy is its own deficit,
// whatever the other zones' loads: changing zone a's load must leave
// zones b's and c's shares of the hour's unserved energy unchanged, to
// the bit. (A carve-out study compares a zone's unserved energy with and
// without a carve-out elsewhere with a strict >, so a last-bit change
// there counts as the carve-out causing shedding in that zone.)
func TestInvariantSettleOwnDeficit(t *testing.T) {
	units := []Unit{
		{Name: "A", Zone: "a", CapacityMW: 10, MTTFHours: MaxDurationHours, MTTRHours: MinDurationHours},
		{Name: "B", Zone: "b", CapacityMW: 10, MTTFHours: MaxDurationHours, MTTRHours: MinDurationHours},
		{Name: "C", Zone: "c", CapacityMW: 10, MTTFHours: MaxDurationHours, MTTRHours: MinDurationHours},
	}
	for _, shape := range []string{"path", "triangle"} {
		t.Run(shape, func(t *testing.T) {
			ifaces := []Interface{
				{From: "a", To: "b", Elements: []Element{{Name: "ab", ForwardMW: 5, BackwardMW: 5}}},
				{From: "b", To: "c", Elements: []Element{{Name: "bc", ForwardMW: 5, BackwardMW: 5}}},
			}
			if shape == "triangle" {
				ifaces = append(ifaces, Interface{From: "c", To: "a", Elements: []Element{{Name: "ca", ForwardMW: 5, BackwardMW: 5}}})
			}
			n, err := NewNetwork([]string{"a", "b", "c"}, units, nil, ifaces, 1)
			if err != nil {
				t.Fatal(err)
			}
			av, err := n.NewAvailability()
			if err != nil {
				t.Fatal(err)
			}
			av.Sample(montecarlo.Trial{Seed: 1}, nil, nil)
			for z := range 3 {
				if got := n.MW(av.Capacity(z)[0]); got != 10 {
					t.Fatalf("zone %d has %v MW, want 10 (units of FOR 1e-13 up)", z, got)
				}
			}
			lb, lc := 17.3, 13.7
			ref := make([]float64, 3)
			av.Settle(0, []float64{20, lb, lc}, 1, ref)
			moved := 0
			var first string
			un := make([]float64, 3)
			for k := range 200 {
				la := 20 + 0.1*float64(k)
				total := av.Settle(0, []float64{la, lb, lc}, 1, un)
				if un[1] != ref[1] || un[2] != ref[2] {
					moved++
					if first == "" {
						first = fmt.Sprintf("load a %v: b %.17g, c %.17g (at load a 20: %.17g, %.17g; total %.17g)", la, un[1], un[2], ref[1], ref[2], total)
					}
				}
			}
			if moved > 0 {
				t.Errorf("%d of 200 loads of zone a moved the unserved energy of zones b or c (own deficits %.17g, %.17g); first: %s",
					moved, lb-10, lc-10, first)
			}
		})
	}
}
