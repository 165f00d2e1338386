// `npm start`: code-server on 127.0.0.1 with the packaged extension installed into a throwaway
// extensions dir and a temporary copy of examples/ open (autosave off; edits, Apply and Save change
// the copy, never the repository). Prints the address and runs until Ctrl-C, then stops the server
// it started (by its process group) and removes its temporary state, the copy included.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { hostPaths } from './lib/host-paths.mjs';
import { startServer } from './lib/server.mjs';
import { workbenchUrl } from './lib/browser.mjs';
import { useScratchTmp } from '../lib/scratch-tmp.mjs';

const root = resolve(import.meta.dirname, '../..');
const vsix = resolve(root, 'ml-config-lens.vsix');
const examples = resolve(root, 'examples');

if (!existsSync(vsix)) {
  console.error(`error: ${vsix} is missing; run npm run package first`);
  process.exit(2);
}
const port = process.env.PORT ? Number(process.env.PORT) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`error: PORT=${process.env.PORT} is not a TCP port number`);
  process.exit(2);
}
useScratchTmp('start');
const server = await startServer(hostPaths(), { vsix, port, workspace: examples });
let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server…');
  await server.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));

console.log('');
console.log('ML Config Lens is running in VS Code (code-server) with the example workspace:');
console.log(`  ${workbenchUrl(server, server.workspace)}`);
console.log(
  `The workspace is a copy of examples/ in ${server.workspace}: changes there are discarded at Ctrl-C.`,
);
console.log('Open that address in a browser on this machine; press Ctrl-C to stop.');
// Stay alive until a signal arrives; if the server dies on its own, say so and exit.
const how = await server.exited;
if (!stopping) {
  console.error(
    `error: code-server exited unexpectedly (${how}); set MLCONFIG_KEEP_RUN=1 to keep ${server.logFile}`,
  );
  await stop(1);
}
