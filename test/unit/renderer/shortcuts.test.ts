// The undo keys, read the same way by the window and by the plan's text fields, so Ctrl+Z
// anywhere moves in the one history of the plan.
import { describe, expect, it } from 'vitest';
import { historyMove } from '../../../renderer/src/wizard/shortcuts';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('undo keys', () => {
  it('reads Ctrl+Z as undo, Ctrl+Shift+Z and Ctrl+Y as redo, with Cmd on a Mac', () => {
    expect(historyMove(press('z', { ctrl: true }))).toBe('undo');
    expect(historyMove(press('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(historyMove(press('y', { ctrl: true }))).toBe('redo');
    expect(historyMove(press('z', { meta: true }))).toBe('undo');
    expect(historyMove(press('z', { meta: true, shift: true }))).toBe('redo');
  });

  it('leaves plain letters and other combinations alone', () => {
    expect(historyMove(press('z'))).toBeUndefined();
    expect(historyMove(press('Z', { shift: true }))).toBeUndefined();
    expect(historyMove(press('z', { ctrl: true, alt: true }))).toBeUndefined();
    expect(historyMove(press('s', { ctrl: true }))).toBeUndefined();
  });
});
