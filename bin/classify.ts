// npm run classify -- [--json] [--dump-dir DIR] <image files…>
// Classifies images with the model the build would ship: same weights resolution (ALEXNET_WEIGHTS, the verified
// torchvision checkpoint, or the seeded random fallback), same ONNX graph, same preprocessing, on onnxruntime-node.
// The ONNX is built in memory from those weights each run (about a second), never read from the Framework cache,
// so it cannot disagree with the weights actually in use.
import {mkdirSync, openSync, closeSync, writeSync, writeFileSync} from "node:fs";
import {resolve} from "node:path";
import {parseArgs} from "node:util";
import * as ort from "onnxruntime-node";
import {GRAPH_OUTPUT_NAMES, imageSlice, INPUT_NAME, PROBABILITIES, topK} from "../src/components/core/inference.js";
import {packBatch, preprocess} from "../src/components/core/preprocess.js";
import {decodeImageFile} from "../src/lib/decode-image.js";
import {loadAlexNetModel} from "../src/lib/onnx/alexnet-model.js";
import {loadImagenetClasses} from "../src/lib/wordnet/imagenet-classes.js";

const USAGE = "usage: npm run classify -- [--json] [--dump-dir DIR] [--top K] <image files…>";
/** Images per onnxruntime run: bounds memory when dumping every layer for many images. */
const CHUNK = 16;

interface Prediction {
  index: number;
  wnid?: string;
  name?: string;
  probability: number;
}
type Result = {file: string; ok: true; top: Prediction[]} | {file: string; ok: false; error: string};

function fail(message: string): never {
  process.stderr.write(`classify: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    const {values, positionals} = parseArgs({
      allowPositionals: true,
      options: {json: {type: "boolean"}, "dump-dir": {type: "string"}, top: {type: "string"}, help: {type: "boolean", short: "h"}}
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const top = Number(values.top ?? 5);
    if (!Number.isInteger(top) || top < 1 || top > 1000) fail(`--top must be an integer from 1 to 1000, got ${values.top}`);
    if (positionals.length === 0) fail("no image files given");
    // npm runs scripts from the package root; paths on the command line are relative to where the user typed them.
    const base = process.env.INIT_CWD ?? process.cwd();
    return {
      json: values.json ?? false,
      dumpDir: values["dump-dir"] === undefined ? undefined : resolve(base, values["dump-dir"]),
      top,
      files: positionals.map((file) => ({shown: file, path: resolve(base, file)}))
    };
  } catch (error) {
    fail((error as Error).message);
  }
}

/** Raw little-endian float32 files, appended chunk by chunk so they stay batch-first in argument order. */
class LayerDump {
  #fds = new Map<string, number>();
  #shapes = new Map<string, number[]>();
  constructor(readonly dir: string) {
    mkdirSync(dir, {recursive: true});
  }
  append(name: string, data: Float32Array, dims: readonly number[]): void {
    let fd = this.#fds.get(name);
    if (fd === undefined) {
      fd = openSync(resolve(this.dir, `${name}.bin`), "w");
      this.#fds.set(name, fd);
      this.#shapes.set(name, [0, ...dims.slice(1)]);
    }
    // Float32Array bytes are host order; onnxruntime only runs on little-endian hosts, so they are already LE.
    writeSync(fd, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.#shapes.get(name)![0] += dims[0];
  }
  close(images: string[]): void {
    for (const fd of this.#fds.values()) closeSync(fd);
    const manifest = {dtype: "float32", byteOrder: "little", layout: "batch-first", images, shapes: Object.fromEntries(this.#shapes)};
    writeFileSync(resolve(this.dir, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  }
}

async function main(): Promise<number> {
  const args = parseCommandLine();
  const results: Result[] = [];
  const inputs: {index: number; tensor: Float32Array}[] = [];
  for (const [index, file] of args.files.entries()) {
    try {
      const image = await decodeImageFile(file.path);
      inputs.push({index, tensor: preprocess(image).tensor});
      results.push({file: file.shown, ok: true, top: []});
    } catch (error) {
      const message = (error as Error).message.replace(`${file.path}: `, "");
      process.stderr.write(`classify: ${file.shown}: ${message}\n`);
      results.push({file: file.shown, ok: false, error: message});
    }
  }

  if (inputs.length > 0) {
    const model = await loadAlexNetModel();
    const classes = await loadImagenetClasses().catch((error: unknown) => {
      process.stderr.write(`classify: class names unavailable (${(error as Error).message}); printing indices only\n`);
      return undefined;
    });
    const session = await ort.InferenceSession.create(model.bytes);
    const dump = args.dumpDir === undefined ? undefined : new LayerDump(args.dumpDir);
    // Fetch only what is needed: without --dump-dir onnxruntime copies out just the probabilities.
    const fetches = dump ? [...GRAPH_OUTPUT_NAMES] : [PROBABILITIES];
    for (let start = 0; start < inputs.length; start += CHUNK) {
      const chunk = inputs.slice(start, start + CHUNK);
      const batch = packBatch(chunk.map((c) => c.tensor));
      const outputs = await session.run({[INPUT_NAME]: new ort.Tensor("float32", batch.data, batch.dims)}, fetches);
      dump?.append("input", batch.data, batch.dims);
      if (dump) for (const name of GRAPH_OUTPUT_NAMES) dump.append(name, outputs[name].data as Float32Array, outputs[name].dims);
      const probabilities = outputs[PROBABILITIES];
      chunk.forEach(({index}, i) => {
        const top = topK(imageSlice(probabilities.data as Float32Array, probabilities.dims, i), args.top).map(({index: classIndex, probability}) => {
          const info = classes?.[classIndex];
          return info ? {index: classIndex, wnid: info.wnid, name: info.names.join(", "), probability} : {index: classIndex, probability};
        });
        results[index] = {file: results[index].file, ok: true, top};
      });
    }
    dump?.close(inputs.map(({index}) => args.files[index].shown));
    await session.release();

    if (args.json) {
      process.stdout.write(`${JSON.stringify({weights: model.provenance, results}, null, 1)}\n`);
    } else {
      if (model.provenance.kind === "random") process.stdout.write("(seeded random weights: predictions are meaningless, see the note on stderr)\n");
      for (const result of results) if (result.ok) process.stdout.write(formatResult(result));
    }
  } else if (args.json) {
    process.stdout.write(`${JSON.stringify({weights: null, results}, null, 1)}\n`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

function formatResult(result: Extract<Result, {ok: true}>): string {
  const lines = result.top.map(({index, name, probability}) =>
    `  ${String(index).padStart(4)}  ${probability.toFixed(4)}  ${name ?? "(name unavailable)"}`
  );
  return `${result.file}\n${lines.join("\n")}\n`;
}

try {
  process.exitCode = await main();
} catch (error) {
  // e.g. an ALEXNET_WEIGHTS file that is not a valid AlexNet checkpoint: one line, not a stack trace.
  process.stderr.write(`classify: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
