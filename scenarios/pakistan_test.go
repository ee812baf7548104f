package scenarios

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carveout/carveout/study"
)

func TestPakistan2025Loads(t *testing.T) {
	sc, err := Load("pakistan")
	if err != nil {
		t.Fatal(err)
	}
	var mw float64
	units := 0
	for _, u := range sc.Fleet {
		n := max(1, u.Count)
		units += n
		mw += float64(n) * u.CapacityMW
	}
	// The data's README reconciles 213 units and 36,614.6 MW installed.
	if units != 213 || mw < 36614 || mw > 36615 {
		t.Errorf("fleet: %d units, %.1f MW; want 213 and 36,614.6", units, mw)
	}
	if sc.Carveout.MW != 2000 {
		t.Errorf("carve-out %v MW, want 2000", sc.Carveout.MW)
	}
	a, _ := Pakistan2025()
	if a.Hash() != sc.Hash() {
		t.Error("the embedded scenario hashes differently on each load")
	}
}

func TestPakistan2025Runs(t *testing.T) {
	sc, err := Pakistan2025()
	if err != nil {
		t.Fatal(err)
	}
	sc.Trials = 200
	st, err := study.NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r := res.Report()
	t.Logf("baseline LOLE %.3f h (EUE %.0f MWh); carve-out LOLE %.3f; P(causes) %.3f; ΔEUE %.0f MWh; util %.3f; sweep %d",
		r.Baseline.LOLEHours.Mean, r.Baseline.EUEMWh.Mean, r.Carveout.LOLEHours.Mean, r.Risk.PCausesShedding.Mean,
		r.Risk.DeltaEUEMWh.Mean, r.Load.MinerUtilisation.Mean, len(r.Sweep))
	if r.Risk.DeltaEUEMWh.Mean < 0 {
		t.Errorf("a firm carve-out reduced shedding: ΔEUE %v", r.Risk.DeltaEUEMWh)
	}
}

// TestPakistan2025CancelPrompt starts a run far longer than the test and
// cancels it: Run must return within a second of the cancellation, with a
// partial result.
func TestPakistan2025CancelPrompt(t *testing.T) {
	sc, err := Pakistan2025()
	if err != nil {
		t.Fatal(err)
	}
	sc.Trials = 10_000_000
	st, err := study.NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled atomic.Int64
	time.AfterFunc(300*time.Millisecond, func() {
		cancelled.Store(time.Now().UnixNano())
		cancel()
	})
	res, err := st.Run(ctx)
	returned := time.Now().UnixNano()
	if !errors.Is(err, context.Canceled) || res == nil || !res.Partial {
		t.Fatalf("err %v; want context.Canceled and a partial result", err)
	}
	if d := time.Duration(returned - cancelled.Load()); d > time.Second {
		t.Fatalf("Run returned %v after cancellation, want < 1 s", d)
	}
	r := res.Report()
	if r.Done != res.Done || r.Done >= 10_000_000 {
		t.Fatalf("report covers %d trials, result %d", r.Done, res.Done)
	}
}
