package pras

import (
	"errors"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
)

// TestReadErrors checks that a bad file is refused with an
// [*input.CSVError] naming the file, and the line and column of a bad
// cell.
func TestReadErrors(t *testing.T) {
	units := func(b []byte) error { _, err := readUnits(b, "units.csv"); return err }
	classes := func(b []byte) error { _, err := readClasses(b, "classes.csv", 2); return err }
	loads := func(b []byte) error { _, err := readZoneLoads(b, "load.csv"); return err }
	ifaces := func(b []byte) error { _, err := readInterfaces(b, "interfaces.csv"); return err }
	const uh = "name,count,capacity_mw,for,mttr_h,zone\n"
	const ih = "from,to,name,count,capacity_forward_mw,capacity_backward_mw,for,mttf_h,mttr_h\n"
	for _, c := range []struct {
		name       string
		read       func([]byte) error
		data       string
		line, col  int
		wantInText string
	}{
		{"units: no zone column", units, "name,count,capacity_mw,for,mttr_h\ng,1,10,0.1,1\n", 1, 0, `"zone"`},
		{"units: for of 1", units, uh + "g,1,10,1,1,a\n", 2, 4, "in (0, 1)"},
		{"units: count 0", units, uh + "g,0,10,0.1,1,a\n", 2, 2, "whole number"},
		{"units: negative capacity", units, uh + "g,1,-10,0.1,1,a\n", 2, 3, "capacity_mw"},
		{"units: mttr too short", units, uh + "g,1,10,0.1,0.01,a\n", 2, 5, "mttr_h"},
		{"units: none", units, uh, 1, 0, "no units"},
		{"classes: factor over 1", classes, "class,hour,factor\nc,1,1.5\n", 2, 3, "in [0, 1]"},
		{"classes: hour out of range", classes, "class,hour,factor\nc,3,1\n", 2, 2, "[1, 2]"},
		{"classes: hour twice", classes, "class,hour,factor\nc,1,1\nc,1,0\n", 3, 2, "given once"},
		{"classes: hour missing", classes, "class,hour,factor\nc,1,1\n", 0, 0, "no factor for hour 2"},
		{"load: no zone column", loads, "hour,load_mw\n1,5\n", 1, 0, "load_mw_<zone>"},
		{"load: hour skipped", loads, "hour,load_mw_a\n1,5\n3,5\n", 3, 1, `"3"`},
		{"load: negative", loads, "hour,load_mw_a\n1,-5\n", 2, 2, ">= 0"},
		{"interfaces: negative capacity", ifaces, ih + "a,b,l,1,-8,8,,,\n", 2, 5, "capacity_forward_mw"},
		{"interfaces: for without mttr", ifaces, ih + "a,b,l,1,8,8,0.1,,\n", 2, 9, "mttr_h"},
		{"interfaces: ragged row", ifaces, ih + "a,b,l,1,8,8\n", 2, 0, ""},
	} {
		err := c.read([]byte(c.data))
		var ce *input.CSVError
		if !errors.As(err, &ce) {
			t.Errorf("%s: error %v, want a CSVError", c.name, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "pras: ") || ce.Line != c.line || ce.Column != c.col || !strings.Contains(err.Error(), c.wantInText) {
			t.Errorf("%s: %v (line %d, column %d); want line %d, column %d, mentioning %q", c.name, err, ce.Line, ce.Column, c.line, c.col, c.wantInText)
		}
	}
}

// TestThreeNodeHours checks the choice of hours of threeNode: refused out
// of range, and hour k of the chosen system with the loads and class
// factors of the hour chosen.
func TestThreeNodeHours(t *testing.T) {
	for _, bad := range [][]int{{0}, {5}, make([]int, 25)} {
		if _, err := threeNode(bad); err == nil {
			t.Errorf("threeNode(%v): no error", bad)
		}
	}
	full, err := ThreeNode()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := threeNode([]int{4, 3})
	if err != nil {
		t.Fatal(err)
	}
	for k, h := range []int{4, 3} {
		for z := range full.Zones {
			if sub.Zones[z].Load[k] != full.Zones[z].Load[h-1] {
				t.Errorf("zone %d, hour %d of [4 3]: load %v, want %v", z, k+1, sub.Zones[z].Load[k], full.Zones[z].Load[h-1])
			}
		}
		for _, u := range full.Units {
			if a, b := unitMW(sub, u, k), unitMW(full, u, h-1); a != b {
				t.Errorf("unit %s, hour %d of [4 3]: %v MW, want %v", u.Name, k+1, a, b)
			}
		}
	}
}
