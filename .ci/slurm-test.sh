#!/bin/bash
# slurm-test.sh: run carveout shards on a real (single-node) Slurm and check
# that merging them gives, byte for byte, the report of one process.
#
# What it does:
#   1. installs slurmctld, slurmd, slurm-client and munge from Debian's
#      archive if they are missing (root, or sudo);
#   2. starts munged, slurmctld and slurmd on localhost, on two free ports
#      (SLURM_TEST_PORT and the next one, or a pair picked from the process
#      ID and probed, so that concurrent runs do not collide), with a fresh
#      munge key and config under a new temporary directory (nothing in /etc
#      is read or written);
#   3. builds cmd/carveout once;
#   4. submits a 4-task array of `carveout run -shard i/4` and the merge
#      (--dependency=afterok) through deploy/slurm/submit.sh, waits for both,
#      checks every task's JobState and ExitCode, and cmp's the merged
#      report.json with a single-process `carveout run` of the same flags;
#   5. deletes one shard file and resubmits: only that shard must rerun, and
#      the new merge must again equal the single-process report;
#   6. submits a run whose shards all fail and checks that the merge is
#      cancelled and no shard or report file is left behind;
#   7. cancels a running shard once it has checkpointed, checks that the
#      merge is cancelled, resubmits, and checks that the shard resumed and
#      ends with the bytes of an uninterrupted run;
#   8. stops the daemons it started, by PID (also on failure or Ctrl-C).
# On failure it prints the daemon and job logs and exits non-zero.
#
# Environment (all optional):
#   SLURM_TEST_RUN_ARGS  flags for `carveout run` (default below; keep it small)
#   SLURM_TEST_TIMEOUT   seconds to wait for any one step (default 120)
#   SLURM_TEST_KEEP=1    keep the temporary directory (printed at the end)
#   SLURM_TEST_CHECK_EVERY  carveout's checkpoint interval in trials (1000)
#   SLURM_TEST_PORT      slurmctld's port; slurmd uses the next one
#                        (default: a free pair in 20000-29999)
#   CARVEOUT_BIN         use this carveout binary instead of building one
#
# Timings go to stderr. Two concurrent runs on one machine would collide on
# the ports; don't.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run_args_default='-scenario pakistan -trials 200 -seed 20250101'
read -r -a run_args <<<"${SLURM_TEST_RUN_ARGS:-$run_args_default}"
timeout=${SLURM_TEST_TIMEOUT:-120}
keep=${SLURM_TEST_KEEP:-0}
ck_every=${SLURM_TEST_CHECK_EVERY:-1000}
shards=4

now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }
t_start=$(now_ms)
t_phase=$t_start
timings=()
phase() { # phase NAME: record the time since the previous phase ended
	local t
	t=$(now_ms)
	timings+=("$(printf '%-28s %7.2f s' "$1" "$((t - t_phase))e-3")")
	printf 'slurm-test: %-28s %7.2f s\n' "$1" "$((t - t_phase))e-3" >&2
	t_phase=$t
}
say() { printf 'slurm-test: %s\n' "$*" >&2; }
fail() {
	printf 'slurm-test: FAIL: %s\n' "$*" >&2
	exit 1
}

# Slurm and munge daemons live in /usr/sbin, which is not on every PATH.
export PATH=$PATH:/usr/sbin:/sbin
# A CI runner that is itself a Slurm job must not leak its job's settings
# (our own SLURM_TEST_* settings were read above).
for v in "${!SLURM_@}"; do unset "$v"; done

# --- 1. packages -------------------------------------------------------------
need_install=0
for c in slurmctld slurmd sbatch squeue scontrol sinfo scancel munged mungekey; do
	command -v "$c" >/dev/null 2>&1 || need_install=1
done
if ((need_install)); then
	sudo=()
	if (($(id -u) != 0)); then
		command -v sudo >/dev/null 2>&1 || fail "Slurm is not installed and we are not root and there is no sudo"
		sudo=(sudo)
	fi
	say "installing slurmctld slurmd slurm-client munge"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || fail "apt-get update failed"
	phase "apt-get update"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		slurmctld slurmd slurm-client munge >&2 || fail "apt-get install failed"
	for c in slurmctld slurmd sbatch munged mungekey; do
		command -v "$c" >/dev/null 2>&1 || fail "$c still missing after apt-get install"
	done
	phase "apt-get install"
