import { isSeq, YAMLMap } from 'yaml';
import { ConfigError } from '../errors.js';
import { parseYamlSource } from '../readers/yaml-source.js';
import { stringifyLike } from '../yaml/stringify.js';
import { parseConfig } from './load.js';

/**
 * The configuration text with `- code: <code>` added at the end of `languages:`. Pure; edits the
 * YAML document in place so comments and layout stay as they were.
 */
export function addLanguageToConfig(text: string, file: string, code: string): string {
  const { doc } = parseYamlSource(text, file, 0, ConfigError);
  const languages = doc.get('languages', true);
  if (!isSeq(languages)) throw new ConfigError('`languages` must be a list', { file }, 'list each language as `- code: <code>` under `languages:`.');
  const entry = new YAMLMap();
  entry.set('code', code);
  languages.items.push(entry);
  const updated = stringifyLike(doc, text);
  parseConfig(updated, file);
  return updated;
}
