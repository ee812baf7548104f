package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	args := []string{"-trials", "20", "-sizes", "2000,0", "-out", dir}
	if code := run(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
	}
	for _, f := range []string{"risk.png", "risk.svg", "risk.pdf"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, want a non-empty chart", f, err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Header, then 2 sites × 2 policies × 2 sizes, sizes sorted within a
	// policy.
	var want [][3]string
	for _, site := range []string{"north", "south"} {
		want = append(want, [3]string{site, "firm", "0"}, [3]string{site, "firm", "2000"}, [3]string{site, "interruptible", "0"}, [3]string{site, "interruptible", "2000"})
	}
	if len(recs) != 1+len(want) {
		t.Fatalf("sweep.csv has %d records, want %d:\n%s", len(recs), 1+len(want), b)
	}
	for i, w := range want {
		if got := [3]string{recs[i+1][0], recs[i+1][1], recs[i+1][2]}; got != w {
			t.Errorf("sweep.csv row %d = %v, want %v", i+1, got, w)
		}
		// No carve-out, no effect: exactly zero on the same draws.
		if w[2] == "0" && (recs[i+1][3] != "0" || recs[i+1][7] != "0" || recs[i+1][11] != "0") {
			t.Errorf("sweep.csv row %d: a 0 MW carve-out has non-zero risk: %v", i+1, recs[i+1])
		}
	}
	if n := strings.Count(out.String(), " firm "); n != 4 {
		t.Errorf("stdout has %d firm rows, want 4:\n%s", n, out.String())
	}
}

func TestRunErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-nosuchflag"}, 2, ""},
		{[]string{"extra"}, 2, "unexpected"},
		{[]string{"-sizes", "0,-5"}, 1, `"-5"`},
		{[]string{"-sizes", "100,100"}, 1, "twice"},
		{[]string{"-policies", "firm,firm"}, 1, "twice"},
		{[]string{"-policies", "cheap"}, 1, `"cheap"`},
		{[]string{"-trials", "0"}, 1, "-trials"},
	} {
		var errb bytes.Buffer
		code := run(context.Background(), append(tc.args, "-out", t.TempDir()), io.Discard, &errb)
		if code != tc.code || !strings.Contains(errb.String(), tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, errb.String(), tc.code, tc.msg)
		}
	}
}
