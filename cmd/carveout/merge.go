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
	out := fs.String("out", "", "directory for report.json, report.html and the charts (PNG, SVG, PDF), replaced whole")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: carveout merge [-out DIR] SHARD.json... | DIR\n\n"+
			"Merges the shard files of one run (or every shard-*.json in DIR) and prints\n"+
			"the report JSON that the unsharded run prints, byte for byte. Shards of\n"+
			"`carveout run` give its report; shards of `carveout adequacy` its indices.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
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
	files, err := shardFiles(fs.Args())
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
		return mergeAdequacy(files, docs, stdout, stderr)
	}
	var shards []*study.Shard
	for i, f := range files {
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
	if err := emitReport(res.Report(), *out, stdout, stderr); err != nil {
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
