import type { Config } from '../config/schema.js';
import { BrowserMissingError } from '../errors.js';
import type { LocalizedStatement } from '../localize/localize.js';

export async function printPdfs(_docs: LocalizedStatement[], _files: Map<string, string>, _config: Config, _signal?: AbortSignal): Promise<Map<string, Uint8Array>> {
  throw new BrowserMissingError('PDF output is not available yet');
}
