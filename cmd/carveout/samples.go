package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/carveout/carveout/study"
)

// The samples file of `carveout run -samples FILE.csv`: one row per trial
// (study.SamplesCSV), written while the run streams. It never claims a
// completeness it lacks: rows go to a work file beside it, which becomes
// FILE only when the run completes. Without -checkpoint the work file is
// a fresh temporary file, removed if the run does not complete. With
// -checkpoint it has a fixed name, is flushed to disk before each
// checkpoint is saved, and is kept when the run is interrupted: a resumed
// run cuts it back to the checkpoint's trials and goes on writing it.
//
// When FILE is in the -out folder of an unsharded run, which is replaced
// whole when the report is written, the work file lives beside that folder
// and is moved into the new folder with the report.

// shardPlaceholder in a -samples path stands for the shard index.
const shardPlaceholder = "{shard}"

// samplesPath returns the samples file of shard i of n: path with
// {shard} replaced by i. A sharded run needs the placeholder, so that
// shards given the same flags (a Slurm array) write files of their own.
func samplesPath(path string, i, n int) (string, error) {
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		if strings.EqualFold(filepath.Ext(path), ".parquet") {
			return "", fmt.Errorf("-samples %s: Parquet is not written, only CSV (FILE.csv); pandas, R and Stata read it directly", path)
		}
		return "", fmt.Errorf("-samples %s: want a file name ending in .csv", path)
	}
	if n > 1 && !strings.Contains(path, shardPlaceholder) {
		return "", fmt.Errorf("-samples %s with -shard: put %s in the name (e.g. samples-%s.csv), which becomes the shard index, so that each shard writes its own file", path, shardPlaceholder, shardPlaceholder)
	}
	return strings.ReplaceAll(path, shardPlaceholder, strconv.Itoa(i)), nil
}

// samplesOut is the samples file of a run being written.
type samplesOut struct {
	final string // the complete file's path
	work  string // the file being written
	keep  bool   // keep work when the run does not complete (-checkpoint)
	inOut bool   // final is in the -out folder, replaced whole at the end
	f     *os.File
	csv   *study.SamplesCSV
}

// inFolder reports whether path's folder is dir.
func inFolder(path, dir string) bool {
	a, err1 := filepath.Abs(filepath.Dir(path))
	b, err2 := filepath.Abs(dir)
	return err1 == nil && err2 == nil && a == b
}

// checkSamplesDir checks, before any trial runs, that the samples file
// and its work file can be written: the folder of final (or, when final is
// in out, the folder beside out) exists and is writable. It creates
// nothing.
func checkSamplesDir(final, out string) error {
	if out != "" && inFolder(final, out) {
		return checkFileDir("-samples", filepath.Clean(out))
	}
	if fi, err := os.Stat(final); err == nil && fi.IsDir() {
		return usageError{fmt.Errorf("-samples %s is a folder, want a file", final)}
	}
	return checkFileDir("-samples", final)
}

// openSamples opens the work file of the samples of st's run into final;
// out is the -out folder of an unsharded run (else ""). With a
// checkpoint, the work file has a fixed name; resumeDone > 0 (the trials
// of the checkpoint being resumed, the first of which is trial first)
// reopens it, checks that it holds the header and those trials' rows in
// order, and cuts it after them.
func openSamples(final, out string, st *study.Study, checkpoint bool, first, resumeDone int64) (*samplesOut, error) {
	s := &samplesOut{final: final, keep: checkpoint, inOut: out != "" && inFolder(final, out)}
	dir, name := filepath.Dir(final), filepath.Base(final)
	if s.inOut {
		out = filepath.Clean(out)
		dir, name = filepath.Dir(out), filepath.Base(out)+"."+name
	}
	var err error
	switch {
	case !checkpoint:
		if s.f, err = os.CreateTemp(dir, "."+name+".tmp-*"); err != nil {
			return nil, err
		}
		s.work = s.f.Name()
		s.csv = study.NewSamplesCSV(s.f, st)
		return s, nil
	case resumeDone == 0:
		s.work = filepath.Join(dir, "."+name+".partial")
		if s.f, err = os.Create(s.work); err != nil {
			return nil, err
		}
		s.csv = study.NewSamplesCSV(s.f, st)
		return s, nil
	}
	s.work = filepath.Join(dir, "."+name+".partial")
	s.f, err = os.OpenFile(s.work, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usageError{fmt.Errorf("-samples %s: the checkpoint holds %d trials, but %s, which holds their rows, is gone; remove the checkpoint to start over, or run without -samples", final, resumeDone, s.work)}
	}
	if err != nil {
		return nil, err
	}
	end, err := samplesPrefix(s.f, strings.Join(st.SampleColumns(), ","), first, resumeDone)
	if err == nil {
		err = s.f.Truncate(end)
	}
	if err == nil {
		_, err = s.f.Seek(end, io.SeekStart)
	}
	if err != nil {
		s.f.Close()
		return nil, usageError{fmt.Errorf("-samples %s: cannot continue %s from the checkpoint: %w; remove the checkpoint to start over", final, s.work, err)}
	}
	s.csv = study.ContinueSamplesCSV(s.f)
	return s, nil
}

// samplesPrefix reads a samples file from its start and returns the
// offset just after its header (which must be header) and n rows for
// trials first, first+1, …: the part a resumed run keeps.
func samplesPrefix(r io.Reader, header string, first, n int64) (int64, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	line, err := br.ReadBytes('\n')
	if err != nil || string(bytes.TrimSuffix(line, []byte("\n"))) != header {
		return 0, fmt.Errorf("its first line is not the study's header")
	}
	off := int64(len(line))
	for j := range n {
		line, err := br.ReadBytes('\n')
		if err != nil {
			return 0, fmt.Errorf("it holds %d complete rows, the checkpoint %d trials", j, n)
		}
		want := strconv.FormatInt(first+j, 10) + ","
		if !bytes.HasPrefix(line, []byte(want)) {
			return 0, fmt.Errorf("line %d is not the row of trial %d", j+2, first+j)
		}
		off += int64(len(line))
	}
	return off, nil
}

// sync writes the rows so far to disk: before a checkpoint that counts
// them is saved.
func (s *samplesOut) sync() error {
	if err := s.csv.Flush(); err != nil {
		return err
	}
	return s.f.Sync()
}

// commit completes the file and puts it at its path, or, when it belongs
// in the -out folder, into reportDir, the folder being made to replace
// it. It returns where the file went.
func (s *samplesOut) commit(reportDir string) (string, error) {
	err := s.sync()
	if err == nil {
		err = s.f.Chmod(0o644)
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(s.work)
		return "", err
	}
	dest := s.final
	if s.inOut {
		dest = filepath.Join(reportDir, filepath.Base(s.final))
	}
	if err := os.Rename(s.work, dest); err != nil {
		os.Remove(s.work)
		return "", err
	}
	return dest, syncDir(filepath.Dir(dest))
}

// abandon closes the work file of a run that did not complete, and
// removes it unless a resumed run will continue it. It says what became
// of it.
func (s *samplesOut) abandon() string {
	s.csv.Flush()
	s.f.Close()
	if s.keep {
		return fmt.Sprintf("no samples file written; the rows so far are kept in %s for the resumed run", s.work)
	}
	os.Remove(s.work)
	return "no samples file written"
}
