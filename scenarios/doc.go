// Package scenarios ships carveout's built-in scenarios as data and loads
// scenarios from files.
//
// The default is the Pakistan 2025 scenario ([Pakistan2025]): the CPPA-G
// national-grid fleet of 2025 as 213 units of realistic size with outage
// rates by technology, hydro capability by month, wind and solar profiles,
// planned maintenance as monthly availability, served demand with its
// monthly peaks, daily shapes and noise, and the 2,000 MW carve-out for
// Bitcoin mining and AI data centres. It is zonal: the north, the south
// and K-Electric's draw, each unit placed by its plant's location, joined
// by the Matiari–Lahore HVDC (two poles), the 500 kV AC corridor with its
// tower-collapse section and the NTDC–KE link; the carve-out sits in the
// south and its sweep scores a northern site too. [Pakistan2025CopperPlate]
// is the same grid as one node, and [SetSouthNorthLimit] moves the
// south→north limit (the AC corridor's rating has no published figure)
// over [SouthNorthLimits] for the sensitivity the main job charts. It is
// built from the CSV files in
// pakistan2025/, embedded in the binary; every number there carries its
// source and as-of date, or says it is a judgement (see
// pakistan2025/README.md). The folder also holds the economics of the
// economic dispatch: fuel cost, variable O&M and CO₂ by technology
// (economics.csv), which price every unit, and the tariffs, capacity
// payments and value of lost load (the econ.* and tariff.* rows of
// parameters.csv), which are the scenario's economics; and the monthly
// fuel budgets and the LNG supply shock, which [Pakistan2025Fuel] adds.
//
// [Load] takes a built-in name ("pakistan", "pakistan-copperplate",
// "pakistan-fuel") or a path to a scenario JSON document (the format of
// [study.Scenario]); `carveout run -dump` prints a scenario as such a
// document to start from. A built-in scenario changed
// in any assumption keeps the built-in's name only with the change named:
// [MarkEdits] renames it "pakistan-2025 (edited: carveout.mw)", as carveout
// run does after its flags and when it reads an edited dump.
package scenarios
