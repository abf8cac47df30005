"""PyTorch CPU reference timings for `npm run bench` (Debian python3-torch; never needed by the site).

Reads the same weights the ONNX models hold, from a flat float32 file plus a JSON manifest written by
bench/run.ts, loads them into torchvision's AlexNet and times batch-1 latency and batch-N throughput.
Prints one JSON object on stdout.

usage: pytorch_bench.py WEIGHTS.bin MANIFEST.json --threads 2 --runs 10 --batch 50 --batch-runs 5 --warmup 3
"""
import argparse
import json
import statistics
import sys
import time


def summary(samples):
    ordered = sorted(samples)
    quartiles = statistics.quantiles(ordered, n=4, method="inclusive") if len(ordered) > 1 else [ordered[0]] * 3
    return {
        "median": statistics.median(ordered),
        "iqr": quartiles[2] - quartiles[0],
        "min": ordered[0],
        "max": ordered[-1],
        "runs": len(ordered),
        "samples": ordered,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("weights")
    parser.add_argument("manifest")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--batch-runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()

    try:
        import numpy as np
        import torch
        import torchvision
    except ImportError as error:
        print(json.dumps({"skipped": f"PyTorch is not installed for {sys.executable} ({error})"}))
        return

    torch.set_num_threads(args.threads)
    manifest = json.load(open(args.manifest))
    flat = np.fromfile(args.weights, dtype="<f4")
    state = {}
    for entry in manifest:
        values = flat[entry["offset"] : entry["offset"] + int(np.prod(entry["shape"]))]
        state[entry["key"]] = torch.from_numpy(values.reshape(entry["shape"]).copy())
    model = torchvision.models.alexnet()
    model.load_state_dict(state)
    model.eval()

    generator = torch.Generator().manual_seed(0)

    def time_batch(batch, runs):
        x = torch.randn(batch, 3, 224, 224, generator=generator)
        with torch.inference_mode():
            for _ in range(args.warmup):
                model(x)
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                model(x)
                samples.append((time.perf_counter() - start) * 1000)
        return summary(samples)

    print(
        json.dumps(
            {
                "version": f"torch {torch.__version__}, torchvision {torchvision.__version__}",
                "threads": torch.get_num_threads(),
                "batch1": time_batch(1, args.runs),
                "batchN": {"batch": args.batch, **time_batch(args.batch, args.batch_runs)},
            }
        )
    )


if __name__ == "__main__":
    main()
