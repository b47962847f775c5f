// Reference outputs of TensorFlow.js itself for KerasEncoderTest: runs a TensorFlow.js layers
// model (model.json + shards, e.g. nsfwjs 4.4.0's dist/models/mobilenet_v2 as
// jobs/fetch-pretrained-encoder.sh unpacks it) cut at LAYER on IMAGES deterministic images of
// SIZE x SIZE x 3, on the pure JavaScript CPU backend, and prints the output (channels last,
// row-major) one value a line after a header line with its shape.
//   node tfjs-reference.js MODEL_DIR LAYER SIZE IMAGES > reference.txt
// Needs @tensorflow/tfjs-core, -layers and -backend-cpu 4.22.0 (npm install) on NODE_PATH.
// Pixel (n, y, x, c) = ((7n + 13y + 29x + 31c) mod 256) / 255, as in KerasEncoderTest.pixels.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');

async function main([dir, cut, size, images]) {
  await tf.setBackend('cpu');
  const model = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const config = model.modelTopology.model_config.config;
  const byName = new Map(config.layers.map(l => [l.name, l]));
  const keep = new Set();
  const todo = [cut];
  while (todo.length) {
    const name = todo.pop();
    if (!byName.has(name)) throw new Error('no layer ' + name);
    if (keep.has(name)) continue;
    keep.add(name);
    for (const node of byName.get(name).inbound_nodes) for (const t of node) todo.push(t[0]);
  }
  config.layers = config.layers.filter(l => keep.has(l.name));
  config.output_layers = [[cut, 0, 0]];
  for (const l of config.layers) {
    if (l.class_name === 'InputLayer') l.config.batch_input_shape = [null, +size, +size, 3];
  }
  // The kept weights, sliced out of the shards in manifest order (bytes per value as stored).
  const specs = [];
  const parts = [];
  for (const group of model.weightsManifest) {
    const data = Buffer.concat(group.paths.map(p => fs.readFileSync(path.join(dir, p))));
    let offset = 0;
    for (const w of group.weights) {
      const n = w.shape.reduce((a, b) => a * b, 1);
      const q = w.quantization ? w.quantization.dtype : w.dtype;
      const bytes = n * ({uint8: 1, uint16: 2, float16: 2}[q] || 4);
      if (keep.has(w.name.substring(0, w.name.lastIndexOf('/')))) {
        specs.push(w);
        parts.push(data.subarray(offset, offset + bytes));
      }
      offset += bytes;
    }
  }
  const weightData = new Uint8Array(Buffer.concat(parts)).buffer;
  const m = await tfl.loadLayersModel(tf.io.fromMemory({modelTopology: model.modelTopology, weightSpecs: specs, weightData}));
  const pixels = new Float32Array(images * size * size * 3);
  let i = 0;
  for (let n = 0; n < images; n++) for (let y = 0; y < size; y++) for (let x = 0; x < size; x++)
    for (let c = 0; c < 3; c++) pixels[i++] = ((7 * n + 13 * y + 29 * x + 31 * c) % 256) / 255;
  const out = m.predict(tf.tensor4d(pixels, [+images, +size, +size, 3]));
  const values = await out.data();
  const lines = ['# shape ' + out.shape.join(' ')];
  for (const v of values) lines.push(v.toPrecision(8));
  process.stdout.write(lines.join('\n') + '\n');
}

main(process.argv.slice(2)).catch(e => { console.error(e); process.exit(1); });
