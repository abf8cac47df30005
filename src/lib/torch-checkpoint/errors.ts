/**
 * The one error type every checkpoint problem is reported with. The message is always a single line that
 * starts with the file name, so a build log shows at once which file is wrong and why.
 */
export class CheckpointError extends Error {
  constructor(fileName: string, problem: string) {
    super(`${fileName}: ${problem}`.replace(/\s*\n\s*/g, " "));
    this.name = "CheckpointError";
  }
}

/** Turns anything thrown by a library into a one-line description (no stack, no newlines). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, " ").trim();
}
