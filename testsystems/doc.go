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
//
// # RTS-79
//
// The IEEE Reliability Test System 1979 (generation only): 32 units,
// 3405 MW installed, annual peak 2850 MW, the same 8736-hour RTS-79 load
// shape at that peak. The conventions are those of RBTS (strict inequality,
// stationary start, forced outages only, no rescaling to 8760 hours); see
// rts/README.md for the sources and how the load file was made.
// [RTSUnitsCSV] and [RTSLoadCSV] hold the files; the RTS* constants hold
// the reference indices, exact on those files.
package testsystems
