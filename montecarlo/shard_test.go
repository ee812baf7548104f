package montecarlo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// piDoc is the document of the test experiment: what it hashes.
type piDoc struct {
	Name string `json:"name"`
}

var piFormat = ShardFormat[*piDoc, *piAcc]{
	Kind: "pi-shard", Version: "1.2.3",
	Check: func(s *Shard[*piDoc, *piAcc]) error {
		if s.Document == nil || s.State == nil {
			return fmt.Errorf("document and state are required")
		}
		if s.Hash != "h-"+s.Document.Name {
			return fmt.Errorf("hash %s does not match the document", s.Hash)
		}
		if s.State.Hits.N != s.Done {
			return fmt.Errorf("state holds %d trials, want %d", s.State.Hits.N, s.Done)
		}
		return nil
	},
}

// piShards runs the n shards of a 900-trial run and returns them as
// decoded files.
func piShards(t *testing.T, n int) []*Shard[*piDoc, *piAcc] {
	t.Helper()
	var out []*Shard[*piDoc, *piAcc]
	for i := range n {
		res, err := Run(context.Background(), piExperiment(0), WithTrials(900), WithSeed(4), WithShard(i, n), WithCheckEvery(100))
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(piFormat.New("h-pi", &piDoc{Name: "pi"}, res))
		if err != nil {
			t.Fatal(err)
		}
		s, err := piFormat.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("shard %d/%d refused: %v", i, n, err)
		}
		out = append(out, s)
	}
	return out
}

// TestShardMergeEqualsUnsharded checks that the shards of a run, written
// and read back, merge (in any order) into the unsharded run's state.
func TestShardMergeEqualsUnsharded(t *testing.T) {
	ref, _ := runJSON(t, WithTrials(900), WithSeed(4), WithCheckEvery(100))
	sh := piShards(t, 3)
	m, err := piFormat.Merge([]*Shard[*piDoc, *piAcc]{sh[2], sh[0], sh[1]}, new(piAcc))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(m.State)
	if string(b) != ref {
		t.Fatal("merged shards differ from the unsharded run")
	}
	if m.Index != 0 || m.Count != 1 || m.Start != 0 || m.End != 900 || m.Done != 900 || m.Hash != "h-pi" || m.Seed != 4 {
		t.Fatalf("merged envelope %+v, want the whole run as shard 0/1", *m)
	}
	if r := m.Result(); r.Partial || r.Done != 900 || r.ShardCount != 1 {
		t.Fatalf("merged result %+v", *r)
	}
}

// TestShardMergeRefusals checks that every way shards can fail to make up
// one run is refused with an error naming it.
func TestShardMergeRefusals(t *testing.T) {
	sh := piShards(t, 3)
	with := func(i int, f func(s *Shard[*piDoc, *piAcc])) []*Shard[*piDoc, *piAcc] {
		c := *sh[i]
		f(&c)
		out := append([]*Shard[*piDoc, *piAcc]{}, sh...)
		out[i] = &c
		return out
	}
	for _, c := range []struct {
		name   string
		shards []*Shard[*piDoc, *piAcc]
		want   string
	}{
		{"none", nil, "no shards"},
		{"missing middle", []*Shard[*piDoc, *piAcc]{sh[0], sh[2]}, "trials [300, 600) are missing"},
		{"missing end", sh[:2], "trials [600, 900) are missing"},
		{"twice", []*Shard[*piDoc, *piAcc]{sh[0], sh[1], sh[1], sh[2]}, "given twice"},
		{"incomplete", with(1, func(s *Shard[*piDoc, *piAcc]) { s.Done-- }), "incomplete"},
		{"kind", with(1, func(s *Shard[*piDoc, *piAcc]) { s.Kind = "other" }), "kind"},
		{"version", with(2, func(s *Shard[*piDoc, *piAcc]) { s.Version = "0.0.1" }), "version 0.0.1"},
		{"hash", with(1, func(s *Shard[*piDoc, *piAcc]) { s.Hash = "h-other" }), "hash"},
		{"seed", with(1, func(s *Shard[*piDoc, *piAcc]) { s.Seed = 9; s.Hash = "other" }), "ran seed 9"},
		{"trials", with(1, func(s *Shard[*piDoc, *piAcc]) { s.Trials = 901 }), "trials"},
		{"count", with(1, func(s *Shard[*piDoc, *piAcc]) { s.Count = 4 }), "shard 1 of 4"},
		{"range", with(1, func(s *Shard[*piDoc, *piAcc]) { s.Start-- }), "range"},
	} {
		if _, err := piFormat.Merge(c.shards, new(piAcc)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// TestShardDecodeRefusals checks the strict decoding of the envelope.
func TestShardDecodeRefusals(t *testing.T) {
	res, err := Run(context.Background(), piExperiment(0), WithTrials(900), WithSeed(4), WithShard(1, 3))
	if err != nil {
		t.Fatal(err)
	}
	good, err := json.Marshal(piFormat.New("h-pi", &piDoc{Name: "pi"}, res))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to, want string }{
		{`"kind":"pi-shard"`, `"kind":"study"`, "kind"},
		{`"version":"1.2.3"`, `"version":"1.2.2"`, "made by version 1.2.2"},
		{`"start":300`, `"start":299`, "range"},
		{`"done":300`, `"done":301`, "done"},
		{`"shard_index":1`, `"shard_index":3`, "index < count"},
		{`"trials":900`, `"trials":0`, "trials"},
		{`"seed":4`, `"seed":4,"extra":1`, "unknown field"},
		{`"name":"pi"`, `"name":"tau"`, "hash"},
	} {
		bad := strings.Replace(string(good), c.from, c.to, 1)
		if bad == string(good) {
			t.Fatalf("%s not found in %s", c.from, good)
		}
		if _, err := piFormat.Decode(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s → %s: err = %v, want one containing %q", c.from, c.to, err, c.want)
		}
	}
	if _, err := piFormat.Decode(strings.NewReader(string(good) + " {}")); err == nil || !strings.Contains(err.Error(), "after the JSON value") {
		t.Errorf("a second object after the shard: err = %v", err)
	}
}