else
	say "Slurm and munge already installed"
fi

# --- 2. cluster ----------------------------------------------------------------
T=$(mktemp -d "${TMPDIR:-/tmp}/carveout-slurm.XXXXXX")
# munged needs execute permission for all on the socket's directory and its
# parents; the key directory stays private.
chmod 755 "$T"
mkdir -p "$T/munge-key" "$T/munge-run" "$T/state" "$T/spool" "$T/log" "$T/bin"
chmod 700 "$T/munge-key"
chmod 755 "$T/munge-run"
user=$(id -un)
# A port is taken if something accepts a connection on it.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ctld_port=${SLURM_TEST_PORT:-}
if [[ -z $ctld_port ]]; then
	ctld_port=$((20000 + ($$ % 5000) * 2))
	for _ in $(seq 100); do
		port_taken "$ctld_port" || port_taken $((ctld_port + 1)) || break
		ctld_port=$((20000 + (ctld_port - 20000 + 2) % 10000))
	done
fi
echo "slurm-test: slurmctld on port $ctld_port, slurmd on $((ctld_port + 1))" >&2
export SLURM_CONF=$T/slurm.conf
cat >"$SLURM_CONF" <<EOF
# Written by carveout's .ci/slurm-test.sh: a throwaway single-node cluster.
ClusterName=carveoutci
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$T/munge-run/munge.socket
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MinJobAge=3600
# Escalate from SIGTERM to SIGKILL quickly when a job is cancelled (default 30 s).
KillWait=5
ReturnToService=2
# Advertise 4 CPUs whatever the machine has, so all 4 shards run in one wave;
# config_overrides stops slurmd from draining the node for "Low CPUs".
SlurmdParameters=config_overrides
NodeName=localhost NodeAddr=127.0.0.1 CPUs=4 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

pids=()    # daemons we started, in start order
names=()
kids=()    # other background children (build, single-process run)
job_ids=() # every job we submitted, cancelled on the way out
cluster_up=0
# Every process that descends from our daemons or jobs carries this variable
# (the daemons and sbatch get it; jobs inherit sbatch's environment), so
# leftovers can be found by PID after the daemons are gone. The script itself
# does not export it.
marker=CARVEOUT_SLURM_TEST_ID=$T
# Client commands talk to our daemons; if munged or slurmctld is wedged they
# can block for minutes, so each call gets a time limit.
sl() { timeout 20 "$@"; }

show_logs() {
	local f
	for f in "$T"/log/* "$T"/out*/logs/*; do
		[[ -f $f ]] || continue
		echo "----- $f (last 60 lines) -----" >&2
		tail -n 60 "$f" >&2 || true
	done
}

running() { # running PID: true if PID exists and is not a zombie
	local st
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	[[ $st != Z* ]]
}
stop_pids() { # stop_pids NAME PID...: TERM, wait up to 10 s, then KILL; reap our children
	local name=$1 k p left
	shift
	kill -TERM "$@" 2>/dev/null || true
	for ((k = 0; k < 100; k++)); do
		left=()
		for p in "$@"; do running "$p" && left+=("$p"); done
		((${#left[@]} == 0)) && break
		sleep 0.1
	done
	if ((${#left[@]} > 0)); then
		say "$name (pid ${left[*]}) ignored SIGTERM for 10 s; sending SIGKILL"
		kill -KILL "${left[@]}" 2>/dev/null || true
	fi
	for p in "$@"; do wait "$p" 2>/dev/null || true; done
}
leftovers() { # leftovers: PIDs of processes that carry our marker
	grep -lzxF -- "$marker" /proc/[0-9]*/environ 2>/dev/null | sed -n 's|^/proc/\([0-9]*\)/environ$|\1|p' || true
}

