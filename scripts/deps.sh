#!/bin/sh
# Checks the build dependencies through pkg-config and, as root on Debian or
# Ubuntu, installs the missing ones; elsewhere prints the install command.
set -u

missing=""
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }

command -v cc >/dev/null 2>&1 || missing="$missing build-essential"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
have_pc jansson || missing="$missing libjansson-dev"
have_pc libpcre2-8 || missing="$missing libpcre2-dev"
have_pc libutf8proc || missing="$missing libutf8proc-dev"
have_pc zlib || missing="$missing zlib1g-dev"
have_pc gsl || missing="$missing libgsl-dev"
[ -f /usr/include/libstemmer.h ] || [ -f /usr/local/include/libstemmer.h ] || missing="$missing libstemmer-dev"
# jq is the peer in the benchmarks and formats the demo's summary.
command -v jq >/dev/null 2>&1 || missing="$missing jq"

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 && apt-get install -y -qq $missing >&2 && exit 0
	echo "deps: apt-get failed" >&2
	exit 2
fi

cat >&2 <<MSG
deps: missing:$missing
Install them, then run make again:
  Debian/Ubuntu: sudo apt-get install build-essential pkg-config libjansson-dev libpcre2-dev libutf8proc-dev zlib1g-dev libgsl-dev libstemmer-dev jq
  Fedora/RHEL:   sudo dnf install gcc make pkgconf-pkg-config jansson-devel pcre2-devel utf8proc-devel zlib-devel gsl-devel libstemmer-devel jq
  macOS:         brew install pkg-config jansson pcre2 utf8proc zlib gsl snowball jq
MSG
exit 2
