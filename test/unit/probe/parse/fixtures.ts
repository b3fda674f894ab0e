import { readFileSync } from 'node:fs';
import path from 'node:path';

export const HW = path.resolve(__dirname, '../../../fixtures/hw');

export function hw(file: string): string {
  return readFileSync(path.join(HW, file), 'utf8');
}

/** One section of a capture, framed as the collection script prints it. */
export function captureSection(nonce: string, name: string, stdout: string, rc = 0, stderr = ''): string {
  return `=====SITEKIT-BEGIN ${nonce} ${name}=====\n${stdout}\n=====SITEKIT-STDERR ${nonce} ${name}=====\n${stderr}\n=====SITEKIT-END ${nonce} ${name} rc=${rc}=====\n`;
}

/** A whole capture: the header with the script version and nonce, the sections, the end line. */
export function captureText(nonce: string, sections: readonly string[], version = '1'): string {
  return `=====SITEKIT-CAPTURE v${version} ${nonce}=====\n${sections.join('')}=====SITEKIT-DONE ${nonce}=====\n`;
}
