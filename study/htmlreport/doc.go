// Package htmlreport writes a carve-out study's [study.Report] as one
// self-contained HTML page for a reader who will not open JSON: a policy
// analyst, a regulator, a journalist. The page holds the headline
// estimates with their 95% intervals, the other customers' reliability
// without and with the carve-out, what happened to the carve-out's own
// load, each zone of a zonal study, the sweep by site, policy and size
// (with the paired difference between sites), an optional sensitivity
// (a study rerun at several values of one input, such as a transfer
// limit), every chart of package [github.com/carveout/carveout/study/charts]
// inline as a PNG, definitions of every measure, the limits of the model
// and the provenance of the result (library version, scenario name and
// hash, seed, trials; a partial result is flagged at the top).
//
// The page loads nothing from elsewhere — no script, font, stylesheet or
// image from a network or another file — so it can be mailed, archived
// and opened offline, and it renders the same anywhere. It runs no
// script.
//
// [Write] writes the page to a writer, [WriteFile] to a file atomically;
// `carveout run -out DIR` and `carveout merge -out DIR` write
// DIR/report.html, and examples/pakistan writes out/report.html with its
// corridor sensitivity.
package htmlreport
