// Package demand draws stochastic hourly electricity demand, one trial at
// a time, for the carveout adequacy simulation.
//
// A [Model] is a plain, JSON-serialisable description: a deterministic
// base shape and three independent noises, each off at its zero value.
// [New] validates it and compiles it for a horizon into a [Generator],
// whose [Generator.Sample] (or [Generator.SampleInto]) fills a [Sample]
// for one trial without allocating. Of carveout's packages it imports
// only input (the shared errors), the internal CSV reader and the
// library's calendar (internal/hourcal, shared with grid and mining); its
// callers supply the random streams and apply the results.
//
// # Model
//
// The load of hour h is
//
//	L_h = B_h · max(A, 0) · max(M_{m(h)}, 0) · exp(x_h − σ_W²/2) · H_h
//
// where m(h) is the calendar month of hour h (hour 0 is 1 January 00:00
// of a non-leap year; longer horizons repeat the months) and:
//
//   - B_h is the base: an hourly series ([Base.HourlyMW], for example from
//     [ReadHourlyCSV]) or [Parametric]: 12 monthly peaks times typical-day
//     shapes by month, with weekday and weekend days; [Parametric.Build]
//     normalises it so each month's largest hour is exactly its peak.
//   - A = 1 + σ_A·Z is load forecast uncertainty for the whole horizon and
//     M_m = 1 + σ_M·Z_m an optional extra scale per calendar month, with
//     Z, Z_1 … Z_12 independent standard normals drawn once per trial
//     ([LFU]). Clipping the scales at 0 clips the load at 0: every other
//     factor is positive and B_h ≥ 0.
//   - x_h is a stationary Gaussian AR(1) on the log of load ([Weather]):
//     x_{−1} ~ N(0, σ_W²), x_h = φ·x_{h−1} + σ_W·√(1−φ²)·ε_h with ε_h
//     independent standard normals, so x_h ~ N(0, σ_W²) for every h,
//     Corr(x_h, x_{h−k}) = φ^k, and E[exp(x_h − σ_W²/2)] = 1.
//   - H_h = 1 + r in hours of a heat wave and 1 otherwise ([HeatWave]).
//     Heat waves arrive as a Poisson process whose rate is λ_m arrivals
//     per calendar month m, constant within the month (λ_m divided by the
//     month's hours); each lasts D ~ Gamma(k, θ) days with mean kθ =
//     MeanDays. While any wave lasts, thermal capacity is multiplied by
//     1 − d; the Sample reports that factor per hour in
//     [Sample.ThermalFactor] and the caller applies it.
//
// Arrivals are drawn as event times, not per-hour coin flips: with
// Λ(t) the integrated rate, the arrival times are Λ⁻¹(E_1),
// Λ⁻¹(E_1 + E_2), … for independent standard exponentials E_i, stopping
// past the horizon, so a year costs one exponential per heat wave plus
// one. A wave covers every hour that overlaps it and may run into a month
// with rate 0; waves that would start before hour 0 are not modelled.
//
// # Streams
//
// Each noise draws only from its own *rand.Rand (math/rand/v2) in
// [Streams]: LFU, Weather and HeatWave. Give each its own named stream
// per trial and the draws of one component never depend on another's
// parameters (common random numbers): changing heat-wave parameters
// leaves the weather path bit-identical, turning monthly LFU on leaves the
// annual draw unchanged (it is drawn first), and heat-wave arrival times
// are drawn before their durations, so changing only the mean duration
// keeps the arrival times. The same streams give the same Sample, bit for
// bit, whichever Generator or buffer draws it.
//
// # Performance
//
// The hourly weather noise dominates a Sample: one normal and one
// exponential per hour. Normals come three per 64-bit draw from a
// ziggurat (Marsaglia and Tsang, 2000) on 21-bit words (resolution 2⁻¹³
// of a strip's width, which moves the log of load by ≈1.3·10⁻⁴·σ RMS; the
// bound is derived in internal/variate) instead of rand.Rand.NormFloat64's one
// per draw; the AR(1) advances six hours per loop-carried step, with two
// source calls per block; exp uses a 1025-entry table and a degree-4
// polynomial, within 2 ulp of math.Exp. BenchmarkSample measures a whole
// Sample; by instruction counts, the normals and the AR(1) arithmetic take
// about half of it, the exponential and the load fill most of the rest.
//
// # Errors
//
// [Model.Validate] and [Parametric.Validate] return an [*input.FieldError]
// naming the offending field by its JSON path relative to the value
// checked, for a caller holding the model in a larger document to locate
// with [input.In]. [New], [DecodeModel], [Parametric.Build] and
// [ReadHourlyCSV] add the package's name, for example
//
//	demand: weather.phi = 1.2, want in [0,1)
//
// DecodeModel's syntax and type errors name line and column
// ([input.JSONError]); ReadHourlyCSV's name file, line and column
// ([input.CSVError]). They reject NaN, infinities, negative values and
// wrong lengths. Sampling returns an error only for a missing stream or a
// Sample of the wrong size.
package demand
