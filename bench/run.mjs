#!/usr/bin/env node
// Runs every figure module in bench/figures/ (in name order) and prints one line per figure:
// `<name>: <value> <unit>`. A figure module default-exports an async function returning
// [{ name, value, unit }]. `node bench/run.mjs validate` runs only modules whose file name
// contains "validate".
import { readdir } from 'node:fs/promises';

const dir = new URL('./figures/', import.meta.url);
const filters = process.argv.slice(2);
const modules = (await readdir(dir))
  .filter((name) => name.endsWith('.mjs'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

let failed = false;
for (const name of modules) {
  const { default: measure } = await import(new URL(name, dir).href);
  try {
    for (const figure of await measure()) console.log(`${figure.name}: ${format(figure.value)} ${figure.unit}`);
  } catch (error) {
    failed = true;
    console.error(`${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;

function format(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return String(Math.round(value));
  // Trim trailing zeros of the fraction only: 99.97 → "100", not "1".
  const text = value.toPrecision(3);
  return text.includes('.') && !text.includes('e') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