cleanup() {
	local rc=$? i
	trap - EXIT INT TERM
	set +e
	((${#kids[@]} > 0)) && stop_pids "child" "${kids[@]}"
	kids=()
	if ((cluster_up && ${#job_ids[@]} > 0)); then
		timeout 10 scancel "${job_ids[@]}" 2>/dev/null
		local ids
		ids=$(IFS=,; echo "${job_ids[*]}")
		local q until=$((SECONDS + 10))
		while ((SECONDS < until)); do
			q=$(timeout 5 squeue -h -j "$ids" 2>/dev/null) || break
			[[ -z $q ]] && break
			sleep 0.2
		done
	fi
	((rc != 0)) && show_logs
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		stop_pids "${names[i]}" "${pids[i]}"
	done
	# slurmstepd double-forks away from slurmd; after a clean run nothing is
	# left, but after a failure job steps may outlive the daemons.
	local left
	mapfile -t left < <(leftovers)
	if ((${#left[@]} > 0)); then
		say "stopping leftover job processes: $(ps -o pid=,args= -p "$(IFS=,; echo "${left[*]}")" | tr '\n' ';')"
		stop_pids "leftover" "${left[@]}"
		((rc == 0)) && rc=1 && say "FAIL: job processes were still running after the test"
	fi
	if ((rc != 0)) || [[ $keep == 1 ]]; then
		say "kept $T"
	else
		rm -rf -- "$T"
	fi
	if ((rc == 0)); then
		phase "stop daemons"
		say "timings:"
		printf 'slurm-test:   %s\n' "${timings[@]}" >&2
		local total=$(($(now_ms) - t_start))
		say "PASS in $(printf '%.2f' "${total}e-3") s"
	else
		say "FAILED (exit $rc)"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_daemon() { # start_daemon NAME LOG CMD...: start in the background, remember its PID
	local name=$1 log=$2
	shift 2
	env "$marker" "$@" >>"$log" 2>&1 &
	pids+=("$!")
	names+=("$name")
}
# Long commands run as remembered background children, so that a signal to
# this script is handled at once (bash defers traps while a foreground
# command runs) and the child is stopped on the way out.
# bgstart [-o FILE] [-e FILE] CMD...: start CMD (stdout, stderr to FILEs);
# its PID is in $bgpid. Redirect through -o/-e, not around the call.
bgstart() {
	local o="" e=""
	while [[ $1 == -[oe] ]]; do
		if [[ $1 == -o ]]; then o=$2; else e=$2; fi
		shift 2
	done
	(
		if [[ -n $o ]]; then exec >"$o"; fi
		if [[ -n $e ]]; then exec 2>"$e"; fi
		exec "$@"
	) &
	bgpid=$!
	kids+=("$bgpid")
}
bgjoin() { # bgjoin PID: wait for a child started by bgstart; returns its status
	local rc=0 k
	wait "$1" || rc=$?
	for k in "${!kids[@]}"; do
		[[ ${kids[k]} == "$1" ]] && unset 'kids[k]'
	done
	return "$rc"
}
bgwait() { # bgwait [-o FILE] [-e FILE] CMD...: bgstart, then bgjoin
	bgstart "$@"
	bgjoin "$bgpid"
}
alive() { # alive: fail if a daemon we started has exited
	local i
	for i in "${!pids[@]}"; do
		kill -0 "${pids[i]}" 2>/dev/null || fail "${names[i]} (pid ${pids[i]}) exited"
	done
}

mungekey -c -k "$T/munge-key/munge.key" || fail "mungekey could not create a key"
chmod 600 "$T/munge-key/munge.key"
# munged -F logs to stderr whatever --log-file says.
start_daemon munged "$T/log/munged.log" munged -F \
	--key-file="$T/munge-key/munge.key" --socket="$T/munge-run/munge.socket" \
	--pid-file="$T/munge-run/munged.pid" --seed-file="$T/munge-key/munged.seed"
for ((k = 0; k < 100; k++)); do
	[[ -S $T/munge-run/munge.socket ]] && break
	alive
	sleep 0.05
done
[[ -S $T/munge-run/munge.socket ]] || fail "munged did not create its socket in 5 s"
start_daemon slurmctld "$T/log/slurmctld.stderr" slurmctld -D -i -f "$SLURM_CONF"
start_daemon slurmd "$T/log/slurmd.stderr" slurmd -D -N localhost -f "$SLURM_CONF"
cluster_up=1
phase "start daemons"

# --- 3. build (while the node comes up) ---------------------------------------
if [[ -n ${CARVEOUT_BIN:-} ]]; then
	bin=$(readlink -f -- "$(command -v -- "$CARVEOUT_BIN")") || fail "CARVEOUT_BIN = \"$CARVEOUT_BIN\": not found"
	say "using CARVEOUT_BIN=$bin"
else
	command -v go >/dev/null 2>&1 || export PATH=/usr/local/go/bin:$PATH
	bin=$T/bin/carveout
	# No -trimpath: the build then reuses the cache that go vet/go test filled.
	bgwait go -C "$repo" build -o "$bin" ./cmd/carveout || fail "go build ./cmd/carveout failed"
	phase "go build ./cmd/carveout"
fi

deadline=$((SECONDS + timeout))
until [[ $(sl sinfo -h -N -n localhost -o %t 2>/dev/null || true) == idle ]]; do
	alive
	((SECONDS < deadline)) || fail "node not idle after ${timeout} s: sinfo says \"$(sl sinfo -h -N -o '%N %t %E' 2>&1 || true)\""
	sleep 0.1
done
phase "node idle"

# --- helpers for jobs ---------------------------------------------------------
submit() { # submit OUTDIR [submit.sh options] -- RUN_FLAGS: sets array_job, merge_job
	local out=$1 res
	shift
	res=$(timeout 60 env "$marker" "$repo/deploy/slurm/submit.sh" -o "$out" -b "$bin" "$@") || fail "submit.sh $* failed"
	array_job=$(sed -n 's/^array_job=//p' <<<"$res")
	merge_job=$(sed -n 's/^merge_job=//p' <<<"$res")
	[[ $merge_job =~ ^[0-9]+$ ]] || fail "submit.sh printed no merge job id: $res"
	[[ -z $array_job ]] || job_ids+=("$array_job")
	job_ids+=("$merge_job")
}
wait_job() { # wait_job ID: until squeue no longer lists it (pending or running)
	local id=$1 q deadline=$((SECONDS + timeout))
	while :; do
		q=$(sl squeue -h -j "$id" -o '%i %T %r') || fail "squeue -j $id failed"
		[[ -z $q ]] && return 0
		alive
		((SECONDS < deadline)) || fail "job $id still queued after ${timeout} s: $(tr '\n' ';' <<<"$q")"
		sleep 0.1
	done
}
# states ID: one "task state exitcode" line per task (task "-" for a plain job).
states() {
	local line
	sl scontrol -o show job "$1" | while read -r line; do
		local task=- st="?" ec="?"
		[[ $line =~ ArrayTaskId=([^ ]+) ]] && task=${BASH_REMATCH[1]}
		[[ $line =~ JobState=([^ ]+) ]] && st=${BASH_REMATCH[1]}
		[[ $line =~ ExitCode=([^ ]+) ]] && ec=${BASH_REMATCH[1]}
		echo "$task $st $ec"
	done | sort -n
}
expect_ok() { # expect_ok ID NTASKS: every task COMPLETED with exit code 0:0
	local id=$1 n=$2 s bad
	s=$(states "$id") || fail "scontrol show job $id failed"
	bad=$(awk '$2 != "COMPLETED" || $3 != "0:0"' <<<"$s")
	[[ -z $bad ]] || fail "job $id has tasks that did not succeed (task state exit):"$'\n'"$s"
	(($(wc -l <<<"$s") == n)) || fail "job $id has $(wc -l <<<"$s") tasks, want $n:"$'\n'"$s"
}

# --- 4. array + merge vs one process ------------------------------------------
say "carveout run ${run_args[*]}  (shards: $shards)"
out=$T/out
submit "$out" -n "$shards" -- "${run_args[@]}"
say "array job $array_job, merge job $merge_job"
[[ -n $array_job ]] || fail "submit.sh submitted no array for a fresh directory"
# The single-process reference (default worker count; the shards use one
# worker each) runs while Slurm schedules the array. -out also draws the
# charts, to compare with the merge's.
bgwait -o "$T/single.json" -e "$T/log/single.stderr" "$bin" run "${run_args[@]}" -out "$T/single-out" ||
	fail "single-process carveout run failed: $(cat "$T/log/single.stderr")"
[[ -s $T/single.json ]] || fail "single-process carveout run printed nothing"
wait_job "$array_job"
expect_ok "$array_job" "$shards"
phase "array of $shards shards"
wait_job "$merge_job"
expect_ok "$merge_job" 1
phase "merge job"
for ((i = 0; i < shards; i++)); do
	[[ -s $out/shard-$i.json ]] || fail "shard file $out/shard-$i.json missing"
done
leftover=$(find "$out" -name '.*tmp*' -print)
[[ -z $leftover ]] || fail "temporary files left behind: $leftover"
[[ -s $out/report.json ]] || fail "merge wrote no $out/report.json"
cmp "$out/report.json" "$T/single.json" ||
	fail "merged report differs from the single-process report (diff below)"$'\n'"$(diff <(tr ',' '\n' <"$out/report.json") <(tr ',' '\n' <"$T/single.json") | head -40)"
# The merge's chart directory must hold exactly the files of the unsharded
# run's -out directory, byte for byte.
# shellcheck disable=SC2012 # plain file names, written by carveout
[[ $(cd "$T/single-out" && ls) == $(cd "$out/report" && ls) ]] ||
	fail "chart files differ: single-process run wrote $(ls "$T/single-out" | tr '\n' ' '), merge wrote $(ls "$out/report" | tr '\n' ' ')"
nfiles=0
for f in "$T"/single-out/*; do
	cmp "$f" "$out/report/${f##*/}" || fail "merged ${f##*/} differs from the single-process run's"
	nfiles=$((nfiles + 1))
done
say "merged report == single-process report ($(wc -c <"$T/single.json") bytes); $nfiles files of -out identical"

# --- 5. resubmission reruns only what is missing -------------------------------
cp "$out/shard-2.json" "$T/shard-2.before"
rm "$out/shard-2.json" "$out/report.json"
submit "$out" -n "$shards" -- "${run_args[@]}"
wait_job "$array_job"
expect_ok "$array_job" 1
s=$(states "$array_job")
[[ $s == "2 COMPLETED 0:0" ]] || fail "resubmission ran tasks (task state exit) $(tr '\n' ';' <<<"$s"), want only shard 2"
wait_job "$merge_job"
expect_ok "$merge_job" 1
cmp "$out/shard-2.json" "$T/shard-2.before" || fail "rerun shard 2 differs from its first run"
cmp "$out/report.json" "$T/single.json" || fail "merge after resubmission differs from the single-process report"
phase "resubmit one missing shard"

# --- 6. failing shards: merge cancelled, nothing half-written -------------------
bad=$T/out-bad
submit "$bad" -n 2 -- "${run_args[@]}" -policy no-such-policy
wait_job "$array_job"
s=$(states "$array_job")
[[ -z $(awk '$2 != "FAILED"' <<<"$s") && $(wc -l <<<"$s") == 2 ]] ||
	fail "shards of a -policy no-such-policy run should all be FAILED, got:"$'\n'"$s"
wait_job "$merge_job"
s=$(states "$merge_job")
[[ $s == *CANCELLED* ]] || fail "merge after failed shards should be CANCELLED (afterok), got: $s"
leftover=$(find "$bad" -maxdepth 1 \( -name 'shard-*' -o -name '.*tmp*' -o -name report.json \) -print)
[[ -z $leftover ]] || fail "failed shards left files behind: $leftover"
grep -h . "$bad"/logs/shard-* | grep -v '^carveout-array:' | head -1 | sed 's/^/slurm-test: failing shard said: /' >&2 || true
phase "failing shards (expected)"

# --- 7. a task killed part-way resumes from its checkpoint ----------------------
# Task 0 of a 2-shard array is cancelled (as by a time limit or scancel:
# SIGTERM) once it has written its first checkpoint. The merge must then be
# cancelled, and running the same submit.sh command again must resubmit only
# shard 0, which resumes from its checkpoint and ends with the bytes of an
# uninterrupted run of the same shard. carveout checkpoints every $ck_every
# trials (montecarlo's default check interval), so the shard gets that many
# trials plus about 1.5 s of work at the measured single-core rate, enough to
# be caught between its first checkpoint and its end.
# (Requeueing the task with `scontrol requeue` would exercise --requeue too,
# but forcing the requeued task to start at once races slurmd: "Job N already
# killed, do not launch batch job". Slurm normally delays requeued jobs.)
t0=$(now_ms)
bgwait -o /dev/null -e "$T/log/rate.stderr" "$bin" run "${run_args[@]}" -trials 300 -workers 1 -quiet ||
	fail "timing run failed: $(cat "$T/log/rate.stderr")"
rate=$((300 * 1000 / ($(now_ms) - t0 + 1)))
margin=$(((rate * 3 / 2 + 99) / 100 * 100))
((margin >= 200)) || margin=200
per_shard=$((ck_every + margin))
rs=$T/out-resume
rs_args=("${run_args[@]}" -trials $((2 * per_shard)))
say "resume: ~$rate trial-years/s on one core; 2 shards of $per_shard trials; cancel shard 0 after its first checkpoint"
submit "$rs" -n 2 -- "${rs_args[@]}"
first_array=$array_job
# Reference: the same shard, uninterrupted, outside Slurm.
bgstart -o "$T/shard-0.uninterrupted" -e "$T/log/shard0.stderr" \
	"$bin" run "${rs_args[@]}" -shard 0/2 -workers 1 -quiet
ref_pid=$bgpid
deadline=$((SECONDS + timeout))
until [[ -s $rs/checkpoints/shard-0.ckpt ]]; do
	[[ -e $rs/shard-0.json ]] && fail "shard 0 finished before its first checkpoint was seen; raise SLURM_TEST_CHECK_EVERY?"
	alive
	((SECONDS < deadline)) || fail "no checkpoint $rs/checkpoints/shard-0.ckpt after ${timeout} s"
	sleep 0.05
done
sl scancel "${array_job}_0" || fail "scancel ${array_job}_0 failed"
wait_job "$array_job"
s=$(states "$array_job")
[[ $s == "0 CANCELLED"*$'\n'"1 COMPLETED 0:0" ]] || fail "after scancel of task 0 want task 0 CANCELLED and task 1 COMPLETED, got:"$'\n'"$s"
wait_job "$merge_job"
s=$(states "$merge_job")
[[ $s == *CANCELLED* ]] || fail "merge after a cancelled shard should be CANCELLED (afterok), got: $s"
[[ ! -e $rs/shard-0.json && ! -e $rs/report.json ]] || fail "the cancelled shard left a shard file or a report"
[[ -s $rs/checkpoints/shard-0.ckpt ]] || fail "the cancelled shard's checkpoint is gone"
log0=$(cat "$rs/logs/shard-${first_array}_0.out")
[[ $log0 == *"got SIGTERM"* ]] || fail "shard 0 did not log SIGTERM; its log:"$'\n'"$log0"
submit "$rs" -n 2 -- "${rs_args[@]}"
wait_job "$array_job"
expect_ok "$array_job" 1
s=$(states "$array_job")
[[ $s == "0 COMPLETED 0:0" ]] || fail "resubmission ran tasks (task state exit) $(tr '\n' ';' <<<"$s"), want only shard 0"
wait_job "$merge_job"
expect_ok "$merge_job" 1
log0=$(cat "$rs/logs/shard-${array_job}_0.out")
[[ $log0 == *"resuming shard 0/2 from"* ]] || fail "shard 0 did not resume from its checkpoint; its log:"$'\n'"$log0"
bgjoin "$ref_pid" || fail "uninterrupted shard 0 run failed: $(cat "$T/log/shard0.stderr")"
cmp "$rs/shard-0.json" "$T/shard-0.uninterrupted" || fail "killed and resumed shard 0 differs from an uninterrupted run"
[[ -z $(ls -A "$rs/checkpoints") ]] || fail "checkpoints left after success: $(ls "$rs/checkpoints")"
[[ -s $rs/report.json ]] || fail "no merged report after the resumed shard"
say "killed shard resumed from its checkpoint; == uninterrupted run ($(wc -c <"$rs/shard-0.json") bytes)"
phase "kill + resume a shard"
