package input

import (
	"errors"
	"fmt"
	"testing"
)

func TestInPrefixesFieldPath(t *testing.T) {
	err := error(Field("mttr_h", -5, "finite >= 0.1"))
	err = In(err, "[12]")
	err = In(err, "fleet")
	err = fmt.Errorf("study: scenario: %w", err)
	if got, want := err.Error(), "study: scenario: fleet[12].mttr_h = -5, want finite >= 0.1"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path != "fleet[12].mttr_h" || fe.Value != -5 {
		t.Errorf("errors.As: %+v", fe)
	}
}

func TestInWrapsOtherErrors(t *testing.T) {
	base := errors.New("no such file")
	err := In(base, "demand")
	if err.Error() != "demand: no such file" || !errors.Is(err, base) {
		t.Errorf("got %q", err)
	}
	if In(nil, "x") != nil || In(base, "") != base {
		t.Error("nil error or empty prefix changed")
	}
}

func TestCSVErrorNamesTheCell(t *testing.T) {
	fe := &FieldError{Path: "mttr_h", Value: 0.05, Want: "finite >= 0.1 (MinDurationHours)", Note: `unit "B"`}
	err := fmt.Errorf("grid: %w", &CSVError{File: "u.csv", Line: 3, Column: 4, Field: "mttr_h", Err: fe})
	want := `grid: u.csv line 3, column 4 (mttr_h): mttr_h = 0.05, want finite >= 0.1 (MinDurationHours) (unit "B")`
	if err.Error() != want {
		t.Errorf("got  %q\nwant %q", err.Error(), want)
	}
	var ce *CSVError
	var got *FieldError
	if !errors.As(err, &ce) || !errors.As(err, &got) || got != fe {
		t.Error("errors.As does not find the CSVError and its FieldError")
	}
	if s := (&CSVError{File: "load.csv", Err: errors.New("empty")}).Error(); s != "load.csv: empty" {
		t.Errorf("whole-file error: %q", s)
	}
}

func ExampleIn() {
	// A validator names the field relative to what it was given ...
	err := error(Field("mttr_h", -5.0, "finite >= 0.1"))
	// ... and each caller adds where that value sits in the document.
	err = In(err, "fleet[12]")
	fmt.Println(err)
	// Output: fleet[12].mttr_h = -5, want finite >= 0.1
}
