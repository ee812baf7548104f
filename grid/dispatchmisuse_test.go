package grid

import (
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestDispatchMisuse checks that misuse of the dispatch API returns
// errors that say what is wrong, and panics nowhere.
func TestDispatchMisuse(t *testing.T) {
	if _, err := NewDispatch(nil); err == nil {
		t.Error("NewDispatch(nil): no error")
	}
	if _, err := NewDispatch(&Network{}); err == nil {
		t.Error("NewDispatch of a zero Network: no error")
	}
	// A meshed network: three zones in a ring.
	el := func(name string) []Element { return []Element{{Name: name, ForwardMW: 10, BackwardMW: 10}} }
	units := []Unit{
		{Name: "a", Zone: "a", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10},
		{Name: "b", Zone: "b", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10},
		{Name: "c", Zone: "c", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10},
	}
	ring, err := NewNetwork([]string{"a", "b", "c"}, units, nil,
		[]Interface{{From: "a", To: "b", Elements: el("ab")}, {From: "b", To: "c", Elements: el("bc")}, {From: "c", To: "a", Elements: el("ca")}}, 24)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewDispatch(ring); err == nil || !strings.Contains(err.Error(), "a-b, b-c, a-c") {
		t.Errorf("meshed network: error %v, want one naming the interfaces a-b, b-c, a-c", err)
	}
	sys := smallPlate(48)
	d, av, w := newDispatchWorker(t, sys)
	if _, err := d.NewWorker(av); err == nil {
		t.Error("a second worker on one availability: no error")
	}
	other, err := NetworkOf(smallPlate(48))
	if err != nil {
		t.Fatal(err)
	}
	oav, err := other.NewAvailability()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.NewWorker(oav); err == nil {
		t.Error("a worker on another network's availability: no error")
	}
	if _, err := d.NewWorker(nil); err == nil {
		t.Error("a worker on a nil availability: no error")
	}
	if err := w.Prepare(); err == nil {
		t.Error("Prepare before any Sample: no error")
	}
	tot := d.NewTotals()
	if err := w.Hour(0, []float64{10}, 1, tot); err == nil {
		t.Error("Hour before Prepare: no error")
	}
	av.Sample(montecarlo.Trial{Seed: 1}, nil, nil)
	if err := w.Prepare(); err != nil {
		t.Fatal(err)
	}
	od, err := NewDispatch(other)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		h     int
		load  []float64
		scale float64
		tot   *DispatchTotals
		want  string
	}{
		{"hour < 0", -1, []float64{1}, 1, tot, "hour -1"},
		{"hour past the horizon", 48, []float64{1}, 1, tot, "hour 48"},
		{"two loads for one zone", 0, []float64{1, 2}, 1, tot, "2 loads"},
		{"negative scale", 0, []float64{1}, -1, tot, "scale"},
		{"nil totals", 0, []float64{1}, 1, nil, "totals"},
		{"another dispatch's totals", 0, []float64{1}, 1, od.NewTotals(), "totals"},
	} {
		if err := w.Hour(c.h, c.load, c.scale, c.tot); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	if tot.Hours != 0 {
		t.Errorf("failed hours counted: %d", tot.Hours)
	}
	av.Sample(montecarlo.Trial{Seed: 1, Index: 1}, nil, nil)
	if err := w.Hour(0, []float64{1}, 1, tot); err == nil {
		t.Error("Hour after a new Sample without Prepare: no error")
	}
	var nilTot *DispatchTotals
	nilTot.Reset()
	nilTot.Flush()
	var nilW *DispatchWorker
	if err := nilW.Prepare(); err == nil {
		t.Error("Prepare on a nil worker: no error")
	}
	if _, err := DispatchExact(nil); err == nil {
		t.Error("DispatchExact(nil): no error")
	}
	if _, err := DispatchExact(synthZonal(t, 1000, true)); err == nil || !strings.Contains(err.Error(), "zones") {
		t.Errorf("DispatchExact of a zonal system: error %v, want one naming zones", err)
	}
	big := smallPlate(24)
	big.Units[2].Count = 20
	if _, err := DispatchExact(big); err == nil || !strings.Contains(err.Error(), "MaxDispatchExactStates") {
		t.Errorf("DispatchExact past the state limit: error %v", err)
	}
}
