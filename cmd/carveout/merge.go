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
			"charts); shards of `carveout adequacy` its indices (crude or, with -vr is,\n"+
			"importance-sampled, never the two mixed). Flags may come before or after\n"+
			"the files.\n\n")
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
	if adequacyRuns[shardKind(docs[0])] != "" {
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

// adequacyRuns names the run whose shards each kind of adequacy shard
// holds.
var adequacyRuns = map[string]string{
	grid.AdequacyShardKind: "a crude Monte Carlo run",
	grid.ISShardKind:       "an importance-sampled run (-vr is)",
}

// shardKind returns the kind of a shard document, "" if it has none. The
// kind is read from the first JSON value alone, so that a shard with
// trailing data is refused by its own decoder, not by another's.
func shardKind(doc []byte) string {
	var k struct {
		Kind string `json:"kind"`
	}
	if json.NewDecoder(bytes.NewReader(doc)).Decode(&k) != nil {
		return ""
	}
	return k.Kind
}

// mergeAdequacy merges the shards of `carveout adequacy -shard`, crude
// or importance-sampled, and prints what the unsharded run prints; it
// returns the exit status. Shards of the two kinds are refused together,
// naming a file of each.
func mergeAdequacy(files []string, docs [][]byte, stdout, stderr io.Writer) int {
	kind := shardKind(docs[0])
	for i, d := range docs {
		if k := shardKind(d); k != kind && adequacyRuns[k] != "" {
			fmt.Fprintf(stderr, "carveout merge: %s is a shard of %s, %s of %s: shards of different runs do not merge\n", files[0], adequacyRuns[kind], files[i], adequacyRuns[k])
			return 2
		}
	}
	var res *grid.AdequacyResult
	var err error
	if kind == grid.ISShardKind {
		res, err = decodeMerge(files, docs, grid.DecodeISShard, grid.MergeISShards)
	} else {
		res, err = decodeMerge(files, docs, grid.DecodeAdequacyShard, grid.MergeAdequacyShards)
	}
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

// decodeMerge decodes the shard documents with decode, an error naming
// the file that fails, and merges them with merge.
func decodeMerge[S any](files []string, docs [][]byte, decode func(io.Reader) (S, error), merge func([]S) (*grid.AdequacyResult, error)) (*grid.AdequacyResult, error) {
	shards := make([]S, len(docs))
	for i, d := range docs {
		s, err := decode(bytes.NewReader(d))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", files[i], err)
		}
		shards[i] = s
	}
	return merge(shards)
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
