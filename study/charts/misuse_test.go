package charts

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/carveout/carveout/internal/misuse"
	"github.com/carveout/carveout/study"
)

// TestAPIMisuse calls the package's functions with bad reports: each must
// return an error, never panic, and write nothing for a report it
// refuses.
func TestAPIMisuse(t *testing.T) {
	dir := t.TempDir()
	nanCell := &study.Report{Done: 10, Trials: 10}
	nanCell.IncrementalShedding[2][3] = math.NaN()
	R, A := misuse.Refuse, misuse.Accept
	cases := []misuse.Case{
		R("Draw(nil)", func() error { _, err := Draw(nil); return err }),
		R("Write(nil, dir)", func() error { _, err := Write(nil, dir); return err }),
		R("Draw(&Report{}) (no trials)", func() error { _, err := Draw(&study.Report{}); return err }),
		R("Write(&Report{}, dir) (no trials)", func() error { _, err := Write(&study.Report{}, filepath.Join(dir, "empty")); return err }),
		R("Draw(NaN heat-map cell)", func() error { _, err := Draw(nanCell); return err }),
		R("Write(report, file as dir)", func() error {
			_, err := Write(&study.Report{Done: 1, Trials: 1}, "/dev/null/x")
			return err
		}),
		R("Draw(TargetRSE(NaN))", func() error { _, err := Draw(&study.Report{Done: 1, Trials: 1}, TargetRSE(math.NaN())); return err }),
		R("Write(Formats())", func() error { _, err := Write(&study.Report{Done: 1, Trials: 1}, dir, Formats()); return err }),
		A("Draw(nil option)", func() error { _, err := Draw(&study.Report{Done: 1, Trials: 1}, nil); return err }),
		R("(*Sensitivity)(nil).Series", func() error { _, err := (*Sensitivity)(nil).Series(); return err }),
		R("DrawSensitivity(nil)", func() error { _, err := DrawSensitivity(nil, "", Provenance(&study.Report{})); return err }),
		R("Sensitivity{}.Series", func() error { _, err := (&Sensitivity{}).Series(); return err }),
		R("Sensitivity with decreasing values", func() error {
			s := &Sensitivity{Values: []float64{2, 1}, Points: [][]study.SweepPoint{{{Policy: "firm"}}, {{Policy: "firm"}}}, Scenario: math.NaN()}
			_, err := DrawSensitivity(s, "", Provenance(&study.Report{}))
			return err
		}),
		A("Height(nil)", func() error { _ = Height(nil); return nil }),
		A("SweepSeries(nil)", func() error { _ = SweepSeries(nil); return nil }),
		A("SweepSeries(empty)", func() error { _ = SweepSeries([]study.SweepPoint{}); return nil }),
	}
	misuse.Check(t, cases)
}
