import { VerifyError } from '../errors.js';
import { readManifest } from '../io/manifest-file.js';
import { hashTree } from '../io/tree.js';
import { compareTree, describeProblem, type TreeProblem } from '../manifest/compare.js';
import { listedFiles, type Manifest } from '../manifest/manifest.js';

export interface VerifyReport {
  dir: string;
  manifest: Manifest;
  /** Files the manifest lists. */
  checked: number;
  /** Each changed, missing or extra file, in path order; empty when the folder matches. */
  problems: TreeProblem[];
}

/** Re-hashes every file of a build or unpacked archive and compares the folder with its manifest.json. */
export async function verifyOutput(dir: string): Promise<VerifyReport> {
  const manifest = await readManifest(dir);
  const problems = compareTree(manifest, await hashTree(dir));
  return { dir, manifest, checked: listedFiles(manifest).length, problems };
}

/** The manifest of a folder that matches it; a VerifyError listing every problem otherwise. */
export async function requireIntact(dir: string): Promise<Manifest> {
  const report = await verifyOutput(dir);
  if (report.problems.length) throw verifyError(report);
  return report.manifest;
}

export function verifyError(report: VerifyReport): VerifyError {
  const list = report.problems.map((p) => `  ${describeProblem(p)}`).join('\n');
  return new VerifyError(
    `${report.dir} does not match its manifest.json (${report.problems.length} problem(s)):\n${list}`,
    undefined,
    'build again with `broadside build` (or unpack the archive again); never edit the output by hand.',
  );
}
