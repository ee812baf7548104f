// Package clitest holds the checks shared by the tests of the command
// and of the example programs.
package clitest

import (
	"strings"
	"testing"
)

// CheckFlagHelp fails t unless help, a flag set's -h output (as
// flag.PrintDefaults writes it), describes every flag in want and states
// each flag's default at most once: a description that says "(default:
// the scenario's)" must not also get the flag package's own "(default
// X)", which it appends for a flag whose default is not its type's zero
// value.
func CheckFlagHelp(t testing.TB, help string, want ...string) {
	t.Helper()
	seen := map[string]bool{}
	var name string
	entries := map[string]string{}
	for _, line := range strings.Split(help, "\n") {
		if rest, ok := strings.CutPrefix(line, "  -"); ok {
			name, _, _ = strings.Cut(rest, " ")
			seen[name] = true
			entries[name] = ""
			continue
		}
		if name != "" && strings.HasPrefix(line, "    \t") {
			entries[name] += line
		}
	}
	for _, f := range want {
		if !seen[f] {
			t.Errorf("help lacks flag -%s:\n%s", f, help)
		}
	}
	for f, text := range entries {
		if n := strings.Count(text, "(default"); n > 1 {
			t.Errorf("-%s states its default %d times: %q", f, n, strings.TrimSpace(text))
		}
	}
}
