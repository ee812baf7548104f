package main

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeIndented writes the compact JSON object js to w indented by two
// spaces, with a final newline: the form in which `carveout adequacy` and
// `carveout merge` print the adequacy indices, so that merged shards print
// byte for byte what the unsharded run prints.
func writeIndented(w io.Writer, js []byte) error {
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, js, "", "  "); err != nil {
		return err
	}
	pretty.WriteByte('\n')
	_, err := w.Write(pretty.Bytes())
	return err
}
