package carveout

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeExampleCompiles extracts the Go program of the README's
// "Using the library" section and vets it (which type-checks it) in a
// module of its own that requires this one through a replace directive,
// as a user's module would.
func TestReadmeExampleCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := readmeExample(string(readme))
	if err != nil {
		t.Fatal(err)
	}
	repo, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mod := "module readme\n\ngo 1.26\n\nrequire github.com/carveout/carveout v0.0.0\n\nreplace github.com/carveout/carveout => " + repo + "\n"
	for name, data := range map[string]string{"go.mod": mod, "go.sum": string(sum), "main.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "vet", "-mod=mod", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the README's library example does not compile: %v\n%s\n%s", err, out, src)
	}
}

// readmeExample returns the first fenced Go block after the heading
// "## Using the library".
func readmeExample(readme string) (string, error) {
	_, rest, ok := strings.Cut(readme, "\n## Using the library\n")
	if !ok {
		return "", errors.New("README.md has no \"## Using the library\" section")
	}
	_, rest, ok = strings.Cut(rest, "```go\n")
	if !ok {
		return "", errors.New("the \"Using the library\" section has no ```go block")
	}
	src, _, ok := strings.Cut(rest, "\n```")
	if !ok {
		return "", errors.New("the README's ```go block is not closed")
	}
	return src + "\n", nil
}
