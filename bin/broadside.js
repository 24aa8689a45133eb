#!/usr/bin/env node
import { main } from '../build/bundle/main.js';

process.exitCode = await main(process.argv.slice(2), process);
