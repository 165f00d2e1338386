import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMANDS } from '../../src/core/ids';
import { sniffDialect } from '../../src/core/dialects';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('contributes exactly the commands of the registry, all in category "ML Config"', () => {
    const contributed = pkg.contributes.commands as { command: string; category: string }[];
    assert.deepEqual(contributed.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
    for (const c of contributed) assert.equal(c.category, 'ML Config');
  });

  it('activates lazily on YAML/JSON and the panel, never on startup', () => {
    assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
    assert.ok(pkg.activationEvents.includes('onLanguage:json'));
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
    // The workbench opens jsonc models of its own (settings, keybindings) in every window.
    assert.ok(!pkg.activationEvents.includes('onLanguage:jsonc'));
  });

  it('keeps @types/vscode at the engines.vscode minimum', () => {
    const engine = String(pkg.engines.vscode).replace(/^\^/, '');
    const types = String(pkg.devDependencies['@types/vscode']).replace(/^[\^~]/, '');
    assert.equal(types, engine);
  });

  it('puts every setting under mlConfig.', () => {
    for (const key of Object.keys(pkg.contributes.configuration.properties ?? {})) {
      assert.match(key, /^mlConfig\./);
    }
  });
});

describe('sniffDialect', () => {
  it('recognises a PEFT adapter_config.json', () => {
    assert.equal(sniffDialect('{"peft_type": "LORA", "r": 8}'), 'peft');
  });
  it('recognises Axolotl', () => {
    assert.equal(sniffDialect('base_model: x\nadapter: lora\nmicro_batch_size: 2\n'), 'axolotl');
  });
  it('recognises LLaMA-Factory', () => {
    assert.equal(sniffDialect('stage: sft\nfinetuning_type: lora\nlora_target: all\n'), 'llamafactory');
  });
  it('recognises torchtune by nested _component_', () => {
    assert.equal(
      sniffDialect('model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n'),
      'torchtune',
    );
  });
  it('returns undefined for a non-config and for broken YAML', () => {
    assert.equal(sniffDialect('name: my-app\nversion: 2\n'), undefined);
    assert.equal(sniffDialect('key: [unclosed'), undefined);
    assert.equal(sniffDialect(''), undefined);
  });
});
