package grid

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/misuse"
	"github.com/carveout/carveout/montecarlo"
)

// TestAPIMisuse calls the package's exported functions and methods with
// bad values: each must return an error (or a NaN), never panic, unless
// its doc comment says the call is a programming error.
func TestAPIMisuse(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	units := []Unit{{Name: "a", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10}, {Name: "b", CapacityMW: 5, MTTFHours: 50, MTTRHours: 5}}
	load := make([]float64, 48)
	for h := range load {
		load[h] = 8
	}
	sys := func() *System { return &System{Units: units, Load: load} }
	copt, err := NewCOPT(units)
	if err != nil {
		t.Fatal(err)
	}
	lp, err := NewLoadProfile(load)
	if err != nil {
		t.Fatal(err)
	}
	path := func(hours int, steps ...Step) func() error {
		return func() error { var o Outcome; return Score(&Path{Hours: hours, Steps: steps}, lp, &o) }
	}
	ctx := context.Background()
	res, err := Adequacy(ctx, sys(), montecarlo.WithTrials(4), montecarlo.WithShard(0, 2))
	if err != nil {
		t.Fatal(err)
	}
	shard := func(edit func(*AdequacyShard)) func() error {
		return func() error {
			s := res.Shard()
			edit(s)
			_, err := MergeAdequacyShards([]*AdequacyShard{s})
			return err
		}
	}
	R, P, A := misuse.Refuse, misuse.Panic, misuse.Accept
	cases := []misuse.Case{
		R("NewCOPT(nil)", func() error { _, err := NewCOPT(nil); return err }),
		R("NewCOPT(NaN capacity)", func() error {
			_, err := NewCOPT([]Unit{{Name: "x", CapacityMW: nan, MTTFHours: 1, MTTRHours: 1}})
			return err
		}),
		R("COPT{}.Indices(load)", func() error { _, err := (&COPT{}).Indices(load); return err }),
		R("COPT{}.IndicesLFU(load, 0.1)", func() error { _, err := (&COPT{}).IndicesLFU(load, 0.1); return err }),
		R("COPT{}.LOLEDailyPeak(load)", func() error { _, err := (&COPT{}).LOLEDailyPeak(load); return err }),
		R("COPT{}.LOLP(5)", func() error { return misuse.NaN((&COPT{}).LOLP(5)) }),
		R("COPT{}.ExpectedUnserved(5)", func() error { return misuse.NaN((&COPT{}).ExpectedUnserved(5)) }),
		R("COPT{}.InstalledMW()", func() error { return misuse.NaN((&COPT{}).InstalledMW()) }),
		R("COPT{}.StepMW()", func() error { return misuse.NaN((&COPT{}).StepMW()) }),
		R("COPT{}.Capacity(0)", func() error { mw, _ := (&COPT{}).Capacity(0); return misuse.NaN(mw) }),
		R("COPT.Capacity(-1)", func() error { mw, _ := copt.Capacity(-1); return misuse.NaN(mw) }),
		R("COPT.Capacity(1e6)", func() error { _, p := copt.Capacity(1e6); return misuse.NaN(p) }),
		R("COPT.LOLP(NaN)", func() error { return misuse.NaN(copt.LOLP(nan)) }),
		R("COPT.ExpectedUnserved(NaN)", func() error { return misuse.NaN(copt.ExpectedUnserved(nan)) }),
		A("COPT.LOLP(+Inf)", func() error { return misuse.NaN(copt.LOLP(inf)) }),
		A("COPT.LOLP(-1)", func() error { return misuse.NaN(copt.LOLP(-1)) }),
		R("COPT.Indices(nil)", func() error { _, err := copt.Indices(nil); return err }),
		R("COPT.Indices(NaN load)", func() error { _, err := copt.Indices([]float64{1, nan}); return err }),
		R("COPT.Indices(negative load)", func() error { _, err := copt.Indices([]float64{-1}); return err }),
		R("COPT.IndicesLFU(load, NaN)", func() error { _, err := copt.IndicesLFU(load, nan); return err }),
		R("COPT.IndicesLFU(load, -0.1)", func() error { _, err := copt.IndicesLFU(load, -0.1); return err }),
		R("COPT.IndicesLFU(load, 1)", func() error { _, err := copt.IndicesLFU(load, 1); return err }),
		R("COPT.IndicesLFU(load, 1e308)", func() error { _, err := copt.IndicesLFU(load, 1e308); return err }),
		R("COPT.LOLEDailyPeak(nil)", func() error { _, err := copt.LOLEDailyPeak(nil); return err }),
		R("NewClassCOPT(nil, nil, 24)", func() error { _, err := NewClassCOPT(nil, nil, 24); return err }),
		R("NewClassCOPT(units, nil, 0)", func() error { _, err := NewClassCOPT(units, nil, 0); return err }),
		R("NewClassCOPT(units, nil, -1)", func() error { _, err := NewClassCOPT(units, nil, -1); return err }),
		R("ClassCOPT{}.Indices(load)", func() error { _, err := (&ClassCOPT{}).Indices(load); return err }),
		R("ClassCOPT{}.LOLEDailyPeak(load)", func() error { _, err := (&ClassCOPT{}).LOLEDailyPeak(load); return err }),
		R("ClassCOPT.Indices(load of other length)", func() error {
			c, err := NewClassCOPT(units, nil, 24)
			if err != nil {
				return nil
			}
			_, err = c.Indices(load)
			return err
		}),
		R("NewLoadProfile(nil)", func() error { _, err := NewLoadProfile(nil); return err }),
		R("NewLoadProfile(Inf)", func() error { _, err := NewLoadProfile([]float64{inf}); return err }),
		R("LoadProfile{}.Max(0, 1)", func() error { return misuse.NaN((&LoadProfile{}).Max(0, 1)) }),
		R("LoadProfile.Max(5, 2)", func() error { return misuse.NaN(lp.Max(5, 2)) }),
		R("LoadProfile.Max(0, 1000)", func() error { return misuse.NaN(lp.Max(0, 1000)) }),
		R("LoadProfile.Max(-1, 3)", func() error { return misuse.NaN(lp.Max(-1, 3)) }),
		R("LoadProfile.Max(3, 3)", func() error { return misuse.NaN(lp.Max(3, 3)) }),
		A("LoadProfile{}.Hours()", func() error { _ = (&LoadProfile{}).Hours(); return nil }),
		R("Path{}.Available(0)", func() error { return misuse.NaN((&Path{}).Available(0)) }),
		R("Path.Available(-1)", func() error { return misuse.NaN((&Path{Hours: 2, Steps: []Step{{0, 1}}}).Available(-1)) }),
		R("Path.Available(Hours)", func() error { return misuse.NaN((&Path{Hours: 2, Steps: []Step{{0, 1}}}).Available(2)) }),
		R("Score(nil, lp, o)", func() error { var o Outcome; return Score(nil, lp, &o) }),
		R("Score(p, nil, o)", func() error { var o Outcome; return Score(&Path{Hours: 48, Steps: []Step{{0, 1}}}, nil, &o) }),
		R("Score(p, lp, nil)", func() error { return Score(&Path{Hours: 48, Steps: []Step{{0, 1}}}, lp, nil) }),
		R("Score(path of other length)", path(24, Step{0, 1})),
		R("Score(path without steps)", path(48)),
		R("Score(step at hour 48 of 48)", path(48, Step{0, 20}, Step{48, 1})),
		R("Score(step at hour 100)", path(48, Step{0, 20}, Step{100, 1})),
		R("Score(step at hour -5)", path(48, Step{0, 20}, Step{-5, 1})),
		R("Score(first step at hour 3)", path(48, Step{3, 20})),
		R("Score(unsorted steps)", path(48, Step{0, 20}, Step{30, 1}, Step{10, 20})),
		R("Score(NaN capacity)", path(48, Step{0, nan})),
		R("ScoreScaled(scale NaN)", func() error { var o Outcome; return ScoreScaled(&Path{Hours: 48, Steps: []Step{{0, 1}}}, lp, nan, &o) }),
		R("ScoreScaled(scale -1)", func() error { var o Outcome; return ScoreScaled(&Path{Hours: 48, Steps: []Step{{0, 1}}}, lp, -1, &o) }),
		A("Score(good path)", path(48, Step{0, 20}, Step{10, 1}, Step{12, 20})),
		R("LoadEnergy(load, NaN)", func() error { return misuse.NaN(LoadEnergy(load, nan)) }),
		R("NewSimulator(nil, 24)", func() error { _, err := NewSimulator(nil, 24); return err }),
		R("NewSimulator(units, 0)", func() error { _, err := NewSimulator(units, 0); return err }),
		R("NewSimulator(units, -1)", func() error { _, err := NewSimulator(units, -1); return err }),
		R("NewSimulator(units, MaxHours+1)", func() error { _, err := NewSimulator(units, MaxHours+1); return err }),
		P("Simulator.Path(t, nil)", func() error {
			s, err := NewSimulator(units, 24)
			if err != nil {
				return err
			}
			s.Path(montecarlo.Trial{}, nil)
			return nil
		}),
		R("NewFleet(nil, nil, 24)", func() error { _, err := NewFleet(nil, nil, 24); return err }),
		R("NewFleet(units, nil, 0)", func() error { _, err := NewFleet(units, nil, 0); return err }),
		R("NewFleet(undefined class)", func() error {
			_, err := NewFleet([]Unit{{Name: "x", CapacityMW: 1, MTTFHours: 1, MTTRHours: 1, Class: "hydro"}}, nil, 24)
			return err
		}),
		R("NewFleet(class with 11 months)", func() error {
			u := []Unit{{Name: "x", CapacityMW: 1, MTTFHours: 1, MTTRHours: 1, Class: "c"}}
			_, err := NewFleet(u, []Class{{Name: "c", Monthly: make([]float64, 11)}}, 24)
			return err
		}),
		R("Class{}.Validate()", func() error { return (&Class{}).Validate() }),
		R("Class{Monthly: NaN}.Validate()", func() error {
			return (&Class{Name: "c", Monthly: []float64{nan, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}).Validate()
		}),
		R("(*Class)(nil).Validate()", func() error { return (*Class)(nil).Validate() }),
		R("Fleet{}.NewAvailability()", func() error { _, err := (&Fleet{}).NewAvailability(); return err }),
		R("Fleet{}.MW(1)", func() error { return misuse.NaN((&Fleet{}).MW(1)) }),
		R("Unit{}.Validate()", func() error { return Unit{}.Validate() }),
		R("Unit{MTTR: -5}.Validate()", func() error { return Unit{Name: "x", CapacityMW: 1, MTTFHours: 1, MTTRHours: -5}.Validate() }),
		R("Unit{}.FOR()", func() error { return misuse.NaN(Unit{}.FOR()) }),
		R("Unit{}.PFOR()", func() error { return misuse.NaN(Unit{DeratedMW: 1}.PFOR()) }),
		R("ValidateUnits(nil)", func() error { return ValidateUnits(nil) }),
		R("ValidateUnits(duplicate names)", func() error { return ValidateUnits([]Unit{units[0], units[0]}) }),
		R("(*System)(nil).Validate()", func() error { return (*System)(nil).Validate() }),
		R("(*System)(nil).Expand()", func() error { _, err := (*System)(nil).Expand(); return err }),
		R("(*System)(nil).Hash()", func() error { _, err := (*System)(nil).Hash(); return err }),
		R("System{}.Validate()", func() error { return (&System{}).Validate() }),
		R("System{LFUSigma: 1}.Validate()", func() error { s := sys(); s.LFUSigma = 1; return s.Validate() }),
		R("System{Load: NaN}.Validate()", func() error { s := sys(); s.Load = []float64{nan}; return s.Validate() }),
		R("ReadUnits(nil reader)", func() error { _, err := ReadUnits(nil, "u.csv"); return err }),
		R("ReadUnits(empty)", func() error { _, err := ReadUnits(strings.NewReader(""), "u.csv"); return err }),
		R("ReadLoad(nil reader)", func() error { _, err := ReadLoad(nil, "l.csv"); return err }),
		R("ReadLoad(empty)", func() error { _, err := ReadLoad(strings.NewReader(""), "l.csv"); return err }),
		R("ReadSystemFiles(\"\", \"\")", func() error { _, err := ReadSystemFiles("", ""); return err }),
		R("ReadZoneLoads(nil reader)", func() error { _, err := ReadZoneLoads(nil, "l.csv"); return err }),
		R("ReadZoneLoads(empty)", func() error { _, err := ReadZoneLoads(strings.NewReader(""), "l.csv"); return err }),
		R("ReadInterfaces(nil reader)", func() error { _, err := ReadInterfaces(nil, "i.csv"); return err }),
		R("ReadInterfaces(empty)", func() error { _, err := ReadInterfaces(strings.NewReader(""), "i.csv"); return err }),
		R("ReadZonalSystemFiles(\"\", \"\", \"\")", func() error { _, err := ReadZonalSystemFiles("", "", ""); return err }),
		R("Adequacy(nil ctx)", func() error { var nilCtx context.Context; _, err := Adequacy(nilCtx, sys()); return err }),
		R("Adequacy(nil system)", func() error { _, err := Adequacy(ctx, nil); return err }),
		R("Adequacy(empty system)", func() error { _, err := Adequacy(ctx, &System{}); return err }),
		R("Adequacy(WithTrials(0))", func() error { _, err := Adequacy(ctx, sys(), montecarlo.WithTrials(0)); return err }),
		R("AdequacyCOPT(nil)", func() error { _, err := AdequacyCOPT(nil); return err }),
		R("AdequacyCOPT(empty system)", func() error { _, err := AdequacyCOPT(&System{}); return err }),
		R("AdequacyExperiment(nil)", func() error { _, err := AdequacyExperiment(nil); return err }),
		R("MergeAdequacyShards(nil)", func() error { _, err := MergeAdequacyShards(nil); return err }),
		R("MergeAdequacyShards([nil])", func() error { _, err := MergeAdequacyShards([]*AdequacyShard{nil}); return err }),
		R("MergeAdequacyShards(count 0)", shard(func(s *AdequacyShard) { s.Count = 0 })),
		R("MergeAdequacyShards(count 0, range empty)", shard(func(s *AdequacyShard) { s.Count, s.Start, s.End, s.Done = 0, 0, 0, 0 })),
		R("MergeAdequacyShards(no state)", shard(func(s *AdequacyShard) { s.State = nil })),
		R("MergeAdequacyShards(one of two)", shard(func(s *AdequacyShard) {})),
		R("DecodeAdequacyShard(nil)", func() error { _, err := DecodeAdequacyShard(nil); return err }),
		R("DecodeAdequacyShard(no shard object)", func() error {
			_, err := DecodeAdequacyShard(strings.NewReader(`{"kind":"` + AdequacyShardKind + `","version":"` + res.Shard().Version + `","state":{"hours":24}}`))
			return err
		}),
		A("(*AdequacyResult)(nil).MarshalJSON() is null", func() error { _, err := (*AdequacyResult)(nil).MarshalJSON(); return err }),
		A("(*AdequacyResult)(nil).Shard()", func() error { _ = (*AdequacyResult)(nil).Shard(); return nil }),
		R("NewTally(0).Add then Indices", func() error { x := NewTally(0); return misuse.NaN(x.Indices().LOLP.Mean) }),
		P("Tally.Add(nil)", func() error { NewTally(24).Add(nil); return nil }),
		R("Tally.Merge(nil)", func() error { return NewTally(24).Merge(nil) }),
		R("Tally.Merge(other hours)", func() error { return NewTally(24).Merge(NewTally(48)) }),
		R("Tally.Merge(negative counts)", func() error { o := NewTally(24); o.Any.N = -1; return NewTally(24).Merge(o) }),
		R("IndexAcc.Merge(nil)", func() error { return (&IndexAcc{}).Merge(nil) }),
		R("IndexAcc.Merge(count -1)", func() error { o := &IndexAcc{}; o.LOLE.Count = -1; return (&IndexAcc{}).Merge(o) }),
		R("IndexAcc.Indices(0)", func() error { var a IndexAcc; a.Add(1, 1, 1, 1, 10); return misuse.NaN(a.Indices(0).LOLP.Mean) }),
		P("IndexAcc.AddShortfall(nil, 1)", func() error { (&IndexAcc{}).AddShortfall(nil, 1); return nil }),
		A("MonthHour(-1)", func() error { MonthHour(-1); return nil }),
		A("OutageStream(\"\")", func() error { _ = OutageStream(""); return nil }),
	}
	misuse.Check(t, cases)
}

// TestUnitEconomicsValidation checks the dispatch fields of units and the
// system's currency: each bad value is refused naming its field.
func TestUnitEconomicsValidation(t *testing.T) {
	base := Unit{Name: "g", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10}
	for _, c := range []struct {
		edit func(*Unit)
		path string
	}{
		{func(u *Unit) { u.CostPerMWh = math.NaN() }, "cost_per_mwh"},
		{func(u *Unit) { u.CostPerMWh = math.Inf(1) }, "cost_per_mwh"},
		{func(u *Unit) { u.CO2TPerMWh = -0.1 }, "co2_t_per_mwh"},
		{func(u *Unit) { u.CO2TPerMWh = math.NaN() }, "co2_t_per_mwh"},
		{func(u *Unit) { u.Fuel = "coal imported" }, "fuel"},
	} {
		u := base
		c.edit(&u)
		err := u.Validate()
		var fe *input.FieldError
		if !errors.As(err, &fe) || fe.Path != c.path {
			t.Errorf("%+v: got %v, want a FieldError at %s", u, err, c.path)
		}
	}
	ok := base
	ok.CostPerMWh, ok.CO2TPerMWh, ok.Fuel = -5, 0.9, "coal_imported"
	if err := ok.Validate(); err != nil {
		t.Errorf("valid economics refused: %v", err)
	}
	for _, cur := range []string{"pkr", "PK", "PKRS", "P1R"} {
		s := System{Units: []Unit{ok}, Load: []float64{5}, Currency: cur}
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "currency") {
			t.Errorf("currency %q: got %v, want an error naming currency", cur, err)
		}
	}
	s := System{Units: []Unit{ok}, Load: []float64{5}, Currency: "PKR"}
	if err := s.Validate(); err != nil {
		t.Errorf("currency PKR refused: %v", err)
	}
}

// TestReadUnitsEconomics reads the dispatch columns and locates a bad
// value at its cell.
func TestReadUnitsEconomics(t *testing.T) {
	us, err := ReadUnits(strings.NewReader("name,capacity_mw,for,mttr_h,cost_per_mwh,co2_t_per_mwh,fuel\na,10,0.1,10,14500,0.887,coal\nb,5,0.1,10,,,\n"), "units.csv")
	if err != nil {
		t.Fatal(err)
	}
	if us[0].CostPerMWh != 14500 || us[0].CO2TPerMWh != 0.887 || us[0].Fuel != "coal" || us[1].CostPerMWh != 0 || us[1].Fuel != "" {
		t.Errorf("read %+v", us)
	}
	_, err = ReadUnits(strings.NewReader("name,capacity_mw,for,mttr_h,co2_t_per_mwh\na,10,0.1,10,-1\n"), "units.csv")
	if err == nil || !strings.Contains(err.Error(), "units.csv line 2, column 5") || !strings.Contains(err.Error(), "co2_t_per_mwh") {
		t.Errorf("got %v, want line 2, column 5 naming co2_t_per_mwh", err)
	}
}
