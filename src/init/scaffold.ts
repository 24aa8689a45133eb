import { CONFIG_FILE } from '../config/load.js';
import { REVIEW_FOLDER, XLIFF_FOLDER } from '../config/schema.js';

/** What `broadside init` writes before the translation files: paths relative to the new project. */
export interface ScaffoldFile {
  path: string;
  text: string;
}

export const EXAMPLE_STATEMENT = 'statements/our-statement.md';
export const WORKFLOW_FILE = '.github/workflows/broadside.yml';
export const GITIGNORE_FILE = '.gitignore';

/** Made again by Broadside whenever it is needed, so never committed. */
export const IGNORED = ['/dist/', `/${REVIEW_FOLDER}/`, `/${XLIFF_FOLDER}/`, '/release/', 'node_modules/'];

export interface ScaffoldOptions {
  /** The languages to translate into (canonical codes, the source language excluded). */
  langs: string[];
  githubActions: boolean;
  /** The example statement's date, YYYY-MM-DD. */
  date: string;
}

/** The configuration, the example statement and, if asked for, the workflow. Pure. */
export function scaffoldFiles(options: ScaffoldOptions): ScaffoldFile[] {
  const files = [
    { path: CONFIG_FILE, text: configText(options.langs) },
    { path: EXAMPLE_STATEMENT, text: exampleStatement(options.date) },
  ];
  if (options.githubActions) files.push({ path: WORKFLOW_FILE, text: WORKFLOW });
  return files;
}

function configText(langs: string[]): string {
  return [
    `# Broadside configuration; every option is described in Broadside's README.`,
    'sourceLanguage: en',
    'languages:',
    ...['en', ...langs].map((code) => `  - code: ${code}`),
    'output: dist',
    'pdf:',
    '  paper: a4 # or letter, legal, a5',
    '',
  ].join('\n');
}

function exampleStatement(date: string): string {
  return `---
title: Our Statement
organization: Our Organisation
date: ${date}
---

# Who we are <!-- #who-we-are -->

We are a group of people who publish one statement in several languages. <!-- #who -->

# How this file works <!-- #how-it-works -->

Write the statement in Markdown, one paragraph per passage. Each passage is translated on its own,
and the key at the end of its line keeps its translation attached when the wording changes. <!-- #passages -->
`;
}

const WORKFLOW = `# Made by \`broadside init\`. On every pull request: how complete each translation is, the
# translation checks as annotations on the changed lines, and a build of every statement and language.
# The job installs Broadside from package.json (\`npm install --save-dev broadside\`), so commit
# package.json and package-lock.json. Add --strict to the build to refuse publishing English in place
# of a missing or out-of-date translation.
name: broadside

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: npm
      - run: npm ci
      - run: npx broadside browser --install
      - run: npx broadside status
      - run: npx broadside check --format github
      - run: npx broadside build
      - uses: actions/upload-artifact@v4
        with:
          name: statements
          path: dist/
          if-no-files-found: error
`;

/** The lines of IGNORED that `existing` (a .gitignore's text) lacks, to append to it. */
export function missingIgnores(existing: string): string[] {
  const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  return IGNORED.filter((line) => !present.has(line));
}
