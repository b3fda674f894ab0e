// Distinct but valid variants of the plant-a example: another site name and domain, other
// addresses (the second octet of every 10.x network) and other MACs, so no run can reuse
// another's work.

/** Variant `i` (0 ≤ i < 65,536) of the plant-a example text. */
export function variantOf(example, i) {
  const hi = ((i >> 8) & 0xff).toString(16).padStart(2, '0');
  const lo = (i & 0xff).toString(16).padStart(2, '0');
  return example
    .replaceAll('plant-a', `plant-v${i}`)
    .replaceAll(/\b10\.(10|30|40|100|110)\.0\./g, (_, second) => `10.${second}.${i % 256}.`)
    .replaceAll(/"(3c|b4):(ec:ef|96:91):/g, (_, first) => `"${first}:${hi}:${lo}:`);
}

/** Writes `count` variants of the example into `dir`, returning their paths in order. */
export async function writeVariantFiles(example, count, dir) {
  const { writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, `site-${String(i).padStart(4, '0')}.yaml`);
    await writeFile(file, variantOf(example, i));
    files.push(file);
  }
  return files;
}
