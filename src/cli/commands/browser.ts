import type { Command } from 'commander';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

export function registerBrowser(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('browser')
    .description('show which browser PDFs are printed with; --install gets one when there is none')
    .option('--install', 'download Chrome for Testing, or on Debian/Ubuntu as root apt-get install chromium, if no browser is found')
    .action(async (flags: { install?: boolean }) => {
      const { findBrowser, installBrowser, BROWSER_HELP } = await import('../../io/browser.js');
      const { loadConfig } = await import('../../io/project.js');
      const root = await project.find();
      const configured = root === undefined ? undefined : await loadConfig(root).then((c) => c.pdf.executablePath, () => undefined);
      if (flags.install) {
        const report = await installBrowser(proc.env, (line) => proc.stderr.write(`${line}\n`));
        proc.stdout.write(`${report.installed ? 'Installed' : 'Found'}: ${report.found.executablePath} (via ${report.found.via})\n`);
        return;
      }
      const found = await findBrowser(configured, proc.env);
      if (found) proc.stdout.write(`${found.executablePath} (via ${found.via})\n`);
      else {
        const { BrowserMissingError } = await import('../../errors.js');
        throw new BrowserMissingError('no browser found', undefined, BROWSER_HELP);
      }
    });
}
