package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/study"
)

// cmdMerge implements `carveout merge FILES...|DIR [-out DIR]`.
func cmdMerge(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory for report.json, report.html, the charts (PNG, SVG, PDF) and tables, replaced whole")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: carveout merge [-out DIR] SHARD.json... | DIR [-out DIR]\n\n"+
			"Merges the shard files of one run (or every shard-*.json in DIR) and prints\n"+
			"the report JSON that the unsharded run prints, byte for byte. Shards of\n"+
			"`carveout run` give its report (and, with -out, its folder of report and\n"+
			"charts); shards of `carveout adequacy` its indices. Flags may come before\n"+
			"or after the files.\n\n")
		fs.PrintDefaults()
	}
	// Flags may follow the shard files ("merge shards -out DIR").
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out != "" {
		if err := checkReportDir(*out); err != nil {
			fmt.Fprintf(stderr, "carveout merge: %v\n", err)
			return 2
		}
	}
	files, err := shardFiles(paths)
	if err != nil {
		fmt.Fprintf(stderr, "carveout merge: %v\n", err)
		return 2
	}
	docs := make([][]byte, len(files))
	for i, f := range files {
		b, err := readJSONFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "carveout merge: %v\n", err)
			return 2
		}
		docs[i] = b
	}
	// Shards of `carveout adequacy` merge into its JSON.
	var kind struct {
		Kind string `json:"kind"`
	}
	// The kind is read from the first JSON value alone, so that a shard
	// with trailing data is refused by its own decoder, not by the other's.
	if json.NewDecoder(bytes.NewReader(docs[0])).Decode(&kind) == nil && kind.Kind == grid.AdequacyShardKind {
		if *out != "" {
			fmt.Fprintf(stderr, "carveout merge: -out %s: shards of carveout adequacy merge into the JSON on stdout only (redirect it)\n", *out)
			return 2
		}
		return mergeAdequacy(files, docs, stdout, stderr)
	}
	var shards []*study.Shard
	for i, f := range files {
		if isReport(docs[i]) {
			fmt.Fprintf(stderr, "carveout merge: %s is a report, not a shard: merge reads the shard files that carveout run -shard i/n writes\n", f)
			return 2
		}
		s, err := study.DecodeShard(bytes.NewReader(docs[i]))
		if err != nil {
			fmt.Fprintf(stderr, "carveout merge: %s: %v\n", f, err)
			return 2
		}
		shards = append(shards, s)
	}
	res, err := study.MergeShards(shards)
	if err != nil {
		fmt.Fprintf(stderr, "carveout merge: %v\n", err)
		return 2
	}
	if err := emitReport(res.Report(), *out, stdout, stderr, nil); err != nil {
		fmt.Fprintf(stderr, "carveout merge: %v\n", err)
		return 1
	}
	return 0
}

// mergeAdequacy merges the shards of `carveout adequacy -shard` and prints
// what the unsharded run prints; it returns the exit status.
func mergeAdequacy(files []string, docs [][]byte, stdout, stderr io.Writer) int {
	shards := make([]*grid.AdequacyShard, len(docs))
	for i, d := range docs {
		s, err := grid.DecodeAdequacyShard(bytes.NewReader(d))
		if err != nil {
			fmt.Fprintf(stderr, "carveout merge: %s: %v\n", files[i], err)
			return 2
		}
		shards[i] = s
	}
	res, err := grid.MergeAdequacyShards(shards)
	if err != nil {
		fmt.Fprintf(stderr, "carveout merge: %v\n", err)
		return 2
	}
	if err := writeJSON(stdout, res); err != nil {
		fmt.Fprintf(stderr, "carveout merge: %v\n", err)
		return 1
	}
	return 0
}

// shardFiles expands the arguments: files as given, directories to their
// shard-*.json files.
func shardFiles(args []string) ([]string, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("no shard files given")
	}
	var files []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			files = append(files, a)
			continue
		}
		m, err := filepath.Glob(filepath.Join(a, "shard-*.json"))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no shard-*.json files", a)
		}
		sort.Strings(m)
		files = append(files, m...)
	}
	return files, nil
}

// readJSONFile reads a JSON file whole, refusing one longer than
// input.MaxJSONBytes, or one that cannot be JSON, without reading on.
func readJSONFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return input.ReadJSON(f, path)
}

// isReport reports whether doc looks like a study report (a "scenario"
// and a "risk", no "kind") rather than a shard, so that merging one can
// say so instead of naming its first unknown field.
func isReport(doc []byte) bool {
	var r struct {
		Kind     string          `json:"kind"`
		Scenario json.RawMessage `json:"scenario"`
		Risk     json.RawMessage `json:"risk"`
	}
	return json.NewDecoder(bytes.NewReader(doc)).Decode(&r) == nil && r.Kind == "" && r.Scenario != nil && r.Risk != nil
}
