package montecarlo

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/carveout/carveout/input"
)

func TestExactSumUnmarshalRefusesLongAndOddDigits(t *testing.T) {
	// The largest sum the accumulator holds decodes; one more bit, a
	// longer string or a non-canonical one does not.
	top := new(big.Int).Lsh(big.NewInt(1), exactMaxBits)
	top.Sub(top, big.NewInt(1))
	for _, v := range []*big.Int{top, new(big.Int).Neg(top)} {
		var s ExactSum
		if err := json.Unmarshal([]byte(`{"scaled_2_pow_minus_1074":"`+v.String()+`"}`), &s); err != nil {
			t.Errorf("largest sum: %v", err)
		}
		if s.scaled().Cmp(v) != 0 {
			t.Errorf("largest sum decoded as %v", s.scaled())
		}
	}
	over := new(big.Int).Lsh(big.NewInt(1), exactMaxBits)
	for _, c := range []struct{ scaled, want string }{
		{over.String(), "has 2175 bits, want at most 2174"},
		{"+1", "want a decimal integer"},
		{"007", "want a decimal integer"},
		{"-0", "want a decimal integer"},
		{"", "want a decimal integer"},
		{"1_000", "want a decimal integer"},
		{strings.Repeat("9", ExactMaxDigits+1), "has 656 digits, want at most 655 (ExactMaxDigits)"},
	} {
		var s ExactSum
		err := json.Unmarshal([]byte(`{"scaled_2_pow_minus_1074":"`+c.scaled+`"}`), &s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.20q: %v, want %q", c.scaled, err, c.want)
		}
	}
	// Strict keys, as everywhere.
	for _, bad := range []string{
		`{"scaled_2_pow_minus_1074":"1","scaled_2_pow_minus_1074":"2"}`,
		`{"SCALED_2_POW_MINUS_1074":"1"}`,
		`{"scaled_2_pow_minus_1074":"1","extra":1}`,
	} {
		var s ExactSum
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestExactSumUnmarshalOfHugeStringIsFast(t *testing.T) {
	// Three million digits took 55 s to parse before the length check.
	doc := []byte(`{"scaled_2_pow_minus_1074":"` + strings.Repeat("9", 3_000_000) + `"}`)
	start := time.Now()
	var s ExactSum
	if err := json.Unmarshal(doc, &s); err == nil {
		t.Fatal("no error")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing 3e6 digits took %v", d)
	}
}

func TestAccumulatorChecks(t *testing.T) {
	var m Mean
	for _, x := range []float64{1, -2, 3} {
		m.Add(x)
	}
	var r Ratio
	r.Add(1, 2)
	r.Add(-1, 3)
	p := Proportion{N: 3, K: 1}
	h, _ := NewHistogram(0, 1, 4)
	h.Add(0.5)
	h.Add(-1)
	for _, c := range []interface{ Check() error }{&m, &Mean{}, &r, &Ratio{}, &p, &Proportion{}, h} {
		if err := c.Check(); err != nil {
			t.Errorf("%+v: %v", c, err)
		}
	}
	var neg ExactSum
	neg.Add(-1)
	var one ExactSum
	one.Add(1)
	bad := []struct {
		c    interface{ Check() error }
		path string
	}{
		{&Mean{Count: -1}, "n"},
		{&Mean{Count: 2, SumSq: neg}, "sum_sq"},
		{&Mean{Count: 0, Sum: one}, "sum"},
		{&Ratio{Count: 1, SYY: neg}, "sum_yy"},
		{&Ratio{Count: 0, SXY: one}, "sum_xy"},
		{&Proportion{N: 2, K: 3}, "k"},
		{&Proportion{N: 2, K: -1}, "k"},
		{&Proportion{N: -1}, "n"},
		{&Histogram{Lo: 0, Hi: 1, Counts: []int64{1, -1}}, "counts[1]"},
		{&Histogram{Lo: 0, Hi: 1, Counts: []int64{math.MaxInt64}, Over: 1}, "over"},
		{&Histogram{Lo: 0, Hi: 1}, ""},
		{&Histogram{Lo: 1, Hi: 0, Counts: []int64{0}}, ""},
	}
	for _, b := range bad {
		var fe *input.FieldError
		if err := b.c.Check(); !errors.As(err, &fe) || fe.Path != b.path {
			t.Errorf("%+v: %v, want an error at %q", b.c, err, b.path)
		}
	}
	var inf ExactSum
	inf.Add(math.MaxFloat64)
	inf.Add(math.MaxFloat64)
	var nan ExactSum
	nan.Add(math.NaN())
	if one.IsFinite() != true || inf.IsFinite() || nan.IsFinite() || !(&m).IsFinite() || (&Mean{Count: 1, Sum: nan}).IsFinite() {
		t.Error("IsFinite")
	}
}
