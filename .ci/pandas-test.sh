#!/bin/bash
# pandas-test.sh: check that the tables of a carve-out run read in pandas
# give the report's numbers.
#
# What it does:
#   1. installs Debian's python3-pandas if the Python below cannot import
#      pandas (root, or sudo), as slurm-test.sh installs Slurm;
#   2. builds cmd/carveout;
#   3. runs `carveout run -trials N -out DIR -samples DIR/samples.csv` (the
#      Pakistan scenario, zonal, its own seed);
#   4. runs .ci/pandas-check.py DIR: samples.csv has a row per trial, its
#      column means are the report's estimates to the printed precision
#      (and, summed exactly, to 2 ulp), and months.csv, zones.csv,
#      zone_months.csv and the cost tables (cost.csv, cost_fuels.csv,
#      cost_months.csv, duration_curve.csv) hold the report's numbers.
#
# Environment (all optional):
#   PANDAS_TEST_TRIALS  trials of the run (default 10000)
#   PANDAS_TEST_PYTHON  the Python with pandas (default /usr/bin/python3,
#                       the one Debian's python3-pandas installs into)
#   PANDAS_TEST_KEEP=1  keep the run's folder (printed at the end)
#   CARVEOUT_BIN        use this carveout binary instead of building one
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
trials=${PANDAS_TEST_TRIALS:-10000}
py=${PANDAS_TEST_PYTHON:-/usr/bin/python3}
keep=${PANDAS_TEST_KEEP:-0}

now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }
t_phase=$(now_ms)
phase() { # phase NAME: print the time since the previous phase ended
	local t
	t=$(now_ms)
	printf 'pandas-test: %-28s %7.2f s\n' "$1" "$((t - t_phase))e-3" >&2
	t_phase=$t
}
say() { printf 'pandas-test: %s\n' "$*" >&2; }
fail() {
	printf 'pandas-test: FAIL: %s\n' "$*" >&2
	exit 1
}

# --- 1. pandas -----------------------------------------------------------------
command -v "$py" >/dev/null 2>&1 || [[ -x $py ]] || fail "no Python at $py (set PANDAS_TEST_PYTHON)"
if ! "$py" -c 'import pandas' 2>/dev/null; then
	sudo=()
	if (($(id -u) != 0)); then
		command -v sudo >/dev/null 2>&1 || fail "pandas is not installed for $py and we are not root and there is no sudo"
		sudo=(sudo)
	fi
	say "installing python3-pandas"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || fail "apt-get update failed"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pandas >&2 ||
		fail "apt-get install python3-pandas failed"
	"$py" -c 'import pandas' || fail "$py still cannot import pandas after apt-get install"
	phase "apt-get install python3-pandas"
else
	say "pandas $("$py" -c 'import pandas; print(pandas.__version__)') already installed for $py"
fi

# --- 2.-4. run and check -----------------------------------------------------------
T=$(mktemp -d "${TMPDIR:-/tmp}/carveout-pandas.XXXXXX")
if [[ $keep == 1 ]]; then
	trap 'say "kept $T"' EXIT
else
	trap 'rm -rf -- "$T"' EXIT
fi
bin=${CARVEOUT_BIN:-}
if [[ -z $bin ]]; then
	bin=$T/carveout
	go -C "$repo" build -o "$bin" ./cmd/carveout || fail "go build ./cmd/carveout failed"
	phase "go build ./cmd/carveout"
fi
"$bin" run -trials "$trials" -quiet -out "$T/out" -samples "$T/out/samples.csv" >/dev/null 2>"$T/run.log" ||
	{
		cat "$T/run.log" >&2
		fail "carveout run failed"
	}
phase "carveout run -trials $trials"
say "$(wc -c <"$T/out/samples.csv") bytes of samples.csv"
"$py" "$repo/.ci/pandas-check.py" "$T/out" >&2 || fail "the tables do not match the report (above)"
phase "pandas-check.py"
