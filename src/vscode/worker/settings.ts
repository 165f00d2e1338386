// The plain settings object a worker request carries, read from VS Code for one document, and the
// Hub fetch the host does for the worker (the worker never touches the network). Values of the wrong
// type fall back to their defaults here, so a request always passes the protocol check.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hfHubCacheDir } from '../../io/hf-cache';
import { fetchHubConfig, hubConfigUrl, type FetchLike } from '../../io/hub';
import { parseConfig } from '../../core/models/resolve';
import { resolveOptionsFor } from '../models';
import { settingsFor } from '../settings';
import { frameworkVersions, usedVersions } from '../frameworkVersions';
import type { ResolvedModel } from '../../core/models/types';
import type { DocumentSettings, ModelSettings } from './protocol';

/** The environment variables that locate the Hugging Face cache (huggingface_hub constants). */
const CACHE_ENV = ['HF_HUB_CACHE', 'HF_HOME', 'XDG_CACHE_HOME'];

const stringMap = (v: unknown): Record<string, string> =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string'))
    : {};

export function modelSettings(
  document: vscode.TextDocument | undefined,
  known: ReadonlyMap<string, ResolvedModel>,
): ModelSettings {
  const env = Object.fromEntries(
    CACHE_ENV.flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : [])),
  );
  const opts = resolveOptionsFor(document);
  return {
    cwd: opts.cwd,
    homeDir: os.homedir(),
    env,
    allowNetwork: opts.allowNetwork === true,
    known: Object.fromEntries(known),
    roots: [...(opts.roots ?? [])],
  };
}

export function documentSettings(
  document: vscode.TextDocument,
  choice: DocumentSettings['dialectChoice'],
  maxAnalysedChars: number,
  known: ReadonlyMap<string, ResolvedModel>,
): DocumentSettings {
  // One validated reader (src/core/settings.ts): a value of the wrong type falls back to its default with a warning.
  const cfg = settingsFor(document.uri);
  return {
    ...(choice ? { dialectChoice: choice } : {}),
    validationEnabled: cfg.validationEnabled,
    associations: stringMap(cfg.filesAssociations),
    maxDiagnostics: cfg.maxDiagnostics,
    // frameworkVersions: the setting > the workspace's Python environment > pins (src/vscode/frameworkVersions.ts).
    ...usedVersions(frameworkVersions().forDocument(document.uri)),
    maxAnalysedChars,
    ...(cfg.sweepTrainingConfig ? { trainingConfig: cfg.sweepTrainingConfig } : {}),
    models: modelSettings(document, known),
  };
}

/** A model's config.json from the Hub (or the copy cached by an earlier fetch); throws a one-line reason. */
export async function fetchFromHub(repoId: string, settings: ModelSettings): Promise<ResolvedModel> {
  const fetchImpl = globalThis.fetch as unknown as FetchLike | undefined;
  if (!fetchImpl) throw new Error('this runtime has no fetch()');
  const text = await fetchHubConfig(
    repoId,
    path.join(hfHubCacheDir(settings.env, settings.homeDir), 'ml-config-lens'),
    fetchImpl,
  );
  return { config: parseConfig(text, hubConfigUrl(repoId)), kind: 'hub', location: hubConfigUrl(repoId) };
}
