import { compareText } from '../plan/artifacts.js';
import { MANIFEST_PATH } from '../writers/paths.js';
import { listedFiles, type Manifest, type ManifestFile } from './manifest.js';

export interface TreeProblem {
  kind: 'changed' | 'missing' | 'extra';
  path: string;
  /** For `changed`: what the manifest says and what is there. */
  expected?: ManifestFile;
  found?: ManifestFile;
}

/** What differs between a folder's files (path → size and hash) and its manifest, in path order. Pure. */
export function compareTree(manifest: Manifest, tree: ReadonlyMap<string, ManifestFile>): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const listed = new Set<string>();
  for (const expected of listedFiles(manifest)) {
    listed.add(expected.path);
    const found = tree.get(expected.path);
    if (!found) problems.push({ kind: 'missing', path: expected.path });
    else if (found.sha256 !== expected.sha256 || found.bytes !== expected.bytes) problems.push({ kind: 'changed', path: expected.path, expected, found });
  }
  for (const path of tree.keys()) {
    if (!listed.has(path) && path !== MANIFEST_PATH) problems.push({ kind: 'extra', path });
  }
  return problems.sort((a, b) => compareText(a.path, b.path));
}

export function describeProblem(problem: TreeProblem): string {
  switch (problem.kind) {
    case 'missing':
      return `missing: ${problem.path} (listed in the manifest, not in the folder)`;
    case 'extra':
      return `extra: ${problem.path} (in the folder, not in the manifest)`;
    case 'changed':
      return `changed: ${problem.path} (manifest: ${problem.expected!.bytes} bytes, sha256 ${problem.expected!.sha256.slice(0, 12)}…; found: ${problem.found!.bytes} bytes, sha256 ${problem.found!.sha256.slice(0, 12)}…)`;
  }
}
