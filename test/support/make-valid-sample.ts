// Writes valid-sample.parquet: four rows in the Hugging Face zh-plus/tiny-imagenet layout
// (image struct<bytes, path>, label int64, ClassLabel names in the `huggingface` key-value metadata, snappy pages),
// so the tests exercise the real reading path. Two rows are real goldfish JPEGs from the development fixtures.
// Run: npx tsx test/support/make-valid-sample.ts
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {tinyImagenetParquet} from "./tiny-imagenet-parquet.ts";
import {parseWnidList, syntheticGoldfish} from "../../src/lib/tiny-imagenet.ts";
import {GOLDFISH_FIXTURES_DIR as FIXTURES_DIR} from "./shared-data.ts";

const wnids = parseWnidList(readFileSync(join(FIXTURES_DIR, "wnids.txt"), "utf8"));
const jpeg = (name: string) => new Uint8Array(readFileSync(join(FIXTURES_DIR, "val/images", name)));
const [drawing] = syntheticGoldfish(1, 7);
const rows = [
  {bytes: jpeg("val_68.JPEG"), path: "val_68.JPEG", label: 0n},
  {bytes: jpeg("val_611.JPEG"), path: null, label: 0n},
  {bytes: drawing.bytes, path: "drawing.png", label: 199n},
  {bytes: drawing.bytes, path: null, label: 3n}
];
const buffer = tinyImagenetParquet(rows, {classNames: wnids});
writeFileSync(new URL("../fixtures/tiny-imagenet/valid-sample.parquet", import.meta.url), new Uint8Array(buffer));
console.log(`wrote valid-sample.parquet (${buffer.byteLength} bytes)`);
