// Package testsystems embeds published reliability test systems, with the
// reference values their results must reproduce.
//
// The data are the CSV files of each system's directory, in the formats read
// by the grid package (units.csv: name,count,capacity_mw,mttf_h,mttr_h;
// load.csv: hour,load_mw). The package imports nothing else from carveout, so
// any package, including grid's own tests, can use it.
//
// # RBTS
//
// The Roy Billinton Test System (generation only): 11 units, 240 MW
// installed, annual peak 185 MW, the IEEE RTS-79 hourly load shape of
// 8736 hours scaled to that peak. See rbts/README.md for the sources and
// the conventions that change the answer (strict inequality, stationary
// start, no rescaling to 8760 hours). [RBTSUnitsCSV] and [RBTSLoadCSV] hold
// the files; the RBTS* constants hold the reference indices.
package testsystems
