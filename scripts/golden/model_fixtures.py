#!/usr/bin/python3
"""Reference outputs from PyTorch for the AlexNet ONNX tests. Run with Debian's PyTorch (/usr/bin/python3).

Two modes:

  model_fixtures.py [OUT_DIR]
      Small committed fixtures (default OUT_DIR: test/fixtures/golden/model): a reduced AlexNet-shaped net
      (torchvision's topology and state-dict keys, fewer channels), its checkpoint in both PyTorch formats,
      its weights as raw float32, and per-module outputs for two inputs.

  model_fixtures.py --full-size OUT_DIR IMAGE...
      Not committed (written by the parity test into a temp dir): a random-weight torchvision.models.alexnet()
      in both checkpoint formats, the torchvision-preprocessed IMAGEs as one batch, and every module's output.

Every .bin is raw little-endian float32, batch first; manifest.json gives shapes and file names.
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torchvision
from PIL import Image
from torchvision import transforms

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDFISH = os.path.join(REPO, "..", "shared", "fixtures", "tiny-imagenet", "val", "images")


class ReducedAlexNet(nn.Module):
    """torchvision's AlexNet module layout (so state-dict keys and module paths match) with chosen widths."""

    def __init__(self, conv=(4, 8, 12, 8, 8), hidden=16, classes=10, pool=6):
        super().__init__()
        c1, c2, c3, c4, c5 = conv
        self.features = nn.Sequential(
            nn.Conv2d(3, c1, kernel_size=11, stride=4, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
            nn.Conv2d(c1, c2, kernel_size=5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
            nn.Conv2d(c2, c3, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(c3, c4, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(c4, c5, kernel_size=3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((pool, pool))
        self.classifier = nn.Sequential(
            nn.Dropout(0.5), nn.Linear(c5 * pool * pool, hidden), nn.ReLU(inplace=True),
            nn.Dropout(0.5), nn.Linear(hidden, hidden), nn.ReLU(inplace=True), nn.Linear(hidden, classes),
        )

    def forward(self, x):
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


def eval_transform():
    """torchvision's ImageNet evaluation transform (AlexNet_Weights.IMAGENET1K_V1.transforms())."""
    return transforms.Compose([
        transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
        transforms.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)),
    ])


def preprocess(paths):
    t = eval_transform()
    return torch.stack([t(Image.open(p).convert("RGB")) for p in paths])


def write_f32(path, tensor):
    tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").tofile(path)


def module_outputs(model, x):
    """Every exposed module's output. Cloned in the hook: the ReLUs are inplace and would overwrite them."""
    names = [n for n, m in model.named_modules() if n and not isinstance(m, nn.Sequential) and n != "classifier.0"]
    seen = {}
    hooks = [model.get_submodule(n).register_forward_hook(lambda m, i, o, n=n: seen.__setitem__(n, o.detach().clone()))
             for n in names]
    with torch.no_grad():
        logits = model(x)
    for h in hooks:
        h.remove()
    seen["logits"] = logits.clone()
    seen["probabilities"] = torch.softmax(logits, dim=1)
    return seen


def write_case(out_dir, name, model, x, images):
    case_dir = os.path.join(out_dir, name)
    os.makedirs(case_dir, exist_ok=True)
    write_f32(os.path.join(case_dir, "input.bin"), x)
    outputs = module_outputs(model, x)
    for layer, tensor in outputs.items():
        write_f32(os.path.join(case_dir, layer + ".bin"), tensor)
    return {
        "name": name, "inputShape": list(x.shape), "images": images,
        "outputs": {layer: list(t.shape) for layer, t in outputs.items()},
        "top1": outputs["logits"].argmax(dim=1).tolist(),
    }


def save_checkpoints(out_dir, model, stem):
    state = model.state_dict()
    torch.save(state, os.path.join(out_dir, stem + ".zip.pth"))
    torch.save(state, os.path.join(out_dir, stem + ".legacy.pth"), _use_new_zipfile_serialization=False)
    return {"zip": stem + ".zip.pth", "legacy": stem + ".legacy.pth"}


def small_fixtures(out_dir):
    torch.manual_seed(20120930)  # the ILSVRC-2012 results day
    model = ReducedAlexNet().eval()
    os.makedirs(out_dir, exist_ok=True)
    checkpoints = save_checkpoints(out_dir, model, "reduced-alexnet")
    weights, offset = [], 0
    with open(os.path.join(out_dir, "weights.bin"), "wb") as f:
        for key, tensor in model.state_dict().items():
            data = tensor.contiguous().numpy().astype("<f4").tobytes()
            f.write(data)
            weights.append({"key": key, "shape": list(tensor.shape), "offset": offset})
            offset += len(data)
    goldfish = ["val_1230.JPEG"]
    cases = []
    if os.path.isdir(GOLDFISH):
        x = preprocess([os.path.join(GOLDFISH, g) for g in goldfish])
        cases.append(write_case(out_dir, "goldfish224", model, x, goldfish))
    else:
        print("goldfish fixtures not found at %s: skipping the 224 case" % GOLDFISH, file=sys.stderr)
    # 100×100 leaves a 2×2 map before avgpool, so AdaptiveAvgPool2d((6, 6)) really pools (upsamples) here.
    x = torch.randn(2, 3, 100, 100, generator=torch.Generator().manual_seed(7))
    cases.append(write_case(out_dir, "random100", model, x, []))
    manifest = {
        "generator": "scripts/golden/model_fixtures.py", "torch": torch.__version__, "torchvision": torchvision.__version__,
        "config": {"convChannels": [4, 8, 12, 8, 8], "hiddenUnits": 16, "numClasses": 10, "poolOutput": 6},
        "checkpoints": checkpoints, "weights": {"file": "weights.bin", "tensors": weights}, "cases": cases,
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


def full_size(out_dir, images):
    torch.manual_seed(1404)
    model = torchvision.models.alexnet(weights=None).eval()
    os.makedirs(out_dir, exist_ok=True)
    checkpoints = save_checkpoints(out_dir, model, "alexnet-random")
    case = write_case(out_dir, "goldfish", model, preprocess(images), [os.path.basename(p) for p in images])
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump({"torch": torch.__version__, "torchvision": torchvision.__version__,
                   "checkpoints": checkpoints, "cases": [case]}, f, indent=1)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--full-size":
        if len(args) < 3:
            sys.exit("usage: model_fixtures.py --full-size OUT_DIR IMAGE...")
        full_size(args[1], args[2:])
    else:
        small_fixtures(args[0] if args else os.path.join(REPO, "test", "fixtures", "golden", "model"))
