// The two data loaders as Framework runs them (a child process writing one file to stdout), offline here:
// the labelled seeded-random fallback, one line on stderr, and the two files agreeing with each other.
import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import onnxProto from "onnx-proto";
import {afterAll, describe, expect, it} from "vitest";
import {GRAPH_OUTPUT_NAMES} from "../../../src/components/core/inference.ts";

const dir = mkdtempSync(join(tmpdir(), "alexnet-loaders-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function runLoader(loader: string, env: Record<string, string>) {
  const run = spawnSync(process.execPath, ["--import", "tsx", loader], {
    maxBuffer: 1 << 29,
    env: {...process.env, ALEXNET_WEIGHTS: "", ALEXNET_OFFLINE: "1", ALEXNET_CACHE_DIR: join(dir, "cache"), ...env}
  });
  const stderr = run.stderr.toString("utf8").split("\n").filter((l) => l && !l.startsWith("npm warn"));
  return {status: run.status, stdout: run.stdout, stderr};
}

describe("alexnet.onnx and alexnet-meta.json loaders", () => {
  it("offline: build the seeded-random model, say so once, and describe that very model", () => {
    const model = runLoader("src/data/alexnet.onnx.ts", {});
    expect(model.status).toBe(0);
    expect(model.stderr).toHaveLength(1);
    expect(model.stderr[0]).toMatch(/^AlexNet: using seeded random weights \(.*\)\. For the real weights, .*ALEXNET_WEIGHTS=/);
    const decoded = onnxProto.onnx.ModelProto.decode(model.stdout);
    expect((decoded.graph as onnxProto.onnx.GraphProto).output.map((o) => o.name)).toEqual([...GRAPH_OUTPUT_NAMES]);
    expect(Object.fromEntries(decoded.metadataProps.map((p) => [p.key, p.value]))["weights.kind"]).toBe("random");

    const metaRun = runLoader("src/data/alexnet-meta.json.ts", {});
    expect(metaRun.status).toBe(0);
    expect(metaRun.stderr).toEqual([]);
    const meta = JSON.parse(metaRun.stdout.toString("utf8"));
    expect(meta.weights).toMatchObject({kind: "random", source: "seeded random (seed 2012)"});
    expect(meta.weights.reason).toMatch(/ALEXNET_OFFLINE=1/);
    // Seeded weights: both loaders build byte-identical models.
    expect(meta.modelBytes).toBe(model.stdout.byteLength);
    expect(meta.modelSha256).toBe(createHash("sha256").update(model.stdout).digest("hex"));
  });

  it("a bad ALEXNET_WEIGHTS file fails the loader with one line and writes nothing", () => {
    const bad = join(dir, "weights.pth");
    writeFileSync(bad, "PK\u0003\u0004 not really a zip");
    for (const loader of ["src/data/alexnet.onnx.ts", "src/data/alexnet-meta.json.ts"]) {
      const run = runLoader(loader, {ALEXNET_WEIGHTS: bad});
      expect(run.status, loader).toBe(1);
      expect(run.stdout.byteLength, loader).toBe(0);
      expect(run.stderr, loader).toHaveLength(1);
      expect(run.stderr[0], loader).toMatch(/weights\.pth/);
    }
  });
});
