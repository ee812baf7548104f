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
	for _, shape := range []string{"path", "triangle"} {
		t.Run(shape, func(t *testing.T) {
			ifaces := []Interface{
				{From: "a", To: "b", Elements: []Element{{Name: "ab", ForwardMW: 5, BackwardMW: 5}}},
				{From: "b", To: "c", Elements: []Element{{Name: "bc", ForwardMW: 5, BackwardMW: 5}}},
			}
			if shape == "triangle" {
				ifaces = append(ifaces, Interface{From: "c", To: "a", Elements: []Element{{Name: "ca", ForwardMW: 5, BackwardMW: 5}}})
			}
			av := threeZones(t, 10, ifaces)
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

// threeZones returns the availability of zones a, b and c, one unit
// each that never fails (capacity capA MW in a, 10 MW in b and c), joined
// by ifaces, sampled so that every unit is up at hour 0.
func threeZones(t *testing.T, capA float64, ifaces []Interface) *NetworkAvailability {
	t.Helper()
	units := []Unit{
		{Name: "A", Zone: "a", CapacityMW: capA, MTTFHours: MaxDurationHours, MTTRHours: MinDurationHours},
		{Name: "B", Zone: "b", CapacityMW: 10, MTTFHours: MaxDurationHours, MTTRHours: MinDurationHours},
		{Name: "C", Zone: "c", CapacityMW: 10, MTTFHours: MaxDurationHours, MTTRHours: MinDurationHours},
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
	for z, want := range []float64{capA, 10, 10} {
		if got := n.MW(av.Capacity(z)[0]); got != want {
			t.Fatalf("zone %d has %v MW, want %v (units of FOR 1e-13 up)", z, got, want)
		}
	}
	return av
}

// TestSettleTieNotPassedOn: the Network doc says a share of at most
// 10^-12 of the part's load and capacity "is a tie and counts as met", and
// that "a zone whose share is its own deficit gets the same share, to the
// bit, whatever the others' loads". Zone a's capacity is 26.9 MW; its load
// of 24.6 + 2.3 MW (a carve-out of 2.3 MW on a 24.6 MW load, 26.9 in
// decimal) is 26.900000000000002 in binary, short by 3.6e-15 MW: a tie.
// Zones b and c are short and can send nothing anywhere, and a cannot
// send to b (the a-b interface carries power only b→a): b's deficit is
// its own. Its share, and the hour's total, must be the same whether a's
// load is 26.9 (met) or 24.6+2.3 (a tie, met): a tie's cut is passed, so
// that a's 3.6e-15 MW is not added to b's share.
func TestSettleTieNotPassedOn(t *testing.T) {
	av := threeZones(t, 26.9, []Interface{
		{From: "a", To: "b", Elements: []Element{{Name: "ab", ForwardMW: 0, BackwardMW: 5}}},
		{From: "b", To: "c", Elements: []Element{{Name: "bc", ForwardMW: 5, BackwardMW: 5}}},
	})
	base, carve := 24.6, 2.3
	la := base + carve
	if la <= 26.9 {
		t.Fatalf("24.6 + 2.3 = %.17g, expected above 26.9 in binary", la)
	}
	met := make([]float64, 3)
	tie := make([]float64, 3)
	tm := av.Settle(0, []float64{26.9, 17.3, 13.7}, 1, met)
	tt := av.Settle(0, []float64{la, 17.3, 13.7}, 1, tie)
	t.Logf("a met: shares %.17g total %.17g; a a tie: shares %.17g total %.17g", met, tm, tie, tt)
	if tie[0] != 0 {
		t.Fatalf("zone a's share %.17g, want a tie (0)", tie[0])
	}
	if tie[1] != met[1] {
		t.Errorf("zone b's own deficit: %.17g with a's load 26.9, %.17g with a's load 24.6+2.3 (a tie, met): a's tie is billed to b", met[1], tie[1])
	}
}
