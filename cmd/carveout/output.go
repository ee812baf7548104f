package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// A report's output folder (-out of an unsharded run or of merge) holds
// that report and its charts, and nothing else. It is written whole into a
// fresh folder beside it and renamed into place, so that a failure (a full
// disk, a kill) never leaves a mix of two runs' files or half a file, and
// a complete result is replaced only by another complete one. The report of
// an interrupted run goes to its own folder, partialDir(out).

// partialDir is where the report of an interrupted run with -out DIR goes,
// so that it never replaces the complete report in DIR.
func partialDir(out string) string { return filepath.Clean(out) + ".partial" }

// isReportFile reports whether name is a file that a report's output folder
// holds: report.json, report.html, charts (PNG, SVG and PDF), the
// report's tables and a samples file named samples.csv.
func isReportFile(name string) bool {
	switch name {
	case "report.json", "report.html", "months.csv", "zones.csv", "zone_months.csv", "samples.csv",
		"cost.csv", "cost_fuels.csv", "cost_months.csv", "duration_curve.csv":
		return true
	}
	switch filepath.Ext(name) {
	case ".png", ".svg", ".pdf":
		return true
	}
	return false
}

// checkReportDir checks, before any trial runs, that a report can be written
// to the folder dir: that it is absent or a folder holding only the files
// of a report, or files named in also (the run's own samples file), which
// the new report replaces, and that its parent folder (where the new
// folder is made) and the folder itself are writable. It creates nothing.
func checkReportDir(dir string, also ...string) error {
	dir = filepath.Clean(dir)
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return usageError{fmt.Errorf("-out %s is a file, want a folder", dir)}
		}
		return usageError{fmt.Errorf("-out: %w", err)}
	default:
		for _, e := range ents {
			if e.IsDir() || !(isReportFile(e.Name()) || slices.Contains(also, e.Name())) {
				return usageError{fmt.Errorf("-out %s holds %s, which is not a file of a report; give a new or empty folder, or the folder of an earlier report (which is replaced)", dir, e.Name())}
			}
		}
		if err := probeWritable(dir); err != nil {
			return usageError{fmt.Errorf("-out %s is not writable: %w", dir, err)}
		}
	}
	parent := filepath.Dir(dir)
	if err := probeWritable(parent); err != nil {
		return usageError{fmt.Errorf("-out %s: cannot create a folder in %s: %w", dir, parent, err)}
	}
	return nil
}

// probeWritable checks that a file can be created in dir, creating and
// removing an empty temporary file.
func probeWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".carveout-probe-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return pe.Err
		}
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// checkFileDir checks, before any trial runs, that files can be created in
// the folder of path (a checkpoint), which must exist.
func checkFileDir(flag, path string) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return usageError{fmt.Errorf("%s %s: folder %s: %w", flag, path, dir, errors.Unwrap(err))}
	} else if !fi.IsDir() {
		return usageError{fmt.Errorf("%s %s: %s is not a folder", flag, path, dir)}
	}
	if err := probeWritable(dir); err != nil {
		return usageError{fmt.Errorf("%s %s: folder %s is not writable: %w", flag, path, dir, err)}
	}
	return nil
}

// replaceDir writes a folder with write (given the folder to fill) and
// puts it at dir: into a new folder beside dir first, which then takes
// dir's place. An earlier dir (the folder of an earlier report, see
// [checkReportDir]) is removed only once the new folder is complete; if
// anything fails, dir is left as it was.
func replaceDir(dir string, write func(tmp string) error) (err error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err = syncDir(tmp); err != nil {
		return err
	}
	if _, serr := os.Lstat(dir); errors.Is(serr, fs.ErrNotExist) {
		if err = os.Rename(tmp, dir); err != nil {
			return err
		}
		return syncDir(parent)
	}
	// Move the earlier folder aside to a fresh name (reserved as an empty
	// folder, removed just before, as os.Rename does not replace a
	// folder), the new one in, then remove the earlier one.
	old, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		return err
	}
	if err = os.Remove(old); err != nil {
		return err
	}
	if err = os.Rename(dir, old); err != nil {
		return err
	}
	if err = os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("%w (and the earlier folder, moved to %s, could not be moved back: %v)", err, old, rerr)
		}
		return err
	}
	if err = syncDir(parent); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// syncDir flushes a folder's entries to disk.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
