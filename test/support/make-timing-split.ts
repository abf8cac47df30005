// Writes a stand-in validation parquet of N rows (default 10,000) for timing the build-time evaluation and
// exercising the page's whole-dataset section offline: the 50 goldfish fixture JPEGs repeated, with labels
// spread over the 200 classes (50 per class, like the real split). The accuracies it produces mean nothing.
// Run: npx tsx test/support/make-timing-split.ts /tmp/valid-timing.parquet [rows]
import {writeFileSync} from "node:fs";
import {tinyImagenetParquet} from "./tiny-imagenet-parquet.ts";
import {readFixtureImages} from "../../src/lib/tiny-imagenet.ts";
import {GOLDFISH_FIXTURES_DIR} from "./shared-data.ts";

const [out = "/tmp/valid-timing.parquet", rowsArg = "10000"] = process.argv.slice(2);
const rows = Number(rowsArg);
const goldfish = await readFixtureImages(GOLDFISH_FIXTURES_DIR);
// 50 per class in label order, as in the real split (so the first 50 rows are the goldfish).
const perClass = 50;
const images = Array.from({length: rows}, (_, i) => ({bytes: goldfish[i % goldfish.length]!.bytes, path: `stand_in_${i}.JPEG`}));
const labels = Array.from({length: rows}, (_, i) => BigInt(Math.min(199, Math.floor(i / perClass))));
const buffer = tinyImagenetParquet(images.map((image, i) => ({...image, label: labels[i]!})));
writeFileSync(out, new Uint8Array(buffer));
console.log(`wrote ${out}: ${rows} rows, ${buffer.byteLength} bytes`);
