// Command carveout runs reproducible power-grid adequacy experiments.
//
// Usage:
//
//	carveout <command> [flags]
//
// Commands:
//
//	adequacy   adequacy indices of a system read from CSV files (Monte Carlo or exact)
//	run        a carve-out study: the risk that a carve-out causes load-shedding
//	hosting    the largest carve-out that meets criteria on other customers' reliability,
//	           or (-fce) the firm capacity that offsets a carve-out
//	capacity-credit  EFC and ELCC of new resources, as PRAS defines them
//	merge      merge the shard files of a study run into its report
//
// Each command prints one JSON object on stdout; progress and timings go
// to stderr. Run "carveout <command> -h" for its flags. Exit status is 0 on
// success, 2 for bad usage or bad input files, 1 for other failures.
//
// An interrupt (Ctrl-C) or SIGTERM (what Slurm sends at a time limit or on
// preemption) stops a run within a fraction of a trial: the trials in
// progress are discarded, the checkpoint keeps its last complete prefix,
// and the command exits with status 1.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"syscall"
)

// command is a subcommand: its one-line summary and its entry point, which
// returns the exit status.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands by name.
var commands = map[string]command{
	"adequacy":        {"adequacy indices of a system from units.csv, load.csv and optionally interfaces.csv", runAdequacy},
	"run":             {"run a carve-out study (default: the Pakistan 2025 scenario)", cmdRun},
	"hosting":         {"the hosting capacity: the largest carve-out meeting criteria on other customers; -fce: its firm capacity equivalent", cmdHosting},
	"capacity-credit": {"EFC and ELCC of new units added to a system, as PRAS defines them", cmdCredit},
	"merge": {"merge the shard files of a study into its report", func(_ context.Context, args []string, stdout, stderr io.Writer) int {
		return cmdMerge(args, stdout, stderr)
	}},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches args[0] to its subcommand and returns the exit status. A
// panic is a runtime failure (exit 1, not the Go runtime's 2, which means
// bad usage here), reported with its stack.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "carveout: internal error (please report): %v\n%s", p, debug.Stack())
			code = 1
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "carveout: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: carveout <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'carveout <command> -h' for a command's flags.")
}

// parseInterspersed parses args with fs, allowing flags after the
// positional arguments ("merge shards -out DIR" as well as "merge -out DIR
// shards"; the flag package alone stops at the first positional
// argument), and returns the positional arguments in order. Everything
// after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
