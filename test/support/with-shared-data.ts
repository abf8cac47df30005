// Runs a command with the product's data variables pointed at ../shared when it is there, e.g. the build
// that the end-to-end tests read: `tsx test/support/with-shared-data.ts observable build`.
import {spawnSync} from "node:child_process";
import {sharedDataEnv} from "./shared-data.ts";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx test/support/with-shared-data.ts COMMAND [ARGS…]");
  process.exit(2);
}
const run = spawnSync(command, args, {stdio: "inherit", env: {...sharedDataEnv(), ...process.env}});
process.exit(run.status ?? 1);
