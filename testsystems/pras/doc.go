// Package pras builds the multi-area test systems of PRAS, NREL's
// Probabilistic Resource Adequacy Suite, as zonal [grid.System]s, so that
// carveout's zonal Monte Carlo can be held to PRAS's published results.
//
// The data and reference values live in package testsystems (the
// pras-threenode and pras-twonode directories, the PRASThreeNode* and
// PRASTwoNode* values), which imports nothing from the rest of carveout;
// this package parses those files and returns systems ready for
// [grid.Adequacy]:
//
//   - [ThreeNode]: three regions joined by three 8 MW lines, five
//     generators that fail, four hours. [ThreeNodeCopperPlate] is the same
//     units and loads without transmission limits.
//   - [TwoNode]: PRAS's Test System 1, two regions of one 15 MW generator
//     each joined by one 8 MW line that fails too, one hour.
//
// # Translation
//
// PRAS models each generator and line as a discrete-time two-state Markov
// chain with per-period probabilities λ (failure) and μ (repair), started
// in its stationary distribution; carveout's units and elements are
// continuous-time, with exponential up and down times of means MTTF and
// MTTR, also started in their stationary distribution. The files give
// each the forced outage rate λ/(λ+μ) and MTTR = 1/μ h, so MTTF ≈ 1/λ h
// and the stationary unavailability is PRAS's exactly. LOLE and EUE are
// sums over hours of each hour's expectation, which depends only on the
// stationary marginal of every unit and line in that hour, so they are the
// same in both models; indices of chronology (event counts and durations,
// the probability of a horizon with any shortfall) are not, and PRAS
// publishes none for these systems.
//
// Generators that never fail (PRAS's variable generation, λ = 0) are
// subtracted from their region's load, which they never exceed; a
// generator whose capacity changes from period to period is one unit per
// capacity it takes, present through an availability class only in its
// periods. Neither changes the distribution of any hour's unserved
// energy, in total or by zone (see the READMEs of the data).
//
// # Indices
//
// A trial is the system's horizon (4 hours, or 1), so LOLE is hours with
// unserved load per horizon and EUE MWh per horizon, PRAS's event-periods
// and MWh per simulation horizon. The probability of shortfall in hour k
// is MonthHour[0][k−1] of the [grid.AdequacyResult] (1 January, hour of
// day k−1).
//
// Each zone's indices share a shortfall among zones by priority in
// declaration order (see [grid.Network]); PRAS shares it by a min-cost
// flow that adds a hurdle cost to every MW over an interface and leaves
// other ties to its solver. The two agree on a zone's value wherever the
// least total unserved energy can be shared only one way, which is where
// PRAS publishes per-region values; elsewhere carveout's per-zone values
// are its own rule's and are compared with an exact enumeration under that
// rule, not with PRAS.
package pras
