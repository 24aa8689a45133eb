import { CHECK_IDS, type CheckSetting } from './catalog.js';
import { CHECKS } from './index.js';
import type { Subject } from './subject.js';
import { withTerminology } from './terminology.js';
import { selectStatements, type Project } from '../model/project.js';
import type { Language } from '../localize/language.js';
import { interfaceStatuses, obsoleteEntries, segmentStatuses, type UnitStatus } from '../localize/statuses.js';
import type { Finding } from '../model/finding.js';
import type { Statement } from '../model/statement.js';
import { translatedLanguages } from '../model/translated-languages.js';

export interface CheckOptions {
  statements?: string[];
  langs?: string[];
}

export interface CheckReport {
  /** The languages checked, in configuration order. */
  languages: string[];
  /** In file order: by language, then line and column. */
  findings: Finding[];
  errors: number;
  warnings: number;
}

/** Runs every check on the selected translations. Pure: the project is already loaded. */
export function checkTranslations(project: Project, options: CheckOptions = {}): CheckReport {
  const statements = selectStatements(project, options.statements ?? []);
  const languages = translatedLanguages(project.config, options.langs ?? []);
  const settings = project.config.checks;
  const findings = languages.flatMap((language) =>
    withTerminology(project.terms, project.config.sourceLanguage, language, subjectsOf(project, statements, language))
      .flatMap((subject) => CHECK_IDS.filter((id) => !subject.entry?.ignore?.includes(id)).flatMap((id) => configured(CHECKS[id](subject), settings[id])))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { languages: languages.map((l) => l.code), findings, errors, warnings: findings.length - errors };
}

function configured(findings: Finding[], setting: CheckSetting | undefined): Finding[] {
  if (setting === 'off') return [];
  return setting ? findings.map((f) => ({ ...f, severity: setting })) : findings;
}

/** Everything one language's file is checked for: interface strings, then each statement's segments and leftovers. */
function subjectsOf(project: Project, statements: Statement[], language: Language): Subject[] {
  const translation = project.translations.get(language.code);
  const file = translation?.file ?? `${project.config.translations}/${language.code}.yaml`;
  const sectionAt = (section: string): Subject['sectionAt'] => translation?.sections?.get(section) ?? { line: 1, column: 1 };
  const live = (unit: UnitStatus, section: string, statement?: string): Subject => ({
    language,
    file,
    statement,
    key: unit.key,
    section,
    state: unit.state,
    current: unit.source,
    entry: unit.entry,
    sectionAt: sectionAt(section),
  });

  const subjects = interfaceStatuses(project.interfaceStrings, translation).map((unit) => live(unit, 'interface'));
  for (const entry of translation?.interface.values() ?? []) {
    if (!project.interfaceStrings.strings.has(entry.key)) subjects.push({ language, file, key: entry.key, section: 'interface', state: 'obsolete', entry, sectionAt: sectionAt('interface') });
  }
  for (const statement of statements) {
    const section = `statements.${statement.id}`;
    subjects.push(...segmentStatuses(statement, translation).map((unit) => live(unit, section, statement.id)));
    for (const entry of obsoleteEntries(statement, translation)) {
      const kept = translation?.obsolete.get(statement.id)?.get(entry.key) === entry;
      const where = kept ? `obsolete.${statement.id}` : section;
      subjects.push({ language, file, statement: statement.id, key: entry.key, section: where, state: 'obsolete', entry, sectionAt: sectionAt(where) });
    }
  }
  return subjects;
}
