import { readFileSync } from 'node:fs';
import path from 'node:path';

export const HW = path.resolve(__dirname, '../../../fixtures/hw');

export function hw(file: string): string {
  return readFileSync(path.join(HW, file), 'utf8');
}
