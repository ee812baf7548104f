package testsystems_test

import (
	"bytes"
	"fmt"

	"github.com/carveout/carveout/testsystems"
)

// The embedded RBTS unit file, with its header.
func Example() {
	first, _, _ := bytes.Cut(testsystems.RBTSUnitsCSV, []byte("\n"))
	fmt.Println(string(first))
	fmt.Printf("LOLE %.6f h/yr, EUE %.4f MWh/yr over %d hours\n",
		testsystems.RBTSLOLE, testsystems.RBTSEUE, testsystems.RBTSHours)
	// Output:
	// name,count,capacity_mw,mttf_h,mttr_h
	// LOLE 1.091560 h/yr, EUE 9.8614 MWh/yr over 8736 hours
}
