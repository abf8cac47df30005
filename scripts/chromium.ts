// One place for how we start headless Chromium here: the end-to-end tests, the benchmark and the screenshot script use it.
import {chromium, type Browser} from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Flags that work as root on a machine whose only network is loopback: without the background-networking ones
// Chromium keeps trying (and failing) to reach Google's services.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs]});
}
