/**
 * What the readers made of each file, kept from one build to the next (`preview`, `build --watch`):
 * a file is parsed again only when its text, or anything else its reading depends on, changed. Only
 * the latest reading of each file is kept.
 */
export class ReadCache {
  private readonly entries = new Map<string, { inputs: readonly unknown[]; value: unknown }>();

  /** `read()`'s value for `file`, made again only when one of `inputs` (compared with ===) differs from last time. */
  get<T>(file: string, inputs: readonly unknown[], read: () => T): T {
    const last = this.entries.get(file);
    if (last && last.inputs.length === inputs.length && last.inputs.every((input, i) => input === inputs[i])) return last.value as T;
    const value = read();
    this.entries.set(file, { inputs, value });
    return value;
  }
}
