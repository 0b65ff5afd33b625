import { describe, expect, it } from 'vitest';
import { Telephony } from '../telephony.js';
import { fillTemplate, unknownPlaceholders } from './templates.js';

describe('unknownPlaceholders: what a say or text may not use', () => {
  it.each<[string, string[]]>([
    ['no placeholders', []],
    ['{{match.0}} {{match.1}} {{match.9}}', []],
    ['{{call.to}} {{call.from}} {{call.id}} {{call.agentId}}', []],
    ['{{ match.1 }} and {{   call.to   }}, spaced', []],
    ['{{match.10}}: one digit only', ['match.10']],
    ['{{match.x}}', ['match.x']],
    ['{{call.toll}}', ['call.toll']],
    ['{{my.call.to}}', ['my.call.to']],
    ['{{call.status}}', ['call.status']],
    ['{{ caller.name }} and {{nope}}', ['caller.name', 'nope']],
    ['{{}}', ['']],
  ])('%s → %j', (text, unknown) => {
    expect(unknownPlaceholders(text)).toEqual(unknown);
  });
});

describe('fillTemplate: what the callee says or texts', () => {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: 0 });
  const agent = telephony.agents.create('demo', { name: 'Bistro' });
  const call = telephony.calls.create('demo', '+15005550100', { to: '+14155550123', agentId: agent.id });
  const captures = ['at 8 pm', '8', ''];

  it.each<[string, string]>([
    ['{{match.1}} pm works', '8 pm works'],
    ['heard "{{ match.0 }}"', 'heard "at 8 pm"'],
    ['[{{match.2}}] a group that did not match', '[] a group that did not match'],
    ['[{{match.7}}] a group the pattern does not have', '[] a group the pattern does not have'],
    ['{{call.to}} calls {{call.from}}', '+14155550123 calls +15005550100'],
    ['call {{call.id}} by {{call.agentId}}', `call ${call.id} by ${agent.id}`],
    ['{{call.status}} stays as written', '{{call.status}} stays as written'],
  ])('%s → %s', (template, text) => {
    expect(fillTemplate(template, captures, call)).toBe(text);
  });
});
