/**
 * Benchmark: how fast the built-in detectors scan text, in MB/s, through the same code path a
 * tool result takes (guardValue: JSON walk, decoded views, detection, redaction). The text is
 * the evaluation corpora's benign samples (prose, tickets, code, tool descriptions, look-alike
 * tokens), repeated into result-sized messages, so the figure is for realistic text that is
 * mostly clean, as tool traffic is. The end-to-end cost per call is the gateway-guarded target
 * of the data-plane benchmark.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Detector } from '../gateway/config/schema-types.generated.ts';
import { redactingGuardrail, type CompiledGuardrail } from '../gateway/guardrails/guardrail-set.ts';
import { guardValue } from '../gateway/guardrails/guard-value.ts';
import { repoRoot } from '../test/support/run-cli.ts';

const corpusFiles = ['injection-negative.jsonl', 'secrets-negative.jsonl', 'pii-negative.jsonl'];
const messageBytes = 64 * 1024;
const minimumMs = 1500;

async function benignText(): Promise<string> {
  const texts: string[] = [];
  for (const file of corpusFiles) {
    const content = await readFile(path.join(repoRoot, 'test', 'guardrail-corpus', file), 'utf8');
    for (const line of content.split('\n')) if (line.trim() !== '') texts.push((JSON.parse(line) as { text: string }).text);
  }
  return texts.join('\n\n');
}

function messages(text: string): { content: { type: 'text'; text: string }[] }[] {
  const out: { content: { type: 'text'; text: string }[] }[] = [];
  for (let offset = 0; offset + messageBytes <= text.length; offset += messageBytes) out.push({ content: [{ type: 'text', text: text.slice(offset, offset + messageBytes) }] });
  return out;
}

function guardrail(id: string, detector: Detector): CompiledGuardrail {
  return redactingGuardrail(id, detector, 'bench');
}

function throughput(rules: readonly CompiledGuardrail[], batch: readonly unknown[], bytes: number): { mbPerSecond: number; findings: number } {
  let scanned = 0;
  let findings = 0;
  const started = performance.now();
  while (performance.now() - started < minimumMs) {
    for (const message of batch) findings += guardValue(rules, message).verdicts.reduce((sum, verdict) => sum + verdict.findings, 0);
    scanned += bytes;
  }
  return { mbPerSecond: scanned / 1e6 / ((performance.now() - started) / 1000), findings };
}

/** benchGuardrailThroughput prints MB/s per built-in detector and for the default set together. */
export async function benchGuardrailThroughput(): Promise<void> {
  let text = await benignText();
  while (text.length < 2 * 1024 * 1024) text += '\n\n' + text;
  const batch = messages(text).slice(0, 32);
  const bytes = batch.length * messageBytes;
  const detectors: [string, Detector][] = [
    ['secrets', { type: 'secrets' }],
    ['pii', { type: 'pii' }],
    ['injection', { type: 'injection' }],
  ];
  console.log(`guardrail throughput (${batch.length} results of ${messageBytes / 1024} KiB of benign corpus text, redact mode):`);
  for (const [name, detector] of detectors) {
    const { mbPerSecond } = throughput([guardrail(name, detector)], batch, bytes);
    console.log(`  ${name.padEnd(28)}${mbPerSecond.toFixed(1)} MB/s`);
  }
  const all = throughput(detectors.map(([name, detector]) => guardrail(name, detector)), batch, bytes);
  console.log(`  ${'secrets + pii + injection'.padEnd(28)}${all.mbPerSecond.toFixed(1)} MB/s`);
}
