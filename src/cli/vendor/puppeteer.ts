import * as puppeteerBrowsers from '@puppeteer/browsers';
import * as puppeteerCore from 'puppeteer-core';

/**
 * Puppeteer, bundled apart from the CLI (build/bundle/vendor/puppeteer.cjs) because it is two
 * thirds of the code and only PDF work needs it: bin/broadside.cjs hands these packages to the
 * CLI bundle when it first requires one of them.
 */
export const packages: Record<string, unknown> = { '@puppeteer/browsers': puppeteerBrowsers, 'puppeteer-core': puppeteerCore };
