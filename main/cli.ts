#!/usr/bin/env node
// The headless command line (cli-contract.md). Built to dist/cli.js at install time.
import { runCli } from './cli/run';

const code = await runCli({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr });
process.exitCode = code;
