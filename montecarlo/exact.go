package montecarlo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/carveout/carveout/input"
)

// Layout of the fixed-point accumulator: bit 0 of the accumulator has weight
// 2^-1074 (the smallest subnormal float64). Finite float64 values occupy bits
// up to 1023+1074+1 = 2098, so 68 digits of 32 bits cover them with 77 spare
// bits for carries. Digits are stored in int64 so additions can be carried
// lazily.
const (
	exactDigits   = 68
	exactDigitBit = 32
	exactMinExp   = -1074
	// exactNormEvery bounds the number of unnormalised additions: each adds
	// less than 2^32 in magnitude to a digit, so 2^30 of them stay far below
	// the int64 range.
	exactNormEvery = 1 << 30
)

// ExactSum adds float64 values without rounding. It is a fixed-point
// accumulator spanning the whole float64 range (a Kulisch accumulator), so
// addition is associative and commutative: any grouping or order of Add and
// Merge calls gives the same state and the same Float64, to the bit. This is
// what makes results independent of worker count and shard split.
//
// The zero value is an empty sum. NaN or infinite inputs make the sum NaN or
// infinite, as IEEE addition would.
type ExactSum struct {
	d       [exactDigits]int64
	pending int64 // additions since the last normalisation
	nan     bool
	posInf  bool
	negInf  bool
}

// Add adds x to the sum exactly. It does not allocate.
func (s *ExactSum) Add(x float64) {
	if x == 0 {
		return
	}
	if math.IsNaN(x) {
		s.nan = true
		return
	}
	if math.IsInf(x, 1) {
		s.posInf = true
		return
	}
	if math.IsInf(x, -1) {
		s.negInf = true
		return
	}
	bits := math.Float64bits(x)
	neg := bits>>63 != 0
	exp := int((bits >> 52) & 0x7ff)
	mant := bits & (1<<52 - 1)
	if exp == 0 {
		exp = 1 // subnormal
	} else {
		mant |= 1 << 52
	}
	// x = mant * 2^(exp-1075); bit position relative to 2^-1074:
	pos := exp - 1075 - exactMinExp
	i := pos / exactDigitBit
	sh := uint(pos % exactDigitBit)
	// mant << sh spans at most 53+31 = 84 bits: three 32-bit digits.
	lo := mant << sh                      // low 64 bits
	hi := mant >> (64 - sh) & (1<<20 - 1) // bits 64..83 (sh < 64)
	if sh == 0 {
		hi = 0
	}
	d0 := int64(lo & 0xffffffff)
	d1 := int64(lo >> 32)
	d2 := int64(hi)
	if neg {
		d0, d1, d2 = -d0, -d1, -d2
	}
	s.d[i] += d0
	s.d[i+1] += d1
	if i+2 < exactDigits {
		s.d[i+2] += d2
	}
	s.pending++
	if s.pending >= exactNormEvery {
		s.normalize()
	}
}

// normalize propagates carries so that every digit but the last lies in
// [0, 2^32); the last digit carries the sign.
func (s *ExactSum) normalize() {
	var carry int64
	for i := 0; i < exactDigits-1; i++ {
		v := s.d[i] + carry
		carry = v >> exactDigitBit // arithmetic shift: floor division
		s.d[i] = v - carry<<exactDigitBit
	}
	s.d[exactDigits-1] += carry
	s.pending = 0
}

// Merge adds the sum o into s exactly. A nil o is an empty sum.
func (s *ExactSum) Merge(o *ExactSum) {
	if o == nil {
		return
	}
	if s.pending+o.pending+1 >= exactNormEvery {
		s.normalize()
		c := *o
		c.normalize()
		o = &c
	}
	for i := range s.d {
		s.d[i] += o.d[i]
	}
	s.pending += o.pending + 1
	s.nan = s.nan || o.nan
	s.posInf = s.posInf || o.posInf
	s.negInf = s.negInf || o.negInf
}

// special returns the IEEE result when an input was NaN or infinite.
func (s *ExactSum) special() (float64, bool) {
	switch {
	case s.nan || (s.posInf && s.negInf):
		return math.NaN(), true
	case s.posInf:
		return math.Inf(1), true
	case s.negInf:
		return math.Inf(-1), true
	}
	return 0, false
}

// scaled returns the sum as an integer multiple of 2^-1074.
func (s *ExactSum) scaled() *big.Int {
	c := *s
	c.normalize()
	v := big.NewInt(c.d[exactDigits-1])
	var t big.Int
	for i := exactDigits - 2; i >= 0; i-- {
		v.Lsh(v, exactDigitBit)
		v.Add(v, t.SetInt64(c.d[i]))
	}
	return v
}

