// vitest setup file: the product's data variables point at ../shared when it is there (an explicit setting wins).
import {sharedDataEnv} from "./shared-data.ts";

for (const [name, value] of Object.entries(sharedDataEnv())) process.env[name] ??= value;
