#!/usr/bin/env bash
# Fetches a pretrained image encoder and writes it as a Keras HDF5 file for the captioning job
# (model.encoder = keras:DIR/mobilenet_v2.h5, docs/pretrained-encoder.md):
#   jobs/fetch-pretrained-encoder.sh DIR [--keep-tfjs] [--overwrite]
#       MobileNetV2 (ImageNet-pretrained, then fine-tuned by Infinite Red to five classes),
#       the TensorFlow.js model inside the npm package nsfwjs@4.4.0 (25.0 MB download; MIT),
#       converted by io.sparkrnn.caption.TfjsToKeras to DIR/mobilenet_v2.h5 (10.7 MB) with the
#       package's licence as DIR/mobilenet_v2.LICENSE.txt. Input 224 x 224 x 3, pixels 0..1.
#       --keep-tfjs also keeps the TensorFlow.js model (model.json and its weight shard) in
#       DIR/mobilenet_v2-tfjs/; --overwrite replaces an earlier DIR/mobilenet_v2.h5.
# Needs npm and node (Debian: apt-get install npm) and builds the project on first use.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

PACKAGE=nsfwjs@4.4.0
TARBALL=nsfwjs-4.4.0.tgz
# SHA-256 of the tarball as measured (2026-12-02), and dist.shasum as 'npm view nsfwjs@4.4.0 dist' gives it.
SHA256=585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382
SHA1=706017d11e44de0803b73a568819f800a50ae470
MODEL=package/dist/models/mobilenet_v2

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
}

# sum_ok FILE ALGORITHM HEX: whether the file's digest is HEX.
sum_ok() {
  [[ -f "$1" ]] && [[ "$("${2}sum" "$1" | cut -d' ' -f1)" == "$3" ]]
}

# unbundle SRC DEST: the package ships the model as two browserify bundles (model.min.js exports
# the model.json object, group1-shard1of1.min.js the weights as base64); writes them as the
# TensorFlow.js layers-model folder they stand for: DEST/model.json and the shards it names.
unbundle() {
  local src=$1 dest=$2
  mkdir -p "$dest"
  cp "$src/model.min.js" "$dest/model.cjs"
  cp "$src/group1-shard1of1.min.js" "$dest/group1-shard1of1.cjs"
  node - "$dest" <<'JS' || die "$src: the bundled model could not be unpacked with node"
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const model = require(path.join(dir, 'model.cjs'));
const paths = model.weightsManifest.flatMap(g => g.paths);
if (paths.length !== 1) throw new Error('expected one weight shard, the manifest names ' + paths);
const shard = require(path.join(dir, 'group1-shard1of1.cjs'));
if (typeof shard !== 'string') throw new Error('group1-shard1of1.min.js does not export a base64 string');
fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(model));
fs.writeFileSync(path.join(dir, paths[0]), Buffer.from(shard, 'base64'));
JS
  rm -f "$dest/model.cjs" "$dest/group1-shard1of1.cjs"
}

[[ $# -ge 1 && ( "$1" == "-h" || "$1" == "--help" ) ]] && { usage; exit 0; }
[[ $# -ge 1 ]] || { usage >&2; die "expected the folder to write, DIR"; }
dir=$1
shift
keep_tfjs="" overwrite=""
for arg in "$@"; do
  case "$arg" in
    --keep-tfjs) keep_tfjs=1 ;;
    --overwrite) overwrite=--overwrite ;;
    *) usage >&2; die "unknown option '$arg'; expected --keep-tfjs or --overwrite" ;;
  esac
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
out=$dir/mobilenet_v2.h5
[[ -e "$out" && -z "$overwrite" ]] && die "$out exists; pass --overwrite to write it again"
command -v npm >/dev/null && command -v node >/dev/null \
  || die "npm and node are needed (Debian: apt-get install npm)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "Fetching the npm package $PACKAGE (25.0 MB)..." >&2
(cd "$tmp" && npm pack --silent "$PACKAGE" >/dev/null) || die "npm pack $PACKAGE failed"
sum_ok "$tmp/$TARBALL" sha256 "$SHA256" && sum_ok "$tmp/$TARBALL" sha1 "$SHA1" \
  || die "$TARBALL: its SHA-256/SHA-1 differ from the pinned ones; the package is not the one this script knows"
tar -xzf "$tmp/$TARBALL" -C "$tmp" "$MODEL" package/LICENSE || die "$TARBALL: $MODEL could not be extracted"
unbundle "$tmp/$MODEL" "$tmp/tfjs"

(run_local_tool io.sparkrnn.caption.TfjsToKeras --model "$tmp/tfjs" --output "$out" $overwrite) \
  || die "the conversion to $out failed"
{
  echo "MobileNetV2 weights from the npm package $PACKAGE (https://github.com/infinitered/nsfwjs),"
  echo "converted from TensorFlow.js to Keras HDF5 by io.sparkrnn.caption.TfjsToKeras. Its licence:"
  echo
  cat "$tmp/package/LICENSE"
} > "$dir/mobilenet_v2.LICENSE.txt"
if [[ -n "$keep_tfjs" ]]; then
  rm -rf "$dir/mobilenet_v2-tfjs"
  mv "$tmp/tfjs" "$dir/mobilenet_v2-tfjs"
  echo "kept the TensorFlow.js model in $dir/mobilenet_v2-tfjs/"
fi
cat <<TXT
licence and attribution: $dir/mobilenet_v2.LICENSE.txt (MIT, Infinite Red, Inc.)
input: 224 x 224 x 3 (red, green, blue), pixels 0..1 (data.image-height = data.image-width = 224,
data.channels = 3); the layers up to out_relu take other sizes too.
cut at (model.encoder = "keras:$out", the cut layer as docs/pretrained-encoder.md says):
  out_relu   the last feature map: 1280 x 7 x 7 at 224 x 224 (1280 x 3 x 3 at 96 x 96)
  flatten_1  a vector of 1280 (global average of out_relu), at 224 x 224 only
TXT
