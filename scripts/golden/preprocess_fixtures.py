#!/usr/bin/python3
"""Golden fixtures for src/components/preprocess.ts and src/lib/decode-image.ts.

Run with Debian's PIL/torchvision (never needed at run time):
    /usr/bin/python3 scripts/golden/preprocess_fixtures.py [path/to/tiny-imagenet]

Writes test/fixtures/golden/preprocess/:
  inputs/*            synthetic test images written by PIL (odd sizes and modes)
  manifest.json       per image: PIL's decoded mode/size and SHA-256 of every pipeline step
  full/*.bin.gz       complete arrays for a few images (uint8 crop and float32 tensor), for debugging
Digests are of raw bytes: uint8 HWC for images, little-endian float32 CHW for tensors.
"""
import gzip
import hashlib
import json
import os
import sys

import numpy as np
import torch
import torchvision
import PIL
from PIL import Image, features
from torchvision import transforms as T

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "golden", "preprocess")
TINY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "fixtures", "tiny-imagenet")
GOLDFISH_DIR = os.path.join(TINY, "val", "images")
FULL_ARRAYS_FOR = {"val_1230.JPEG", "val_1267.JPEG", "val_1284.JPEG"}

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def sha(a: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


def tensor_bytes(t: torch.Tensor) -> bytes:
    return t.contiguous().numpy().astype("<f4").tobytes()


def write_full(name: str, step: str, data: bytes) -> None:
    os.makedirs(os.path.join(OUT, "full"), exist_ok=True)
    with gzip.GzipFile(os.path.join(OUT, "full", f"{name}.{step}.bin.gz"), "wb", mtime=0) as f:
        f.write(data)


def pipeline_record(name: str, im: Image.Image) -> dict:
    """Every step of torchvision's evaluation transform, plus the ablation variants."""
    rec = {"mode": im.mode, "width": im.width, "height": im.height, "decoded": sha(np.asarray(im))}
    rgb = im.convert("RGB")
    rec["rgb"] = sha(np.asarray(rgb))
    rec["rgbSum"] = int(np.asarray(rgb, dtype=np.int64).sum())  # checks decoders that are only approximately PIL's
    resized = T.Resize(256)(rgb)
    cropped = T.CenterCrop(224)(resized)
    as_float = T.ToTensor()(cropped)
    normalized = T.Normalize(MEAN, STD)(as_float)
    rec["resized"] = {"width": resized.width, "height": resized.height, "sha256": sha(np.asarray(resized))}
    rec["cropped"] = sha(np.asarray(cropped))
    rec["toTensor"] = hashlib.sha256(tensor_bytes(as_float)).hexdigest()
    rec["normalized"] = hashlib.sha256(tensor_bytes(normalized)).hexdigest()
    rec["normalizedStats"] = {"sum": float(normalized.double().sum()), "min": float(normalized.min()), "max": float(normalized.max())}
    variants = {}
    for filt, mode in (("nearest", T.InterpolationMode.NEAREST), ("bicubic", T.InterpolationMode.BICUBIC)):
        r = T.Resize(256, interpolation=mode)(rgb)
        variants[f"resize-{filt}"] = {"resized": sha(np.asarray(r)), "cropped": sha(np.asarray(T.CenterCrop(224)(r)))}
    squash = T.Resize((224, 224))(rgb)
    variants["squash"] = {"cropped": sha(np.asarray(squash)), "normalized": hashlib.sha256(tensor_bytes(T.Normalize(MEAN, STD)(T.ToTensor()(squash)))).hexdigest()}
    # CenterCrop on an image smaller than the crop pads with zeros (torchvision's rule).
    small = T.Resize(100)(rgb)
    variants["pad-small"] = {"cropped": sha(np.asarray(T.CenterCrop(224)(small)))}
    bgr = normalized[[2, 1, 0]]
    variants["bgr"] = {"normalized": hashlib.sha256(tensor_bytes(bgr)).hexdigest()}
    rec["variants"] = variants
    if name in FULL_ARRAYS_FOR:
        write_full(name, "cropped", np.asarray(cropped).tobytes())
        write_full(name, "normalized", tensor_bytes(normalized))
    return rec


def synthetic_base(width: int, height: int, seed: int) -> Image.Image:
    """A photo-like RGB picture: smooth colour fields, sharp edges and fine noise, so every filter tap matters."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    r = 128 + 100 * np.sin(x / (7 + seed)) * np.cos(y / 11)
    g = 255 * (x + y) / (width + height)
    b = np.where(((x // 13) + (y // 9)) % 2 == 0, 30, 220).astype(np.float64)
    img = np.stack([r, g, b], axis=-1) + rng.normal(0, 8, (height, width, 3))
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def make_synthetic_inputs() -> list:
    d = os.path.join(OUT, "inputs")
    os.makedirs(d, exist_ok=True)
    made = []

    def save(name, im, **kw):
        im.save(os.path.join(d, name), **kw)
        made.append(name)

    save("rgb_500x375_420.jpg", synthetic_base(500, 375, 1), quality=90, subsampling=2)
    save("rgb_375x500_444.jpg", synthetic_base(375, 500, 2), quality=90, subsampling=0)
    save("rgb_300x1000_422.jpg", synthetic_base(300, 1000, 3), quality=85, subsampling=1)
    save("rgb_333x500_progressive.jpg", synthetic_base(333, 500, 4), quality=80, progressive=True)
    save("rgb_301x227_restart.jpg", synthetic_base(301, 227, 5), quality=95, subsampling=2, restart_marker_blocks=3)
    save("gray_400x300.jpg", synthetic_base(400, 300, 6).convert("L"), quality=90)
    save("cmyk_300x200.jpg", synthetic_base(300, 200, 7).convert("CMYK"), quality=90)
    save("rgb_20x30.png", synthetic_base(20, 30, 8))
    save("rgb_257x256.png", synthetic_base(257, 256, 9))
    save("rgb_224x224.png", synthetic_base(224, 224, 10))
    save("gray_150x120.png", synthetic_base(150, 120, 11).convert("L"))
    save("palette_240x320.png", synthetic_base(240, 320, 12).quantize(colors=64))
    rgba = synthetic_base(300, 300, 13).convert("RGBA")
    alpha = np.tile(np.linspace(0, 255, 300).astype(np.uint8), (300, 1))
    rgba.putalpha(Image.fromarray(alpha, "L"))
    save("rgba_300x300.png", rgba)
    la = synthetic_base(200, 260, 14).convert("LA")
    la.putalpha(Image.fromarray(np.tile(np.linspace(255, 0, 200).astype(np.uint8), (260, 1)), "L"))
    save("la_200x260.png", la)
    # EXIF orientation 6 ("rotate 90° CW to display"): PIL and torchvision ignore it, so must we.
    exif = Image.Exif()
    exif[0x0112] = 6
    save("rgb_120x80_exif_orientation6.jpg", synthetic_base(120, 80, 15), quality=90, exif=exif)
    # Bit depths other than 8: PIL reads 1/2/4-bit grey scaled to 0..255, 16-bit RGB by its high byte,
    # and 16-bit grey as mode "I", which convert("RGB") clips at 255.
    save("gray1bit_90x70.png", synthetic_base(90, 70, 16).convert("1"))
    save("palette4bit_90x70.png", synthetic_base(90, 70, 17).quantize(colors=16), bits=4)
    g16 = (np.asarray(synthetic_base(64, 48, 18).convert("L")).astype(np.int32) * 3)
    Image.fromarray(g16.astype(np.int32), "I").save(os.path.join(d, "gray16_64x48.png"))
    made.append("gray16_64x48.png")
    rgb16 = np.asarray(synthetic_base(64, 48, 19)).astype(">u2") * 257 + np.arange(64, dtype=">u2")[None, :, None]
    write_png16_rgb(os.path.join(d, "rgb16_64x48.png"), rgb16)
    made.append("rgb16_64x48.png")
    return made


def write_png16_rgb(path: str, pixels: np.ndarray) -> None:
    """PIL cannot write 16-bit RGB PNGs, so write the chunks by hand (filter 0 on every row)."""
    import struct
    import zlib
    h, w, _ = pixels.shape
    raw = b"".join(b"\x00" + pixels[y].astype(">u2").tobytes() for y in range(h))
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main() -> None:
    manifest = {
        "generator": "scripts/golden/preprocess_fixtures.py",
        "versions": {"PIL": PIL.__version__, "torch": torch.__version__, "torchvision": torchvision.__version__,
                     "libjpeg": features.version("jpg")},
        "mean": MEAN, "std": STD,
        "goldfish": {}, "synthetic": {},
    }
    for name in make_synthetic_inputs():
        with Image.open(os.path.join(OUT, "inputs", name)) as im:
            im.load()
            manifest["synthetic"][name] = pipeline_record(name, im)
    # A raw CMYK image (PIL's own pixels), to test CMYK→RGB apart from any JPEG decoder.
    cmyk = synthetic_base(60, 40, 20).convert("CMYK")
    cmyk_arr = np.asarray(cmyk).copy()
    cmyk_arr[::7, :, 3] = 255  # full black ink, where PIL's formula must clip
    cmyk = Image.fromarray(cmyk_arr, "CMYK")
    write_full("cmyk_60x40", "decoded", cmyk_arr.tobytes())
    manifest["synthetic"]["cmyk_60x40.raw"] = pipeline_record("cmyk_60x40.raw", cmyk)
    # Damaged JPEGs: PIL decodes corrupt-but-terminated data (libjpeg only warns) and refuses truncated files.
    manifest["corrupt"] = {}
    good = open(os.path.join(OUT, "inputs", "rgb_120x80_exif_orientation6.jpg"), "rb").read()
    damaged = {
        "corrupt_garbage.jpg": good[:700] + b"\x5a" * 3000 + b"\xff\xd9",
        "corrupt_truncated_with_eoi.jpg": good[: len(good) // 2] + b"\xff\xd9",
        "corrupt_truncated.jpg": good[: len(good) // 2],
    }
    for name, data in damaged.items():
        with open(os.path.join(OUT, "inputs", name), "wb") as f:
            f.write(data)
        try:
            with Image.open(os.path.join(OUT, "inputs", name)) as im:
                im.load()
                manifest["corrupt"][name] = {"decoded": sha(np.asarray(im))}
        except OSError as e:
            manifest["corrupt"][name] = {"error": str(e)}
    if os.path.isdir(GOLDFISH_DIR):
        for name in sorted(os.listdir(GOLDFISH_DIR)):
            with Image.open(os.path.join(GOLDFISH_DIR, name)) as im:
                im.load()
                manifest["goldfish"][name] = pipeline_record(name, im)
    else:
        print(f"note: {GOLDFISH_DIR} not found; goldfish records skipped", file=sys.stderr)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(manifest['goldfish'])} goldfish + {len(manifest['synthetic'])} synthetic records to {OUT}")


if __name__ == "__main__":
    main()
