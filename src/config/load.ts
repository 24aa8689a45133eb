import { ConfigError } from '../errors.js';
import { parseYamlSource, validateYaml } from '../readers/yaml-source.js';
import { ConfigSchema, type Config } from './schema.js';

export const CONFIG_FILE = 'broadside.yaml';

const HINT = `a minimal ${CONFIG_FILE}:\nsourceLanguage: en\nlanguages:\n  - code: en\n  - code: he`;

/** Parses and validates the configuration text. Pure; the caller reads the file. */
export function parseConfig(text: string, file = CONFIG_FILE): Config {
  const yaml = parseYamlSource(text, file, 0, ConfigError);
  return validateYaml(yaml, ConfigSchema, 'configuration', HINT, ConfigError);
}
