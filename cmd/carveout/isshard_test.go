package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/grid"
)

// writeShard runs `carveout adequacy` with args and writes what it prints
// (a shard) to dir/name, returning the path.
func writeShard(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	code, out, e := runCLI(args...)
	if code != 0 {
		t.Fatalf("carveout %s: exit %d: %s", strings.Join(args, " "), code, e)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAdequacyISShardsMerge checks that `carveout adequacy -vr is` runs
// split into 2, 3 and 4 shards, each shard on 1 or 2 workers, merge with
// `carveout merge`, the files in shuffled order, into the output of the
// unsharded run byte for byte, itself the same on 1 and 2 workers; and
// that a shard prints its envelope and state, not the summary lines.
func TestAdequacyISShardsMerge(t *testing.T) {
	units, load := rbtsFiles(t)
	args := []string{"adequacy", "-units", units, "-load", load, "-trials", "3000", "-seed", "3", "-lfu", "0.02", "-vr", "is"}
	code, ref, e := runCLI(append(args, "-workers", "1")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	if _, two, _ := runCLI(append(args, "-workers", "2")...); two != ref {
		t.Fatal("-workers 2 differs from -workers 1")
	}
	for _, n := range []int{2, 3, 4} {
		dir := t.TempDir()
		var files []string
		for i := range n {
			shard := append(args[:len(args):len(args)], "-shard", fmt.Sprintf("%d/%d", i, n), "-workers", fmt.Sprint(1+i%2))
			code, out, e := runCLI(shard...)
			if code != 0 {
				t.Fatalf("shard %d/%d: exit %d: %s", i, n, code, e)
			}
			if strings.Contains(e, "system:") || strings.Contains(e, "variance reduction") {
				t.Errorf("shard %d/%d writes a summary of its part to stderr:\n%s", i, n, e)
			}
			var head struct {
				Kind  string `json:"kind"`
				State struct {
					Method string `json:"method"`
				} `json:"state"`
			}
			if err := json.Unmarshal([]byte(out), &head); err != nil || head.Kind != grid.ISShardKind || head.State.Method != grid.ISCrossEntropy {
				t.Fatalf("shard %d/%d: kind %q, method %q (%v); want %q, %q", i, n, head.Kind, head.State.Method, err, grid.ISShardKind, grid.ISCrossEntropy)
			}
			p := filepath.Join(dir, fmt.Sprintf("shard-%d.json", i))
			if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, p)
		}
		rng := rand.New(rand.NewPCG(uint64(n), 11))
		rng.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
		if slices.IsSorted(files) {
			slices.Reverse(files)
		}
		code, merged, e := runCLI(append([]string{"merge"}, files...)...)
		if code != 0 || merged != ref {
			t.Errorf("merge of %d shards in order %v: exit %d (%s); identical to the unsharded run: %v", n, files, code, e, merged == ref)
		}
		if n == 3 { // and the folder form
			if code, merged, e := runCLI("merge", dir); code != 0 || merged != ref {
				t.Errorf("merge %s: exit %d (%s); identical to the unsharded run: %v", dir, code, e, merged == ref)
			}
		}
	}
}

// TestMergeISShardRefusals checks that `carveout merge` refuses, with exit
// 2 and an error naming what differs, crude and importance-sampled shards
// together (in either order), and importance-sampled shards of another
// seed, trial count, system or tilt.
func TestMergeISShardRefusals(t *testing.T) {
	units, load := rbtsFiles(t)
	dir := t.TempDir()
	is := func(name string, extra ...string) string {
		args := append([]string{"adequacy", "-units", units, "-load", load, "-trials", "2000", "-seed", "3", "-vr", "is"}, extra...)
		return writeShard(t, dir, name, args...)
	}
	s0, s1 := is("is-0.json", "-shard", "0/2"), is("is-1.json", "-shard", "1/2")
	crude := writeShard(t, dir, "crude-1.json", "adequacy", "-units", units, "-load", load, "-trials", "2000", "-seed", "3", "-shard", "1/2")

	// A shard whose tilt differs in one factor, its checksum made afresh
	// as a build choosing another tilt would write it.
	b, err := os.ReadFile(s1)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := grid.DecodeISShard(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	sh.State.Tilt.Repair[3] *= 0.9
	tb, err := json.Marshal(sh)
	if err != nil {
		t.Fatal(err)
	}
	tilted := filepath.Join(dir, "tilted-1.json")
	if err := os.WriteFile(tilted, tb, 0o644); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name  string
		files []string
		want  []string
	}{
		{"crude after is", []string{s0, crude}, []string{"is-0.json", "importance-sampled", "crude-1.json", "crude"}},
		{"is after crude", []string{crude, s0}, []string{"crude-1.json", "crude", "is-0.json", "importance-sampled"}},
		{"seed", []string{s0, is("seed-1.json", "-shard", "1/2", "-seed", "4")}, []string{"seed 4", "seed 3"}},
		{"trials", []string{s0, is("trials-1.json", "-shard", "1/2", "-trials", "2001")}, []string{"2001 trials", "trial count"}},
		{"system", []string{s0, is("lfu-1.json", "-shard", "1/2", "-lfu", "0.05")}, []string{"system_hash"}},
		{"tilt", []string{tilted, s0}, []string{"tilt.repair[3]", "shard 0"}},
		{"missing", []string{s1}, []string{"missing"}},
	} {
		code, out, e := runCLI(append([]string{"merge"}, c.files...)...)
		if code != 2 || out != "" {
			t.Errorf("%s: exit %d, %d bytes of stdout; want 2 and none", c.name, code, len(out))
		}
		for _, w := range c.want {
			if !strings.Contains(e, w) {
				t.Errorf("%s: stderr %q does not name %q", c.name, e, w)
			}
		}
	}
}
