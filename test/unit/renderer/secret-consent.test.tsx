// Issue 12: a secret field on a computer without a key ring shows why storing is weak and sends
// allowPlainText only after the person ticked the checkbox (main refuses otherwise:
// test/unit/contract/plain-text-consent.test.ts).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  PLAIN_TEXT_CONSENT_LABEL,
  PlainTextConsent,
  secretSetInput,
} from '../../../renderer/src/steps/secret-field';
import { textOf } from './step-render';

const REASON = 'No system key ring is available on this computer (safeStorage backend "basic_text").';

describe('plain-text consent of a secret field', () => {
  it('names the checkbox as main does in its refusal', () => {
    expect(PLAIN_TEXT_CONSENT_LABEL).toBe('Store it without encryption');
  });

  it('shows the reason next to an unticked checkbox', () => {
    const html = renderToStaticMarkup(<PlainTextConsent id="c" reason={REASON} checked={false} onChange={() => {}} />);
    const box = /<input[^>]*type="checkbox"[^>]*>/.exec(html)?.[0];
    expect(box).toBeDefined();
    expect(box).not.toMatch(/\bchecked=""/);
    expect(textOf(html)).toContain(PLAIN_TEXT_CONSENT_LABEL);
    expect(textOf(html)).toContain(REASON);
    expect(html).toContain('data-testid="secret-plain-text-consent"');
  });

  it('is ticked only when the person ticked it', () => {
    const html = renderToStaticMarkup(<PlainTextConsent id="c" reason={REASON} checked onChange={() => {}} />);
    expect(/<input[^>]*type="checkbox"[^>]*>/.exec(html)?.[0]).toMatch(/\bchecked=""/);
  });

  it('sends allowPlainText only with consent', () => {
    expect(secretSetInput('bmc-acp-1', 'x', false)).toEqual({ name: 'bmc-acp-1', value: 'x' });
    expect(secretSetInput('bmc-acp-1', 'x', true)).toEqual({ name: 'bmc-acp-1', value: 'x', allowPlainText: true });
  });
});
