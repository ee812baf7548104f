package study

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
)

// TestDecodeScenarioErrors checks that every bad field is reported with its
// path, and that nothing panics.
func TestDecodeScenarioErrors(t *testing.T) {
	const unit = `{"name":"a","capacity_mw":100,"mttf_h":1000,"mttr_h":50}`
	dem := `"demand":{"base":{"hourly_mw":[` + strings.Repeat("50,", 23) + `60]}}`
	doc := func(fleet, rest string) string {
		return `{"name":"t","hours":24,"fleet":[` + fleet + `],` + dem + rest + `}`
	}
	cases := []struct{ in, want string }{
		{doc(unit+`,{"name":"b","capacity_mw":10,"mttf_h":100,"mttr_h":-5}`, ``), `fleet[1].mttr_h = -5, want finite >= 0.1 (MinDurationHours) (unit "b")`},
		{doc(`{"name":"b","capacity_mw":0,"mttf_h":100,"mttr_h":5}`, ``), `fleet[0].capacity_mw = 0`},
		{doc(unit+`,`+unit, ``), `fleet[1].name = "a", want unique`},
		{doc(``, ``), `study: scenario: fleet = [], want at least one unit`},
		{doc(unit, `,"bogus":1`), `bogus: unknown field`},
		{doc(unit, `,"hours":"x"`), `hours`},
		{doc(unit, `,"trials":-4`), `trials = -4`},
		{doc(`{"name":"a","class":"hydro","capacity_mw":1,"mttf_h":1,"mttr_h":1}`, ``), `fleet[0].class = "hydro"`},
		{doc(unit, `,"classes":[{"name":"c","monthly":[1,1,1,1,1,1,1,1,1,1,1,2]}]`), `classes[0].monthly[11] = 2`},
		{doc(unit, `,"classes":[{"name":"c","monthly":[1]}]`), `classes[0].monthly`},
		{doc(unit, `,"classes":[{"name":"c","profile":[[1]]}]`), `classes[0].profile`},
		{doc(unit, `,"carveout":{"mw":-1}`), `carveout.mw = -1`},
		{doc(unit, `,"carveout":{"mw":10,"mining_share":1.5}`), `carveout.mining_share = 1.5`},
		{doc(unit, `,"carveout":{"mw":10,"policy":{"kind":"maybe"}}`), `carveout.policy.kind = "maybe"`},
		{doc(unit, `,"carveout":{"mw":10,"policy":{"kind":"interruptible","compliance":1.2}}`), `carveout.policy.compliance = 1.2`},
		{doc(unit, `,"carveout":{"mw":10,"mining":{"fleet":{"j_per_th":-3}}}`), `carveout.mining.fleet.j_per_th = -3`},
		{doc(unit, `,"sweep":{"sizes_mw":[0,-5]}`), `sweep.sizes_mw[1] = -5`},
		{doc(unit, `,"sweep":{"policies":[{"kind":"firm"},{"kind":"interruptible","notice_h":-1}]}`), `sweep.policies[1].notice_h = -1`},
		{`{"name":"t","fleet":[` + unit + `],"demand":{"weather":{"phi":1.2}}}`, `study: scenario: demand.base = neither hourly_mw nor parametric`},
		{doc(unit, ``) + `{}`, `study: scenario line 1, column 197: data after the JSON value`},
		{`[`, `scenario`},
		{doc(unit+`,{"name":"b","capacity_mw":10,"mttf_h":100,"mttr_h":"x"}`, ``), `study: scenario line 1, column 141: fleet[1].mttr_h: cannot unmarshal string into float64`},
		{doc(unit+`,{"name":"b","capacity_mw":10,"mttf_h":100,"mttr_h":5,"bogus":1}`, ``), `fleet[1].bogus: unknown field`},
		{doc(unit, `,"carveout":{"mw":10,"mining":{"fleet":{"bogus":1}}}`), `carveout.mining.fleet.bogus: unknown field`},
		{doc(unit, `,"carveout":{"mw":10,"policy":{"kind":"firm","bogus":1}}`), `carveout.policy.bogus: unknown field`},
		{doc(unit, `,"carveout":{"mw":10,"ai":{"pue":0.5}}`), `carveout.ai.pue = 0.5, want in [1, 10]`},
		{doc(unit, `,"carveout":{"mw":10,"ai":{"utilisation":[0.5]}}`), `carveout.ai.utilisation = 1 values, want 24 values`},
		{doc(unit, `,"carveout":{"mw":10,"ai":{"utilisation":[0,0,0,1.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}}`), `carveout.ai.utilisation[3] = 1.5`},
		{doc(unit, `,"carveout":{"mw":10,"ai":{"it_mw":5}}`), `carveout.ai.it_mw: unknown field`},
		// The AI load left the mining model: its old place is an error.
		{doc(unit, `,"carveout":{"mw":10,"mining":{"ai":{}}}`), `carveout.mining.ai: unknown field`},
		{doc(unit, `,"sweep":{"policies":[{"kind":"firm"},{"bogus":1}]}`), `sweep.policies[1].bogus: unknown field`},
		{doc(unit, `,"classes":[{"name":"c","bogus":1}]`), `classes[0].bogus: unknown field`},
		{doc(`{"name":"X","count":2,"capacity_mw":1,"mttf_h":10,"mttr_h":1},{"name":"X#1","capacity_mw":1,"mttf_h":10,"mttr_h":1}`, ``), `fleet[1].name = "X#1", want a name unique after expanding counts (entry 0 also expands to "X#1")`},
		{doc(`{"name":"a","capacity_mw":1,"mttf_h":1e300,"mttr_h":1e300}`, ``), `MaxDurationHours`},
		{`{"name":"t","hours":48,"fleet":[` + unit + `],` + dem + `}`, `demand.base.hourly_mw = 24 values, want hours = 48`},
	}
	for _, c := range cases {
		_, err := DecodeScenario(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("DecodeScenario(%s):\n  err = %v\n  want it to contain %q", c.in, err, c.want)
		}
	}
	if _, err := DecodeScenario(strings.NewReader(doc(unit, ``))); err != nil {
		t.Fatalf("valid scenario rejected: %v", err)
	}
}

