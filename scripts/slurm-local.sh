#!/usr/bin/env bash
# A real one-node SLURM cluster (slurmctld + slurmd + a private munged) on 127.0.0.1, for tests and
# benchmarks of `acuroi submit`. Recipe and findings: ../shared/notes/slurm-local.md (Debian 12,
# Slurm 22.05). Needs root for install/start/stop; submitting works as any user.
#
#   sudo scripts/slurm-local.sh install            # apt-get install slurmctld slurmd slurm-client munge
#   eval "$(sudo scripts/slurm-local.sh start)"    # exports SLURM_CONF and SLURM_LOCAL_DIR; node idle
#   scripts/slurm-local.sh wait JOBID [SECONDS]    # rc 0 ok, 1 failed/cancelled, 2 timeout,
#                                                  #    3 DependencyNeverSatisfied, 4 unknown job
#   scripts/slurm-local.sh failed ARRAYJOBID       # array task ids that did not complete, "1,3"
#   scripts/slurm-local.sh stop                    # needs SLURM_LOCAL_DIR; stops our daemons only
#
# Environment: SLURM_LOCAL_PORT (first of the controller/node port pair; default: the first free
# pair from 16817 on), SLURM_LOCAL_AUTH=none (no munged; insecure, CI only), SLURM_LOCAL_KEEP=1
# (stop keeps the folder and its logs), SLURM_LOCAL_CPUS (default nproc), SLURM_LOCAL_MAX_ARRAY_SIZE (default
# 1001, SLURM's own; the tests set it small to exercise acuroi submit's cap).
# It never uses pkill/killall: stop signals the PIDs in its own run/ folder after checking that
# each process's command line names that folder.
set -euo pipefail

say() { echo "slurm-local: $*" >&2; }
die() { say "$*"; exit 1; }

