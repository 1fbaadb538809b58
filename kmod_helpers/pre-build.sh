#!/usr/bin/env bash
# pre-build.sh KVER KDIR: dkms.conf's PRE_BUILD, run in dkms's copy of this
# tree before MAKE[0].  Prepares module BTF for kernel KVER where its build
# dir KDIR lacks a vmlinux or resolve_btfids (the Makefile's `prep`, which
# runs kernel-prep.sh), so that the prep's time and a missing package show
# as a step of their own.  MAKE[0]'s `module` reuses the result, or redoes
# the prep if this failed: dkms 3.0 goes on to MAKE[0] after a failed
# PRE_BUILD.
set -euo pipefail

die() { echo "pre-build: error: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: pre-build.sh KVER KDIR"
cd "$(dirname "$0")"
exec make --no-print-directory KVER="$1" KDIR="$2" prep
