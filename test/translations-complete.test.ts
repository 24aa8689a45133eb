import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/io/project.js';
import { interfaceStatuses, segmentStatuses } from '../src/localize/statuses.js';
import { REPO } from './helpers.js';

const project = await loadProject(REPO);
const targets = project.config.languages.map((l) => l.code).filter((code) => code !== project.config.sourceLanguage);

describe.each(targets)('the shipped %s translation', (lang) => {
  const translation = project.translations.get(lang);

  it('exists', () => {
    expect(translation?.file).toBe(`translations/${lang}.yaml`);
  });

  it.each(project.statements.map((s) => [s.id, s] as const))('translates every segment of %s from its current source', (_id, statement) => {
    const notDone = segmentStatuses(statement, translation).filter((u) => u.state !== 'translated');
    expect(notDone.map((u) => `${u.key}: ${u.state}`)).toEqual([]);
  });

  it('translates every interface string from its current source', () => {
    const notDone = interfaceStatuses(project.interfaceStrings, translation).filter((u) => u.state !== 'translated');
    expect(notDone.map((u) => `${u.key}: ${u.state}`)).toEqual([]);
  });

  it('keeps every {{placeholder}} of the interface strings', () => {
    for (const unit of interfaceStatuses(project.interfaceStrings, translation)) {
      const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
      expect(placeholders(unit.entry!.text), unit.key).toEqual(placeholders(unit.source));
    }
  });
});
