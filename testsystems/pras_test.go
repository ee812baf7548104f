package testsystems

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"
)

// TestPRASFiles checks the headers of the embedded PRAS files, the number
// of data rows each holds, and that the READMEs are embedded and cite
// their source.
func TestPRASFiles(t *testing.T) {
	for _, f := range []struct {
		name   string
		data   []byte
		header string
		rows   int
	}{
		{"pras-threenode/units.csv", PRASThreeNodeUnitsCSV, "name,count,capacity_mw,for,mttr_h,zone,class", 7},
		{"pras-threenode/classes.csv", PRASThreeNodeClassesCSV, "class,hour,factor", 8},
		{"pras-threenode/load.csv", PRASThreeNodeLoadCSV, "hour,load_mw_region_a,load_mw_region_b,load_mw_region_c", PRASThreeNodeHours},
		{"pras-threenode/interfaces.csv", PRASThreeNodeInterfacesCSV, "from,to,name,count,capacity_forward_mw,capacity_backward_mw,for,mttf_h,mttr_h", 3},
		{"pras-twonode/units.csv", PRASTwoNodeUnitsCSV, "name,count,capacity_mw,for,mttr_h,zone", 2},
		{"pras-twonode/load.csv", PRASTwoNodeLoadCSV, "hour,load_mw_region_a,load_mw_region_b", PRASTwoNodeHours},
		{"pras-twonode/interfaces.csv", PRASTwoNodeInterfacesCSV, "from,to,name,count,capacity_forward_mw,capacity_backward_mw,for,mttf_h,mttr_h", 1},
	} {
		recs, err := csv.NewReader(bytes.NewReader(f.data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if got := strings.Join(recs[0], ","); got != f.header {
			t.Errorf("%s: header %q, want %q", f.name, got, f.header)
		}
		if len(recs)-1 != f.rows {
			t.Errorf("%s: %d rows, want %d", f.name, len(recs)-1, f.rows)
		}
	}
	for name, r := range map[string]string{"pras-threenode": PRASThreeNodeREADME, "pras-twonode": PRASTwoNodeREADME} {
		if !strings.Contains(r, "PRASCore.jl/src/Systems/TestData.jl") || !strings.Contains(r, "fbde94ec49112cf750354545eafcc25cfb6de701") {
			t.Errorf("%s/README.md does not cite the PRAS file and commit", name)
		}
	}
}

// TestPRASTotals checks that each horizon total is the sum of its hourly
// values to the published rounding: n values rounded to 5 decimals and a
// total rounded to d decimals differ by at most n·5e-6 + 0.5·10^−d.
func TestPRASTotals(t *testing.T) {
	sum := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s
	}
	for _, c := range []struct {
		name     string
		total    float64
		decimals int
		hourly   []float64
	}{
		{"PRASThreeNodeLOLE", PRASThreeNodeLOLE, 4, PRASThreeNodeLOLP},
		{"PRASThreeNodeEUE", PRASThreeNodeEUE, 5, PRASThreeNodeEUEByHour},
		{"PRASThreeNodeCopperPlateLOLE", PRASThreeNodeCopperPlateLOLE, 5, PRASThreeNodeCopperPlateLOLP},
		{"PRASThreeNodeCopperPlateEUE", PRASThreeNodeCopperPlateEUE, 5, PRASThreeNodeCopperPlateEUEByHour},
	} {
		if len(c.hourly) != PRASThreeNodeHours {
			t.Errorf("%s: %d hourly values, want %d", c.name, len(c.hourly), PRASThreeNodeHours)
		}
		tol := float64(len(c.hourly))*5e-6 + 0.5*math.Pow(10, -float64(c.decimals)) + 1e-12
		if d := math.Abs(sum(c.hourly) - c.total); d > tol {
			t.Errorf("%s = %v, hourly values sum to %v: off by %g > %g", c.name, c.total, sum(c.hourly), d, tol)
		}
	}
	if d := math.Abs(sum(PRASTwoNodeZoneEUE) - PRASTwoNodeEUE); d > 2*5e-4+5e-4 {
		t.Errorf("PRASTwoNodeEUE = %v, zones sum to %v", PRASTwoNodeEUE, sum(PRASTwoNodeZoneEUE))
	}
}
