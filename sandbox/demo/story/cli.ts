/**
 * `tsx sandbox/demo/story/cli.ts`: makes sure today's demo story exists in .sandbox-data/demo/ and
 * prints its path last (the tests run it in a child process; see ensureStoryStateInChild).
 */
import path from 'node:path';
import { ensureStoryState } from './cache';

const ROOT = path.resolve(__dirname, '..', '..', '..');

ensureStoryState(ROOT)
  .then(({ file, figures }) => {
    if (figures) console.log(`Generated the demo story in ${(figures.ms / 1000).toFixed(1)}s: ${JSON.stringify(figures)}`);
    console.log(file);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
