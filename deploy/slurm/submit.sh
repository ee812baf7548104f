#!/bin/bash
# submit.sh: submit a sharded carveout run as a Slurm job array plus a merge
# job that runs only if every shard succeeds.
#
# usage: submit.sh -n SHARDS -o OUTDIR [-b BIN] [-c CPUS] [-j MAXPAR] [-s SBATCH_ARGS] [-f] -- RUN_FLAGS...
#
#   -n SHARDS     number of shards (array tasks 0..SHARDS-1)
#   -o OUTDIR     output directory, on a file system all nodes see
#   -b BIN        carveout binary, also on a shared file system
#                 (default: `carveout` on PATH)
#   -c CPUS       CPUs per shard task (--cpus-per-task; carveout -workers); default 1
#   -j MAXPAR     at most MAXPAR shard tasks running at once (--array=...%MAXPAR)
#   -s ARGS       extra sbatch options for both jobs, split on spaces
#                 (e.g. -s '--partition=long --time=04:00:00'); sbatch's own
#                 SBATCH_* environment variables work too
#   -f            start over: delete OUTDIR's shard files, checkpoints and
#                 report, then run every shard with the (possibly new) flags
#   RUN_FLAGS     flags for `carveout run`, e.g. -scenario pakistan -trials 1000000 -seed 1
#
# Only shards without a shard-<i>.json in OUTDIR are submitted, so running the
# same command again after a failure resubmits just the missing shards (which
# resume from their checkpoints) and a new merge. OUTDIR remembers the flags
# of its first submission and refuses different ones.
#
# Prints on stdout, one per line:
#   array_job=<id>   (empty if every shard was already done)
#   merge_job=<id>
set -euo pipefail

usage() { # usage STATUS
	sed -n '5,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit "$1"
}
die() {
	echo "submit.sh: $*" >&2
	exit 2
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shards='' out='' bin=carveout cpus=1 maxpar='' force=0
extra=()
while getopts ':n:o:b:c:j:s:fh' opt; do
	case $opt in
	n) shards=$OPTARG ;;
	o) out=$OPTARG ;;
	b) bin=$OPTARG ;;
	c) cpus=$OPTARG ;;
	j) maxpar=$OPTARG ;;
	s) read -r -a extra <<<"$OPTARG" ;;
	f) force=1 ;;
	h) usage 0 ;;
	:) die "option -$OPTARG needs a value" ;;
	*) die "unknown option -$OPTARG (see -h)" ;;
	esac
done
shift $((OPTIND - 1))
[[ -n $shards ]] || die "-n SHARDS is required"
[[ -n $out ]] || die "-o OUTDIR is required"
[[ $shards =~ ^[1-9][0-9]*$ ]] || die "-n = \"$shards\", want an integer >= 1"
[[ $cpus =~ ^[1-9][0-9]*$ ]] || die "-c = \"$cpus\", want an integer >= 1"
[[ -z $maxpar || $maxpar =~ ^[1-9][0-9]*$ ]] || die "-j = \"$maxpar\", want an integer >= 1"
(($# > 0)) || die "no carveout run flags after --; give at least -trials and -seed"
command -v sbatch >/dev/null 2>&1 || die "sbatch not found on PATH"

# Jobs run elsewhere, so everything they touch is passed as an absolute path.
binpath=$(command -v -- "$bin" 2>/dev/null) || die "-b = \"$bin\": not found or not executable"
binpath=$(readlink -f -- "$binpath")
mkdir -p -- "$out" "$out/logs"
out=$(cd -- "$out" && pwd -P)

# Refuse to mix shards of different runs in one directory.
args_file=$out/run.args
args=$(printf '%q ' "$@")
if [[ $force == 1 ]]; then
	rm -rf -- "$out"/shard-*.json "$out/checkpoints" "$out/report.json"
elif [[ -e $args_file ]]; then
	prev=$(<"$args_file")
	[[ $prev == "$args" && $(<"$out/shards") == "$shards" ]] ||
		die "$out holds a run with -n $(<"$out/shards") and flags: $prev; use a new directory, or -f to start over"
fi
printf '%s\n' "$args" >"$args_file"
printf '%s\n' "$shards" >"$out/shards"

# Which shards still need running? Compressed into Slurm's a-b,c syntax.
todo=()
for ((i = 0; i < shards; i++)); do
	if [[ ! -s $out/shard-$i.json ]]; then
		todo+=("$i")
	fi
done
spec=
for ((k = 0; k < ${#todo[@]}; k++)); do
	a=${todo[k]}
	b=$a
	while ((k + 1 < ${#todo[@]} && todo[k + 1] == b + 1)); do
		k=$((k + 1))
		b=${todo[k]}
	done
	r=$a
	if ((b > a)); then
		r=$a-$b
	fi
	spec=${spec:+$spec,}$r
done

# The jobs get this shell's environment (--export=ALL) plus these.
export CARVEOUT_OUT=$out CARVEOUT_SHARDS=$shards CARVEOUT_BIN=$binpath
unset CARVEOUT_FORCE CARVEOUT_REPORT_DIR
jobid() { # sbatch --parsable prints "id" or "id;cluster"
	local id
	id=$("$@") || return 1
	id=${id%%;*}
	[[ $id =~ ^[0-9]+$ ]] || {
		echo "submit.sh: sbatch printed \"$id\", want a job id" >&2
		return 1
	}
	printf '%s\n' "$id"
}

array_id=
dep=()
if [[ -n $spec ]]; then
	array_id=$(jobid sbatch --parsable "${extra[@]}" \
		--array="$spec${maxpar:+%$maxpar}" --cpus-per-task="$cpus" \
		--export=ALL -o "$out/logs/shard-%A_%a.out" \
		"$here/carveout-array.sbatch" "$@") || die "submitting the array failed"
	dep=(--dependency="afterok:$array_id" --kill-on-invalid-dep=yes)
	echo "submit.sh: array job $array_id runs shards $spec of $shards" >&2
else
	echo "submit.sh: all $shards shards are already in $out; submitting the merge only" >&2
fi
merge_id=$(jobid sbatch --parsable "${extra[@]}" "${dep[@]}" \
	--export=ALL -o "$out/logs/merge-%j.out" \
	"$here/carveout-merge.sbatch") || die "submitting the merge failed${array_id:+ (array job $array_id is queued; scancel it if needed)}"
echo "submit.sh: merge job $merge_id writes $out/report.json" >&2
echo "array_job=$array_id"
echo "merge_job=$merge_id"
