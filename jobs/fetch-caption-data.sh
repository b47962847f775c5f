#!/usr/bin/env bash
# Fetches a real image-captioning data set and writes it as the captioning job reads it:
# DIR/images/*.png and DIR/captions.csv (image,caption,group,split). The download and what is
# extracted from it stay in DIR/source/ (kept, checked again and reused by a later run).
#   jobs/fetch-caption-data.sh emoji DIR [--every N] [--overwrite]
#       3,786 Twemoji images (64x64) captioned with their Unicode names, from the npm package
#       emoji-datasource-twitter@16.0.0 (61.7 MB download; data MIT, images CC-BY 4.0).
#   jobs/fetch-caption-data.sh scenes DIR [--train N] [--test N] [--seed S] [--classes A,B,..]
#                                         [--held-out N] [--overwrite]
#       56x56 scenes of two Fashion-MNIST items (defaults: 8,000 training and 1,000 test scenes,
#       seed 2017), the test made of held-out combinations, from the Debian package
#       dataset-fashion-mnist (30.9 MB download; MIT).
# See data-samples/README.md for sources, licences and what the tools write.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

EMOJI_PACKAGE=emoji-datasource-twitter@16.0.0
# dist.shasum and dist.integrity (base64 of the SHA-512, here in hex) of the package, as
# 'npm view emoji-datasource-twitter@16.0.0 dist' gives them
EMOJI_SHA1=e2bd39a8acb77e158106f8249dd7b4cd93fa1b14
EMOJI_SHA512=ec5fae0ae1c7fbb427adcd793f9b676ef2a483d13ab65ce2e0c9d3dae5b5465378a4b613cdae9c3ff76cb487d20ccb698c52d6b997b05a0f2305bb8bd9ec842d
DEB_VERSION=0.0~git20200523.55506a9-1
DEB_FILE=dataset-fashion-mnist_${DEB_VERSION}_all.deb
# SHA256 of the package in Debian bookworm's package index (apt-cache show dataset-fashion-mnist).
DEB_SHA256=39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
}

# sum_ok FILE ALGORITHM HEX: whether the file's digest is HEX.
sum_ok() {
  [[ -f "$1" ]] && [[ "$("${2}sum" "$1" | cut -d' ' -f1)" == "$3" ]]
}

fetch_emoji() {
  local src=$1 tgz=$1/emoji-datasource-twitter-16.0.0.tgz
  if ! sum_ok "$tgz" sha512 "$EMOJI_SHA512"; then
    rm -f "$tgz"
    echo "Fetching the npm package $EMOJI_PACKAGE (61.7 MB)..." >&2
    command -v npm >/dev/null || die "npm is not installed; install Node.js and npm (Debian: apt-get install npm)" \
      "or put emoji-datasource-twitter-16.0.0.tgz (from 'npm pack $EMOJI_PACKAGE') into $src yourself"
    (cd "$src" && npm pack --silent "$EMOJI_PACKAGE" >/dev/null) || die "npm pack $EMOJI_PACKAGE failed"
  fi
  sum_ok "$tgz" sha1 "$EMOJI_SHA1" && sum_ok "$tgz" sha512 "$EMOJI_SHA512" \
    || die "$tgz: its SHA-1/SHA-512 differ from the registry's dist.shasum/dist.integrity; remove it and retry"
  rm -rf "$src/package"
  tar -xzf "$tgz" -C "$src" package/emoji.json package/LICENSE package/README.md package/img/twitter/64 \
    || die "$tgz: emoji.json or img/twitter/64 could not be extracted"
}

fetch_fashion() {
  local src=$1 deb=$1/$DEB_FILE
  if ! sum_ok "$deb" sha256 "$DEB_SHA256"; then
    rm -f "$deb"
    echo "Downloading the Debian package dataset-fashion-mnist $DEB_VERSION (30.9 MB)..." >&2
    # apt-get download needs no root, only the package lists of an earlier 'apt-get update'.
    command -v apt-get >/dev/null || die "apt-get is not installed; fetch $DEB_FILE into $src yourself"
    (cd "$src" && apt-get download -q "dataset-fashion-mnist=$DEB_VERSION") \
      || die "apt-get download dataset-fashion-mnist failed (without package lists, run 'apt-get update' first)"
  fi
  sum_ok "$deb" sha256 "$DEB_SHA256" || die "$deb: its SHA-256 differs from Debian's index; remove it and retry"
  rm -rf "$src/deb"
  mkdir -p "$src/deb"
  if command -v dpkg >/dev/null; then
    dpkg -x "$deb" "$src/deb"
  else
    (cd "$src/deb" && ar p "$deb" data.tar.xz | tar -xJ) || die "$deb: could not be unpacked (needs dpkg, or ar and xz)"
  fi
}

[[ $# -ge 1 && ( "$1" == "-h" || "$1" == "--help" ) ]] && { usage; exit 0; }
[[ $# -ge 2 ]] || { usage >&2; die "expected 'emoji DIR' or 'scenes DIR'"; }
kind=$1 dir=$2
shift 2
[[ "$kind" == emoji || "$kind" == scenes ]] || { usage >&2; die "unknown data set '$kind'; expected emoji or scenes"; }
mkdir -p "$dir/source"
dir=$(cd "$dir" && pwd)
case "$kind" in
  emoji)
    fetch_emoji "$dir/source"
    run_local_tool io.sparkrnn.caption.EmojiCaptions --emoji-json "$dir/source/package/emoji.json" \
      --images "$dir/source/package/img/twitter/64" --output "$dir" "$@"
    ;;
  scenes)
    fetch_fashion "$dir/source"
    f=$dir/source/deb/usr/share/datasets/fashion-mnist
    run_local_tool io.sparkrnn.caption.ComposeScenes --images "$f/train-images-idx3-ubyte.gz" \
      --labels "$f/train-labels-idx1-ubyte.gz" --test-images "$f/t10k-images-idx3-ubyte.gz" \
      --test-labels "$f/t10k-labels-idx1-ubyte.gz" --output "$dir" "$@"
    ;;
esac
