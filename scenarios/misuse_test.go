package scenarios

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/carveout/carveout/internal/misuse"
)

// TestAPIMisuse calls Load with bad names and files: each must return an
// error, never panic.
func TestAPIMisuse(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	load := func(name string) func() error { return func() error { _, err := Load(name); return err } }
	R, A := misuse.Refuse, misuse.Accept
	cases := []misuse.Case{
		R("Load(\"\")", load("")),
		R("Load(unknown name)", load("atlantis")),
		R("Load(directory)", load(dir)),
		R("Load(empty file)", load(write("empty.json", ""))),
		R("Load(null)", load(write("null.json", "null"))),
		R("Load({})", load(write("obj.json", "{}"))),
		R("Load(garbage)", load(write("bad.json", "\x00\xff"))),
		A("Load(\"pakistan\")", load("pakistan")),
		A("Pakistan2025()", func() error { _, err := Pakistan2025(); return err }),
		A("Names()", func() error { _ = Names(); return nil }),
	}
	misuse.Check(t, cases)
}
