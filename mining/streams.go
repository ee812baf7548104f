package mining

import "math/rand/v2"

// Streams are the random streams of one trial, one per stochastic
// component, so that a caller can give each component its own named stream
// (common random numbers): changing one component's parameters then leaves
// the draws of the others unchanged. The simulator never allocates or
// reseeds them.
//
// Within a component, draws are made in a fixed order each day: the price
// diffusion one normal; the jumps one Poisson count and, on jump days, one
// normal; the fees one normal, one uniform and, on spike days, one
// exponential. The number of block draws depends on the hashrate path,
// which depends on the other components.
type Streams struct {
	// Price drives the price diffusion. Required unless Price.Kind is
	// "constant".
	Price *rand.Rand
	// Jumps drives the Merton jumps. Required if Price.Kind is "merton".
	Jumps *rand.Rand
	// Fees drives the fee share. Required unless Fees.Kind is "constant".
	Fees *rand.Rand
	// Blocks drives block arrivals and hence retargets. Required.
	Blocks *rand.Rand
}
