package scenarios

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/study"
)

// builtins returns each built-in scenario by its Name.
var builtins = map[string]func() (*study.Scenario, error){
	"pakistan-2025":             Pakistan2025,
	"pakistan-2025-copperplate": Pakistan2025CopperPlate,
}

// editedMark starts the list of edits that [MarkEdits] appends to a
// built-in scenario's name.
const editedMark = " (edited: "

// maxNamedEdits is how many edited paths a marked name lists before "and
// N more".
const maxNamedEdits = 3

// MarkEdits makes the name of a changed built-in scenario say so. A
// scenario that carries the name of a built-in one ("pakistan-2025",
// "pakistan-2025-copperplate"; also followed by an earlier mark) but
// differs from it is renamed "<name> (edited: <paths>)": the JSON paths of
// the fields that differ, with defaults filled in on both sides
// ([study.Scenario.WithDefaults]), the first three and "and N more". Its
// trial count, seed and variance reduction do not count: they are the
// run's, and every report records them beside the scenario. A scenario equal to the built-in one
// keeps, or gets back, the plain name, and a scenario named otherwise is
// left as it is: it is a scenario of its own.
//
// carveout run applies it after its flags (-carveout-mw, -policy), so a
// changed scenario's report and its -dump say what changed, and a dumped
// scenario edited by hand is named again when it is run. It returns the
// paths that differ, sorted.
func MarkEdits(sc *study.Scenario) ([]string, error) {
	if sc == nil {
		return nil, fmt.Errorf("scenarios: mark edits: nil scenario")
	}
	base, _, _ := strings.Cut(sc.Name, editedMark)
	load, ok := builtins[base]
	if !ok {
		return nil, nil
	}
	ref, err := load()
	if err != nil {
		return nil, err
	}
	paths, err := edits(sc, ref)
	if err != nil {
		return nil, fmt.Errorf("scenarios: mark edits: %w", err)
	}
	sc.Name = base
	if len(paths) > 0 {
		shown := paths[:min(len(paths), maxNamedEdits)]
		sc.Name += editedMark + strings.Join(shown, ", ")
		if more := len(paths) - len(shown); more > 0 {
			sc.Name += fmt.Sprintf(" and %d more", more)
		}
		sc.Name += ")"
	}
	return paths, nil
}

// edits returns the JSON paths at which sc differs from ref, with
// defaults filled in and without the name, trials and seed.
func edits(sc, ref *study.Scenario) ([]string, error) {
	tree := func(s *study.Scenario) (map[string]any, error) {
		b, err := json.Marshal(s.WithDefaults())
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, err
		}
		for _, k := range []string{"name", "trials", "seed", "variance_reduction"} {
			delete(m, k)
		}
		return m, nil
	}
	a, err := tree(sc)
	if err != nil {
		return nil, err
	}
	b, err := tree(ref)
	if err != nil {
		return nil, err
	}
	var paths []string
	diff(a, b, "", &paths)
	slices.Sort(paths)
	return paths, nil
}

// diff appends to paths the paths under path at which the decoded JSON
// values a and b differ: a key present on one side only, an array whose
// length differs (named whole), or a scalar that differs.
func diff(a, b any, path string, paths *[]string) {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			*paths = append(*paths, path)
			return
		}
		keys := map[string]bool{}
		for k := range x {
			keys[k] = true
		}
		for k := range y {
			keys[k] = true
		}
		for k := range keys {
			diff(x[k], y[k], input.JoinPath(path, k), paths)
		}
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			*paths = append(*paths, path)
			return
		}
		for i := range x {
			diff(x[i], y[i], path+"["+strconv.Itoa(i)+"]", paths)
		}
	default:
		if a != b {
			*paths = append(*paths, path)
		}
	}
}
