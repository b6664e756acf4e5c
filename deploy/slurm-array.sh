#!/usr/bin/env bash
# The daily dun run in N shards as a Slurm job array (docs/scale-out.md).
#
#   RUN_DATE=2026-01-19 sbatch --array=0-3 deploy/slurm-array.sh
#
# Slurm numbers the array tasks 0..N-1 (SLURM_ARRAY_TASK_ID), exactly dun's 0-based K, and
# SLURM_ARRAY_TASK_COUNT is N. A task that fails is requeued (--requeue); a retried shard is safe:
# its day is committed whole or not at all, and running the date again emits nothing twice.
#
# Storage assumptions: the snapshot folder is on a file system every node reads; the state
# stores are under STATE_DIR, one file per shard (dun.K-of-N.db), on storage that the next day's
# task of the same index reaches with working POSIX locks (a cluster file system such as Lustre or
# BeeGFS with locking on, or a node-local disk if the array is pinned with --nodelist), never NFS
# shared by several writers. After the array, `dun shards report` combines the runs.
#SBATCH --job-name=dun-run
#SBATCH --cpus-per-task=1
#SBATCH --mem=8G
#SBATCH --requeue
#SBATCH --output=dun-run-%A-%a.log
set -euo pipefail
: "${RUN_DATE:?set RUN_DATE=YYYY-MM-DD}"
: "${SNAPSHOTS:=/shared/dun/snapshots}"
: "${STATE_DIR:=/shared/dun/state}"
: "${DUN_CONFIG:=/shared/dun/dun.toml}"
index=${SLURM_ARRAY_TASK_ID:?run through sbatch --array=0-(N-1)}
count=${SLURM_ARRAY_TASK_COUNT:?run through sbatch --array=0-(N-1)}

exec dun run --shard "$index/$count" --config "$DUN_CONFIG" --snapshot "$SNAPSHOTS/$RUN_DATE" \
  --date "$RUN_DATE" --db "$STATE_DIR/dun.db" --jsonl "$STATE_DIR/actions.jsonl"

# Then, once the array is done (e.g. sbatch --dependency=afterany:$ARRAY_JOB_ID):
#   dun shards report --shards 4 --date "$RUN_DATE" --db "$STATE_DIR/dun.db"
