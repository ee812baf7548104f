package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxJSONBytes bounds the size of a JSON document that [DecodeJSON]
// reads: a scenario, a demand or mining model, a shard or checkpoint file.
// The largest documents carveout writes are shards of runs with many
// sweep cases or of adequacy runs with the most units and hours
// (MaxUnits = 100,000 units, ten years of hourly load), a few tens of MB;
// 256 MiB leaves ample room while refusing, say, /dev/zero before it
// exhausts memory.
const MaxJSONBytes = 256 << 20

// MaxJSONDepth bounds how deeply the arrays and objects of a JSON document
// may nest. carveout's documents nest a handful of levels (a class's
// profile in the classes of a scenario: four); a document nested deeper
// than this is refused before decoding, so that a few megabytes of
// brackets cannot make the decoder or the error locator recurse a million
// levels.
const MaxJSONDepth = 64

// MaxCSVBytes bounds the size of a CSV table (units, hourly load): the
// largest legitimate ones, 100,000 units or ten years of hours with a
// timestamp column, are about 10 MB.
const MaxCSVBytes = 64 << 20

// checkDepth returns the offset of the first bracket that opens a level
// deeper than MaxJSONDepth in data, or −1. Brackets inside strings do not
// count.
func checkDepth(data []byte) int64 {
	depth, inString, escaped := 0, false, false
	for i, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			if depth++; depth > MaxJSONDepth {
				return int64(i)
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return -1
}

// ErrTooLarge is the error, inside a [*SizeError], of an input longer than
// its limit.
var ErrTooLarge = errors.New("input too large")

// SizeError says that an input is longer than its documented limit.
type SizeError struct {
	// What names the input ("scenario", "shard", a CSV file's name).
	What string
	// Limit is the limit in bytes, and Name the constant that sets it
	// ("MaxJSONBytes").
	Limit int64
	Name  string
}

// Error returns "What: longer than Limit bytes (Name), …", without
// "What: " when What is empty.
func (e *SizeError) Error() string {
	msg := fmt.Sprintf("longer than %d bytes (%s), the most carveout reads", e.Limit, e.Name)
	if e.What == "" {
		return msg
	}
	return e.What + ": " + msg
}

// Unwrap returns [ErrTooLarge].
func (e *SizeError) Unwrap() error { return ErrTooLarge }

// LimitReader returns a reader of r that fails with a [*SizeError] naming
// what, limit and the limit's constant name once r holds more than limit
// bytes. Unlike [io.LimitReader] it does not end the input quietly at the
// limit, so a too-large input is never read as a shorter one.
func LimitReader(r io.Reader, limit int64, what, name string) io.Reader {
	return &limitReader{r: r, left: limit, err: &SizeError{What: what, Limit: limit, Name: name}}
}

type limitReader struct {
	r    io.Reader
	left int64 // bytes still allowed
	err  *SizeError
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, l.err
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1] // one byte more than allowed shows the excess
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n - int(-l.left), l.err
	}
	return n, err
}

// bom is the UTF-8 byte-order mark that some editors put at the start of
// a file.
var bom = []byte{0xef, 0xbb, 0xbf}

// ReadJSON reads a JSON document whole, for [DecodeJSON] and for decoders
// that look at a document twice: at most [MaxJSONBytes] bytes (more is a
// [*SizeError]), without a leading byte-order mark. A document whose first
// byte after white space cannot start a JSON value is refused at once,
// with its line and column, without reading on (so a binary file or a
// device such as /dev/zero fails fast). An error reading r is returned
// prefixed with what.
func ReadJSON(r io.Reader, what string) ([]byte, error) {
	return readJSON(r, what, MaxJSONBytes)
}

func readJSON(r io.Reader, what string, limit int64) ([]byte, error) {
	lr := LimitReader(r, limit, what, "MaxJSONBytes")
	var buf bytes.Buffer
	head := make([]byte, 512)
	n, err := io.ReadAtLeast(lr, head, len(head))
	head = bytes.TrimPrefix(head[:n], bom)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, readErr(err, what)
	}
	if i := skipSpace(head, 0); i < int64(len(head)) && !startsValue(head[i]) {
		e := &JSONError{What: what, Err: fmt.Errorf("invalid character %q looking for beginning of value", head[i])}
		e.Line, e.Column = position(head, i)
		return nil, e
	}
	buf.Write(head)
	if err == nil {
		if _, err := buf.ReadFrom(lr); err != nil {
			return nil, readErr(err, what)
		}
	}
	return buf.Bytes(), nil
}

func readErr(err error, what string) error {
	var se *SizeError
	if errors.As(err, &se) {
		return se
	}
	return fmt.Errorf("%s: %w", what, err)
}

// startsValue reports whether c can begin a JSON value.
func startsValue(c byte) bool {
	switch c {
	case '{', '[', '"', '-', 't', 'f', 'n':
		return true
	}
	return c >= '0' && c <= '9'
}
