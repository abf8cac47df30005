"""Writes small PyTorch checkpoints and their expected contents for test/unit/torch-checkpoint.test.ts.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/golden/checkpoint_fixtures.py [OUT_DIR]
Default OUT_DIR is test/fixtures/golden/checkpoints. With --full, instead writes a random-weight torchvision
AlexNet in both formats plus a summary (sums and samples) into OUT_DIR; the full-size test uses that mode.

Each checkpoint NAME is written as NAME.zip.pth (zip format, torch >= 1.6), NAME.legacy.pth (legacy
magic-number format, torch 0.1.10-1.5) and NAME.tar.pth (tar format, torch < 0.1.10; written by hand here and
checked by reading it back with torch.load). NAME.expected.json lists, per key in state-dict order, the shape, the source dtype and
the offset of the tensor's values (as float32) inside NAME.expected.f32 (raw little-endian float32).
Also writes, in both formats, unsupported-dtype (a complex tensor), not-a-state-dict (a list) and wrapped
({"epoch": 3, "state_dict": {"w": [0, 1, 2, 3]}}).
"""
import io
import json
import os
import pickle
import struct
import sys
import tarfile
from collections import OrderedDict

import torch
import torch.nn as nn


def small_alexnet():
    """AlexNet topology (torchvision module indices) with fewer channels and units, so the file stays tiny."""
    torch.manual_seed(0)
    features = nn.Sequential(
        nn.Conv2d(3, 4, kernel_size=11, stride=4, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        nn.Conv2d(4, 6, kernel_size=5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        nn.Conv2d(6, 8, kernel_size=3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(8, 6, kernel_size=3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(6, 6, kernel_size=3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
    )
    classifier = nn.Sequential(
        nn.Dropout(0.5), nn.Linear(6 * 6 * 6, 10), nn.ReLU(inplace=True),
        nn.Dropout(0.5), nn.Linear(10, 10), nn.ReLU(inplace=True), nn.Linear(10, 5),
    )
    sd = OrderedDict()
    for k, v in features.state_dict().items():
        sd["features." + k] = v
    for k, v in classifier.state_dict().items():
        sd["classifier." + k] = v
    return sd


def odd_cases():
    """Dtypes other than float32, views with offsets and strides, and two tensors sharing one storage."""
    torch.manual_seed(1)
    base = torch.arange(60, dtype=torch.float32) / 7.0 - 3.0
    sd = OrderedDict()
    sd["half"] = (torch.randn(3, 4) * 10).half()
    sd["double"] = torch.randn(2, 3, dtype=torch.float64) * 1e3
    sd["bfloat16"] = torch.randn(5).bfloat16()
    sd["int64"] = torch.tensor([-3, 0, 7, 2**40], dtype=torch.int64)
    sd["int32"] = torch.tensor([[1, -2], [3, -4]], dtype=torch.int32)
    sd["uint8"] = torch.tensor([0, 1, 255], dtype=torch.uint8)
    sd["bool"] = torch.tensor([True, False, True])
    sd["scalar"] = torch.tensor(2.5)
    sd["empty"] = torch.zeros(0, 3)
    grid = base.view(6, 10)
    sd["transposed"] = grid.t()                 # non-contiguous: strides (1, 10)
    sd["offset_slice"] = grid[2:5, 3:8]         # storage offset 23, strides (10, 1)
    sd["every_other"] = base[1::2]              # stride 2
    sd["shared_a"] = base[:12].view(3, 4)       # shares base's storage with the views above
    sd["shared_b"] = base[48:]
    return sd


def expected(sd):
    entries, chunks, offset = [], [], 0
    for k, v in sd.items():
        values = v.detach().to(torch.float32).contiguous().reshape(-1)
        entries.append({"key": k, "shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", ""),
                        "offset": offset, "numel": values.numel()})
        chunks.append(values.numpy().astype("<f4").tobytes())
        offset += values.numel()
    return entries, b"".join(chunks)


def save_tar(sd, path, view_key=None):
    """Writes the pre-0.1.10 tar format, which torch can still read but no longer write (the original
    alexnet-owt-4df8aa71.pth is in it). Members as read by the tar branch of torch.serialization._legacy_load:
    storages (count; per storage (key, location, class) + int64 count + raw bytes; then views), tensors (count; per
    tensor (key, storage key, class) + int32 ndim + 4 pad bytes + int64 sizes, strides, offset) and pickle (the
    state dict, each tensor a persistent id string). If view_key names a tensor, its storage is written as a
    storage view (root key, element offset) to exercise that path."""
    storage_keys, storages, views, tensor_records = {}, [], [], []
    for index, (name, t) in enumerate(sd.items()):
        typed = t.storage()
        root = storage_keys.setdefault(typed.data_ptr(), 1000 + len(storage_keys))
        if root == 1000 + len(storages):
            storages.append((root, typed))
        storage_key, offset = root, t.storage_offset()
        if name == view_key:
            storage_key = 5000 + index
            span = 1 + sum((n - 1) * st for n, st in zip(t.shape, t.stride()))
            views.append((storage_key, root, offset, span))
            offset = 0
        tensor_records.append((index, storage_key, t, offset))

    def p(obj, f):
        pickle.dump(obj, f, protocol=2)

    members = []
    f = io.BytesIO()
    p(len(storages), f)
    for key, typed in storages:
        p((key, "cpu", getattr(torch, typed.pickle_storage_type())), f)
        whole = torch.empty(0, dtype=typed.dtype).set_(typed)  # a 1-D tensor over the entire storage
        f.write(struct.pack("<q", typed.size()))
        f.write(whole.view(torch.uint8).numpy().tobytes())
    p(views, f)
    members.append(("storages", f.getvalue()))

    f = io.BytesIO()
    p(len(tensor_records), f)
    for key, storage_key, t, offset in tensor_records:
        p((key, storage_key, torch.FloatTensor), f)
        f.write(struct.pack("<i", t.dim()) + b"\0\0\0\0")
        f.write(struct.pack("<%dq" % t.dim(), *t.shape))
        f.write(struct.pack("<%dq" % t.dim(), *t.stride()))
        f.write(struct.pack("<q", offset))
    members.append(("tensors", f.getvalue()))

    keys = {id(t): str(key) for key, _, t, _ in tensor_records}

    class StateDictPickler(pickle.Pickler):
        def persistent_id(self, obj):
            return keys.get(id(obj)) if torch.is_tensor(obj) else None

    f = io.BytesIO()
    StateDictPickler(f, protocol=2).dump(sd)
    members.append(("pickle", f.getvalue()))
    sys_info = dict(protocol_version=1000, little_endian=True, type_sizes=dict(short=2, int=4, long=8))
    members.insert(0, ("sys_info", pickle.dumps(sys_info, protocol=2)))

    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

    # The format is hand-written here, so prove that torch itself reads it back identically.
    loaded = torch.load(path)
    assert list(loaded.keys()) == list(sd.keys()), path
    for k, v in sd.items():
        assert loaded[k].dtype == v.dtype and torch.equal(loaded[k], v), (path, k)


def write_both(sd, out_dir, name, view_key=None):
    torch.save(sd, os.path.join(out_dir, name + ".zip.pth"))
    torch.save(sd, os.path.join(out_dir, name + ".legacy.pth"), _use_new_zipfile_serialization=False)
    save_tar(sd, os.path.join(out_dir, name + ".tar.pth"), view_key)
    entries, raw = expected(sd)
    with open(os.path.join(out_dir, name + ".expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "entries": entries}, f, indent=1)
        f.write("\n")
    with open(os.path.join(out_dir, name + ".expected.f32"), "wb") as f:
        f.write(raw)


def write_error_cases(out_dir):
    """Files that are valid PyTorch checkpoints but not something the reader accepts (or that need unwrapping)."""
    torch.manual_seed(2)
    for fmt, new_zip in (("zip", True), ("legacy", False)):
        def save(obj, name):
            torch.save(obj, os.path.join(out_dir, "%s.%s.pth" % (name, fmt)), _use_new_zipfile_serialization=new_zip)
        save(OrderedDict(weight=torch.randn(2, 2, dtype=torch.complex64)), "unsupported-dtype")
        save([torch.ones(2)], "not-a-state-dict")
        save({"epoch": 3, "state_dict": OrderedDict(w=torch.arange(4.0))}, "wrapped")


def write_full(out_dir):
    """A random-weight torchvision AlexNet in all three formats, plus per-key sums and a few samples."""
    import torchvision
    torch.manual_seed(2012)
    sd = torchvision.models.alexnet().state_dict()
    torch.save(sd, os.path.join(out_dir, "alexnet-random.zip.pth"))
    torch.save(sd, os.path.join(out_dir, "alexnet-random.legacy.pth"), _use_new_zipfile_serialization=False)
    save_tar(sd, os.path.join(out_dir, "alexnet-random.tar.pth"))
    summary = []
    for k, v in sd.items():
        flat = v.reshape(-1)
        picks = [0, flat.numel() // 3, flat.numel() - 1]
        summary.append({"key": k, "shape": list(v.shape), "sum": float(v.double().sum()),
                        "absSum": float(v.double().abs().sum()),
                        "samples": [[i, float(flat[i])] for i in picks]})
    with open(os.path.join(out_dir, "alexnet-random.summary.json"), "w") as f:
        json.dump(summary, f)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = args[0] if args else os.path.join(here, "..", "..", "test", "fixtures", "golden", "checkpoints")
    os.makedirs(out_dir, exist_ok=True)
    if "--full" in sys.argv:
        write_full(out_dir)
        return
    write_both(small_alexnet(), out_dir, "small-alexnet")
    write_both(odd_cases(), out_dir, "odd-cases", view_key="offset_slice")
    write_error_cases(out_dir)


if __name__ == "__main__":
    main()