// Float64 returns the sum correctly rounded to the nearest float64.
func (s *ExactSum) Float64() float64 {
	if v, ok := s.special(); ok {
		return v
	}
	return scaledToFloat(s.scaled(), exactMinExp)
}

// scaledToFloat returns v·2^exp rounded to nearest float64.
func scaledToFloat(v *big.Int, exp int) float64 {
	f := new(big.Float).SetPrec(53).SetMode(big.ToNearestEven).SetInt(v)
	f.SetMantExp(f, exp)
	x, _ := f.Float64()
	return x
}

// bigFloat returns the exact sum as a big.Float with enough precision.
func (s *ExactSum) bigFloat() *big.Float {
	v := s.scaled()
	prec := uint(v.BitLen()) + 64
	f := new(big.Float).SetPrec(prec).SetInt(v)
	return f.SetMantExp(f, exactMinExp)
}

// exactJSON is the serialised form of an ExactSum: the sum as a decimal
// integer multiple of 2^-1074, plus IEEE special flags.
type exactJSON struct {
	Scaled  string `json:"scaled_2_pow_minus_1074"`
	Special string `json:"special,omitempty"`
}

// MarshalJSON encodes the exact state, so a sum survives a round trip
// through JSON (shard files, checkpoints) without losing a bit.
func (s ExactSum) MarshalJSON() ([]byte, error) {
	j := exactJSON{Scaled: s.scaled().String()}
	switch {
	case s.nan || (s.posInf && s.negInf):
		j.Special = "nan"
	case s.posInf:
		j.Special = "+inf"
	case s.negInf:
		j.Special = "-inf"
	}
	return json.Marshal(j)
}

// exactMaxBits is the largest number of bits of the magnitude of a sum's
// scaled value: the top digit keeps 2 bits of headroom below the int64
// range for carries.
const exactMaxBits = (exactDigits-1)*exactDigitBit + 30

// ExactMaxDigits is the most decimal digits the scaled value of an
// [ExactSum] has in JSON (⌈2174·log10 2⌉, for the 2174 bits of the
// accumulator below its headroom). UnmarshalJSON refuses a longer string
// before parsing it, since parsing a long decimal takes time quadratic in
// its length.
const ExactMaxDigits = 655

// UnmarshalJSON decodes the form written by MarshalJSON, strictly: the
// scaled value must be a decimal integer in canonical form (no sign but a
// leading '-', no leading zeros) of at most [ExactMaxDigits] digits, and
// the document is read by [input.DecodeJSON] (no unknown, repeated or
// miscased keys).
func (s *ExactSum) UnmarshalJSON(b []byte) error {
	var j exactJSON
	if err := input.DecodeJSON(bytes.NewReader(b), &j, "exact sum"); err != nil {
		return fmt.Errorf("montecarlo: %w", err)
	}
	digits := strings.TrimPrefix(j.Scaled, "-")
	if len(digits) > ExactMaxDigits {
		return fmt.Errorf("montecarlo: exact sum: scaled_2_pow_minus_1074 has %d digits, want at most %d (ExactMaxDigits)", len(digits), ExactMaxDigits)
	}
	v, ok := new(big.Int).SetString(j.Scaled, 10)
	if !ok || v.String() != j.Scaled {
		return fmt.Errorf("montecarlo: exact sum: scaled_2_pow_minus_1074 = %q, want a decimal integer without leading zeros or '+'", j.Scaled)
	}
	var z ExactSum
	switch j.Special {
	case "":
	case "nan":
		z.nan = true
	case "+inf":
		z.posInf = true
	case "-inf":
		z.negInf = true
	default:
		return fmt.Errorf("montecarlo: exact sum: special = %q, want \"\", \"nan\", \"+inf\" or \"-inf\"", j.Special)
	}
	neg := v.Sign() < 0
	a := new(big.Int).Abs(v)
	if a.BitLen() > exactMaxBits {
		return fmt.Errorf("montecarlo: exact sum: scaled_2_pow_minus_1074 has %d bits, want at most %d", a.BitLen(), exactMaxBits)
	}
	mask := big.NewInt(1<<exactDigitBit - 1)
	var t big.Int
	for i := 0; i < exactDigits && a.Sign() > 0; i++ {
		d := t.And(a, mask).Int64()
		if neg {
			d = -d
		}
		z.d[i] = d
		a.Rsh(a, exactDigitBit)
	}
	z.normalize()
	*s = z
	return nil
}