install_packages() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
     && command -v munged >/dev/null; then
    say "already installed: $(slurmctld -V 2>/dev/null || true)"; return 0
  fi
  [[ $(id -u) == 0 ]] || die "install needs root"
  local added_policy=0
  # Without systemd the packages' postinst would start the distro daemons; policy-rc.d stops that.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; added_policy=1
  fi
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
  [[ $added_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
  say "installed: $(slurmctld -V)"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

choose_port() {
  if [[ -n ${SLURM_LOCAL_PORT:-} ]]; then
    port_free "$SLURM_LOCAL_PORT" && port_free $((SLURM_LOCAL_PORT + 1)) \
      || die "port $SLURM_LOCAL_PORT or $((SLURM_LOCAL_PORT + 1)) on 127.0.0.1 is in use (another cluster?)"
    echo "$SLURM_LOCAL_PORT"; return
  fi
  local p
  for p in $(seq 16817 100 19817); do
    if port_free "$p" && port_free $((p + 1)); then echo "$p"; return; fi
  done
  die "no free port pair between 16817 and 19818 on 127.0.0.1"
}

write_conf() {  # $1 dir, $2 port, $3 node, $4 auth
  local d=$1 port=$2 node=$3 auth=$4 cpus=${SLURM_LOCAL_CPUS:-$(nproc)}
  local mem=$(( $(awk '/^MemTotal:/{print $2}' /proc/meminfo) / 1024 * 80 / 100 ))
  local authinfo="AuthInfo=socket=$d/munge/munge.socket"
  [[ $auth == none ]] && authinfo="#AuthInfo unused (auth/none)"
  cat > "$d/etc/slurm.conf" <<EOF
ClusterName=ci
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SrunPortRange=$((port + 10))-$((port + 60))
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/$auth
CredType=cred/$auth
$authinfo
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/run/slurmctld.pid
SlurmdPidFile=$d/run/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$d/log/jobcomp.txt
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SlurmdParameters=config_overrides
MinJobAge=86400
MaxArraySize=${SLURM_LOCAL_MAX_ARRAY_SIZE:-1001}
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0
DependencyParameters=kill_invalid_depend
NodeName=$node NodeHostname=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

# Stops the daemons whose PID files are in $1/run, TERM all at once, KILL after 15 s.
stop_daemons() {
  local d=$1 pids=() f p
  for f in slurmd slurmctld munged; do
    [[ -s $d/run/$f.pid ]] || continue
    p=$(cat "$d/run/$f.pid")
    # Only our own processes: the command line must name our folder.
    if [[ -r /proc/$p/cmdline ]] && tr '\0' ' ' < "/proc/$p/cmdline" | grep -qF "$d"; then pids+=("$p"); fi
  done
  [[ ${#pids[@]} == 0 ]] && return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  local i alive
  for i in $(seq 150); do
    alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && return 0; sleep 0.1
  done
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null; done
  return 0
}

start_cluster() {
  [[ $(id -u) == 0 ]] || die "start needs root"
  command -v slurmctld >/dev/null || die "slurmctld not installed: run '$0 install' (as root)"
  local auth=${SLURM_LOCAL_AUTH:-munge} port node d
  port=$(choose_port)
  node=$(hostname -s)
  d=$(mktemp -d /tmp/slurm-local.XXXXXX)
  mkdir -p "$d"/{etc,state,spool,run,log,munge}
  chmod 755 "$d" "$d/munge"
  write_conf "$d" "$port" "$node" "$auth"
  export SLURM_CONF=$d/etc/slurm.conf
  # Any failure from here on stops what was started and keeps the logs.
  trap 'say "start failed; logs kept in $d/log"; tail -n 20 "$d"/log/*.log >&2 || true; stop_daemons "$d"' EXIT
  if [[ $auth == munge ]]; then
    dd if=/dev/urandom of="$d/munge/munge.key" bs=1024 count=1 status=none
    chmod 400 "$d/munge/munge.key"
    munged --force --key-file="$d/munge/munge.key" --socket="$d/munge/munge.socket" \
      --pid-file="$d/run/munged.pid" --log-file="$d/log/munged.log" --seed-file="$d/munge/munged.seed"
    munge -n -S "$d/munge/munge.socket" | unmunge -S "$d/munge/munge.socket" >/dev/null \
      || die "munge self-test failed"
  fi
  slurmctld -c -f "$SLURM_CONF"
  slurmd -N "$node" -f "$SLURM_CONF"
  local i state=""
  for i in $(seq 150); do
    state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
    [[ $state == idle* ]] && break
    sleep 0.2
  done
  [[ $state == idle* ]] || die "node $node is '$state', not idle, after 30 s"
  trap - EXIT
  say "cluster up in $d (ports $port-$((port + 1)), node $node)"
  echo "export SLURM_CONF=$SLURM_CONF"
  echo "export SLURM_LOCAL_DIR=$d"
}

stop_cluster() {
  local d=${SLURM_LOCAL_DIR:-}
  [[ -n $d && -d $d && $d == /tmp/slurm-local.* ]] || die "SLURM_LOCAL_DIR is not a slurm-local folder: '$d'"
  export SLURM_CONF=$d/etc/slurm.conf
  scancel --full --quiet --user=root 2>/dev/null || true   # jobs left behind
  stop_daemons "$d"
  if [[ ${SLURM_LOCAL_KEEP:-0} == 1 ]]; then say "stopped; kept $d"; else rm -rf "$d"; say "stopped"; fi
}

job_state() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort -u | cut -d= -f2; }

wait_job() {  # $1 job id, $2 timeout seconds (default 300)
  local job=$1 limit=${2:-300} i states line
  for i in $(seq $((limit * 2))); do
    line=$(scontrol -o show job "$job" 2>/dev/null) || return 4
    states=$(job_state "$job")
    if grep -q 'Reason=DependencyNeverSatisfied' <<<"$line"; then return 3; fi
    if ! grep -qE 'PENDING|RUNNING|COMPLETING|CONFIGURING|REQUEUED|SUSPENDED' <<<"$states"; then
      [[ $states == COMPLETED ]] && return 0
      return 1
    fi
    sleep 0.5
  done
  return 2
}

failed_tasks() {  # $1 array job id
  scontrol -o show job "$1" | awk '{
      id=""; st="";
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^ArrayTaskId=/) id = substr($i, 13);
        if ($i ~ /^JobState=/) st = substr($i, 10);
      }
      if (id != "" && st != "COMPLETED" && st != "PENDING" && st != "RUNNING") print id
    }' | sort -n | paste -sd, -
}

case ${1:-} in
  install) install_packages ;;
  start) start_cluster ;;
  stop) stop_cluster ;;
  wait) shift; wait_job "$@" ;;
  failed) shift; failed_tasks "$@" ;;
  *) echo "usage: $0 install|start|stop|wait JOBID [SECONDS]|failed ARRAYJOBID" >&2; exit 2 ;;
esac
