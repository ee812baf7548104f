// Package testsystems embeds published reliability test systems, with the
// reference values their results must reproduce.
//
// The data are the CSV files of each system's directory, in the formats read
// by the grid package (units.csv: name,count,capacity_mw,mttf_h,mttr_h;
// load.csv: hour,load_mw), and for the multi-area systems of PRAS files
// with zones and interfaces. The package imports nothing else from
// carveout, so any package, including grid's own tests, can use it.
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
//
// # PRAS multi-area systems
//
// Two small systems with regions and transmission from the test data of
// PRAS, NREL's Probabilistic Resource Adequacy Suite (PRASCore.jl,
// src/Systems/TestData.jl), with PRAS's exact reference values:
//
//   - pras-threenode: three regions joined by three 8 MW lines, five
//     generators that fail, four hours; LOLE 1.3756 h and EUE
//     12.12885 MWh per 4-hour horizon ([PRASThreeNodeLOLE],
//     [PRASThreeNodeEUE]), hour by hour in [PRASThreeNodeLOLP] and
//     [PRASThreeNodeEUEByHour], and the same for its copper plate.
//   - pras-twonode: PRAS's Test System 1, two regions with one 15 MW
//     generator each and one 8 MW line that fails too, one hour; LOLE 0.19
//     and EUE 0.647 MWh ([PRASTwoNodeLOLE], [PRASTwoNodeEUE]), and per
//     region ([PRASTwoNodeZoneLOLE], [PRASTwoNodeZoneEUE]).
//
// Each directory holds units.csv (name,count,capacity_mw,for,mttr_h,zone
// and for pras-threenode class), load.csv (hour and one load_mw_<zone>
// column per zone), interfaces.csv
// (from,to,name,count,capacity_forward_mw,capacity_backward_mw,for,mttf_h,mttr_h),
// pras-threenode also classes.csv (class,hour,factor), and a README with
// the source, the translation from PRAS's discrete-time Markov chains
// (forced outage rate λ/(λ+μ), MTTR 1/μ h; generation that never fails
// netted out of the load) and why it leaves LOLE and EUE exact. A
// "year" is the system's horizon of 4 hours or 1. Package
// [github.com/carveout/carveout/testsystems/pras] builds them as zonal
// grid systems.
package testsystems
