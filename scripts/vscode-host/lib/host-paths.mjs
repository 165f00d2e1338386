// Where the installed host lives. The shell wrappers source ../env.sh (the single place that pins
// versions) and export these; running a driver directly without them is a usage error.
import { existsSync } from 'node:fs';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`error: ${name} is not set; run this through npm (npm run test:host / test:ui / start)`);
    process.exit(2);
  }
  return value;
}

export function hostPaths() {
  const paths = {
    node: required('HOST_NODE'),
    entry: required('CODE_SERVER_ENTRY'),
    chromium: required('CHROMIUM'),
  };
  for (const [what, p] of Object.entries(paths)) {
    if (!existsSync(p)) {
      console.error(`error: ${what} not found at ${p}; run bash scripts/vscode-host/install.sh`);
      process.exit(2);
    }
  }
  return paths;
}
