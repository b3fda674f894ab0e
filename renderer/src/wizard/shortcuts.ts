// The wizard's keyboard shortcuts: Ctrl+S save, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo,
// Alt+PageDown / Alt+PageUp next and previous step. There is one undo history, the plan's:
// the plan's own text fields catch the undo keys themselves (they first hand over what was
// typed), and only inputs outside the plan (a path to open, a secret) keep the browser's undo.
import { STEPS } from '../../../main/core/validation/finding';
import type { SiteStore } from '../store/site-store';

export type HistoryMove = 'undo' | 'redo';

/** Undo or redo when the key press asks for it (Ctrl or Cmd with Z, Shift+Z or Y). */
export function historyMove(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): HistoryMove | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return undefined;
}

// Inputs without text of their own (switches, checkboxes, radios) leave the undo keys to the plan.
const NO_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

const hasOwnText = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  ((target instanceof HTMLInputElement && !NO_TEXT.has(target.type)) || target.tagName === 'TEXTAREA' || target.isContentEditable);

/** Handles one key press; true when it was a shortcut (the browser's own action is then prevented). */
export function onShortcut(e: KeyboardEvent, store: SiteStore): boolean {
  const state = store.getState();
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const index = STEPS.indexOf(state.step);
  const move = historyMove(e);
  let action: (() => unknown) | undefined;
  if (mod && key === 's') action = () => state.save();
  else if (move && !hasOwnText(e.target)) action = () => state[move]();
  else if (e.altKey && e.key === 'PageDown' && index < STEPS.length - 1) action = () => state.goTo(STEPS[index + 1]!);
  else if (e.altKey && e.key === 'PageUp' && index > 0) action = () => state.goTo(STEPS[index - 1]!);
  if (!action) return false;
  e.preventDefault();
  void action();
  return true;
}