// TestDecodeScenarioErrorTypes checks that a decoding error is an
// input.JSONError with the line and column of the offending token, and a
// validation error an input.FieldError with the field's path in the
// document, each found by errors.As under the package's prefix.
func TestDecodeScenarioErrorTypes(t *testing.T) {
	doc := "{\n  \"name\": \"t\",\n  \"fleet\": [\n    {\"name\": \"a\", \"capacity_mw\": 100, \"mttf_h\": 1000, \"mttr_h\": 50},\n" +
		"    {\"name\": \"b\", \"capacity_mw\": 10, \"mttf_h\": 100, \"mttr_h\": %s}\n  ]\n}\n"
	_, err := DecodeScenario(strings.NewReader(fmt.Sprintf(doc, `5, "bogus": 1`)))
	var je *input.JSONError
	if !errors.As(err, &je) || je.Line != 5 || je.Column != 66 || je.Path != "fleet[1].bogus" {
		t.Errorf("unknown field: %v (%+v), want line 5, column 66, path fleet[1].bogus", err, je)
	}
	_, err = DecodeScenario(strings.NewReader(fmt.Sprintf(doc, `-5`)))
	var fe *input.FieldError
	if !errors.As(err, &fe) || fe.Path != "fleet[1].mttr_h" || fe.Value != -5.0 {
		t.Errorf("bad value: %v (%+v), want a FieldError at fleet[1].mttr_h", err, fe)
	}
	if want := `study: scenario: fleet[1].mttr_h = -5, want finite >= 0.1 (MinDurationHours) (unit "b")`; err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestErrorsNameThePackage checks that the errors of package study start
// with "study: ", whichever step raises them: compiling, decoding,
// validating, reading and merging shards.
func TestErrorsNameThePackage(t *testing.T) {
	invalid := rbtsScenario(t, 10, Policy{Kind: Firm})
	invalid.Carveout.MiningShare = 2
	_, errNil := NewStudy(nil)
	_, errInvalid := NewStudy(invalid)
	_, errDecode := DecodeScenario(strings.NewReader(`{"name": 1}`))
	_, errShard := DecodeShard(strings.NewReader(`{}`))
	_, errMerge := MergeShards(nil)
	for _, c := range []struct {
		what string
		err  error
		want string
	}{
		{"NewStudy(nil)", errNil, "study: scenario is nil"},
		{"NewStudy(invalid)", errInvalid, "study: scenario: carveout.mining_share = 2"},
		{"DecodeScenario", errDecode, "study: scenario line 1, column"},
		{"DecodeShard", errShard, "study: "},
		{"MergeShards(nil)", errMerge, "study: merge: "},
	} {
		if c.err == nil || !strings.HasPrefix(c.err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to start with %q", c.what, c.err, c.want)
		}
	}
}
