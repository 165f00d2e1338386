// One registry for the ids the extension contributes in package.json. A unit test checks that
// package.json and this table agree, so a renamed command cannot silently break a keybinding.

export const COMMANDS = {
  showDialect: 'mlConfig.showDialect',
} as const;

export const SETTINGS_PREFIX = 'mlConfig';

export const SETTINGS = {} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
