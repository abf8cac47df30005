"""Writes test/fixtures/golden/cnn/cnn_ops.json: small inputs and PyTorch's outputs for the /cnn demos.

Run with Debian's PyTorch (torch 1.13): /usr/bin/python3 scripts/golden/cnn_fixtures.py
Only the tests read the output; nothing at build or run time needs PyTorch.
"""
import json
import pathlib

import torch
import torch.nn.functional as F

torch.manual_seed(2012)
OUT = pathlib.Path(__file__).resolve().parents[2] / "test" / "fixtures" / "golden" / "cnn" / "cnn_ops.json"


def flat(t):
    return [float(v) for v in t.flatten().tolist()]


# Convolution: one 7x6 channel, a 3x3 kernel, stride 1, zero padding 1 (as the page's demo).
conv_in = torch.rand(1, 1, 6, 7)  # N, C, H, W
kernel = torch.randn(1, 1, 3, 3)
conv_out = F.conv2d(conv_in, kernel, bias=torch.tensor([0.25]), padding=1)

# Max pooling on a 9x7 channel: 2x2 stride 2 and the overlapping 3x3 stride 2.
pool_in = torch.randn(1, 1, 7, 9)
pool2 = F.max_pool2d(pool_in, kernel_size=2, stride=2)
pool3 = F.max_pool2d(pool_in, kernel_size=3, stride=2)

# LRN across 7 channels with activations large enough for the denominator to matter.
lrn_in = torch.relu(torch.randn(1, 7, 2, 3) * 60)
n, alpha, beta, k = 5, 1e-4, 0.75, 2.0
# PyTorch divides alpha by n inside the sum; alpha * n reproduces the paper's formula.
lrn_paper = torch.nn.LocalResponseNorm(size=n, alpha=alpha * n, beta=beta, k=k)(lrn_in)
lrn_torch_literal = torch.nn.LocalResponseNorm(size=n, alpha=alpha, beta=beta, k=k)(lrn_in)

fixture = {
    "generator": "scripts/golden/cnn_fixtures.py",
    "torch": torch.__version__,
    "conv": {"width": 7, "height": 6, "input": flat(conv_in), "kernel": flat(kernel), "bias": 0.25, "output": flat(conv_out)},
    "pool": {
        "width": 9,
        "height": 7,
        "input": flat(pool_in),
        "size2stride2": {"width": pool2.shape[3], "height": pool2.shape[2], "output": flat(pool2)},
        "size3stride2": {"width": pool3.shape[3], "height": pool3.shape[2], "output": flat(pool3)},
    },
    "lrn": {
        "channels": 7,
        "width": 3,
        "height": 2,
        "params": {"k": k, "n": n, "alpha": alpha, "beta": beta},
        "input": flat(lrn_in),
        "paperFormula": flat(lrn_paper),
        "torchWithSameAlpha": flat(lrn_torch_literal),
    },
}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(fixture, indent=1) + "\n")
print(f"wrote {OUT}")
